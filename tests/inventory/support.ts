/*
 * Inventory test fixtures: a tenant with stores, items (cost and reorder level
 * known), tokens, a StepContext for calling the stock contract directly (as
 * another actor's step would), and ground-truth reads of the ledger.
 */
import { randomUUID } from 'node:crypto'
import type { ApiClient } from '@japa/api-client'
import { v7 as uuidv7 } from 'uuid'
import type { StepContext } from '#core/actors/types'
import { withTenant } from '#core/db/tenancy'
import { adminRows, asOwner } from '#tests/helpers/db'
import { bearer } from '#tests/helpers/http'
import { createStore, userToken, type StoreFixture } from '#tests/realtime/support'

export interface InventoryFixture extends StoreFixture {
  /** A second store of the tenant (transfers). */
  otherStoreId: string
  items: Array<{ id: string; sku: string }>
  ownerToken: string
}

/** A tenant (store with one terminal, a manager) plus a second store and `itemCount` items at `costPaise`. */
export async function createInventory(options: { items?: number; costPaise?: number; reorderLevel?: string } = {}): Promise<InventoryFixture> {
  const store = await createStore(1)
  const otherStoreId = randomUUID()
  const items = Array.from({ length: options.items ?? 3 }, (_, i) => ({ id: randomUUID(), sku: `SKU-${String(i + 1).padStart(4, '0')}` }))
  await asOwner(store.tenantId, async (trx) => {
    await trx.table('stores').insert({
      id: otherStoreId,
      tenant_id: store.tenantId,
      code: 'S2',
      legal_name: 'Second Store Pvt Ltd',
      state_code: '29',
      address_line1: '2 MG Road',
      city: 'Bengaluru',
      pincode: '560001',
    })
    const taxClassId = randomUUID()
    const productId = randomUUID()
    await trx.table('tax_classes').insert({ id: taxClassId, tenant_id: store.tenantId, code: 'GST5', name: 'GST 5%' })
    await trx.table('products').insert({
      id: productId,
      tenant_id: store.tenantId,
      name: 'Toor Dal',
      hsn_sac: '0713',
      tax_class_id: taxClassId,
      unit: 'KGS',
      fractional: true,
    })
    await trx.table('items').multiInsert(
      items.map((item, i) => ({
        id: item.id,
        tenant_id: store.tenantId,
        product_id: productId,
        sku: item.sku,
        name: `Toor Dal ${i + 1} kg`,
        cost_paise: options.costPaise ?? 10_000,
        reorder_level: options.reorderLevel ?? '0',
      }))
    )
  })
  return { ...store, otherStoreId, items, ownerToken: await userToken(store, 'owner', '*') }
}

/** A manager token of the fixture's tenant scoped to both stores. */
export const bothStoresToken = (fixture: InventoryFixture) => userToken(fixture, 'manager', [fixture.storeId, fixture.otherStoreId])

/** Sets the tenant's negative-stock policy directly (the route is tested on its own). */
export async function setPolicy(fixture: { tenantId: string }, policy: 'refuse' | 'allow-with-review') {
  await asOwner(fixture.tenantId, (trx) =>
    trx.rawQuery(`update tenants set settings = jsonb_set(settings, '{inventory}', ?::jsonb, true) where id = ?`, [JSON.stringify({ negativeStock: policy }), fixture.tenantId])
  )
}

/**
 * Runs `work` in its own tenant transaction with a StepContext, as a durable step of
 * another actor (a sale) would call the stock contract; the facts it emits are collected.
 */
export async function inStep<T>(tenantId: string, storeId: string, work: (step: StepContext) => Promise<T>) {
  const facts: Array<{ type: string; data: any }> = []
  const ref = { tenantId, kind: 'sale', actorId: randomUUID() }
  const result = await withTenant(tenantId, (trx) =>
    work({
      trx,
      ref,
      request: {
        ref,
        commandId: uuidv7(),
        commandType: 'sale.complete',
        payloadHash: 'test',
        event: { type: 'sale.complete' },
        sender: { userId: null, deviceId: null },
      },
      seq: 1,
      context: { storeId },
      at: new Date().toISOString(),
      emitFact: async (type, data) => void facts.push({ type, data }),
    })
  )
  return { result, facts }
}

/** The error a promise rejects with (or null). */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise
    return null
  } catch (error) {
    return error
  }
}

/** on_hand per item of a store, and the sum of movements per item (superuser reads: ground truth). */
export async function ledgerOf(tenantId: string, storeId: string) {
  const levels = await adminRows<{ item_id: string; on_hand: string }>('select item_id, on_hand::text from stock_levels where tenant_id = $1 and store_id = $2', [
    tenantId,
    storeId,
  ])
  const sums = await adminRows<{ item_id: string; total: string; n: number }>(
    'select item_id, sum(quantity)::text as total, count(*)::int as n from stock_movements where tenant_id = $1 and store_id = $2 group by item_id',
    [tenantId, storeId]
  )
  return {
    onHand: Object.fromEntries(levels.map((row) => [row.item_id, Number(row.on_hand)])),
    ledger: Object.fromEntries(sums.map((row) => [row.item_id, Number(row.total)])),
    movements: Object.fromEntries(sums.map((row) => [row.item_id, row.n])),
  }
}

/** Open-layer remaining and open shortfall per item (ground truth). */
export async function layersOf(tenantId: string, storeId: string, itemId: string) {
  return adminRows<{ unit_cost_paise: string; quantity: string; remaining: string }>(
    'select unit_cost_paise::text, quantity::text, remaining::text from cost_layers where tenant_id = $1 and store_id = $2 and item_id = $3 order by position',
    [tenantId, storeId, itemId]
  )
}

/** Counts of every table a stock command writes (for "nothing written"). */
export const LEDGER_TABLES = [
  'stock_movements',
  'cost_layers',
  'cost_shortfalls',
  'cost_layer_consumptions',
  'stock_transfers',
  'stock_transfer_lines',
  'review_items',
  'store_events',
  'actor_journal',
  'processed_commands',
] as const

/** POST to a store route as `token`. */
export function post(client: ApiClient, token: string, path: string, body: unknown) {
  return client.post(`/api/v1${path}`).header('authorization', bearer(token)).json(body as Record<string, unknown>)
}

/** GET a route as `token`. */
export function get(client: ApiClient, token: string, path: string, query: Record<string, unknown> = {}) {
  return client.get(`/api/v1${path}`).header('authorization', bearer(token)).qs(query)
}

export const newCommandId = () => uuidv7()
