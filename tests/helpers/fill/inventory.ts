import { randomUUID } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TenantFixture } from '../fixtures.js'
import type { CatalogFill } from './catalog.js'

/** One row in every inventory table (see fillEveryTable). */
export async function fillInventory(trx: TransactionClientContract, t: TenantFixture, catalog: CatalogFill) {
  // On-hand is the sum of the movements below (receipt 5, sale 7, transfer out 1).
  await trx.table('stock_levels').insert({ tenant_id: t.tenantId, store_id: t.storeId, item_id: catalog.itemId, on_hand: '-3' })
  await trx.table('review_items').insert({
    tenant_id: t.tenantId,
    store_id: t.storeId,
    kind: 'negative_stock',
    subject_type: 'fixture',
    subject_id: catalog.itemId,
  })

  // A receipt of 5 (one layer), a sale of 7 (5 from the layer, 2 short), a transfer of nothing but the shape.
  const at = new Date()
  const base = { tenant_id: t.tenantId, store_id: t.storeId, item_id: catalog.itemId }
  const receiptId = randomUUID()
  const saleId = randomUUID()
  const layerId = randomUUID()
  const shortfallId = randomUUID()
  const reference = { reference_type: 'fixture', reference_id: 'fixture' }
  await trx.table('stock_movements').insert([
    { ...base, ...reference, id: receiptId, kind: 'receipt', quantity: '5', on_hand_after: '5', unit_cost_paise: 100, total_cost_paise: 500, at },
    { ...base, ...reference, id: saleId, kind: 'sale', quantity: '-7', on_hand_after: '-2', total_cost_paise: 700, at },
  ])
  await trx.table('cost_layers').insert({ ...base, id: layerId, movement_id: receiptId, unit_cost_paise: 100, quantity: '5', remaining: '0', opened_at: at })
  await trx.table('cost_shortfalls').insert({
    ...base,
    id: shortfallId,
    movement_id: saleId,
    quantity: '2',
    open_quantity: '2',
    provisional_unit_cost_paise: 100,
    at,
  })
  await trx.table('cost_layer_consumptions').insert([
    { ...base, id: randomUUID(), movement_id: saleId, kind: 'layer', layer_id: layerId, quantity: '5', unit_cost_paise: 100, cost_paise: 500, at },
    { ...base, id: randomUUID(), movement_id: saleId, kind: 'shortfall', shortfall_id: shortfallId, quantity: '2', unit_cost_paise: 100, cost_paise: 200, at },
  ])

  const otherStoreId = randomUUID()
  await trx.table('stores').insert({
    id: otherStoreId,
    tenant_id: t.tenantId,
    code: 'FILL2',
    legal_name: 'Second Store Pvt Ltd',
    state_code: '29',
    address_line1: '2 MG Road',
    city: 'Bengaluru',
    pincode: '560001',
  })
  const transferId = randomUUID()
  const outId = randomUUID()
  await trx.table('stock_movements').insert({
    ...base,
    ...reference,
    id: outId,
    kind: 'transfer_out',
    quantity: '-1',
    on_hand_after: '-3',
    total_cost_paise: 100,
    at,
  })
  await trx.table('stock_transfers').insert({
    id: transferId,
    tenant_id: t.tenantId,
    from_store_id: t.storeId,
    to_store_id: otherStoreId,
    dispatched_at: at,
  })
  await trx.table('stock_transfer_lines').insert({
    tenant_id: t.tenantId,
    transfer_id: transferId,
    item_id: catalog.itemId,
    quantity_dispatched: '1',
    dispatched_value_paise: 100,
    cost_slices: JSON.stringify([{ unitCostPaise: 100, quantity: '1', costPaise: 100, batchId: null }]),
    out_movement_id: outId,
  })
}
