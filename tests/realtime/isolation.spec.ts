import { test } from '@japa/runner'
import type { Socket } from 'socket.io-client'
import {
  connector,
  createStore,
  journal,
  newCommandId,
  outboxReport,
  record,
  send,
  tenantRows,
  userToken,
  waitFor,
  type StoreFixture,
} from './support.js'

const REPORT = 'terminal.reportOutbox'

/** Everything of a store that a refused request must leave untouched. */
async function footprint(store: StoreFixture) {
  return {
    actors: await tenantRows(store, 'actors', {}, 'kind', ['kind', 'actor_id', 'seq']),
    journal: await journal(store, 'store', store.storeId),
    facts: await tenantRows(store, 'store_events', { store_id: store.storeId }, 'seq', ['seq', 'type']),
    commands: await tenantRows(store, 'processed_commands', {}, 'command_id', ['command_id']),
  }
}

/** Tenant A's store with its terminal connected (so its actors exist) and one fact more. */
async function busyStore(open: ReturnType<typeof connector>) {
  const store = await createStore(1)
  const terminal = await open({ deviceKey: store.terminals[0]!.deviceKey })
  const ack = await send(terminal, REPORT, outboxReport(2))
  if (!ack.ok) throw new Error(JSON.stringify(ack))
  return store
}

/** Tenant A's busy store, a fresh tenant B, and A's footprint before B does anything. */
async function twoTenants(cleanup: Parameters<typeof connector>[0]) {
  const open = connector(cleanup)
  const a = await busyStore(open)
  const b = await createStore(1)
  return { open, a, b, before: await footprint(a) }
}

/** A request/answer round trip: every push sent to `socket` before it has arrived once this resolves. */
async function roundTrip(socket: Socket, ownStoreId: string) {
  const ack = await send(socket, 'sync.catchUp', { storeId: ownStoreId, afterSeq: 0 })
  if (!ack.ok) throw new Error(JSON.stringify(ack))
}

/** Tenant B's manager (scoped to B's store) and owner (scope '*'), on sockets that asked for `storeId`. */
async function tenantBUsers(open: ReturnType<typeof connector>, b: StoreFixture, storeId: string) {
  return {
    manager: await open({ token: b.managerToken, storeId }),
    owner: await open({ token: await userToken(b, 'owner', '*'), storeId }),
  }
}

test.group('realtime isolation between tenants', () => {
  test("tenant B users pointed at tenant A's store receive none of A's facts", async ({ assert, cleanup }) => {
    const open = connector(cleanup)
    const [a, b] = await Promise.all([createStore(1), createStore(1)])
    const intruders = Object.values(await tenantBUsers(open, b, a.storeId))
    const seen = intruders.map(record)
    const dashboard = await open({ token: a.managerToken, storeId: a.storeId })
    const online = waitFor(dashboard, 'terminal.presenceChanged', (f) => f.data.presence === 'online')
    const terminal = await open({ deviceKey: a.terminals[0]!.deviceKey })
    await online

    const reported = waitFor(dashboard, 'terminal.presenceChanged', (f) => f.data.outboxDepth === 4)
    const opened = waitFor(dashboard, 'store.opened')
    const report = await send(terminal, REPORT, outboxReport(4))
    const openAck = await send(dashboard, 'store.open', { commandId: newCommandId(), storeId: a.storeId })
    await Promise.all([reported, opened])
    for (const intruder of intruders) await roundTrip(intruder, b.storeId)

    assert.isTrue(report.ok && openAck.ok, JSON.stringify([report, openAck]))
    assert.deepEqual(seen, [[], []])
  })

  test("store.subscribe and sync.catchUp for tenant A's store are refused to tenant B", async ({ assert, cleanup }) => {
    const { open, a, b, before } = await twoTenants(cleanup)
    const { manager } = await tenantBUsers(open, b, b.storeId)
    const bTerminal = await open({ deviceKey: b.terminals[0]!.deviceKey })

    const answers = [
      await send(manager, 'store.subscribe', { storeId: a.storeId, lastStoreSeq: 0 }),
      await send(manager, 'sync.catchUp', { storeId: a.storeId, afterSeq: 0 }),
      await send(bTerminal, 'store.subscribe', { storeId: a.storeId }),
      await send(bTerminal, 'sync.catchUp', { storeId: a.storeId, afterSeq: 0 }),
    ]

    assert.deepEqual(answers, Array(4).fill({ ok: false, error: { code: 'E_STORE_NOT_SUBSCRIBED', message: 'Subscribe to a store you may see first' } }))
    assert.deepEqual(await footprint(a), before)
  })

  test("tenant B's manager cannot open or close tenant A's store", async ({ assert, cleanup }) => {
    const { open, a, b, before } = await twoTenants(cleanup)
    const { manager } = await tenantBUsers(open, b, b.storeId)

    const opened = await send(manager, 'store.open', { commandId: newCommandId(), storeId: a.storeId })
    const closed = await send(manager, 'store.close', { commandId: newCommandId(), storeId: a.storeId, force: true, reason: 'taking over' })

    assert.deepEqual([opened.error?.code, closed.error?.code], ['E_STORE_NOT_SUBSCRIBED', 'E_STORE_NOT_SUBSCRIBED'])
    assert.deepEqual(await footprint(a), before)
  })

  test("tenant B's terminal only ever reaches its own store", async ({ assert, cleanup }) => {
    const { open, a, b, before } = await twoTenants(cleanup)
    const bTerminal = await open({ deviceKey: b.terminals[0]!.deviceKey })

    const reports = [
      await send(bTerminal, REPORT, outboxReport(7)),
      await send(bTerminal, REPORT, outboxReport(8, { clientSeq: 1 })),
    ]
    const openA = await send(bTerminal, 'store.open', { commandId: newCommandId(), storeId: a.storeId })

    assert.deepEqual(reports.map((r) => r.data?.status), ['applied', 'applied'])
    assert.equal(openA.error?.code, 'E_AUTH_FORBIDDEN')
    const bDepths = (await journal(b, 'store', b.storeId)).filter((e) => e.event_type === 'terminal.outboxReported').map((e) => e.event.depth)
    assert.deepEqual(bDepths, [7, 8])
    assert.deepEqual(await footprint(a), before)
  })

  test("an owner of every tenant B store is refused tenant A's store like anyone else", async ({ assert, cleanup }) => {
    const { open, a, b, before } = await twoTenants(cleanup)
    const { owner } = await tenantBUsers(open, b, b.storeId)

    const answers = {
      subscribe: await send(owner, 'store.subscribe', { storeId: a.storeId }),
      catchUp: await send(owner, 'sync.catchUp', { storeId: a.storeId, afterSeq: 0 }),
      open: await send(owner, 'store.open', { commandId: newCommandId(), storeId: a.storeId }),
    }

    assert.deepEqual(await footprint(a), before)
    // A tenant-wide scope ('*') covers the stores of its own tenant only: others are not even confirmed.
    assert.deepEqual(
      Object.values(answers).map((answer) => answer.error?.code),
      ['E_STORE_NOT_SUBSCRIBED', 'E_STORE_NOT_SUBSCRIBED', 'E_STORE_NOT_SUBSCRIBED']
    )
  })

  test("a commandId tenant A used does not change what tenant B's command does", async ({ assert, cleanup }) => {
    const open = connector(cleanup)
    const a = await createStore(1)
    const aTerminal = await open({ deviceKey: a.terminals[0]!.deviceKey })
    const command = outboxReport(3)
    assert.isTrue((await send(aTerminal, REPORT, command)).ok)
    const b = await createStore(1)
    const bTerminal = await open({ deviceKey: b.terminals[0]!.deviceKey })
    const before = await footprint(a)

    const answer = await send(bTerminal, REPORT, { ...command, depth: 5 })

    assert.deepEqual(await footprint(a), before)
    // Command ids are keyed per tenant: B's outcome never depends on (or reveals) A's commands.
    assert.equal(answer.data?.status, 'applied', JSON.stringify(answer))
  })
})
