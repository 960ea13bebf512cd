import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import {
  connector,
  createStore,
  journal,
  newCommandId,
  oneTo,
  outboxReport,
  send,
  sendAll,
  tenantRows,
  userToken,
  waitFor,
} from './support.js'

const REPORT = 'terminal.reportOutbox'

async function lastClientSeq(store: { tenantId: string }, terminalId: string) {
  const [cursor] = await tenantRows(store, 'terminal_cursors', { terminal_id: terminalId })
  return Number(cursor?.last_client_seq ?? 0)
}

test.group('realtime commands: exactly once, in order', () => {
  test('the same command sent at once from two sockets of one device takes effect once', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const open = connector(cleanup)
    const { deviceKey } = store.terminals[0]!
    const [first, second] = await Promise.all([open({ deviceKey }), open({ deviceKey })])
    const command = outboxReport(5)

    const acks = await Promise.all([send(first, REPORT, command), send(second, REPORT, command)])

    assert.isTrue(acks.every((ack) => ack.ok), JSON.stringify(acks))
    assert.sameMembers(acks.map((ack) => ack.data.status), ['applied', 'duplicate'])
    const [a, b] = acks.map(({ data: { status: _status, ...rest } }) => rest)
    assert.deepEqual(a, b)
    assert.equal(a.commandId, command.commandId)
    const entries = (await journal(store, 'store', store.storeId)).filter((e) => e.command_id === command.commandId)
    assert.lengthOf(entries, 1)
    assert.equal(entries[0]!.seq, a.actorSeq)
    assert.lengthOf(await tenantRows(store, 'processed_commands', { command_id: command.commandId }), 1)
  })

  test('200 concurrent commands to one store actor: gapless journal, no lost update', async ({ assert, cleanup }) => {
    const store = await createStore(10)
    const open = connector(cleanup)
    const sockets = await Promise.all(store.terminals.map((t) => open({ deviceKey: t.deviceKey })))
    // Distinct depths per terminal, none 0: every report changes its row, so every one is a transition.
    const sent = sockets.map((_, t) => Array.from({ length: 20 }, (__, k) => outboxReport(t * 100 + k + 1)))

    const acks = await Promise.all(sockets.map((socket, t) => sendAll(socket, REPORT, sent[t]!)))

    const flat = acks.flat()
    assert.lengthOf(flat, 200)
    assert.isTrue(flat.every((ack) => ack.ok && ack.data.status === 'applied'), JSON.stringify(flat.find((ack) => !ack.ok)))
    assert.equal(new Set(flat.map((ack) => ack.data.actorSeq)).size, 200)
    assert.equal(new Set(flat.map((ack) => ack.data.storeSeq)).size, 200)

    const entries = await journal(store, 'store', store.storeId)
    assert.deepEqual(entries.map((e) => e.seq), oneTo(entries.length))
    const byCommand = new Map(entries.map((e) => [e.command_id, e]))
    sent.flat().forEach((command, i) => {
      const entry = byCommand.get(command.commandId)
      assert.exists(entry, `no journal entry for command ${i}`)
      assert.equal(entry!.seq, flat[i].data.actorSeq)
      assert.equal(entry!.event.depth, command.depth)
    })

    const roster = entries.at(-1)!.context_after.terminals
    store.terminals.forEach((terminal, t) => {
      const last = acks[t]!.reduce((max, ack, k) => (ack.data.actorSeq > acks[t]![max].data.actorSeq ? k : max), 0)
      assert.equal(roster[terminal.terminalId].outboxDepth, sent[t]![last]!.depth, `terminal ${t}`)
    })
    const facts = await tenantRows(store, 'store_events', { store_id: store.storeId }, 'seq', ['seq'])
    assert.deepEqual(facts.map((f) => Number(f.seq)), oneTo(facts.length))
  })

  test('clientSeq: applied in order; a repeat gets the stored result; a used clientSeq is refused', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const { terminalId, deviceKey } = store.terminals[0]!
    const terminal = await connector(cleanup)({ deviceKey })
    const commands = [1, 2, 3].map((seq) => outboxReport(seq * 10, { clientSeq: seq }))

    const applied = []
    for (const command of commands) applied.push(await send(terminal, REPORT, command))

    assert.deepEqual(applied.map((ack) => ack.ok && ack.data.status), ['applied', 'applied', 'applied'])
    assert.isBelow(applied[0].data.actorSeq, applied[1].data.actorSeq)
    assert.isBelow(applied[1].data.actorSeq, applied[2].data.actorSeq)
    const ours = (await journal(store, 'store', store.storeId)).filter((e) => commands.some((c) => c.commandId === e.command_id))
    assert.deepEqual(ours.map((e) => e.event.depth), [10, 20, 30])
    assert.equal(await lastClientSeq(store, terminalId), 3)
    const before = await journal(store, 'store', store.storeId)

    const repeat = await send(terminal, REPORT, commands[1]!)
    const reused = await send(terminal, REPORT, outboxReport(99, { clientSeq: 2 }))

    assert.deepEqual(repeat, { ok: true, data: { ...applied[1].data, status: 'duplicate' } })
    assert.isFalse(reused.ok)
    assert.equal(reused.error.code, 'E_COMMAND_OUT_OF_ORDER')
    // Where the sequence stands, so a terminal's outbox can renumber what it has not sent.
    assert.deepEqual(reused.error.details, { expected: 4 })
    assert.deepEqual(await journal(store, 'store', store.storeId), before)
    assert.equal(await lastClientSeq(store, terminalId), 3)
  })

  test('clientSeq: a gap is refused with the expected number and consumes nothing', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const { terminalId, deviceKey } = store.terminals[0]!
    const terminal = await connector(cleanup)({ deviceKey })
    for (const seq of [1, 2, 3]) assert.isTrue((await send(terminal, REPORT, outboxReport(seq, { clientSeq: seq }))).ok)
    const before = await journal(store, 'store', store.storeId)

    const early = outboxReport(50, { clientSeq: 5 })
    const gap = await send(terminal, REPORT, early)

    assert.deepEqual(await journal(store, 'store', store.storeId), before)
    assert.equal(await lastClientSeq(store, terminalId), 3)
    assert.lengthOf(await tenantRows(store, 'processed_commands', { command_id: early.commandId }), 0)
    // Nothing was consumed: after 4, the refused command applies as 5.
    const fourth = await send(terminal, REPORT, outboxReport(40, { clientSeq: 4 }))
    const late = await send(terminal, REPORT, early)
    assert.deepEqual([fourth.data?.status, late.data?.status], ['applied', 'applied'])
    assert.equal(await lastClientSeq(store, terminalId), 5)
    // A refusal is an ordinary failed ack, so clients test `ok` as for any other answer.
    assert.deepEqual(gap, {
      ok: false,
      error: { code: 'E_COMMAND_OUT_OF_ORDER', message: 'Expected clientSeq 4, got 5', details: { expected: 4 } },
    })
  })

  test('the same commandId with another payload is refused; key order does not matter', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const open = connector(cleanup)
    const terminal = await open({ deviceKey: store.terminals[0]!.deviceKey })
    const manager = await open({ token: store.managerToken, storeId: store.storeId })
    const command = outboxReport(3)
    const first = await send(terminal, REPORT, command)
    assert.isTrue(first.ok, JSON.stringify(first))

    const otherDepth = await send(terminal, REPORT, { ...command, depth: 4 })
    const otherType = await send(manager, 'store.open', { commandId: command.commandId, storeId: store.storeId })
    const reordered = await send(terminal, REPORT, { depth: 3, commandId: command.commandId })

    assert.equal(otherDepth.error?.code, 'E_COMMAND_ID_REUSED')
    assert.equal(otherType.error?.code, 'E_COMMAND_ID_REUSED')
    assert.deepEqual(reordered, { ok: true, data: { ...first.data, status: 'duplicate' } })
    const entries = await journal(store, 'store', store.storeId)
    assert.deepEqual(entries.filter((e) => e.command_id === command.commandId).map((e) => e.event.depth), [3])
    assert.notInclude(entries.map((e) => e.event_type), 'store.open')
  })

  test('invalid payloads are answered E_VALIDATION, change nothing and keep the connection', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const terminal = await connector(cleanup)({ deviceKey: store.terminals[0]!.deviceKey })
    await send(terminal, REPORT, outboxReport(1)) // the roster row exists: only validation can refuse what follows
    const before = await journal(store, 'store', store.storeId)
    const bad: Array<[string, unknown]> = [
      ['missing commandId', { depth: 1 }],
      ['commandId not v7', { commandId: randomUUID(), depth: 2 }],
      ['commandId not a uuid', { commandId: 'cmd-1', depth: 2 }],
      ['depth a string', { commandId: newCommandId(), depth: '2' }],
      ['depth a fraction', { commandId: newCommandId(), depth: 2.5 }],
      ['unknown field', { commandId: newCommandId(), depth: 2, storeId: randomUUID() }],
      ['negative depth', { commandId: newCommandId(), depth: -1 }],
      ['depth out of range', { commandId: newCommandId(), depth: 1_000_001 }],
      ['clientSeq 0', { commandId: newCommandId(), depth: 2, clientSeq: 0 }],
      ['not an object', 'depth=2'],
      ['null', null],
    ]

    for (const [label, payload] of bad) {
      const ack = await send(terminal, REPORT, payload as Record<string, unknown>)
      assert.isFalse(ack.ok, label)
      assert.equal(ack.error.code, 'E_VALIDATION', label)
      assert.isNotEmpty(ack.error.details?.issues, label)
    }

    assert.isTrue(terminal.connected)
    assert.deepEqual(await journal(store, 'store', store.storeId), before)
    const ids = bad.map(([, p]) => (p as { commandId?: unknown } | null)?.commandId).filter((id) => typeof id === 'string' && id.length === 36)
    assert.lengthOf(await tenantRows(store, 'processed_commands', {}).then((rows) => rows.filter((r) => ids.includes(r.command_id))), 0)
    const valid = await send(terminal, REPORT, outboxReport(2))
    assert.equal(valid.data?.status, 'applied')
    assert.lengthOf(await journal(store, 'store', store.storeId), before.length + 1)
  })
})

test.group('realtime commands: who may send what', () => {
  test('terminals cannot run the store day; users cannot report a terminal outbox', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const open = connector(cleanup)
    const manager = await open({ token: store.managerToken, storeId: store.storeId })
    const cashier = await open({ token: await userToken(store, 'cashier'), storeId: store.storeId })
    const terminal = await open({ deviceKey: store.terminals[0]!.deviceKey })
    await send(terminal, REPORT, outboxReport(0)) // connection setup done: the journal only changes if a refusal leaks
    const before = await journal(store, 'store', store.storeId)

    const answers = [
      await send(manager, REPORT, outboxReport(1)),
      await send(terminal, 'store.open', { commandId: newCommandId(), storeId: store.storeId }),
      await send(terminal, 'store.close', { commandId: newCommandId(), storeId: store.storeId }),
      await send(cashier, 'store.open', { commandId: newCommandId(), storeId: store.storeId }),
    ]

    assert.deepEqual(answers.map((a) => a.error?.code), Array(4).fill('E_AUTH_FORBIDDEN'))
    assert.deepEqual(await journal(store, 'store', store.storeId), before)
  })

  test('a manager opens and closes the day; dashboards receive store.opened and store.closed', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const open = connector(cleanup)
    const manager = await open({ token: store.managerToken, storeId: store.storeId })
    const dashboard = await open({ token: store.managerToken, storeId: store.storeId })

    const opened = waitFor(dashboard, 'store.opened')
    const openAck = await send(manager, 'store.open', { commandId: newCommandId(), storeId: store.storeId })
    const openedFact = await opened
    const again = await send(manager, 'store.open', { commandId: newCommandId(), storeId: store.storeId })
    const closed = waitFor(dashboard, 'store.closed')
    const closeAck = await send(manager, 'store.close', { commandId: newCommandId(), storeId: store.storeId })
    const closedFact = await closed

    assert.equal(openAck.data?.status, 'applied', JSON.stringify(openAck))
    assert.include(openedFact, { storeId: store.storeId, seq: openAck.data.storeSeq, type: 'store.opened' })
    assert.equal(openedFact.data.by, store.managerId)
    assert.equal(again.error?.code, 'E_ACTOR_EVENT_REJECTED')
    assert.equal(closeAck.data?.status, 'applied', JSON.stringify(closeAck))
    assert.include(closedFact, { storeId: store.storeId, seq: closeAck.data.storeSeq, type: 'store.closed' })
    assert.deepInclude(closedFact.data, { by: store.managerId, forced: false, reason: null })
    assert.equal((await journal(store, 'store', store.storeId)).at(-1)!.context_after.status, 'closed')
  })

  test('closing with unsynced outboxes is refused unless forced with a reason', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const open = connector(cleanup)
    const manager = await open({ token: store.managerToken, storeId: store.storeId })
    const terminal = await open({ deviceKey: store.terminals[0]!.deviceKey })
    assert.isTrue((await send(terminal, REPORT, outboxReport(3))).ok)
    assert.isTrue((await send(manager, 'store.open', { commandId: newCommandId(), storeId: store.storeId })).ok)
    const close = (extra: Record<string, unknown> = {}) => send(manager, 'store.close', { commandId: newCommandId(), storeId: store.storeId, ...extra })

    const refused = await close()
    const forcedWithoutReason = await close({ force: true })
    const closed = waitFor(manager, 'store.closed')
    const forced = await close({ force: true, reason: 'Counter 1 tablet is broken' })
    const fact = await closed

    assert.equal(refused.error?.code, 'E_ACTOR_EVENT_REJECTED')
    assert.equal(forcedWithoutReason.error?.code, 'E_ACTOR_EVENT_REJECTED')
    assert.equal(forced.data?.status, 'applied', JSON.stringify(forced))
    assert.equal(fact.seq, forced.data.storeSeq)
    assert.deepInclude(fact.data, { by: store.managerId, forced: true, reason: 'Counter 1 tablet is broken' })
  })

  test('one socket firing 60 commands at once is rate limited to its burst of 40', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const terminal = await connector(cleanup)({ deviceKey: store.terminals[0]!.deviceKey })
    const commands = Array.from({ length: 60 }, (_, i) => outboxReport(i + 1))

    const acks = await sendAll(terminal, REPORT, commands)

    const applied = commands.filter((_, i) => acks[i].ok)
    const limited = acks.filter((ack) => !ack.ok && ack.error.code === 'E_RATE_LIMITED')
    assert.equal(applied.length + limited.length, 60, JSON.stringify(acks.find((a) => !a.ok && a.error.code !== 'E_RATE_LIMITED')))
    assert.isAtMost(applied.length, 40)
    assert.isAtLeast(limited.length, 20)
    const journaled = (await journal(store, 'store', store.storeId)).filter((e) => e.event_type === 'terminal.outboxReported')
    assert.sameMembers(journaled.map((e) => e.command_id), applied.map((c) => c.commandId))
  })
})
