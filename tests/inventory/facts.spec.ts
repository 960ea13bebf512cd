/*
 * Live stock over real sockets: stock.changed / stock.low reach the store's
 * dashboard after commit and never another tenant's sockets; the socket stock
 * commands (managers) and the stock.levels query.
 */
import { test } from '@japa/runner'
import { adminRows } from '#tests/helpers/db'
import { connector, pause, record, send, userToken, waitFor } from '#tests/realtime/support'
import { createInventory, newCommandId, post } from './support.js'

test.group('inventory facts over sockets', () => {
  test("stock.changed and stock.low reach the store's dashboard after commit, and no other tenant's sockets", async ({ assert, client, cleanup }) => {
    const fixture = await createInventory({ items: 2, reorderLevel: '3' })
    const other = await createInventory({ items: 1 })
    const open = connector(cleanup)
    const dashboard = await open({ token: fixture.managerToken, storeId: fixture.storeId })
    const terminal = await open({ deviceKey: fixture.terminals[0]!.deviceKey })
    const otherDashboard = await open({ token: other.managerToken, storeId: other.storeId })
    const otherTerminal = await open({ deviceKey: other.terminals[0]!.deviceKey })
    const atOtherDashboard = record(otherDashboard)
    const atOtherTerminal = record(otherTerminal)
    await pause(200)

    const [a, b] = fixture.items.map((item) => item.id) as [string, string]
    // Movement ids are only known from the answer; the facts are matched by item.
    const changedA = waitFor(dashboard, 'stock.changed', (fact) => fact.data.itemId === a)
    const changedB = waitFor(dashboard, 'stock.changed', (fact) => fact.data.itemId === b)
    const onTerminal = waitFor(terminal, 'stock.changed', (fact) => fact.data.itemId === a)
    const received = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/receipts`, {
      commandId: newCommandId(),
      lines: [
        { itemId: a, quantity: '5', unitCostPaise: 100 },
        { itemId: b, quantity: '1', unitCostPaise: 100 },
      ],
    })
    received.assertStatus(201)
    const [factA, factB] = await Promise.all([changedA, changedB, onTerminal])
    assert.deepEqual(factA.data, { itemId: a, onHand: '5', delta: '5', kind: 'receipt', movementId: received.body().movements[0].movementId })
    assert.deepEqual(factB.data, { itemId: b, onHand: '1', delta: '1', kind: 'receipt', movementId: received.body().movements[1].movementId })
    assert.equal(factA.storeId, fixture.storeId)
    assert.equal(factB.seq, factA.seq + 1)
    assert.equal(received.body().storeSeq, factB.seq)

    // The fact is pushed after the commit: its movement is already visible to any reader.
    const low = waitFor(dashboard, 'stock.low', (fact) => fact.data.itemId === a)
    const changed = new Promise<unknown[]>((resolve) => {
      dashboard.once('stock.changed', async (fact: any) => {
        resolve(await adminRows('select on_hand_after::text from stock_movements where id = $1', [fact.data.movementId]))
      })
    })
    const adjusted = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/adjustments`, {
      commandId: newCommandId(),
      reason: 'broken jars',
      lines: [{ itemId: a, quantity: '-2.5' }],
    })
    adjusted.assertStatus(201)
    assert.deepEqual(await changed, [{ on_hand_after: '2.500' }])
    assert.deepEqual((await low).data, { itemId: a, onHand: '2.5', reorderLevel: '3' })

    await pause(300)
    const stockFacts = (events: Array<{ event: string }>) => events.filter((e) => e.event.startsWith('stock.'))
    assert.deepEqual(stockFacts(atOtherDashboard), [])
    assert.deepEqual(stockFacts(atOtherTerminal), [])
  })

  test('socket stock.receive / stock.adjust for managers: acked, journaled once, pushed; cashiers refused', async ({ assert, cleanup }) => {
    const fixture = await createInventory({ items: 1 })
    const open = connector(cleanup)
    const manager = await open({ token: fixture.managerToken, storeId: fixture.storeId })
    const itemId = fixture.items[0]!.id

    const command = { commandId: newCommandId(), storeId: fixture.storeId, lines: [{ itemId, quantity: '4', unitCostPaise: 250 }], note: 'walk-in supplier' }
    const fact = waitFor(manager, 'stock.changed', (f) => f.data.kind === 'receipt')
    const ack = await send(manager, 'stock.receive', command)
    assert.isTrue(ack.ok, JSON.stringify(ack))
    assert.equal(ack.data.status, 'applied')
    assert.equal((await fact).data.onHand, '4')
    const repeat = await send(manager, 'stock.receive', command)
    assert.deepEqual(repeat, { ok: true, data: { ...ack.data, status: 'duplicate' } })

    const adjust = await send(manager, 'stock.adjust', { commandId: newCommandId(), storeId: fixture.storeId, reason: 'recount', lines: [{ itemId, quantity: '-1.5' }] })
    assert.isTrue(adjust.ok, JSON.stringify(adjust))
    const refused = await send(manager, 'stock.adjust', { commandId: newCommandId(), storeId: fixture.storeId, reason: 'recount', lines: [{ itemId, quantity: '-9' }] })
    assert.deepEqual([refused.ok, refused.error.code], [false, 'E_STOCK_INSUFFICIENT'])
    const invalid = await send(manager, 'stock.adjust', { commandId: newCommandId(), storeId: fixture.storeId, lines: [{ itemId, quantity: '-1' }] })
    assert.deepEqual([invalid.ok, invalid.error.code], [false, 'E_VALIDATION'])

    const movements = await adminRows('select kind, quantity::text from stock_movements where tenant_id = $1 order by position', [fixture.tenantId])
    assert.deepEqual(movements, [
      { kind: 'receipt', quantity: '4.000' },
      { kind: 'adjustment', quantity: '-1.500' },
    ])

    const cashier = await open({ token: await userToken(fixture, 'cashier'), storeId: fixture.storeId })
    const byCashier = await send(cashier, 'stock.receive', { ...command, commandId: newCommandId() })
    assert.deepEqual([byCashier.ok, byCashier.error.code], [false, 'E_AUTH_FORBIDDEN'])
    const terminal = await open({ deviceKey: fixture.terminals[0]!.deviceKey })
    const byTerminal = await send(terminal, 'stock.adjust', { commandId: newCommandId(), storeId: fixture.storeId, reason: 'recount', lines: [{ itemId, quantity: '1' }] })
    assert.deepEqual([byTerminal.ok, byTerminal.error.code], [false, 'E_AUTH_FORBIDDEN'])

    // Any principal of the store may read on-hand over the socket; another tenant's items are not there.
    const other = await createInventory({ items: 1 })
    const levels = await send(terminal, 'stock.levels', { storeId: fixture.storeId, itemIds: [itemId, other.items[0]!.id] })
    assert.deepEqual(levels, { ok: true, data: { levels: [{ itemId, onHand: '2.5', reorderLevel: '0', low: false }] } })
    const elsewhere = await send(terminal, 'stock.levels', { storeId: other.storeId, itemIds: [itemId] })
    assert.deepEqual([elsewhere.ok, elsewhere.error.code], [false, 'E_STORE_NOT_SUBSCRIBED'])
  })

  test('socket transfer.dispatch and transfer.receive move stock between the two store actors', async ({ assert, cleanup }) => {
    const fixture = await createInventory({ items: 1 })
    const open = connector(cleanup)
    const token = await userToken(fixture, 'manager', [fixture.storeId, fixture.otherStoreId])
    const manager = await open({ token, storeId: fixture.storeId })
    const itemId = fixture.items[0]!.id
    assert.isTrue((await send(manager, 'stock.receive', { commandId: newCommandId(), storeId: fixture.storeId, lines: [{ itemId, quantity: '3', unitCostPaise: 10 }] })).ok)

    const transferId = newCommandId()
    const dispatched = await send(manager, 'transfer.dispatch', { commandId: transferId, storeId: fixture.storeId, toStoreId: fixture.otherStoreId, lines: [{ itemId, quantity: '2' }] })
    assert.isTrue(dispatched.ok, JSON.stringify(dispatched))
    const receivedAck = await send(manager, 'transfer.receive', { commandId: newCommandId(), storeId: fixture.otherStoreId, transferId, lines: [{ itemId, quantity: '2' }] })
    assert.isTrue(receivedAck.ok, JSON.stringify(receivedAck))
    const levels = await adminRows('select store_id, on_hand::text from stock_levels where tenant_id = $1 order by on_hand', [fixture.tenantId])
    assert.sameDeepMembers(levels, [
      { store_id: fixture.storeId, on_hand: '1.000' },
      { store_id: fixture.otherStoreId, on_hand: '2.000' },
    ])
    assert.deepEqual(await adminRows('select status from stock_transfers where id = $1', [transferId]), [{ status: 'received' }])
  })
})
