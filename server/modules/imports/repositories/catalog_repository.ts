/*
 * The catalog tables as the importer and the exporter see them: the snapshot a
 * batch is planned against, the batch's writes, and the export's pages. The
 * catalog module writes the same tables through its own repository; the rules
 * both enforce are also constraints in 0004_catalog_core, so neither can store
 * what the other would refuse.
 */
import type { Tx } from '#core/db/tenancy'
import type { BatchWrites, CatalogSnapshot, CategoryRecord, ItemRecord, ProductRecord } from '../services/batch_planner.js'
import { canonicalQuantity } from '../services/values.js'

const num = (value: string | number | null) => (value === null ? null : Number(value))

interface ItemRow {
  id: string
  sku: string
  product_id: string
  name: string
  local_name: string | null
  variant: Record<string, unknown>
  mrp_paise: string | null
  cost_paise: string
  reorder_level: string
  active: boolean
}

interface ProductRow {
  id: string
  name: string
  category_id: string | null
  hsn_sac: string
  tax_class_id: string
  unit: string
  fractional: boolean
}

const toItem = (row: ItemRow): ItemRecord => ({
  id: row.id,
  sku: row.sku,
  productId: row.product_id,
  name: row.name,
  localName: row.local_name,
  variant: row.variant ?? {},
  mrpPaise: num(row.mrp_paise),
  costPaise: Number(row.cost_paise),
  reorderLevel: canonicalQuantity(row.reorder_level),
  active: row.active,
})

const toProduct = (row: ProductRow): ProductRecord => ({
  id: row.id,
  name: row.name,
  categoryId: row.category_id,
  hsn: row.hsn_sac,
  taxClassId: row.tax_class_id,
  unit: row.unit,
  fractional: row.fractional,
})

/** One exported item with its product's fields, price and barcodes. */
export interface ExportRow {
  item: ItemRecord
  product: ProductRecord
  pricePaise: number | null
  barcodes: string[]
}

export const catalogRepository = {
  /** The tenant's default price list, created ("RETAIL") when the tenant has none. */
  async defaultPriceList(trx: Tx, tenantId: string, create: boolean): Promise<string | null> {
    const find = async () => ((await trx.from('price_lists').select('id').where('is_default', true).first()) as { id: string } | null)?.id ?? null
    const found = await find()
    if (found || !create) return found
    // Another writer may create it at the same moment: the unique index decides, then read again.
    await trx.rawQuery(
      `insert into price_lists (tenant_id, code, name, is_default) values (?, 'RETAIL', 'Retail', true) on conflict do nothing`,
      [tenantId]
    )
    return find()
  },

  async taxClassCodes(trx: Tx): Promise<Map<string, string>> {
    const rows: Array<{ id: string; code: string }> = await trx.from('tax_classes').select('id', 'code')
    return new Map(rows.map((row) => [row.id, row.code]))
  },

  async categories(trx: Tx): Promise<CategoryRecord[]> {
    const rows: Array<{ id: string; parent_id: string | null; name: string }> = await trx.from('categories').select('id', 'parent_id', 'name')
    return rows.map((row) => ({ id: row.id, parentId: row.parent_id, name: row.name }))
  },

  /** What a batch naming these SKUs, product names and barcodes needs to be planned. */
  async loadSnapshot(trx: Tx, input: { priceListId: string | null; skus: string[]; productNames: string[]; codes: string[] }): Promise<CatalogSnapshot> {
    const taxClasses: Array<{ id: string; code: string; active: boolean }> = await trx.from('tax_classes').select('id', 'code', 'active')
    const categories = await this.categories(trx)
    const itemRows: ItemRow[] = await trx
      .from('items')
      .select('id', 'sku', 'product_id', 'name', 'local_name', 'variant', 'mrp_paise', 'cost_paise', 'reorder_level', 'active')
      .whereIn('sku', input.skus)
    const items = itemRows.map(toItem)
    const itemIds = items.map((item) => item.id)
    const productRows: ProductRow[] = await trx
      .from('products')
      .select('id', 'name', 'category_id', 'hsn_sac', 'tax_class_id', 'unit', 'fractional')
      .where((query) => {
        query.whereIn('id', [...new Set(items.map((item) => item.productId))])
        query.orWhereRaw('lower(name) = any(?)', [input.productNames])
      })
      .orderBy([{ column: 'created_at' }, { column: 'id' }])
    const barcodes: Array<{ code: string; item_id: string; kind: 'gtin' | 'internal'; sku: string }> = await trx
      .from('barcodes as b')
      .join('items as i', 'i.id', 'b.item_id')
      .select('b.code', 'b.item_id', 'b.kind', 'i.sku')
      .where((query) => {
        query.whereIn('b.item_id', itemIds)
        query.orWhereIn('b.code', input.codes)
      })
    const prices: Array<{ item_id: string; price_paise: string }> =
      input.priceListId === null
        ? []
        : await trx
            .from('item_prices')
            .select('item_id', 'price_paise')
            .where('price_list_id', input.priceListId)
            .whereNull('store_id')
            .whereIn('item_id', itemIds)
    return {
      priceListId: input.priceListId,
      taxClasses,
      categories,
      products: productRows.map(toProduct),
      items,
      barcodes: barcodes.map((row) => ({ code: row.code, itemId: row.item_id, kind: row.kind, sku: row.sku })),
      prices: prices.map((row) => ({ itemId: row.item_id, pricePaise: Number(row.price_paise) })),
    }
  },

  /** Applies a planned batch: parents before children, removals before additions. */
  async applyWrites(trx: Tx, tenantId: string, defaultPriceListId: string | null, writes: BatchWrites) {
    if (writes.categories.length > 0) {
      await trx.table('categories').multiInsert(
        writes.categories.map((category) => ({ id: category.id, tenant_id: tenantId, parent_id: category.parentId, name: category.name }))
      )
    }
    if (writes.newProducts.length > 0) {
      await trx.table('products').multiInsert(
        writes.newProducts.map((product) => ({
          id: product.id,
          tenant_id: tenantId,
          name: product.name,
          category_id: product.categoryId,
          hsn_sac: product.hsn,
          tax_class_id: product.taxClassId,
          unit: product.unit,
          fractional: product.fractional,
        }))
      )
    }
    for (const [productId, changes] of writes.productChanges) {
      await trx.from('products').where('id', productId).update({ ...changes, updated_at: trx.raw('now()') })
    }
    if (writes.newItems.length > 0) {
      await trx.table('items').multiInsert(
        writes.newItems.map((item) => ({
          id: item.id,
          tenant_id: tenantId,
          product_id: item.productId,
          sku: item.sku,
          name: item.name,
          local_name: item.localName,
          variant: JSON.stringify(item.variant),
          mrp_paise: item.mrpPaise,
          cost_paise: item.costPaise,
          reorder_level: item.reorderLevel,
          active: item.active,
        }))
      )
    }
    for (const [itemId, changes] of writes.itemChanges) {
      const row: Record<string, unknown> = { ...changes, updated_at: trx.raw('now()') }
      if (changes.variant !== undefined) row.variant = JSON.stringify(changes.variant)
      await trx.from('items').where('id', itemId).update(row)
    }
    if (writes.removedBarcodes.length > 0) {
      await trx
        .from('barcodes')
        .whereIn(['code', 'item_id'], writes.removedBarcodes.map((barcode) => [barcode.code, barcode.itemId]))
        .delete()
    }
    if (writes.addedBarcodes.length > 0) {
      await trx.table('barcodes').multiInsert(
        writes.addedBarcodes.map((barcode) => ({ tenant_id: tenantId, code: barcode.code, item_id: barcode.itemId, kind: barcode.kind }))
      )
    }
    if (writes.prices.size > 0) {
      const priceListId = defaultPriceListId ?? (await this.defaultPriceList(trx, tenantId, true))
      // Only when a list coded RETAIL exists and none is the default: a setup the catalog screens must fix.
      if (priceListId === null) throw new Error('the tenant has no default price list and RETAIL is taken')
      const prices = [...writes.prices]
      await trx.rawQuery(
        `insert into item_prices (tenant_id, price_list_id, item_id, store_id, price_paise)
         values ${prices.map(() => '(?, ?, ?, null, ?)').join(', ')}
         on conflict (tenant_id, price_list_id, item_id, store_id)
         do update set price_paise = excluded.price_paise, updated_at = now()`,
        prices.flatMap(([itemId, pricePaise]) => [tenantId, priceListId, itemId, pricePaise])
      )
    }
  },

  /** Items after `afterSku` in SKU order, with what the export writes of each. */
  async exportPage(trx: Tx, input: { priceListId: string | null; afterSku: string | null; limit: number }): Promise<ExportRow[]> {
    const query = trx
      .from('items as i')
      .join('products as p', 'p.id', 'i.product_id')
      .select(
        'i.id',
        'i.sku',
        'i.product_id',
        'i.name',
        'i.local_name',
        'i.variant',
        'i.mrp_paise',
        'i.cost_paise',
        'i.reorder_level',
        'i.active',
        'p.name as product_name',
        'p.category_id',
        'p.hsn_sac',
        'p.tax_class_id',
        'p.unit',
        'p.fractional',
        input.priceListId === null
          ? trx.raw('null::bigint as price_paise')
          : trx.raw(
              `(select ip.price_paise from item_prices ip
                 where ip.item_id = i.id and ip.price_list_id = ? and ip.store_id is null) as price_paise`,
              [input.priceListId]
            ),
        trx.raw(`(select array_agg(b.code order by b.created_at, b.code) from barcodes b where b.item_id = i.id) as barcodes`)
      )
      .orderBy('i.sku')
      .limit(input.limit)
    if (input.afterSku !== null) query.where('i.sku', '>', input.afterSku)
    const rows: Array<ItemRow & { product_name: string; category_id: string | null; hsn_sac: string; tax_class_id: string; unit: string; fractional: boolean; price_paise: string | null; barcodes: string[] | null }> =
      await query
    return rows.map((row) => ({
      item: toItem(row),
      product: toProduct({ ...row, id: row.product_id, name: row.product_name }),
      pricePaise: num(row.price_paise),
      barcodes: row.barcodes ?? [],
    }))
  },
}
