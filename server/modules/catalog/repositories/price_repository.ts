import type { Tx } from '#core/db/tenancy'
import type { PriceList } from '@pos/protocols'

interface PriceListRow {
  id: string
  code: string
  name: string
  prices_include_tax: boolean
  is_default: boolean
}

function toPriceList(row: PriceListRow): PriceList {
  return { id: row.id, code: row.code, name: row.name, pricesIncludeTax: row.prices_include_tax, isDefault: row.is_default }
}

const columns = ['id', 'code', 'name', 'prices_include_tax', 'is_default']

export const priceRepository = {
  async lists(trx: Tx): Promise<PriceList[]> {
    return (await trx.from('price_lists').select(columns).orderBy('code')).map(toPriceList)
  },

  async find(trx: Tx, id: string): Promise<PriceList | null> {
    const row: PriceListRow | undefined = await trx.from('price_lists').select(columns).where('id', id).first()
    return row ? toPriceList(row) : null
  },

  async findDefault(trx: Tx): Promise<PriceList | null> {
    const row: PriceListRow | undefined = await trx.from('price_lists').select(columns).where('is_default', true).first()
    return row ? toPriceList(row) : null
  },

  async codeTaken(trx: Tx, code: string): Promise<boolean> {
    return (await trx.from('price_lists').select('id').where('code', code).first()) != null
  },

  /** Takes the default role from whichever list has it (one default per tenant). */
  async clearDefault(trx: Tx) {
    await trx.from('price_lists').where('is_default', true).update({ is_default: false })
  },

  async insert(trx: Tx, tenantId: string, l: { code: string; name: string; pricesIncludeTax: boolean; isDefault: boolean }): Promise<string> {
    const [row] = await trx
      .insertQuery()
      .table('price_lists')
      .insert({ tenant_id: tenantId, code: l.code, name: l.name, prices_include_tax: l.pricesIncludeTax, is_default: l.isDefault })
      .returning(['id'])
    return row.id
  },

  async update(trx: Tx, id: string, changes: { name?: string; pricesIncludeTax?: boolean; isDefault?: boolean }) {
    const row: Record<string, unknown> = {}
    if (changes.name !== undefined) row.name = changes.name
    if (changes.pricesIncludeTax !== undefined) row.prices_include_tax = changes.pricesIncludeTax
    if (changes.isDefault !== undefined) row.is_default = changes.isDefault
    await trx.from('price_lists').where('id', id).update(row)
  },

  async current(trx: Tx, p: { priceListId: string; itemId: string; storeId: string | null }): Promise<number | null> {
    const query = trx.from('item_prices').select('price_paise').where({ price_list_id: p.priceListId, item_id: p.itemId })
    if (p.storeId === null) query.whereNull('store_id')
    else query.where('store_id', p.storeId)
    const row = await query.first()
    return row ? Number(row.price_paise) : null
  },

  /** Sets the price of an item on a list, tenant-wide (storeId null) or for one store. */
  async set(trx: Tx, tenantId: string, p: { priceListId: string; itemId: string; storeId: string | null; pricePaise: number }) {
    await trx.rawQuery(
      `insert into item_prices (tenant_id, price_list_id, item_id, store_id, price_paise)
       values (?, ?, ?, ${p.storeId === null ? 'null' : '?'}, ?)
       on conflict (tenant_id, price_list_id, item_id, store_id)
       do update set price_paise = excluded.price_paise, updated_at = now()
       where item_prices.price_paise is distinct from excluded.price_paise`,
      p.storeId === null ? [tenantId, p.priceListId, p.itemId, p.pricePaise] : [tenantId, p.priceListId, p.itemId, p.storeId, p.pricePaise]
    )
  },

  async clear(trx: Tx, p: { priceListId: string; itemId: string; storeId: string }): Promise<boolean> {
    return Number(await trx.from('item_prices').where({ price_list_id: p.priceListId, item_id: p.itemId, store_id: p.storeId }).delete()) > 0
  },
}
