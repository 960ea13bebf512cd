/*
 * Two server processes, A and B, sharing Postgres and Redis (one pair for the whole
 * group; a test that kills a node leaves it to the next test's `ensure` to restart).
 * Facts cross nodes, commands are forwarded to the actor's owner, and a dashboard
 * whose node died catches up from another node by sequence.
 */
import { test } from '@japa/runner'
import { connect, createStore, journal, newCommandId, send, waitFor } from '#tests/realtime/support'
import { clusterForGroup, eventually, sleep } from './nodes.js'
import { actorRow, connectRecording, factsOf, leaseOf, storeEvents } from './helpers.js'

test.group('cluster: two nodes sharing Postgres and Redis', (group) => {
  const cluster = clusterForGroup(group)

  test("a dashboard on B sees a terminal on A, and B's manager command reaches the terminal on A", async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    const [urlA, urlB] = await cluster.ensure('A', 'B')
    const store = await createStore(1)
    const terminal = store.terminals[0]!

    const dashboard = await connect({ token: store.managerToken, storeId: store.storeId }, urlB)
    cleanup(() => void dashboard.close())

    // Presence: the terminal connects to A; the fact is pushed to the dashboard on B.
    const online = waitFor(dashboard, 'terminal.presenceChanged', (f) => f.data.terminalId === terminal.terminalId && f.data.presence === 'online', 8_000)
    const pos = await connect({ deviceKey: terminal.deviceKey }, urlA)
    cleanup(() => void pos.close())
    const onlineFact = await online
    assert.equal(onlineFact.storeId, store.storeId)
    assert.equal(onlineFact.data.name, 'Counter 1')

    // The terminal's first contact placed the store actor on A.
    assert.equal((await leaseOf(store.tenantId, 'store', store.storeId))?.nodeId, cluster.nodeId('A'))

    // A terminal command on A changes the roster; B's dashboard sees the new depth.
    const depth = waitFor(dashboard, 'terminal.presenceChanged', (f) => f.data.terminalId === terminal.terminalId && f.data.outboxDepth === 4, 8_000)
    const reported = await send(pos, 'terminal.reportOutbox', { commandId: newCommandId(), clientSeq: 1, depth: 4 })
    assert.isTrue(reported.ok, JSON.stringify(reported))
    const depthFact = await depth
    assert.equal(depthFact.seq, reported.data.storeSeq)
    assert.isAbove(depthFact.seq, onlineFact.seq)

    // A manager command on B (the store actor lives on A) reaches the terminal on A as a fact.
    const opened = waitFor(pos, 'store.opened', () => true, 8_000)
    const open = await send(dashboard, 'store.open', { commandId: newCommandId(), storeId: store.storeId })
    assert.isTrue(open.ok, JSON.stringify(open))
    const openedFact = await opened
    assert.equal(openedFact.storeId, store.storeId)
    assert.equal(openedFact.data.by, store.managerId)
    assert.equal(openedFact.seq, open.data.storeSeq)
  }).timeout(45_000)

  test('a command sent to the node that does not own the actor is run by the owner: no takeover, applied once', async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    const [urlA, urlB] = await cluster.ensure('A', 'B')
    const store = await createStore(0)
    const auth = { token: store.managerToken, storeId: store.storeId }
    const managers = { A: await connect(auth, urlA), B: await connect(auth, urlB) }
    cleanup(() => {
      managers.A.close()
      managers.B.close()
    })

    // After a first command, the lease says which node owns the store actor.
    const open = await send(managers.A, 'store.open', { commandId: newCommandId(), storeId: store.storeId })
    assert.isTrue(open.ok, JSON.stringify(open))
    const placed = await leaseOf(store.tenantId, 'store', store.storeId)
    assert.isNotNull(placed, 'the first command left no lease')
    const owner = (['A', 'B'] as const).find((name) => cluster.nodeId(name) === placed!.nodeId)
    assert.isDefined(owner, `the lease names neither node: ${JSON.stringify(placed)}`)
    const other = owner === 'A' ? 'B' : 'A'

    // A command through the other node, which must forward it to the owner.
    const close = { commandId: newCommandId(), storeId: store.storeId }
    const closed = await send(managers[other], 'store.close', close)
    assert.isTrue(closed.ok, JSON.stringify(closed))
    assert.equal(closed.data.status, 'applied')

    // Same owner, same epoch: the other node neither took the actor over nor wrote with its own epoch.
    assert.deepEqual(await leaseOf(store.tenantId, 'store', store.storeId), placed)
    assert.equal((await actorRow(store.tenantId, 'store', store.storeId))?.epoch, placed!.epoch)

    // A retry through the other node answers the stored result; the journal holds the command once.
    const again = await send(managers[other], 'store.close', close)
    assert.isTrue(again.ok, JSON.stringify(again))
    assert.equal(again.data.status, 'duplicate')
    assert.equal(again.data.actorSeq, closed.data.actorSeq)
    const entries = await journal(store, 'store', store.storeId)
    assert.deepEqual(
      entries.filter((e) => e.command_id === close.commandId).map((e) => ({ seq: e.seq, type: e.event_type })),
      [{ seq: closed.data.actorSeq, type: 'store.close' }]
    )
    assert.deepEqual(entries.map((e) => e.event_type), ['store.open', 'store.close'])
    assert.deepEqual(await leaseOf(store.tenantId, 'store', store.storeId), placed)
  }).timeout(45_000)

  test('commands a terminal pipelines through the non-owner node are applied in clientSeq order', async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    const [urlA, urlB] = await cluster.ensure('A', 'B')
    const store = await createStore(1)
    // The manager's command on A places the store actor there; the terminal talks to B.
    const manager = await connect({ token: store.managerToken, storeId: store.storeId }, urlA)
    cleanup(() => void manager.close())
    const open = await send(manager, 'store.open', { commandId: newCommandId(), storeId: store.storeId })
    assert.isTrue(open.ok, JSON.stringify(open))
    const placed = await leaseOf(store.tenantId, 'store', store.storeId)
    assert.equal(placed?.nodeId, cluster.nodeId('A'))
    const pos = await connect({ deviceKey: store.terminals[0]!.deviceKey }, urlB)
    cleanup(() => void pos.close())

    // 30 commands at once (within the per-socket rate limit), in clientSeq order on the wire.
    const commands = Array.from({ length: 30 }, (_, i) => ({ commandId: newCommandId(), clientSeq: i + 1, depth: i + 1 }))
    const acks = await Promise.all(commands.map((command) => send(pos, 'terminal.reportOutbox', command)))
    assert.deepEqual(
      acks.flatMap((ack, i) => (ack.ok ? [] : [`clientSeq ${i + 1}: ${ack.error.code} ${ack.error.message}`])),
      [],
      'pipelined commands were refused'
    )
    const entries = (await journal(store, 'store', store.storeId)).filter((e) => e.event_type === 'terminal.outboxReported')
    assert.deepEqual(entries.map((e) => e.event.depth), commands.map((c) => c.depth))
    assert.deepEqual(await leaseOf(store.tenantId, 'store', store.storeId), placed)
  }).timeout(45_000)

  test('a dashboard reconnecting while the store keeps changing gets each fact after lastStoreSeq once, in order', async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    const [urlA, urlB] = await cluster.ensure('A', 'B')
    const store = await createStore(4)
    const terminals = await Promise.all(store.terminals.map((t) => connect({ deviceKey: t.deviceKey }, urlA)))
    let writing = true
    cleanup(() => {
      writing = false
      terminals.forEach((socket) => socket.close())
    })

    // Four terminals keep changing the store (each under its rate limit).
    const writers = terminals.map(async (socket) => {
      let clientSeq = 0
      while (writing) {
        const command = { commandId: newCommandId(), clientSeq: ++clientSeq, depth: clientSeq }
        for (let ack = await send(socket, 'terminal.reportOutbox', command); writing && !ack.ok; ack = await send(socket, 'terminal.reportOutbox', command)) {
          if (ack.error.code !== 'E_RATE_LIMITED') throw new Error(JSON.stringify(ack))
          await sleep(50)
        }
        await sleep(50)
      }
    })

    const violations: string[] = []
    // The race is a few milliseconds wide: many short reconnections (stopping at the third miss).
    for (let round = 0; round < 25 && violations.length < 3; round++) {
      const latest = (await storeEvents(store.tenantId, store.storeId)).at(-1)?.seq ?? 0
      const lastStoreSeq = Math.max(0, latest - 3)
      const via = round % 2 ? 'A' : 'B'
      const dashboard = await connectRecording(via === 'A' ? urlA : urlB, { token: store.managerToken, storeId: store.storeId, lastStoreSeq })
      await sleep(150)
      dashboard.socket.close()
      const seqs = factsOf(dashboard.received).map((r) => r.payload.seq as number)
      const expected = Array.from({ length: seqs.length }, (_, i) => lastStoreSeq + 1 + i)
      if (seqs.length < 3 || seqs.some((seq, i) => seq !== expected[i])) violations.push(`lastStoreSeq ${lastStoreSeq} via ${via}: received ${seqs.join(', ')}`)
    }
    writing = false
    await Promise.all(writers)
    assert.deepEqual(violations, [], 'a reconnecting dashboard received facts out of order, twice, or with gaps')
  }).timeout(45_000)

  test('a dashboard whose node was SIGKILLed reconnects to another node with lastStoreSeq and gets every missed fact once, in order', async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    const [urlA, urlB] = await cluster.ensure('A', 'B')
    const store = await createStore(1)
    const dashboardAuth = { token: store.managerToken, storeId: store.storeId }

    const first = await connectRecording(urlB, dashboardAuth)
    cleanup(() => void first.socket.close())
    const pos = await connect({ deviceKey: store.terminals[0]!.deviceKey }, urlA)
    const manager = await connect(dashboardAuth, urlA)
    cleanup(() => {
      pos.close()
      manager.close()
    })
    let clientSeq = 0
    const report = async (depth: number) => {
      const ack = await send(pos, 'terminal.reportOutbox', { commandId: newCommandId(), clientSeq: ++clientSeq, depth })
      assert.isTrue(ack.ok, JSON.stringify(ack))
      return ack.data.storeSeq as number
    }

    // Live on B: the terminal's presence facts, then three depth changes.
    let lastSeq = 0
    for (const depth of [1, 2, 3]) lastSeq = await report(depth)
    const seenBefore = await eventually(() => {
      const seqs = factsOf(first.received).map((r) => r.payload.seq as number)
      return seqs.includes(lastSeq) ? seqs : undefined
    }, 'the live facts on B')
    assert.deepEqual(seenBefore, Array.from({ length: lastSeq }, (_, i) => i + 1))

    // B dies; the store keeps changing through A.
    const dropped = new Promise<string>((resolve) => first.socket.once('disconnect', (reason) => resolve(reason)))
    await cluster.kill('B')
    assert.equal(await dropped, 'transport close')
    for (const depth of [4, 5, 6, 7, 8]) await report(depth)
    const open = await send(manager, 'store.open', { commandId: newCommandId(), storeId: store.storeId })
    assert.isTrue(open.ok, JSON.stringify(open))
    for (const depth of [0, 9]) await report(depth)
    const missed = (await storeEvents(store.tenantId, store.storeId)).filter((e) => e.seq > lastSeq)
    assert.lengthOf(missed, 8)

    // The dashboard comes back on A, saying what it saw last.
    const second = await connectRecording(urlA, { ...dashboardAuth, lastStoreSeq: lastSeq })
    cleanup(() => void second.socket.close())
    const latest = missed.at(-1)!.seq
    await eventually(() => factsOf(second.received).some((r) => r.payload.seq === latest), 'the catch-up facts', 5_000).catch(() => undefined)
    const caughtUp = factsOf(second.received)
    assert.deepEqual(
      caughtUp.map((r) => ({ event: r.event, seq: r.payload.seq, data: r.payload.data })),
      missed.map((e) => ({ event: e.type, seq: e.seq, data: e.data })),
      'the reconnected dashboard must receive exactly the missed facts, in order'
    )

    // And it is live again: the next fact follows without a gap.
    const next = await report(10)
    await eventually(() => factsOf(second.received).some((r) => r.payload.seq === next), 'the next live fact', 5_000)
    assert.deepEqual(
      factsOf(second.received).map((r) => r.payload.seq),
      Array.from({ length: next - lastSeq }, (_, i) => lastSeq + 1 + i)
    )
  }).timeout(45_000)
})
