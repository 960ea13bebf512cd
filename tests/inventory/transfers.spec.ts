/*
 * Transfers between two stores of a tenant, through both stores' actors:
 * dispatched (stock leaves at FIFO cost) → in transit → partially received →
 * received, with the cost carried layer by layer.
 */
import { test } from '@japa/runner'
import { adminCounts, adminRows, expectWrites } from '#tests/helpers/db'
import { assertError } from '#tests/helpers/http'
import { bothStoresToken, createInventory, get, layersOf, ledgerOf, LEDGER_TABLES, newCommandId, post, type InventoryFixture } from './support.js'

async function stocked(client: Parameters<typeof post>[0], fixture: InventoryFixture, token: string) {
  const itemId = fixture.items[0]!.id
  for (const [quantity, unitCostPaise] of [
    ['6', 100],
    ['10', 150],
  ] as const) {
    const response = await post(client, token, `/stores/${fixture.storeId}/stock/receipts`, { commandId: newCommandId(), lines: [{ itemId, quantity, unitCostPaise }] })
    response.assertStatus(201)
  }
  return itemId
}

test.group('inventory transfers', () => {
  test('dispatch → in transit → partial receipt → the rest received: stock and cost right at both stores', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 2 })
    const token = await bothStoresToken(fixture)
    const itemId = await stocked(client, fixture, token)
    const second = fixture.items[1]!.id
    await post(client, token, `/stores/${fixture.storeId}/stock/receipts`, { commandId: newCommandId(), lines: [{ itemId: second, quantity: '3', unitCostPaise: 999 }] })

    const commandId = newCommandId()
    const dispatched = await post(client, token, `/stores/${fixture.storeId}/transfers`, {
      commandId,
      toStoreId: fixture.otherStoreId,
      lines: [
        { itemId, quantity: '10' },
        { itemId: second, quantity: '1.5' },
      ],
      note: 'weekend top-up',
    })
    dispatched.assertStatus(201)
    assert.equal(dispatched.body().transferId, commandId)
    // 6 at 100, then 4 at 150.
    assert.deepEqual(
      dispatched.body().movements.map((m: any) => [m.itemId, m.kind, m.quantity, m.onHand, m.costPaise]),
      [
        [itemId, 'transfer_out', '-10', '6', 1_200],
        [second, 'transfer_out', '-1.5', '1.5', 1_499],
      ]
    )

    let transfer = (await get(client, token, `/stores/${fixture.otherStoreId}/transfers/${commandId}`)).body()
    assert.equal(transfer.status, 'in_transit')
    assert.sameMembers(
      transfer.lines.map((line: any) => line.itemId),
      [itemId, second]
    )
    assert.deepEqual(lineOf(transfer, itemId), {
      quantityDispatched: '10',
      quantityReceived: '0',
      quantityInTransit: '10',
      dispatchedValuePaise: 1_200,
      inTransitValuePaise: 1_200,
    })
    const sourceValuation = (await get(client, token, `/stores/${fixture.storeId}/stock/valuation`)).body()
    assert.equal(sourceValuation.totals.inTransitOutPaise, 1_200 + 1_499)

    const partial = await post(client, token, `/stores/${fixture.otherStoreId}/transfers/${commandId}/receipts`, {
      commandId: newCommandId(),
      lines: [{ itemId, quantity: '7' }],
    })
    partial.assertStatus(201)
    // 6 at 100 and 1 at 150: two layers at the destination, at the cost the stock left with.
    assert.deepEqual(
      partial.body().movements.map((m: any) => [m.kind, m.quantity, m.onHand, m.costPaise]),
      [['transfer_in', '7', '7', 750]]
    )
    assert.deepEqual(
      (await layersOf(fixture.tenantId, fixture.otherStoreId, itemId)).map((layer) => [layer.unit_cost_paise, layer.remaining]),
      [
        ['100', '6.000'],
        ['150', '1.000'],
      ]
    )
    transfer = (await get(client, token, `/stores/${fixture.storeId}/transfers/${commandId}`)).body()
    assert.equal(transfer.status, 'partially_received')
    assert.deepEqual(lineOf(transfer, itemId), {
      quantityDispatched: '10',
      quantityReceived: '7',
      quantityInTransit: '3',
      dispatchedValuePaise: 1_200,
      inTransitValuePaise: 450,
    })

    const overReceived = await post(client, token, `/stores/${fixture.otherStoreId}/transfers/${commandId}/receipts`, {
      commandId: newCommandId(),
      lines: [{ itemId, quantity: '3.001' }],
    })
    assertError(overReceived, 409, 'E_INVENTORY_TRANSFER_OVER_RECEIVED')
    assert.deepEqual(overReceived.body().error.details, { lines: [{ itemId, requested: '3.001', inTransit: '3' }] })

    const rest = await post(client, token, `/stores/${fixture.otherStoreId}/transfers/${commandId}/receipts`, {
      commandId: newCommandId(),
      lines: [
        { itemId, quantity: '3' },
        { itemId: second, quantity: '1.5' },
      ],
    })
    rest.assertStatus(201)
    assert.deepEqual(
      rest.body().movements.map((m: any) => [m.itemId, m.quantity, m.onHand, m.costPaise]),
      [
        [itemId, '3', '10', 450],
        [second, '1.5', '1.5', 1_499],
      ]
    )
    transfer = (await get(client, token, `/stores/${fixture.otherStoreId}/transfers/${commandId}`)).body()
    assert.equal(transfer.status, 'received')
    assert.isString(transfer.receivedAt)

    // Both stores: on-hand is the ledger; value moved, none created or lost.
    for (const storeId of [fixture.storeId, fixture.otherStoreId]) {
      const { onHand, ledger } = await ledgerOf(fixture.tenantId, storeId)
      assert.deepEqual(onHand, ledger)
    }
    assert.deepEqual((await ledgerOf(fixture.tenantId, fixture.storeId)).onHand, { [itemId]: 6, [second]: 1.5 })
    assert.deepEqual((await ledgerOf(fixture.tenantId, fixture.otherStoreId)).onHand, { [itemId]: 10, [second]: 1.5 })
    const destination = (await get(client, token, `/stores/${fixture.otherStoreId}/stock/valuation`)).body()
    const source = (await get(client, token, `/stores/${fixture.storeId}/stock/valuation`)).body()
    assert.equal(destination.totals.fifoValuePaise, 1_200 + 1_499)
    assert.equal(source.totals.fifoValuePaise, 6 * 150 + 1_498)
    assert.equal(source.totals.inTransitOutPaise, 0)
    assert.equal(source.totals.fifoValuePaise + destination.totals.fifoValuePaise, 6 * 100 + 10 * 150 + 3 * 999)

    const again = await post(client, token, `/stores/${fixture.otherStoreId}/transfers/${commandId}/receipts`, {
      commandId: newCommandId(),
      lines: [{ itemId, quantity: '1' }],
    })
    assertError(again, 409, 'E_INVENTORY_TRANSFER_CLOSED')

    const list = (await get(client, token, `/stores/${fixture.storeId}/transfers`, { direction: 'outgoing' })).body()
    assert.deepEqual(
      list.transfers.map((t: any) => [t.id, t.status]),
      [[commandId, 'received']]
    )
    assert.deepEqual((await get(client, token, `/stores/${fixture.storeId}/transfers`, { direction: 'incoming' })).body().transfers, [])
  })

  test('refusals write nothing: over-receiving, the wrong store, unknown transfer, too little stock, the same store', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 2 })
    const token = await bothStoresToken(fixture)
    const itemId = await stocked(client, fixture, token)
    const transferId = newCommandId()
    ;(await post(client, token, `/stores/${fixture.storeId}/transfers`, { commandId: transferId, toStoreId: fixture.otherStoreId, lines: [{ itemId, quantity: '4' }] })).assertStatus(201)

    await expectWrites(assert, LEDGER_TABLES, async () => {
      const over = await post(client, token, `/stores/${fixture.otherStoreId}/transfers/${transferId}/receipts`, {
        commandId: newCommandId(),
        lines: [{ itemId, quantity: '5' }],
      })
      assertError(over, 409, 'E_INVENTORY_TRANSFER_OVER_RECEIVED')
      const notCarried = await post(client, token, `/stores/${fixture.otherStoreId}/transfers/${transferId}/receipts`, {
        commandId: newCommandId(),
        lines: [{ itemId: fixture.items[1]!.id, quantity: '1' }],
      })
      assertError(notCarried, 409, 'E_INVENTORY_TRANSFER_OVER_RECEIVED')
      const atSource = await post(client, token, `/stores/${fixture.storeId}/transfers/${transferId}/receipts`, {
        commandId: newCommandId(),
        lines: [{ itemId, quantity: '1' }],
      })
      assertError(atSource, 404, 'E_INVENTORY_TRANSFER_NOT_FOUND')
      const unknown = await post(client, token, `/stores/${fixture.otherStoreId}/transfers/${newCommandId()}/receipts`, {
        commandId: newCommandId(),
        lines: [{ itemId, quantity: '1' }],
      })
      assertError(unknown, 404, 'E_INVENTORY_TRANSFER_NOT_FOUND')
      const tooMuch = await post(client, token, `/stores/${fixture.storeId}/transfers`, {
        commandId: newCommandId(),
        toStoreId: fixture.otherStoreId,
        lines: [{ itemId, quantity: '12.001' }],
      })
      assertError(tooMuch, 409, 'E_STOCK_INSUFFICIENT')
      const sameStore = await post(client, token, `/stores/${fixture.storeId}/transfers`, {
        commandId: newCommandId(),
        toStoreId: fixture.storeId,
        lines: [{ itemId, quantity: '1' }],
      })
      assertError(sameStore, 422, 'E_INVENTORY_TRANSFER_SAME_STORE')
      const twice = await post(client, token, `/stores/${fixture.storeId}/transfers`, {
        commandId: newCommandId(),
        toStoreId: fixture.otherStoreId,
        lines: [
          { itemId, quantity: '1' },
          { itemId, quantity: '1' },
        ],
      })
      assertError(twice, 422, 'E_VALIDATION')
    })
  })

  test("another tenant's store and transfer ids are refused", async ({ assert, client }) => {
    const fixture = await createInventory({ items: 1 })
    const other = await createInventory({ items: 1 })
    const token = await bothStoresToken(fixture)
    const otherToken = await bothStoresToken(other)
    const itemId = await stocked(client, fixture, token)
    const otherItem = await stocked(client, other, otherToken)
    const theirs = newCommandId()
    ;(await post(client, otherToken, `/stores/${other.storeId}/transfers`, { commandId: theirs, toStoreId: other.otherStoreId, lines: [{ itemId: otherItem, quantity: '1' }] })).assertStatus(201)
    const before = await adminCounts(LEDGER_TABLES)

    const toTheirStore = await post(client, token, `/stores/${fixture.storeId}/transfers`, {
      commandId: newCommandId(),
      toStoreId: other.otherStoreId,
      lines: [{ itemId, quantity: '1' }],
    })
    assertError(toTheirStore, 404, 'E_INVENTORY_TRANSFER_DESTINATION_NOT_FOUND')
    const receiveTheirs = await post(client, token, `/stores/${fixture.otherStoreId}/transfers/${theirs}/receipts`, {
      commandId: newCommandId(),
      lines: [{ itemId: otherItem, quantity: '1' }],
    })
    assertError(receiveTheirs, 404, 'E_INVENTORY_TRANSFER_NOT_FOUND')
    const readTheirs = await get(client, token, `/stores/${fixture.storeId}/transfers/${theirs}`)
    assertError(readTheirs, 404, 'E_INVENTORY_TRANSFER_NOT_FOUND')
    const inTheirStore = await post(client, token, `/stores/${other.otherStoreId}/transfers/${theirs}/receipts`, {
      commandId: newCommandId(),
      lines: [{ itemId: otherItem, quantity: '1' }],
    })
    assertError(inTheirStore, 404, 'E_TENANCY_STORE_NOT_FOUND')
    assert.deepEqual(await adminCounts(LEDGER_TABLES), before)
    assert.deepEqual(await adminRows('select status from stock_transfers where id = $1', [theirs]), [{ status: 'in_transit' }])
  })
})

function lineOf(transfer: any, itemId: string) {
  const { itemId: _itemId, ...rest } = transfer.lines.find((line: any) => line.itemId === itemId)
  return rest
}
