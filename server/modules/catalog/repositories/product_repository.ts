import type { Tx } from '#core/db/tenancy'
import type { CatalogItem, CatalogProduct, ItemBarcode, ItemBatch, ItemPrice, ProductListQuery, Uqc } from '@pos/protocols'
import { canonicalQuantity, paise } from './values.js'

interface ProductRow {
  id: string
  name: string
  local_name: string | null
  category_id: string | null
  hsn_sac: string
  tax_class_id: string
  unit: Uqc
  fractional: boolean
  tracks_batches: boolean
  active: boolean
}

interface ItemRow {
  id: string
  product_id: string
  sku: string
  name: string
  local_name: string | null
  variant: Record<string, string>
  mrp_paise: string | null
  cost_paise: string
  reorder_level: string
  active: boolean
}

const productColumns = ['id', 'name', 'local_name', 'category_id', 'hsn_sac', 'tax_class_id', 'unit', 'fractional', 'tracks_batches', 'active']
const itemColumns = ['id', 'product_id', 'sku', 'name', 'local_name', 'variant', 'mrp_paise', 'cost_paise', 'reorder_level', 'active']

export interface ProductFields {
  name: string
  localName: string | null
  categoryId: string | null
  hsn: string
  taxClassId: string
  unit: Uqc
  fractional: boolean
  tracksBatches: boolean
}

export interface ItemFields {
  sku: string
  name: string
  localName: string | null
  variant: Record<string, string>
  mrpPaise: number | null
  costPaise: number
  reorderLevel: string
}

/** The product row as the service reads it before a change. */
export interface ProductState extends ProductFields {
  id: string
  active: boolean
}

function toProductState(row: ProductRow): ProductState {
  return {
    id: row.id,
    name: row.name,
    localName: row.local_name,
    categoryId: row.category_id,
    hsn: row.hsn_sac,
    taxClassId: row.tax_class_id,
    unit: row.unit,
    fractional: row.fractional,
    tracksBatches: row.tracks_batches,
    active: row.active,
  }
}

async function itemsOf(trx: Tx, productIds: string[]): Promise<Map<string, CatalogItem[]>> {
  const byProduct = new Map<string, CatalogItem[]>()
  if (productIds.length === 0) return byProduct
  const items: ItemRow[] = await trx.from('items').select(itemColumns).whereIn('product_id', productIds).orderBy('sku')
  const ids = items.map((item) => item.id)
  const barcodes: Array<{ item_id: string; code: string; kind: ItemBarcode['kind'] }> =
    ids.length === 0 ? [] : await trx.from('barcodes').select('item_id', 'code', 'kind').whereIn('item_id', ids).orderBy('code')
  const prices: Array<{ item_id: string; price_list_id: string; store_id: string | null; price_paise: string }> =
    ids.length === 0
      ? []
      : await trx
          .from('item_prices')
          .select('item_id', 'price_list_id', 'store_id', 'price_paise')
          .whereIn('item_id', ids)
          .orderByRaw('price_list_id, store_id nulls first')
  for (const row of items) {
    const item: CatalogItem = {
      id: row.id,
      productId: row.product_id,
      sku: row.sku,
      name: row.name,
      localName: row.local_name,
      variant: row.variant,
      mrpPaise: paise(row.mrp_paise),
      costPaise: Number(row.cost_paise),
      reorderLevel: canonicalQuantity(row.reorder_level),
      active: row.active,
      barcodes: barcodes.filter((b) => b.item_id === row.id).map((b) => ({ code: b.code, kind: b.kind })),
      prices: prices
        .filter((p) => p.item_id === row.id)
        .map((p) => ({ priceListId: p.price_list_id, storeId: p.store_id, pricePaise: Number(p.price_paise) }) as ItemPrice),
    }
    byProduct.set(row.product_id, [...(byProduct.get(row.product_id) ?? []), item])
  }
  return byProduct
}

export const productRepository = {
  async findState(trx: Tx, productId: string, lock = false): Promise<ProductState | null> {
    const query = trx.from('products').select(productColumns).where('id', productId)
    if (lock) query.forUpdate()
    const row: ProductRow | undefined = await query.first()
    return row ? toProductState(row) : null
  },

  /** Products with their items, barcodes and prices. */
  async load(trx: Tx, productIds: string[]): Promise<CatalogProduct[]> {
    if (productIds.length === 0) return []
    const rows: ProductRow[] = await trx.from('products').select(productColumns).whereIn('id', productIds).orderBy('id')
    const items = await itemsOf(trx, productIds)
    return rows.map((row) => {
      const state = toProductState(row)
      return { ...state, items: items.get(row.id) ?? [] }
    })
  },

  /** A page of product ids (keyset on id), filtered. */
  async pageIds(trx: Tx, query: ProductListQuery): Promise<string[]> {
    const q = trx.from('products').select('id').orderBy('id').limit(query.limit)
    if (query.after) q.where('id', '>', query.after)
    if (query.categoryId) q.where('category_id', query.categoryId)
    if (query.active !== undefined) q.where('active', query.active)
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      q.where((w) =>
        w
          .whereILike('name', pattern)
          .orWhereExists((s) => s.from('items').whereRaw('items.product_id = products.id').where((i) => i.whereILike('items.name', pattern).orWhereILike('items.sku', pattern)))
      )
    }
    return (await q).map((row: { id: string }) => row.id)
  },

  async insert(trx: Tx, tenantId: string, p: ProductFields): Promise<string> {
    const [row] = await trx
      .insertQuery()
      .table('products')
      .insert({
        tenant_id: tenantId,
        name: p.name,
        local_name: p.localName,
        category_id: p.categoryId,
        hsn_sac: p.hsn,
        tax_class_id: p.taxClassId,
        unit: p.unit,
        fractional: p.fractional,
        tracks_batches: p.tracksBatches,
      })
      .returning(['id'])
    return row.id
  },

  async update(trx: Tx, productId: string, changes: Partial<ProductFields> & { active?: boolean }) {
    const columns: Record<string, string> = {
      name: 'name',
      localName: 'local_name',
      categoryId: 'category_id',
      hsn: 'hsn_sac',
      taxClassId: 'tax_class_id',
      unit: 'unit',
      fractional: 'fractional',
      tracksBatches: 'tracks_batches',
      active: 'active',
    }
    await trx.from('products').where('id', productId).update(changedRow(trx, changes, columns))
  },

  async findItem(trx: Tx, itemId: string, lock = false): Promise<(ItemFields & { id: string; productId: string; active: boolean }) | null> {
    const query = trx.from('items').select(itemColumns).where('id', itemId)
    if (lock) query.forUpdate()
    const row: ItemRow | undefined = await query.first()
    if (!row) return null
    return {
      id: row.id,
      productId: row.product_id,
      sku: row.sku,
      name: row.name,
      localName: row.local_name,
      variant: row.variant,
      mrpPaise: paise(row.mrp_paise),
      costPaise: Number(row.cost_paise),
      reorderLevel: row.reorder_level,
      active: row.active,
    }
  },

  /** Skus (any case) already used by other items of the tenant. */
  async skusTaken(trx: Tx, skus: string[], exceptItemId: string | null = null): Promise<string[]> {
    if (skus.length === 0) return []
    const query = trx.from('items').select('sku').whereRaw('lower(sku) = any(?::text[])', [skus.map((sku) => sku.toLowerCase())])
    if (exceptItemId) query.whereNot('id', exceptItemId)
    return (await query).map((row: { sku: string }) => row.sku)
  },

  async insertItem(trx: Tx, tenantId: string, productId: string, i: ItemFields): Promise<string> {
    const [row] = await trx
      .insertQuery()
      .table('items')
      .insert({
        tenant_id: tenantId,
        product_id: productId,
        sku: i.sku,
        name: i.name,
        local_name: i.localName,
        variant: JSON.stringify(i.variant),
        mrp_paise: i.mrpPaise,
        cost_paise: i.costPaise,
        reorder_level: i.reorderLevel,
      })
      .returning(['id'])
    return row.id
  },

  async updateItem(trx: Tx, itemId: string, changes: Partial<ItemFields> & { active?: boolean }) {
    const columns: Record<string, string> = {
      sku: 'sku',
      name: 'name',
      localName: 'local_name',
      mrpPaise: 'mrp_paise',
      costPaise: 'cost_paise',
      reorderLevel: 'reorder_level',
      active: 'active',
    }
    const row = changedRow(trx, changes, columns)
    if (changes.variant !== undefined) row.variant = JSON.stringify(changes.variant)
    await trx.from('items').where('id', itemId).update(row)
  },
}

/** The update row for the given fields (undefined: left alone), mapped to their columns, stamped now. */
function changedRow(trx: Tx, changes: Record<string, unknown>, columns: Record<string, string>): Record<string, unknown> {
  const row: Record<string, unknown> = { updated_at: trx.raw('now()') }
  for (const [key, value] of Object.entries(changes)) if (value !== undefined && columns[key]) row[columns[key]] = value
  return row
}

export const barcodeRepository = {
  async find(trx: Tx, code: string): Promise<{ code: string; itemId: string; kind: ItemBarcode['kind'] } | null> {
    const row = await trx.from('barcodes').select('code', 'item_id', 'kind').where('code', code).first()
    return row ? { code: row.code, itemId: row.item_id, kind: row.kind } : null
  },

  /** Which of `codes` already name an item of the tenant. */
  async taken(trx: Tx, codes: string[]): Promise<string[]> {
    if (codes.length === 0) return []
    return (await trx.from('barcodes').select('code').whereIn('code', codes)).map((row: { code: string }) => row.code)
  },

  async insert(trx: Tx, tenantId: string, itemId: string, barcodes: ItemBarcode[]) {
    if (barcodes.length === 0) return
    await trx
      .insertQuery()
      .table('barcodes')
      .multiInsert(barcodes.map((barcode) => ({ tenant_id: tenantId, item_id: itemId, code: barcode.code, kind: barcode.kind })))
  },

  async delete(trx: Tx, itemId: string, code: string): Promise<boolean> {
    return Number(await trx.from('barcodes').where({ item_id: itemId, code }).delete()) > 0
  },
}

interface BatchRow {
  id: string
  item_id: string
  batch_no: string
  manufactured_on: string | null
  expires_on: string | null
}

function toBatch(row: BatchRow): ItemBatch {
  return { id: row.id, itemId: row.item_id, batchNo: row.batch_no, manufacturedOn: row.manufactured_on, expiresOn: row.expires_on }
}

const batchColumns = `id, item_id, batch_no, manufactured_on::text as manufactured_on, expires_on::text as expires_on`

export const batchRepository = {
  async list(trx: Tx, itemId: string): Promise<ItemBatch[]> {
    const result = await trx.rawQuery(`select ${batchColumns} from batches where item_id = ? order by expires_on nulls last, batch_no`, [itemId])
    return result.rows.map(toBatch)
  },

  async find(trx: Tx, batchId: string): Promise<ItemBatch | null> {
    const result = await trx.rawQuery(`select ${batchColumns} from batches where id = ?`, [batchId])
    return result.rows[0] ? toBatch(result.rows[0]) : null
  },

  async numberTaken(trx: Tx, itemId: string, batchNo: string): Promise<boolean> {
    return (await trx.from('batches').select('id').where({ item_id: itemId }).whereRaw('lower(batch_no) = lower(?)', [batchNo]).first()) != null
  },

  async insert(trx: Tx, tenantId: string, itemId: string, b: { batchNo: string; manufacturedOn: string | null; expiresOn: string | null }): Promise<ItemBatch> {
    const [row] = await trx
      .insertQuery()
      .table('batches')
      .insert({ tenant_id: tenantId, item_id: itemId, batch_no: b.batchNo, manufactured_on: b.manufacturedOn, expires_on: b.expiresOn })
      .returning(['id'])
    return (await batchRepository.find(trx, row.id))!
  },
}
