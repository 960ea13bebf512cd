import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TenantFixture } from '../fixtures.js'
import type { CatalogFill } from './catalog.js'

/** One row in every inventory table (see fillEveryTable). */
export async function fillInventory(trx: TransactionClientContract, t: TenantFixture, catalog: CatalogFill) {
  await trx.table('stock_levels').insert({ tenant_id: t.tenantId, store_id: t.storeId, item_id: catalog.itemId, on_hand: '0' })
  await trx.table('review_items').insert({
    tenant_id: t.tenantId,
    store_id: t.storeId,
    kind: 'negative_stock',
    subject_type: 'fixture',
    subject_id: catalog.itemId,
  })
}
