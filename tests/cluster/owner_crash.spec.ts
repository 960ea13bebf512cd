/*
 * The node that owns an actor is SIGKILLed (or SIGTERMed, as in a rolling deploy) while
 * a terminal streams numbered commands: the client resends each unacknowledged command
 * with the same commandId/clientSeq, the surviving node takes the actor over (forward
 * timeout, or no subscriber on the dead node's channel), and Postgres makes every command
 * land exactly once, in order. Also: what a crash does to the presence of the terminals
 * the dead node held. One pair of nodes serves the group; each test restarts what the
 * previous one took down.
 */
import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import { connect, createStore, journal, newCommandId, send, type StoreFixture } from '#tests/realtime/support'
import { clusterForGroup, eventually, sleep, type Cluster, type Exit } from './nodes.js'
import { actorRow, connectRecording, factsOf, leaseOf, processedCommands, RetryingTerminal, storeEvents, terminalCursor } from './helpers.js'

const TOTAL = 100
const KILL_AFTER = 30

/** Longest a dashboard may keep showing a terminal online after the node holding its socket died. */
const DETECTION_MS = 10_000

/**
 * Streams TOTAL `terminal.reportOutbox` commands (clientSeq 1..TOTAL, fresh
 * commandIds, depth = clientSeq so each one is a fact) one after the other, each
 * resent with the same id until acknowledged; takes `victim` down (SIGKILL, or
 * SIGTERM when `graceful`) right after the KILL_AFTER-th ack, while the next
 * command is on its way.
 */
async function streamThroughCrash(assert: Assert, cluster: Cluster, client: RetryingTerminal, victim: string, graceful = false) {
  const commands = Array.from({ length: TOTAL }, (_, index) => ({ commandId: newCommandId(), clientSeq: index + 1, depth: index + 1 }))
  const acks: any[] = []
  let down: Promise<Exit> | undefined
  const deadline = Date.now() + 40_000
  for (const command of commands) {
    const ack = await client.send('terminal.reportOutbox', command, { ackTimeoutMs: 4_000, deadline })
    assert.isTrue(ack.ok, `clientSeq ${command.clientSeq}: ${JSON.stringify(ack)}`)
    acks.push(ack)
    if (command.clientSeq === KILL_AFTER) down = graceful ? cluster.stop(victim) : cluster.kill(victim)
  }
  const exit = await down!
  if (!graceful) assert.equal(exit.signal, 'SIGKILL')
  return { commands, acks, exit }
}

/** Exactly once, in order, contiguous: the database after the stream. */
async function assertExactlyOnce(assert: Assert, store: StoreFixture, commands: Array<{ commandId: string; clientSeq: number; depth: number }>, acks: any[]) {
  const terminal = store.terminals[0]!
  const entries = await journal(store, 'store', store.storeId)
  const seqs = entries.map((e) => e.seq)
  assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'store journal seq is not contiguous from 1')

  const byCommand = new Map<string, typeof entries>()
  for (const entry of entries) {
    if (!entry.command_id) continue
    byCommand.set(entry.command_id, [...(byCommand.get(entry.command_id) ?? []), entry])
  }
  const landed = commands.map((c) => byCommand.get(c.commandId) ?? [])
  assert.deepEqual(
    landed.map((found, i) => ({ clientSeq: commands[i]!.clientSeq, times: found.length })).filter((x) => x.times !== 1),
    [],
    'every command must be in the journal exactly once'
  )
  // In clientSeq order, each with its own payload, and where its ack said.
  const journalSeqs = landed.map((found) => found[0]!.seq)
  assert.deepEqual([...journalSeqs].sort((a, b) => a - b), journalSeqs, 'commands were journalled out of clientSeq order')
  assert.deepEqual(landed.map((found) => found[0]!.event.depth), commands.map((c) => c.depth))
  assert.deepEqual(acks.map((a) => a.data.actorSeq), journalSeqs, 'an ack names another journal entry than its command')

  const processed = await processedCommands(store.tenantId, terminal.terminalId)
  assert.deepEqual(processed.map((p) => [p.clientSeq, p.commandId]), commands.map((c) => [c.clientSeq, c.commandId]))
  assert.isTrue(processed.every((p) => p.result?.ok === true), 'a processed command stored a failure')
  assert.equal(await terminalCursor(store.tenantId, terminal.terminalId), TOTAL)

  const events = await storeEvents(store.tenantId, store.storeId)
  assert.deepEqual(events.map((e) => e.seq), Array.from({ length: events.length }, (_, i) => i + 1), 'store_events seq is not contiguous')
  const ours = new Set(commands.map((c) => c.commandId))
  const facts = events.filter((e) => e.commandId && ours.has(e.commandId))
  assert.deepEqual(facts.map((f) => f.data.outboxDepth), commands.map((c) => c.depth), 'each command is one fact, in order')
  assert.deepEqual(acks.map((a) => a.data.storeSeq), facts.map((f) => f.seq))
}

test.group('cluster: the owner node goes away mid-stream', (group) => {
  const cluster = clusterForGroup(group)

  test('terminal on the non-owner node: its commands are forwarded, the owner dies, the survivor takes over; each lands exactly once', async ({ assert, cleanup }) => {
    const mark = cluster.watch(cleanup)
    const [urlA, urlB] = await cluster.ensure('A', 'B')
    const store = await createStore(1)

    // A manager on A touches the store first: A owns the store actor.
    const manager = await connect({ token: store.managerToken, storeId: store.storeId }, urlA)
    cleanup(() => void manager.close())
    const open = await send(manager, 'store.open', { commandId: newCommandId(), storeId: store.storeId })
    assert.isTrue(open.ok, JSON.stringify(open))
    const before = await leaseOf(store.tenantId, 'store', store.storeId)
    assert.equal(before?.nodeId, cluster.nodeId('A'))

    // The terminal talks to B only; B forwards to A until A dies.
    const client = new RetryingTerminal([urlB], { deviceKey: store.terminals[0]!.deviceKey })
    cleanup(() => client.close())
    await client.connect(Date.now() + 5_000)
    const { commands, acks } = await streamThroughCrash(assert, cluster, client, 'A')

    await assertExactlyOnce(assert, store, commands, acks)
    const after = await leaseOf(store.tenantId, 'store', store.storeId)
    assert.equal(after?.nodeId, cluster.nodeId('B'), 'the store actor did not resume on the survivor')
    assert.isAbove(after!.epoch, before!.epoch)
    assert.equal((await actorRow(store.tenantId, 'store', store.storeId))?.epoch, after!.epoch, 'the survivor wrote under another epoch than its lease')
    assert.deepEqual([...new Set(client.reconnects)], [urlB])
    assert.include(cluster.logs('B', mark), 'took over an actor whose owner did not answer')
  }).timeout(60_000)

  test('terminal on the owner node: the node dies under it, it reconnects to the survivor and resends; each lands exactly once', async ({ assert, cleanup }) => {
    const mark = cluster.watch(cleanup)
    const [urlA, urlB] = await cluster.ensure('A', 'B')
    const store = await createStore(1)

    // The terminal's first contact (presence) places the store actor on A, its node.
    const client = new RetryingTerminal([urlA, urlB], { deviceKey: store.terminals[0]!.deviceKey })
    cleanup(() => client.close())
    await client.connect(Date.now() + 5_000)
    assert.equal(client.url, urlA)
    const before = await eventually(() => leaseOf(store.tenantId, 'store', store.storeId).then((l) => l ?? undefined), 'the store lease')
    assert.equal(before.nodeId, cluster.nodeId('A'))

    const { commands, acks } = await streamThroughCrash(assert, cluster, client, 'A')

    await assertExactlyOnce(assert, store, commands, acks)
    assert.equal(client.url, urlB, 'the terminal should have moved to the survivor')
    const after = await leaseOf(store.tenantId, 'store', store.storeId)
    assert.equal(after?.nodeId, cluster.nodeId('B'), 'the store actor did not resume on the survivor')
    assert.isAbove(after!.epoch, before.epoch)
    assert.equal((await actorRow(store.tenantId, 'store', store.storeId))?.epoch, after!.epoch)
    assert.include(cluster.logs('B', mark), 'took over an actor whose owner did not answer')
  }).timeout(60_000)

  test('graceful: the owner is SIGTERMed mid-stream (a rolling deploy); each command lands once and a dashboard on the survivor misses no fact', async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    const [urlA, urlB] = await cluster.ensure('A', 'B')
    const store = await createStore(4)
    const manager = await connect({ token: store.managerToken, storeId: store.storeId }, urlA)
    cleanup(() => void manager.close())
    const open = await send(manager, 'store.open', { commandId: newCommandId(), storeId: store.storeId })
    assert.isTrue(open.ok, JSON.stringify(open))
    assert.equal((await leaseOf(store.tenantId, 'store', store.storeId))?.nodeId, cluster.nodeId('A'))

    const dashboard = await connectRecording(urlB, { token: store.managerToken, storeId: store.storeId })
    cleanup(() => void dashboard.socket.close())
    const client = new RetryingTerminal([urlB], { deviceKey: store.terminals[0]!.deviceKey })
    cleanup(() => client.close())
    await client.connect(Date.now() + 5_000)
    // Three more terminals of the store keep commands in flight from B to A (answers ignored),
    // so the SIGTERM lands while A still executes forwarded work, as it would in production.
    let loading = true
    const load = store.terminals.slice(1).map(async ({ deviceKey }) => {
      const socket = await connect({ deviceKey }, urlB)
      cleanup(() => void socket.close())
      for (let depth = 1; loading; depth++) {
        await send(socket, 'terminal.reportOutbox', { commandId: newCommandId(), depth }, 5_000).catch(() => undefined)
        await sleep(40)
      }
    })
    const mark = cluster.mark()
    const { commands, acks, exit } = await streamThroughCrash(assert, cluster, client, 'A', true).finally(() => (loading = false))
    await Promise.all(load)

    await assertExactlyOnce(assert, store, commands, acks)
    assert.equal((await leaseOf(store.tenantId, 'store', store.storeId))?.nodeId, cluster.nodeId('B'))
    // Every fact after the dashboard joined was pushed to it live, once, in order, whichever node committed it.
    const events = await storeEvents(store.tenantId, store.storeId)
    const latest = events.at(-1)!.seq
    await eventually(() => factsOf(dashboard.received).some((r) => r.payload.seq === latest), 'the last fact on the dashboard', 5_000).catch(() => undefined)
    const pushed = factsOf(dashboard.received).map((r) => r.payload.seq as number)
    const missing = events.filter((e) => e.seq >= pushed[0]! && !pushed.includes(e.seq)).map((e) => e.seq)
    assert.deepEqual(missing, [], 'committed facts never pushed to the dashboard on B')
    assert.deepEqual(pushed, events.filter((e) => e.seq >= pushed[0]!).map((e) => e.seq), 'facts pushed twice or out of order')
    assert.isAtMost(pushed[0]!, open.data.storeSeq + 1, 'the dashboard missed the first facts after it joined')
    // A clean, prompt exit.
    assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, cluster.logs('A', mark))
    assert.isBelow(exit.ms, 3_000)
  }).timeout(60_000)

  test('a terminal whose node is SIGKILLed, and that does not come back, stops showing online', async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    const [urlA] = await cluster.ensure('A', 'B')
    const store = await createStore(1)
    const { terminalId, deviceKey } = store.terminals[0]!
    const presence = async () =>
      (await storeEvents(store.tenantId, store.storeId))
        .filter((e) => e.type === 'terminal.presenceChanged' && e.data.terminalId === terminalId)
        .map((e) => e.data.presence as string)

    const pos = await connect({ deviceKey }, urlA)
    cleanup(() => void pos.close())
    await eventually(async () => (await presence()).at(-1) === 'online', 'the terminal online')

    // Its node dies; B is alive; the terminal never reconnects.
    await cluster.kill('A')
    const afterCrash = await eventually(
      async () => ((await presence()).at(-1) !== 'online' ? presence() : undefined),
      `the terminal to leave 'online' within ${DETECTION_MS} ms of its node dying`,
      DETECTION_MS,
      200
    )
    assert.oneOf(afterCrash.at(-1), ['reconnecting', 'offline'])
    await eventually(async () => (await presence()).at(-1) === 'offline', 'the terminal offline after its grace period', 5_000, 200)
  }).timeout(45_000)
})
