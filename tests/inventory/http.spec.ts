/*
 * The inventory HTTP routes: stock commands through the store actor (idempotent
 * by commandId), typed refusals that write nothing, tenant and role scoping, the
 * read models, the negative-stock setting and the review inbox.
 */
import { test } from '@japa/runner'
import { adminCount, adminCounts, adminRows, expectWrites } from '#tests/helpers/db'
import { assertError } from '#tests/helpers/http'
import { userToken } from '#tests/realtime/support'
import { createInventory, get, LEDGER_TABLES, newCommandId, post, setPolicy } from './support.js'

test.group('inventory http: stock commands', () => {
  test('receipt, adjustment and wastage answer with their movements; a repeat is a duplicate with the same answer', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 2 })
    const [a, b] = fixture.items.map((item) => item.id) as [string, string]
    const receipt = {
      commandId: newCommandId(),
      lines: [
        { itemId: a, quantity: '12', unitCostPaise: 4_150 },
        { itemId: b, quantity: '2.5', unitCostPaise: 999, batchId: null },
      ],
      reference: { type: 'supplier_bill', id: 'SB/2025/0042' },
      note: 'morning delivery',
    }
    const first = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/receipts`, receipt)
    first.assertStatus(201)
    assert.equal(first.body().status, 'applied')
    assert.deepEqual(
      first.body().movements.map((m: any) => [m.itemId, m.kind, m.quantity, m.onHand, m.costPaise]),
      [
        [a, 'receipt', '12', '12', 49_800],
        [b, 'receipt', '2.5', '2.5', 2_498],
      ]
    )

    const repeat = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/receipts`, receipt)
    repeat.assertStatus(201)
    assert.deepEqual(repeat.body(), { ...first.body(), status: 'duplicate' })
    assert.equal(await adminCount('stock_movements', 'tenant_id = $1', [fixture.tenantId]), 2)

    const reused = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/receipts`, { ...receipt, note: 'another' })
    assertError(reused, 409, 'E_COMMAND_ID_REUSED')

    const adjusted = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/adjustments`, {
      commandId: newCommandId(),
      reason: 'shelf count',
      lines: [
        { itemId: a, quantity: '-2' },
        { itemId: b, quantity: '0.5', unitCostPaise: 1_000 },
      ],
    })
    adjusted.assertStatus(201)
    assert.deepEqual(
      adjusted.body().movements.map((m: any) => [m.kind, m.quantity, m.onHand, m.costPaise]),
      [
        ['adjustment', '-2', '10', 8_300],
        ['adjustment', '0.5', '3', 500],
      ]
    )
    const wasted = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/wastage`, {
      commandId: newCommandId(),
      reason: 'rats got in',
      lines: [{ itemId: a, quantity: '0.125' }],
    })
    wasted.assertStatus(201)
    assert.deepEqual(wasted.body().movements[0].onHand, '9.875')

    const history = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/items/${a}/movements`, { limit: 2 })
    history.assertStatus(200)
    assert.deepEqual(
      history.body().movements.map((m: any) => [m.kind, m.quantity, m.onHandAfter, m.reason]),
      [
        ['wastage', '-0.125', '9.875', 'rats got in'],
        ['adjustment', '-2', '10', 'shelf count'],
      ]
    )
    assert.equal(history.body().movements[1].createdByUserId, fixture.managerId)
    const older = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/items/${a}/movements`, { limit: 2, before: history.body().nextBefore })
    assert.deepEqual(
      older.body().movements.map((m: any) => [m.kind, m.reference, m.unitCostPaise, m.totalCostPaise, m.reason]),
      [['receipt', { type: 'supplier_bill', id: 'SB/2025/0042' }, 4_150, 49_800, 'morning delivery']]
    )
    assert.isNull(older.body().nextBefore)

    // Each command is one journal entry of the store actor, with its stock effect's params.
    const journal = await adminRows(`select event_type, actions from actor_journal where tenant_id = $1 and actor_id = $2 order by seq`, [
      fixture.tenantId,
      fixture.storeId,
    ])
    assert.deepEqual(
      journal.map((entry) => [entry.event_type, entry.actions.map((action: any) => action.type)]),
      [
        ['stock.record', ['applyStock']],
        ['stock.record', ['applyStock']],
        ['stock.record', ['applyStock']],
      ]
    )
  })

  test('stock levels by SKU, paged, with the low flag; lowOnly filters', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 3, reorderLevel: '2' })
    const [a, b] = fixture.items.map((item) => item.id) as [string, string, string]
    await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/receipts`, {
      commandId: newCommandId(),
      lines: [
        { itemId: a, quantity: '5', unitCostPaise: 10 },
        { itemId: b, quantity: '2', unitCostPaise: 10 },
      ],
    })
    const page = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/stock`, { limit: 2 })
    page.assertStatus(200)
    assert.deepEqual(page.body(), {
      levels: [
        { itemId: a, sku: 'SKU-0001', name: 'Toor Dal 1 kg', onHand: '5', reorderLevel: '2', low: false },
        { itemId: b, sku: 'SKU-0002', name: 'Toor Dal 2 kg', onHand: '2', reorderLevel: '2', low: true },
      ],
      nextAfter: 'SKU-0002',
    })
    const next = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/stock`, { limit: 2, after: 'SKU-0002' })
    assert.deepEqual(
      next.body().levels.map((level: any) => [level.sku, level.onHand, level.low]),
      [['SKU-0003', '0', true]]
    )
    const low = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/stock`, { lowOnly: 'true' })
    assert.deepEqual(
      low.body().levels.map((level: any) => level.sku),
      ['SKU-0002', 'SKU-0003']
    )
  })

  test('bad input answers typed codes and writes nothing', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 1 })
    const other = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    const path = (kind: string) => `/stores/${fixture.storeId}/stock/${kind}`
    await expectWrites(assert, LEDGER_TABLES, async () => {
      const cases: Array<[string, string, Record<string, unknown>, number, string]> = [
        ['no commandId', 'receipts', { lines: [{ itemId, quantity: '1', unitCostPaise: 1 }] }, 422, 'E_VALIDATION'],
        ['a v4 commandId', 'receipts', { commandId: other.items[0]!.id, lines: [{ itemId, quantity: '1', unitCostPaise: 1 }] }, 422, 'E_VALIDATION'],
        ['no lines', 'receipts', { commandId: newCommandId(), lines: [] }, 422, 'E_VALIDATION'],
        ['a zero quantity', 'receipts', { commandId: newCommandId(), lines: [{ itemId, quantity: '0', unitCostPaise: 1 }] }, 422, 'E_VALIDATION'],
        ['four decimals', 'receipts', { commandId: newCommandId(), lines: [{ itemId, quantity: '1.2345', unitCostPaise: 1 }] }, 422, 'E_VALIDATION'],
        ['a number quantity', 'receipts', { commandId: newCommandId(), lines: [{ itemId, quantity: 1, unitCostPaise: 1 }] }, 422, 'E_VALIDATION'],
        ['no unit cost', 'receipts', { commandId: newCommandId(), lines: [{ itemId, quantity: '1' }] }, 422, 'E_VALIDATION'],
        ['fractional paise', 'receipts', { commandId: newCommandId(), lines: [{ itemId, quantity: '1', unitCostPaise: 1.5 }] }, 422, 'E_VALIDATION'],
        ['an unknown field', 'receipts', { commandId: newCommandId(), lines: [{ itemId, quantity: '1', unitCostPaise: 1, price: 2 }] }, 422, 'E_VALIDATION'],
        ['an adjustment without a reason', 'adjustments', { commandId: newCommandId(), lines: [{ itemId, quantity: '-1' }] }, 422, 'E_VALIDATION'],
        ['a blank reason', 'wastage', { commandId: newCommandId(), reason: '   ', lines: [{ itemId, quantity: '1' }] }, 422, 'E_VALIDATION'],
        ['negative wastage', 'wastage', { commandId: newCommandId(), reason: 'spilt', lines: [{ itemId, quantity: '-1' }] }, 422, 'E_VALIDATION'],
        ['an item that is no UUID', 'receipts', { commandId: newCommandId(), lines: [{ itemId: 'rice', quantity: '1', unitCostPaise: 1 }] }, 422, 'E_VALIDATION'],
        [
          "another tenant's item",
          'receipts',
          { commandId: newCommandId(), lines: [{ itemId: other.items[0]!.id, quantity: '1', unitCostPaise: 1 }] },
          404,
          'E_INVENTORY_ITEM_NOT_FOUND',
        ],
        ['more than on hand', 'wastage', { commandId: newCommandId(), reason: 'expired', lines: [{ itemId, quantity: '1' }] }, 409, 'E_STOCK_INSUFFICIENT'],
      ]
      for (const [label, kind, body, status, code] of cases) {
        const response = await post(client, fixture.managerToken, path(kind), body)
        assert.deepEqual([response.status(), response.body().error?.code], [status, code], `${label}: ${JSON.stringify(response.body())}`)
      }
      const insufficient = await post(client, fixture.managerToken, path('adjustments'), {
        commandId: newCommandId(),
        reason: 'count',
        lines: [{ itemId, quantity: '-3' }],
      })
      assertError(insufficient, 409, 'E_STOCK_INSUFFICIENT')
      assert.deepEqual(insufficient.body().error.details, { storeId: fixture.storeId, lines: [{ itemId, requested: '3', onHand: '0' }] })
    })
    // A refused command did not consume its commandId: it can come again once it is valid.
    assert.equal(await adminCount('stock_levels', 'tenant_id = $1', [fixture.tenantId]), 0)
  })

  test("roles and tenants: cashiers are refused; another tenant's store is not found", async ({ assert, client }) => {
    const fixture = await createInventory({ items: 1 })
    const other = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    const before = await adminCounts(LEDGER_TABLES)
    const cashier = await userToken(fixture, 'cashier')
    const asCashier = await post(client, cashier, `/stores/${fixture.storeId}/stock/receipts`, {
      commandId: newCommandId(),
      lines: [{ itemId, quantity: '1', unitCostPaise: 1 }],
    })
    assertError(asCashier, 403, 'E_AUTH_FORBIDDEN')
    assertError(await get(client, cashier, `/stores/${fixture.storeId}/stock`), 403, 'E_AUTH_FORBIDDEN')

    for (const [method, path] of [
      ['post', `/stores/${other.storeId}/stock/receipts`],
      ['get', `/stores/${other.storeId}/stock`],
      ['get', `/stores/${other.storeId}/stock/valuation`],
      ['get', `/stores/${other.storeId}/items/${other.items[0]!.id}/movements`],
      ['get', `/stores/${other.storeId}/review-items`],
      ['post', `/stores/${other.storeId}/stock/verify`],
    ] as const) {
      const body = path.endsWith('receipts') ? { commandId: newCommandId(), lines: [{ itemId: other.items[0]!.id, quantity: '1', unitCostPaise: 1 }] } : { repair: true }
      const response = method === 'post' ? await post(client, fixture.ownerToken, path, body) : await get(client, fixture.ownerToken, path)
      assertError(response, 404, 'E_TENANCY_STORE_NOT_FOUND')
    }
    const theirItem = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/items/${other.items[0]!.id}/movements`)
    assertError(theirItem, 404, 'E_INVENTORY_ITEM_NOT_FOUND')
    assert.deepEqual(await adminCounts(LEDGER_TABLES), before)
  })
})

test.group('inventory http: negative-stock setting and review items', () => {
  test('the setting: refuse by default; owners change it (audited), managers may read it only', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    assert.deepEqual((await get(client, fixture.managerToken, '/inventory/settings')).body(), { negativeStock: 'refuse' })
    const byManager = await client
      .put('/api/v1/inventory/settings')
      .header('authorization', `Bearer ${fixture.managerToken}`)
      .json({ negativeStock: 'allow-with-review' })
    assertError(byManager, 403, 'E_AUTH_FORBIDDEN')
    const bad = await client.put('/api/v1/inventory/settings').header('authorization', `Bearer ${fixture.ownerToken}`).json({ negativeStock: 'sometimes' })
    assertError(bad, 422, 'E_VALIDATION')

    await asTenantSettings(fixture.tenantId, { theme: 'dark' })
    const changed = await client
      .put('/api/v1/inventory/settings')
      .header('authorization', `Bearer ${fixture.ownerToken}`)
      .json({ negativeStock: 'allow-with-review' })
    changed.assertStatus(200)
    assert.deepEqual(changed.body(), { negativeStock: 'allow-with-review' })
    const [tenant] = await adminRows('select settings from tenants where id = $1', [fixture.tenantId])
    assert.deepEqual(tenant!.settings, { theme: 'dark', inventory: { negativeStock: 'allow-with-review' } }, 'only the inventory key changed')
    assert.equal(await adminCount('audit_log', `tenant_id = $1 and action = 'inventory.settings_changed'`, [fixture.tenantId]), 1)

    // Now a write-off beyond the stock stands, and opens a review item.
    const wasted = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/wastage`, {
      commandId: newCommandId(),
      reason: 'found mouldy',
      lines: [{ itemId, quantity: '2' }],
    })
    wasted.assertStatus(201)
    assert.equal(wasted.body().movements[0].onHand, '-2')
  })

  test('review items: listed for the store; resolved once with a reason, recorded in the audit log', async ({ assert, client }) => {
    const fixture = await createInventory({ items: 1 })
    const itemId = fixture.items[0]!.id
    await setPolicy(fixture, 'allow-with-review')
    const sold = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/adjustments`, {
      commandId: newCommandId(),
      reason: 'recount',
      lines: [{ itemId, quantity: '-1' }],
    })
    sold.assertStatus(201)

    const open = await get(client, fixture.managerToken, `/stores/${fixture.storeId}/review-items`)
    open.assertStatus(200)
    assert.lengthOf(open.body().reviewItems, 1)
    const item = open.body().reviewItems[0]
    assert.deepEqual(
      [item.kind, item.status, item.subjectType, item.subjectId, item.data.onHand, item.data.movementIds],
      ['negative_stock', 'open', 'item', itemId, '-1', [sold.body().movements[0].movementId]]
    )

    const missing = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/review-items/${newCommandId()}/resolve`, {
      resolution: 'accepted',
      note: 'counted again',
    })
    assertError(missing, 404, 'E_INVENTORY_REVIEW_NOT_FOUND')
    const badResolution = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/review-items/${item.id}/resolve`, {
      resolution: 'ignored',
      note: 'counted again',
    })
    assertError(badResolution, 422, 'E_VALIDATION')

    const resolved = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/review-items/${item.id}/resolve`, {
      resolution: 'stock_adjusted',
      note: 'two found in the back room, counted in',
    })
    resolved.assertStatus(200)
    assert.deepEqual(
      [resolved.body().status, resolved.body().resolution, resolved.body().resolutionNote, resolved.body().resolvedBy],
      ['resolved', 'stock_adjusted', 'two found in the back room, counted in', fixture.managerId]
    )
    const again = await post(client, fixture.managerToken, `/stores/${fixture.storeId}/review-items/${item.id}/resolve`, {
      resolution: 'accepted',
      note: 'again',
    })
    assertError(again, 409, 'E_INVENTORY_REVIEW_RESOLVED')
    const audit = await adminRows(`select actor_user_id, subject_id, data from audit_log where tenant_id = $1 and action = 'inventory.review_resolved'`, [
      fixture.tenantId,
    ])
    assert.deepEqual(audit, [
      {
        actor_user_id: fixture.managerId,
        subject_id: item.id,
        data: {
          storeId: fixture.storeId,
          kind: 'negative_stock',
          subjectType: 'item',
          subjectId: itemId,
          resolution: 'stock_adjusted',
          note: 'two found in the back room, counted in',
        },
      },
    ])
    assert.deepEqual((await get(client, fixture.managerToken, `/stores/${fixture.storeId}/review-items`)).body().reviewItems, [])
    assert.lengthOf((await get(client, fixture.managerToken, `/stores/${fixture.storeId}/review-items`, { status: 'resolved' })).body().reviewItems, 1)

    // Stock going negative again opens a new item (the resolved one stays resolved).
    await post(client, fixture.managerToken, `/stores/${fixture.storeId}/stock/adjustments`, { commandId: newCommandId(), reason: 'recount', lines: [{ itemId, quantity: '-1' }] })
    assert.lengthOf((await get(client, fixture.managerToken, `/stores/${fixture.storeId}/review-items`)).body().reviewItems, 1)
  })
})

async function asTenantSettings(tenantId: string, settings: Record<string, unknown>) {
  const { asOwner } = await import('#tests/helpers/db')
  await asOwner(tenantId, (trx) => trx.from('tenants').where('id', tenantId).update({ settings: JSON.stringify(settings) }))
}
