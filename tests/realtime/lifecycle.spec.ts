import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { randomUUID } from 'node:crypto'
import { assign, initialTransition, setup, transition } from 'xstate'
import { storeMachine } from '@pos/state-machines'
import env from '#start/env'
import { actorHost } from '#start/runtime'
import { sha256Hex } from '#core/secrets'
import {
  connect,
  connected,
  connector,
  createStore,
  journal,
  newCommandId,
  oneTo,
  openSocket,
  outboxReport,
  pause,
  record,
  refusal,
  send,
  tenantRows,
  userToken,
  waitFor,
  type StoreFixture,
} from './support.js'

const REPORT = 'terminal.reportOutbox'
const GRACE_MS = env.get('PRESENCE_GRACE_MS', 30_000)

function revoke(client: ApiClient, store: StoreFixture, deviceId = store.terminals[0]!.deviceId) {
  return client.post(`/api/v1/devices/${deviceId}/revoke`).bearerToken(store.managerToken)
}

const presence = (socket: Parameters<typeof waitFor>[0], value: string, timeoutMs?: number) =>
  waitFor(socket, 'terminal.presenceChanged', (f) => f.data.presence === value, timeoutMs)

test.group('realtime lifecycle: handshake and revocation', () => {
  test('refused handshakes say why in connect_error data', async ({ assert, client }) => {
    const store = await createStore(2)
    assert.equal((await revoke(client, store, store.terminals[1]!.deviceId)).status(), 200)

    const codes = {
      version: (await refusal({ protocolVersion: 999, token: store.managerToken })).code,
      token: (await refusal({ token: 'not.a.valid.access.token' })).code,
      unknownKey: (await refusal({ deviceKey: `dk_${randomUUID()}` })).code,
      revokedKey: (await refusal({ deviceKey: store.terminals[1]!.deviceKey })).code,
      both: (await refusal({ token: store.managerToken, deviceKey: store.terminals[0]!.deviceKey })).code,
      neither: (await refusal({})).code,
    }

    assert.deepEqual(codes, {
      version: 'E_PROTOCOL_VERSION',
      token: 'E_AUTH_TOKEN_INVALID',
      unknownKey: 'E_DEVICE_KEY_INVALID',
      revokedKey: 'E_DEVICE_REVOKED',
      both: 'E_VALIDATION',
      neither: 'E_VALIDATION',
    })
    const live = await connect({ deviceKey: store.terminals[0]!.deviceKey })
    assert.isTrue(live.connected)
    live.close()
  })

  test('a revoked device is told so and disconnected within a second', async ({ assert, client, cleanup }) => {
    const store = await createStore(1)
    const terminal = await connector(cleanup)({ deviceKey: store.terminals[0]!.deviceKey })
    assert.isTrue((await send(terminal, REPORT, outboxReport(1))).ok) // connection setup finished
    const events = record(terminal)
    const disconnected = new Promise<{ reason: string; at: number; eventsBefore: string[] }>((resolve) =>
      terminal.once('disconnect', (reason) => resolve({ reason, at: performance.now(), eventsBefore: events.map((e) => e.event) }))
    )

    const started = performance.now()
    const response = await revoke(client, store)
    const gone = await disconnected

    response.assertStatus(200)
    assert.isNotNull(response.body().revokedAt)
    assert.isBelow(gone.at - started, 1000)
    assert.equal(gone.reason, 'io server disconnect')
    assert.include(gone.eventsBefore, 'session.revoked')
    assert.deepEqual(events.find((e) => e.event === 'session.revoked')!.payload, { reason: 'revoked' })
    assert.equal((await refusal({ deviceKey: store.terminals[0]!.deviceKey })).code, 'E_DEVICE_REVOKED')
  })
})

/** A store whose dashboard saw its terminal come online; `drop()` closes the terminal's socket and resolves with the 'reconnecting' fact. */
async function onlineTerminal(cleanup: Parameters<typeof connector>[0]) {
  const store = await createStore(1)
  const open = connector(cleanup)
  const dashboard = await open({ token: store.managerToken, storeId: store.storeId })
  const online = presence(dashboard, 'online')
  const terminal = await open({ deviceKey: store.terminals[0]!.deviceKey })
  await online
  const timers = () => tenantRows(store, 'actor_timers', { kind: 'store', actor_id: store.storeId })
  const drop = () => {
    const reconnecting = presence(dashboard, 'reconnecting')
    terminal.close()
    return reconnecting
  }
  return { store, open, dashboard, timers, drop }
}

test.group('realtime lifecycle: presence grace timer', () => {
  test('a dropped terminal is reconnecting, then offline when its persisted timer fires', async ({ assert, cleanup }) => {
    const { store, dashboard, timers, drop } = await onlineTerminal(cleanup)
    const { terminalId } = store.terminals[0]!
    const offline = presence(dashboard, 'offline', GRACE_MS + 5_000)

    const dropped = await drop()
    const [timer] = await timers()
    const gone = await offline

    assert.equal(dropped.data.terminalId, terminalId)
    assert.include(timer, { timer_key: `presence-grace:${terminalId}` })
    assert.deepEqual(timer.event, { type: 'terminal.graceExpired', terminalId })
    assert.equal(gone.data.terminalId, terminalId)
    assert.isAbove(gone.seq, dropped.seq)
    assert.isAtLeast(Date.parse(gone.at) - Date.parse(dropped.at), GRACE_MS)
    assert.equal(gone.data.lastSeenAt, dropped.data.lastSeenAt)
    assert.lengthOf(await timers(), 0)
    const fired = (await journal(store, 'store', store.storeId)).filter((e) => e.event_type === 'terminal.graceExpired')
    assert.deepEqual(fired.map((e) => e.command_id), [timer.id])
  })

  test('reconnecting within the grace period cancels the timer: online, and never offline', async ({ assert, cleanup }) => {
    const { store, open, dashboard, timers, drop } = await onlineTerminal(cleanup)
    await drop()
    assert.lengthOf(await timers(), 1)

    const back = presence(dashboard, 'online')
    await open({ deviceKey: store.terminals[0]!.deviceKey })
    await back
    const later = record(dashboard)
    await pause(GRACE_MS + 1_000)

    assert.lengthOf(await timers(), 0)
    assert.deepEqual(later.filter((e) => e.event === 'terminal.presenceChanged').map((e) => e.payload.data.presence), [])
    assert.notInclude((await journal(store, 'store', store.storeId)).map((e) => e.event_type), 'terminal.graceExpired')
  })
})

test.group('realtime lifecycle: catch-up', () => {
  test('a dashboard reconnecting with lastStoreSeq receives exactly what it missed, in order', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const open = connector(cleanup)
    const dashboard = await connect({ token: store.managerToken, storeId: store.storeId })
    cleanup(() => {
      dashboard.close()
    })
    const terminal = await open({ deviceKey: store.terminals[0]!.deviceKey })
    const seen = waitFor(dashboard, 'terminal.presenceChanged', (f) => f.data.outboxDepth === 1)
    const first = await send(terminal, REPORT, outboxReport(1))
    const lastSeen = (await seen).seq
    assert.equal(lastSeen, first.data.storeSeq)
    dashboard.close()

    const missed = []
    for (const depth of [2, 3, 4]) missed.push(await send(terminal, REPORT, outboxReport(depth)))
    assert.deepEqual(missed.map((ack) => ack.data.storeSeq), [lastSeen + 1, lastSeen + 2, lastSeen + 3])

    const back = openSocket({ token: store.managerToken, storeId: store.storeId, lastStoreSeq: lastSeen })
    cleanup(() => {
      back.close()
    })
    const received = record(back)
    const caughtUp = waitFor(back, 'terminal.presenceChanged', (f) => f.seq === lastSeen + 3)
    await connected(back)
    await caughtUp
    const asked = await send(back, 'sync.catchUp', { storeId: store.storeId, afterSeq: lastSeen })

    assert.deepEqual(received.map((e) => [e.event, e.payload.seq, e.payload.data.outboxDepth]), [
      ['terminal.presenceChanged', lastSeen + 1, 2],
      ['terminal.presenceChanged', lastSeen + 2, 3],
      ['terminal.presenceChanged', lastSeen + 3, 4],
    ])
    assert.isTrue(asked.ok, JSON.stringify(asked))
    assert.deepEqual(asked.data, { storeId: store.storeId, facts: received.map((e) => e.payload), latestSeq: lastSeen + 3, snapshot: null })
  })

  test('a gap larger than the limit is answered with a snapshot instead of facts', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const { terminalId, deviceKey } = store.terminals[0]!
    const terminal = await connector(cleanup)({ deviceKey })
    const first = await send(terminal, REPORT, outboxReport(1))
    for (const depth of [2, 3, 4]) assert.isTrue((await send(terminal, REPORT, outboxReport(depth))).ok)
    const afterSeq = first.data.storeSeq
    const latestSeq = afterSeq + 3

    const atLimit = await send(terminal, 'sync.catchUp', { storeId: store.storeId, afterSeq, limit: 3 })
    const beyond = await send(terminal, 'sync.catchUp', { storeId: store.storeId, afterSeq, limit: 2 })

    assert.deepEqual(atLimit.data.facts.map((f: { seq: number }) => f.seq), [afterSeq + 1, afterSeq + 2, afterSeq + 3])
    assert.isNull(atLimit.data.snapshot)
    assert.deepEqual(beyond.data.facts, [])
    assert.equal(beyond.data.latestSeq, latestSeq)
    assert.include(beyond.data.snapshot, { storeId: store.storeId, seq: latestSeq, status: 'closed' })
    assert.deepEqual(
      beyond.data.snapshot.terminals.map((t: { terminalId: string; outboxDepth: number; presence: string }) => [t.terminalId, t.outboxDepth, t.presence]),
      [[terminalId, 4, 'online']]
    )
  })
})

test.group('realtime lifecycle: containment', () => {
  test('a machine that throws fails its own command only, leaving nothing behind', async ({ assert, cleanup }) => {
    const crashy = setup({ types: { context: {} as { ticks: number }, events: {} as { type: 'boom' } | { type: 'tick' } } }).createMachine({
      context: { ticks: 0 },
      on: {
        boom: {
          actions: assign(() => {
            throw new Error('a bug in a machine')
          }),
        },
        tick: { actions: assign({ ticks: ({ context }) => context.ticks + 1 }) },
      },
    })
    actorHost.register({ kind: 'crashy', machine: crashy, version: 1, input: () => ({}), storeId: () => null })
    const store = await createStore(1)
    const terminal = await connector(cleanup)({ deviceKey: store.terminals[0]!.deviceKey })
    const actorId = randomUUID()
    const command = (type: 'boom' | 'tick') => ({
      ref: { tenantId: store.tenantId, kind: 'crashy', actorId },
      commandId: newCommandId(),
      commandType: `crashy.${type}`,
      payloadHash: sha256Hex(type),
      event: { type },
      sender: { userId: null, deviceId: null },
    })
    const boom = command('boom')
    const tickCommand = command('tick')

    const failed = await actorHost.dispatch(boom)
    const neighbour = await send(terminal, REPORT, outboxReport(1))
    const retried = await actorHost.dispatch(boom)
    const tick = await actorHost.dispatch(tickCommand)

    assert.deepEqual([failed.ok, !failed.ok && failed.error.code], [false, 'E_ACTOR_FAILED'])
    assert.equal(neighbour.data?.status, 'applied', JSON.stringify(neighbour))
    assert.deepEqual([retried.ok, !retried.ok && retried.error.code], [false, 'E_ACTOR_FAILED'])
    assert.deepEqual(tick, { ok: true, data: { commandId: tickCommand.commandId, status: 'applied', actorSeq: 1, storeSeq: null } })
    assert.lengthOf(await tenantRows(store, 'processed_commands', { command_id: boom.commandId }), 0)
    assert.deepEqual((await journal(store, 'crashy', actorId)).map((e) => e.event_type), ['tick'])
  })
})

test.group('realtime lifecycle: history API', () => {
  test("an actor's history lists every transition, replays to the same context, and is scoped", async ({ assert, client, cleanup }) => {
    const store = await createStore(1)
    const { terminalId, deviceId, deviceKey } = store.terminals[0]!
    const open = connector(cleanup)
    const manager = await open({ token: store.managerToken, storeId: store.storeId })
    const terminal = await open({ deviceKey })
    const reports = [outboxReport(2), outboxReport(0)]
    const reported = []
    for (const report of reports) reported.push(await send(terminal, REPORT, report))
    const openCommand = { commandId: newCommandId(), storeId: store.storeId }
    const opened = await send(manager, 'store.open', openCommand)
    assert.isTrue([...reported, opened].every((ack) => ack.ok))
    const stored = await journal(store, 'store', store.storeId)
    const terminalJournal = await journal(store, 'terminal', terminalId)
    const get = (path: string, token = store.managerToken) => client.get(`/api/v1${path}`).bearerToken(token)

    const actors = await get(`/actors?storeId=${store.storeId}`)
    const history = await get(`/actors/store/${store.storeId}/history`)
    const filtered = await get(`/actors/store/${store.storeId}/history?eventType=terminal.outboxReported`)

    actors.assertStatus(200)
    const listed = actors.body().actors.map((a: { kind: string; actorId: string; storeId: string; seq: number }) => [a.kind, a.actorId, a.storeId, a.seq])
    assert.sameDeepMembers(listed, [
      ['store', store.storeId, store.storeId, stored.length],
      ['terminal', terminalId, store.storeId, terminalJournal.length],
    ])
    history.assertStatus(200)
    const entries = history.body().entries
    assert.deepEqual(entries.map((e: { seq: number }) => e.seq), oneTo(stored.length))
    assert.deepEqual(
      entries.map((e: { event: { type: string }; commandId: string }) => [e.event.type, e.commandId]),
      stored.map((e) => [e.event_type, e.command_id])
    )
    assert.isNull(history.body().nextAfterSeq)
    for (const [i, report] of reports.entries()) {
      const entry = entries[reported[i].data.actorSeq - 1]
      assert.deepInclude(entry, { senderDeviceId: deviceId, senderUserId: null, commandId: report.commandId, stateBefore: 'closed', stateAfter: 'closed' })
      assert.deepInclude(entry.event, { type: 'terminal.outboxReported', terminalId, depth: report.depth })
    }
    const openEntry = entries[opened.data.actorSeq - 1]
    assert.deepInclude(openEntry, { senderUserId: store.managerId, senderDeviceId: null, commandId: openCommand.commandId, stateBefore: 'closed', stateAfter: 'open' })
    assert.deepEqual(openEntry.actions.find((a: { type: string }) => a.type === 'emitFact')?.params.type, 'store.opened')

    let replayed = initialTransition(storeMachine, { storeId: store.storeId, presenceGraceMs: GRACE_MS })[0]
    for (const entry of entries) replayed = transition(storeMachine, replayed, entry.event)[0]
    assert.deepEqual(replayed.context, entries.at(-1).contextAfter)
    assert.deepEqual(replayed.value, entries.at(-1).stateAfter)

    filtered.assertStatus(200)
    assert.deepEqual(
      filtered.body().entries.map((e: { seq: number; event: { type: string } }) => [e.seq, e.event.type]),
      reported.map((ack) => [ack.data.actorSeq, 'terminal.outboxReported'])
    )

    const cashier = await userToken(store, 'cashier')
    const other = await createStore(1)
    const refused = {
      cashierList: await get(`/actors?storeId=${store.storeId}`, cashier),
      cashierHistory: await get(`/actors/store/${store.storeId}/history`, cashier),
      otherList: await get(`/actors?storeId=${store.storeId}`, other.managerToken),
      otherHistory: await get(`/actors/store/${store.storeId}/history`, other.managerToken),
    }
    assert.deepEqual(
      Object.values(refused).map((r) => [r.status(), r.body().error?.code]),
      [
        [403, 'E_AUTH_FORBIDDEN'],
        [403, 'E_AUTH_FORBIDDEN'],
        [404, 'E_TENANCY_STORE_NOT_FOUND'],
        [404, 'E_NOT_FOUND'],
      ]
    )
  })
})
