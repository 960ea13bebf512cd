import { randomUUID } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TenantFixture } from '../fixtures.js'

/** Ids of the catalog rows fillCatalog made, for the fills that reference them. */
export interface CatalogFill {
  itemId: string
}

/** One row in every catalog table (see fillEveryTable). */
export async function fillCatalog(trx: TransactionClientContract, t: TenantFixture): Promise<CatalogFill> {
  const taxClassId = randomUUID()
  const categoryId = randomUUID()
  const productId = randomUUID()
  const itemId = randomUUID()
  const priceListId = randomUUID()
  await trx.table('tax_classes').insert({ id: taxClassId, tenant_id: t.tenantId, code: 'GST5', name: 'GST 5%' })
  await trx.table('tax_class_rates').insert({ tenant_id: t.tenantId, tax_class_id: taxClassId, effective_from: '2017-07-01', rate_percent: '5' })
  await trx.table('categories').insert({ id: categoryId, tenant_id: t.tenantId, name: 'Staples', station_route: null })
  await trx.table('products').insert({
    id: productId,
    tenant_id: t.tenantId,
    name: 'Basmati Rice',
    category_id: categoryId,
    hsn_sac: '1006',
    tax_class_id: taxClassId,
    unit: 'KGS',
    fractional: true,
  })
  await trx.table('items').insert({ id: itemId, tenant_id: t.tenantId, product_id: productId, sku: `RICE-${itemId.slice(0, 8)}`, name: 'Basmati Rice (loose)' })
  await trx.table('barcodes').insert({ tenant_id: t.tenantId, code: `200${itemId.replace(/\D/g, '').padEnd(10, '7').slice(0, 10)}`, item_id: itemId, kind: 'internal' })
  await trx.table('price_lists').insert({ id: priceListId, tenant_id: t.tenantId, code: 'RETAIL', name: 'Retail', is_default: true })
  await trx.table('item_prices').insert({ tenant_id: t.tenantId, price_list_id: priceListId, item_id: itemId, store_id: null, price_paise: 12_000 })
  await trx.table('item_prices').insert({ tenant_id: t.tenantId, price_list_id: priceListId, item_id: itemId, store_id: t.storeId, price_paise: 11_500 })
  await trx.table('batches').insert({ tenant_id: t.tenantId, item_id: itemId, batch_no: 'B-0001', expires_on: '2099-12-31' })
  // The writes above are logged by the catalog's triggers; this one stands for the catalog service's own (settings) entry.
  await trx.table('catalog_changes').insert({ tenant_id: t.tenantId, store_id: null, entity: 'settings', entity_key: 'catalog' })
  return { itemId }
}
