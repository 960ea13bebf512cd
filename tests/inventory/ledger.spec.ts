/*
 * The stock contract (applyStockMovements) and the ledger it keeps: on-hand equals
 * the sum of movements under concurrency, FIFO costing, the last-unit race under
 * both negative-stock policies, provisional costing and its true-up, low-stock
 * facts, and the invariant check and repair.
 */
import { test } from '@japa/runner'
import { spawnSync } from 'node:child_process'
import { applyStockMovements } from '#modules/inventory/index'
import { adminCount, adminRows, asOwner } from '#tests/helpers/db'
import {
  createInventory,
  get,
  inStep,
  layersOf,
  ledgerOf,
  newCommandId,
  post,
  rejection,
  setPolicy,
  type InventoryFixture,
} from './support.js'

const sale = (fixture: InventoryFixture, itemId: string, quantity: string, invoice = `INV-${newCommandId()}`) =>
  inStep(fixture.tenantId, fixture.storeId, (step) =>
    applyStockMovements(step, { storeId: fixture.storeId, kind: 'sale', lines: [{ itemId, quantity }], reference: { type: 'invoice', id: invoice } })
  )

const receive = (fixture: InventoryFixture, itemId: string, quantity: string, unitCostPaise: number) =>
  inStep(fixture.tenantId, fixture.storeId, (step) =>
    applyStockMovements(step, {
      storeId: fixture.storeId,
      kind: 'receipt',
      lines: [{ itemId, quantity, unitCostPaise }],
      reference: { type: 'supplier_bill', id: `B-${newCommandId()}` },
    })
  )

test.group('inventory ledger: on-hand is the sum of movements', () => {
  test('50 concurrent commands through the store actor and 20 concurrent sales steps: no lost update, on-hand = ledger', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 3 })
    const [a, b, c] = fixture.items.map((item) => item.id) as [string, string, string]
    const opening = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/receipts`, {
      commandId: newCommandId(),
      lines: [a, b, c].map((itemId) => ({ itemId, quantity: '1000', unitCostPaise: 100 })),
    })
    opening.assertStatus(201)

    const expected: Record<string, number> = { [a]: 1000, [b]: 1000, [c]: 1000 }
    const commands = Array.from({ length: 50 }, (_, i) => {
      const itemId = [a, b, c][i % 3]!
      const other = [a, b, c][(i + 1) % 3]!
      const quantity = (i % 7) + 1
      if (i % 3 === 0) {
        expected[itemId]! += quantity
        expected[other]! += 0.5
        return post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/receipts`, {
          commandId: newCommandId(),
          lines: [
            { itemId, quantity: String(quantity), unitCostPaise: 100 + i },
            { itemId: other, quantity: '0.5', unitCostPaise: 90 },
          ],
        })
      }
      if (i % 3 === 1) {
        expected[itemId]! -= quantity
        return post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/adjustments`, {
          commandId: newCommandId(),
          reason: 'cycle count',
          lines: [{ itemId, quantity: `-${quantity}` }],
        })
      }
      expected[itemId]! -= 0.25
      return post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/wastage`, {
        commandId: newCommandId(),
        reason: 'damaged in storage',
        lines: [{ itemId, quantity: '0.25' }],
      })
    })
    const sales = Array.from({ length: 20 }, (_, i) => {
      const itemId = [c, b, a][i % 3]!
      expected[itemId]! -= 2
      return sale(fixture, itemId, '2')
    })

    const [responses] = await Promise.all([Promise.all(commands), Promise.all(sales)])
    assert.deepEqual(
      responses.map((response) => response.status()),
      responses.map(() => 201),
      JSON.stringify(responses.find((response) => response.status() !== 201)?.body())
    )

    const { onHand, ledger, movements } = await ledgerOf(fixture.tenantId, fixture.storeId)
    assert.deepEqual(onHand, ledger)
    assert.deepEqual(onHand, expected)
    // Opening receipt (3) + 17 two-line receipts + 33 one-line commands + 20 sales.
    assert.equal(Object.values(movements).reduce((sum, n) => sum + n, 0), 3 + 17 * 2 + 33 + 20)
    // The journal of the store actor holds each command once, gaplessly.
    const journal = await adminRows<{ seq: string }>(
      `select seq from actor_journal where tenant_id = $1 and kind = 'store' and actor_id = $2 order by seq`,
      [fixture.tenantId, fixture.storeId]
    )
    assert.deepEqual(
      journal.map((row) => Number(row.seq)),
      Array.from({ length: 51 }, (_, i) => i + 1)
    )
    // FIFO layers and open shortfalls agree with on-hand too (every movement costed).
    for (const itemId of [a, b, c]) {
      const layers = await layersOf(fixture.tenantId, fixture.storeId, itemId)
      assert.equal(
        layers.reduce((sum, layer) => sum + Number(layer.remaining), 0),
        expected[itemId],
        `open layers of ${itemId}`
      )
    }
  })
})

test.group('inventory ledger: FIFO cost', () => {
  test('two receipts at different costs; a sale spanning both is costed oldest first, exactly', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 1, costPaise: 9_999 })
    const itemId = fixture.items[0]!.id
    for (const [quantity, cost] of [
      ['10', 4_150],
      ['10', 4_390],
    ] as const) {
      const response = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/receipts`, {
        commandId: newCommandId(),
        lines: [{ itemId, quantity, unitCostPaise: cost }],
      })
      response.assertStatus(201)
      assert.equal(response.body().movements[0].costPaise, Number(quantity) * cost)
    }

    const { result } = await sale(fixture, itemId, '12.5', 'INV-0001')
    // 10 at ₹41.50, then 2.5 at ₹43.90.
    assert.equal(result.movements[0]!.costPaise, 10 * 4_150 + 2.5 * 4_390)
    assert.deepEqual(
      result.movements[0]!.slices.map(({ unitCostPaise, quantity, provisional }) => ({ unitCostPaise, quantity, provisional })),
      [
        { unitCostPaise: 4_150, quantity: '10', provisional: false },
        { unitCostPaise: 4_390, quantity: '2.5', provisional: false },
      ]
    )
    assert.equal(result.movements[0]!.onHand, '7.5')
    assert.deepEqual(
      (await layersOf(fixture.tenantId, fixture.storeId, itemId)).map((layer) => [layer.unit_cost_paise, layer.remaining]),
      [
        ['4150', '0.000'],
        ['4390', '7.500'],
      ]
    )

    // A second sale continues in the second layer; 3.333 kg costs round(3.333 × 4390) on top of what was taken.
    const second = await sale(fixture, itemId, '3.333', 'INV-0002')
    assert.equal(second.result.movements[0]!.costPaise, Math.round(5.833 * 4_390) - Math.round(2.5 * 4_390))

    const cogs = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/cogs`, { referenceType: 'invoice', referenceId: 'INV-0001' })
    cogs.assertStatus(200)
    assert.equal(cogs.body().totalPaise, 41_500 + 10_975)
    assert.deepEqual(cogs.body().movements[0], {
      movementId: result.movements[0]!.movementId,
      itemId,
      kind: 'sale',
      quantity: '-12.5',
      cogsPaise: 52_475,
      provisionalPaise: 0,
      trueUpPaise: 0,
      openShortfallQuantity: '0',
    })

    const valuation = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/valuation`)
    valuation.assertStatus(200)
    const remainingValue = Math.round(10 * 4_390) - Math.round(5.833 * 4_390)
    assert.deepEqual(valuation.body().lines, [
      {
        itemId,
        sku: fixture.items[0]!.sku,
        name: 'Toor Dal 1 kg',
        onHand: '4.167',
        fifoValuePaise: remainingValue,
        averageUnitCostPaise: Math.round(remainingValue / 4.167),
        openShortfallQuantity: '0',
      },
    ])
    assert.deepEqual(valuation.body().totals, { items: 1, fifoValuePaise: remainingValue, inTransitOutPaise: 0 })
  })

  test('a sale that empties more layers than one read returns still takes them all, oldest first', async ({ assert }) => {
    const fixture = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    // 40 layers of one unit at 101, 102, ... 140 paise.
    await inStep(fixture.tenantId, fixture.storeId, (step) =>
      applyStockMovements(step, {
        storeId: fixture.storeId,
        kind: 'receipt',
        lines: Array.from({ length: 40 }, (_, i) => ({ itemId, quantity: '1', unitCostPaise: 101 + i })),
        reference: { type: 'supplier_bill', id: 'B-40' },
      })
    )
    const { result } = await sale(fixture, itemId, '37.5')
    const expected = Array.from({ length: 37 }, (_, i) => 101 + i).reduce((sum, cost) => sum + cost, 0) + 69 // half of 138, rounded half-up
    assert.equal(result.movements[0]!.costPaise, expected)
    assert.lengthOf(result.movements[0]!.slices, 38)
    assert.isTrue(result.movements[0]!.slices.every((slice) => !slice.provisional))
    const layers = await layersOf(fixture.tenantId, fixture.storeId, itemId)
    assert.deepEqual(
      layers.slice(36).map((layer) => layer.remaining),
      ['0.000', '0.500', '1.000', '1.000']
    )
  })

  test('selling beyond the layers costs the shortfall at the item cost; the next receipt trues it up', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 1, costPaise: 100 })
    const itemId = fixture.items[0]!.id
    await setPolicy(fixture, 'allow-with-review')
    await receive(fixture, itemId, '1', 80)

    const { result } = await sale(fixture, itemId, '4', 'INV-SHORT')
    // 1 from the layer at 80, 3 provisional at the item's 100.
    assert.equal(result.movements[0]!.costPaise, 80 + 300)
    assert.equal(result.movements[0]!.onHand, '-3')
    assert.deepEqual(
      result.movements[0]!.slices.map((slice) => [slice.quantity, slice.unitCostPaise, slice.provisional]),
      [
        ['1', 80, false],
        ['3', 100, true],
      ]
    )
    assert.lengthOf(result.reviewItemIds, 1)

    // 2 arrive at 120: they cover 2 of the 3 sold short (+20 each), nothing is left on the shelf.
    const first = await receive(fixture, itemId, '2', 120)
    assert.equal(first.result.movements[0]!.onHand, '-1')
    let cogs = (await get(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/cogs`, { referenceType: 'invoice', referenceId: 'INV-SHORT' })).body()
    assert.deepEqual([cogs.totalPaise, cogs.movements[0].provisionalPaise, cogs.movements[0].trueUpPaise, cogs.movements[0].openShortfallQuantity], [420, 300, 40, '1'])

    // 5 more at 90: one covers the last short unit (−10), four stay on the shelf.
    await receive(fixture, itemId, '5', 90)
    cogs = (await get(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/cogs`, { referenceType: 'invoice', referenceId: 'INV-SHORT' })).body()
    // Actual cost: 80 + 2 × 120 + 90.
    assert.deepEqual([cogs.totalPaise, cogs.movements[0].trueUpPaise, cogs.movements[0].openShortfallQuantity], [410, 30, '0'])
    assert.deepEqual(
      (await layersOf(fixture.tenantId, fixture.storeId, itemId)).map((layer) => [layer.unit_cost_paise, layer.quantity, layer.remaining]),
      [
        ['80', '1.000', '0.000'],
        ['120', '2.000', '0.000'],
        ['90', '5.000', '4.000'],
      ]
    )
    const { onHand, ledger } = await ledgerOf(fixture.tenantId, fixture.storeId)
    assert.deepEqual(onHand, { [itemId]: 4 })
    assert.deepEqual(ledger, onHand)
  })
})

test.group('inventory ledger: the last unit, sold on two terminals at once', () => {
  test("'refuse': exactly one sale succeeds, the other gets E_STOCK_INSUFFICIENT and writes nothing", async ({ assert }) => {
    const fixture = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    await receive(fixture, itemId, '1', 100)
    const before = await adminCount('stock_movements', 'tenant_id = $1', [fixture.tenantId])

    const outcomes = await Promise.allSettled([sale(fixture, itemId, '1'), sale(fixture, itemId, '1')])

    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled')
    const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
    assert.lengthOf(fulfilled, 1)
    assert.lengthOf(rejected, 1)
    assert.equal(rejected[0]!.reason.code, 'E_STOCK_INSUFFICIENT')
    assert.deepEqual(rejected[0]!.reason.details, { storeId: fixture.storeId, lines: [{ itemId, requested: '1', onHand: '0' }] })
    assert.equal(await adminCount('stock_movements', 'tenant_id = $1', [fixture.tenantId]), before + 1)
    const { onHand, ledger } = await ledgerOf(fixture.tenantId, fixture.storeId)
    assert.deepEqual(onHand, { [itemId]: 0 })
    assert.deepEqual(ledger, onHand)
    assert.equal(await adminCount('review_items', 'tenant_id = $1', [fixture.tenantId]), 0)
  })

  test("'allow-with-review': both sales stand, on-hand is -1 and one review item is open", async ({ assert }) => {
    const fixture = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    await setPolicy(fixture, 'allow-with-review')
    await receive(fixture, itemId, '1', 100)

    const results = await Promise.all([sale(fixture, itemId, '1'), sale(fixture, itemId, '1')])

    assert.sameMembers(
      results.map(({ result }) => result.movements[0]!.onHand),
      ['0', '-1']
    )
    const { onHand, ledger } = await ledgerOf(fixture.tenantId, fixture.storeId)
    assert.deepEqual(onHand, { [itemId]: -1 })
    assert.deepEqual(ledger, onHand)
    const reviews = await adminRows('select kind, status, subject_type, subject_id, data from review_items where tenant_id = $1', [fixture.tenantId])
    assert.lengthOf(reviews, 1)
    const negative = results.find(({ result }) => result.movements[0]!.onHand === '-1')!.result
    assert.deepEqual(reviews[0], {
      kind: 'negative_stock',
      status: 'open',
      subject_type: 'item',
      subject_id: itemId,
      data: { ...reviews[0]!.data, itemId, onHand: '-1', movementIds: [negative.movements[0]!.movementId] },
    })
    assert.deepEqual(negative.reviewItemIds.length, 1)

    // A further sale while negative joins the open review item instead of opening another.
    await sale(fixture, itemId, '2')
    const [review] = await adminRows('select data from review_items where tenant_id = $1', [fixture.tenantId])
    assert.equal(review!.data.onHand, '-3')
    assert.lengthOf(review!.data.movementIds, 2)
  })

  test("an offline sale replayed with negativePolicy 'allow-with-review' stands even when the tenant refuses", async ({ assert }) => {
    const fixture = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    const { result } = await inStep(fixture.tenantId, fixture.storeId, (step) =>
      applyStockMovements(step, {
        storeId: fixture.storeId,
        kind: 'sale',
        lines: [{ itemId, quantity: '2' }],
        reference: { type: 'invoice', id: 'OFFLINE-1' },
        negativePolicy: 'allow-with-review',
      })
    )
    assert.equal(result.movements[0]!.onHand, '-2')
    assert.lengthOf(result.reviewItemIds, 1)
  })
})

test.group('inventory ledger: facts and refusals of the stock contract', () => {
  test('stock.changed per line; stock.low only when an item crosses its reorder level downwards', async ({ assert }) => {
    const fixture = await createInventory({ items: 2, reorderLevel: '5' })
    const [a, b] = fixture.items.map((item) => item.id) as [string, string]
    const received = await inStep(fixture.tenantId, fixture.storeId, (step) =>
      applyStockMovements(step, {
        storeId: fixture.storeId,
        kind: 'receipt',
        lines: [
          { itemId: a, quantity: '6', unitCostPaise: 100 },
          { itemId: b, quantity: '3', unitCostPaise: 100 },
        ],
        reference: { type: 'supplier_bill', id: 'B-1' },
      })
    )
    // b goes 0 → 3: below its level, but it was not above it: no stock.low.
    assert.deepEqual(
      received.facts.map((fact) => fact.type),
      ['stock.changed', 'stock.changed']
    )
    assert.deepEqual(received.facts[0]!.data, { itemId: a, onHand: '6', delta: '6', kind: 'receipt', movementId: received.result.movements[0]!.movementId })

    const sold = await inStep(fixture.tenantId, fixture.storeId, (step) =>
      applyStockMovements(step, {
        storeId: fixture.storeId,
        kind: 'sale',
        lines: [
          { itemId: a, quantity: '1' },
          { itemId: a, quantity: '1' },
          { itemId: b, quantity: '1' },
        ],
        reference: { type: 'invoice', id: 'INV-LOW' },
      })
    )
    assert.deepEqual(
      sold.facts.map((fact) => [fact.type, fact.data.itemId, fact.data.onHand]),
      [
        ['stock.changed', a, '5'],
        ['stock.low', a, '5'],
        ['stock.changed', a, '4'],
        ['stock.changed', b, '2'],
      ]
    )
    assert.deepEqual(sold.facts[1]!.data, { itemId: a, onHand: '5', reorderLevel: '5' })
  })

  test('a store-level reorder level overrides the item’s', async ({ assert }) => {
    const fixture = await createInventory({ items: 1, reorderLevel: '0' })
    const itemId = fixture.items[0]!.id
    await receive(fixture, itemId, '10', 100)
    await asOwner(fixture.tenantId, (trx) => trx.from('stock_levels').where({ store_id: fixture.storeId, item_id: itemId }).update({ reorder_level: '8' }))
    const { facts } = await sale(fixture, itemId, '2')
    assert.deepEqual(facts.at(-1), { type: 'stock.low', data: { itemId, onHand: '8', reorderLevel: '8' } })
  })

  test('refusals are typed and write nothing', async ({ assert }) => {
    const fixture = await createInventory({ items: 1 })
    const other = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    const call = (input: Record<string, unknown>) =>
      rejection(
        inStep(fixture.tenantId, fixture.storeId, (step) =>
          applyStockMovements(step, { storeId: fixture.storeId, kind: 'receipt', reference: { type: 'supplier_bill', id: 'B' }, ...input } as never)
        )
      )
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["another tenant's item", { lines: [{ itemId: other.items[0]!.id, quantity: '1', unitCostPaise: 1 }] }, 'E_INVENTORY_ITEM_NOT_FOUND'],
      ["another tenant's store", { storeId: other.storeId, lines: [{ itemId, quantity: '1', unitCostPaise: 1 }] }, 'E_TENANCY_STORE_NOT_FOUND'],
      ['a receipt without a cost', { lines: [{ itemId, quantity: '1' }] }, 'E_INVENTORY_UNIT_COST_REQUIRED'],
      ['a zero quantity', { lines: [{ itemId, quantity: '0' }] }, 'E_INVENTORY_QUANTITY_INVALID'],
      ['four decimals', { lines: [{ itemId, quantity: '1.0001', unitCostPaise: 1 }] }, 'E_INVENTORY_QUANTITY_INVALID'],
      ['a negative sale', { kind: 'sale', lines: [{ itemId, quantity: '-1' }] }, 'E_INVENTORY_QUANTITY_INVALID'],
      ['wastage without a reason', { kind: 'wastage', lines: [{ itemId, quantity: '1' }] }, 'E_INVENTORY_REASON_REQUIRED'],
      ['no lines', { lines: [] }, 'E_INVENTORY_QUANTITY_INVALID'],
      ['an unknown kind', { kind: 'theft', lines: [{ itemId, quantity: '1' }] }, 'E_VALIDATION'],
      ['no reference', { reference: undefined, lines: [{ itemId, quantity: '1', unitCostPaise: 1 }] }, 'E_VALIDATION'],
    ]
    for (const [label, input, code] of cases) {
      const error = await call(input)
      assert.equal(error?.code, code, label)
    }
    assert.equal(await adminCount('stock_movements', 'tenant_id = $1', [fixture.tenantId]), 0)
    assert.equal(await adminCount('stock_levels', 'tenant_id = $1', [fixture.tenantId]), 0)
  })
})

test.group('inventory ledger: verify and repair', () => {
  test('a corrupted on-hand is found, repaired to the ledger sum with an audit entry, and found no more', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 2 })
    const [a, b] = fixture.items.map((item) => item.id) as [string, string]
    await receive(fixture, a, '7', 100)
    await receive(fixture, b, '3', 100)
    await asOwner(fixture.tenantId, (trx) => trx.from('stock_levels').where({ store_id: fixture.storeId, item_id: a }).update({ on_hand: '42' }))

    const found = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/verify`, { repair: false })
    found.assertStatus(200)
    assert.deepEqual(found.body(), { checked: 2, mismatches: [{ storeId: fixture.storeId, itemId: a, onHand: '42', ledger: '7' }], repaired: 0 })
    assert.equal((await ledgerOf(fixture.tenantId, fixture.storeId)).onHand[a], 42, 'verify alone changes nothing')

    const repaired = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/verify`, { repair: true })
    assert.equal(repaired.body().repaired, 1)
    const { onHand, ledger } = await ledgerOf(fixture.tenantId, fixture.storeId)
    assert.deepEqual(onHand, ledger)
    const audit = await adminRows('select action, actor_user_id, subject_type, data from audit_log where tenant_id = $1 and action = $2', [
      fixture.tenantId,
      'inventory.on_hand_repaired',
    ])
    assert.deepEqual(audit, [
      {
        action: 'inventory.on_hand_repaired',
        actor_user_id: fixture.managerId,
        subject_type: 'stock_level',
        data: { storeId: fixture.storeId, itemId: a, onHandBefore: '42', ledger: '7', source: 'http' },
      },
    ])
    const again = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/verify`, { repair: false })
    assert.deepEqual(again.body().mismatches, [])
  })

  test('node ace inventory:verify finds and (with --repair) fixes a corrupted on-hand of a tenant', async ({ assert }) => {
    const fixture = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    await receive(fixture, itemId, '5', 100)
    await asOwner(fixture.tenantId, (trx) => trx.from('stock_levels').where({ store_id: fixture.storeId, item_id: itemId }).update({ on_hand: '-1' }))

    const ace = (...args: string[]) =>
      spawnSync('node', ['ace', 'inventory:verify', `--tenant=${fixture.tenantId}`, '--json', ...args], { cwd: process.cwd(), env: process.env, encoding: 'utf8' })
    const check = ace()
    assert.equal(check.status, 1, check.stderr)
    assert.deepEqual(JSON.parse(check.stdout).tenants, [
      { tenantId: fixture.tenantId, checked: 1, mismatches: [{ storeId: fixture.storeId, itemId, onHand: '-1', ledger: '5' }], repaired: 0 },
    ])

    const repair = ace('--repair')
    assert.equal(repair.status, 0, repair.stderr)
    assert.equal(JSON.parse(repair.stdout).tenants[0].repaired, 1)
    assert.deepEqual((await ledgerOf(fixture.tenantId, fixture.storeId)).onHand, { [itemId]: 5 })
    assert.equal(await adminCount('audit_log', `tenant_id = $1 and action = 'inventory.on_hand_repaired' and data->>'source' = 'ace'`, [fixture.tenantId]), 1)
  })
})
