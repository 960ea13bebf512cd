import type { Tx } from '#core/db/tenancy'
import type { CatalogFeedItem, ItemBarcode, SellableItem, TaxClassRate, Uqc } from '@pos/protocols'
import { canonicalPercent, paise } from './values.js'

/*
 * Items as a store sells them on a date. The price rule every module shares:
 * the default list's row for (item, store) if present, else its row with
 * store_id null. The tax rule: the class's rate with the greatest
 * effective_from on or before the date.
 */

interface SellableRow {
  id: string
  product_id: string
  sku: string
  name: string
  local_name: string | null
  variant: Record<string, string>
  mrp_paise: string | null
  active: boolean
  unit: Uqc
  fractional: boolean
  tracks_batches: boolean
  hsn_sac: string
  category_id: string | null
  station_route: string | null
  tax_class_id: string
  rate_percent: string | null
  cess_percent: string | null
  store_price_paise: string | null
  tenant_price_paise: string | null
  prices_include_tax: boolean
}

interface FeedRow extends SellableRow {
  upcoming: Array<{ effectiveFrom: string; ratePercent: string; cessPercent: string }>
  barcodes: ItemBarcode[]
  batches: Array<{ id: string; batchNo: string; expiresOn: string | null }>
}

function priceOf(row: SellableRow) {
  if (row.store_price_paise !== null) return { pricePaise: paise(row.store_price_paise), priceSource: 'store' as const }
  if (row.tenant_price_paise !== null) return { pricePaise: paise(row.tenant_price_paise), priceSource: 'tenant' as const }
  return { pricePaise: null, priceSource: null }
}

function toSellable(row: SellableRow): SellableItem {
  return {
    itemId: row.id,
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    localName: row.local_name,
    hsn: row.hsn_sac,
    unit: row.unit,
    fractional: row.fractional,
    tracksBatches: row.tracks_batches,
    taxClassId: row.tax_class_id,
    ratePercent: canonicalPercent(row.rate_percent),
    cessPercent: canonicalPercent(row.cess_percent),
    ...priceOf(row),
    pricesIncludeTax: row.prices_include_tax,
    mrpPaise: paise(row.mrp_paise),
    categoryId: row.category_id,
    stationRoute: row.station_route,
    active: row.active,
  }
}

function toFeedItem(row: FeedRow): CatalogFeedItem {
  const upcomingRates: TaxClassRate[] = row.upcoming.map((rate) => ({
    effectiveFrom: rate.effectiveFrom,
    ratePercent: canonicalPercent(rate.ratePercent),
    cessPercent: canonicalPercent(rate.cessPercent),
  }))
  return {
    id: row.id,
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    localName: row.local_name,
    variant: row.variant,
    unit: row.unit,
    fractional: row.fractional,
    hsn: row.hsn_sac,
    categoryId: row.category_id,
    stationRoute: row.station_route,
    taxClassId: row.tax_class_id,
    ratePercent: canonicalPercent(row.rate_percent),
    cessPercent: canonicalPercent(row.cess_percent),
    upcomingRates,
    mrpPaise: paise(row.mrp_paise),
    ...priceOf(row),
    pricesIncludeTax: row.prices_include_tax,
    barcodes: row.barcodes,
    tracksBatches: row.tracks_batches,
    batches: row.tracks_batches ? row.batches : [],
    active: row.active,
  }
}

const feedExtras = `,
  coalesce((select json_agg(json_build_object('effectiveFrom', r.effective_from::text, 'ratePercent', r.rate_percent::text,
                                              'cessPercent', r.cess_percent::text) order by r.effective_from)
              from tax_class_rates r
             where r.tenant_id = p.tenant_id and r.tax_class_id = p.tax_class_id and r.effective_from > params.on_date), '[]'::json) as upcoming,
  coalesce((select json_agg(json_build_object('code', b.code, 'kind', b.kind) order by b.code)
              from barcodes b where b.tenant_id = i.tenant_id and b.item_id = i.id), '[]'::json) as barcodes,
  coalesce((select json_agg(json_build_object('id', bt.id, 'batchNo', bt.batch_no, 'expiresOn', bt.expires_on::text)
                            order by bt.expires_on nulls last, bt.batch_no)
              from batches bt
             where bt.tenant_id = i.tenant_id and bt.item_id = i.id and (bt.expires_on is null or bt.expires_on >= params.on_date)), '[]'::json) as batches`

/** The item view; `where` and `tail` (order/limit) may use `?` bindings that follow the two parameters. */
function itemViewSql(where: string, tail: string, extras: boolean) {
  return `
    with params as (select cast(? as date) as on_date, cast(? as uuid) as store_id)
    select i.id, i.product_id, i.sku, i.name, i.local_name, i.variant, i.mrp_paise, (i.active and p.active) as active,
           p.unit, p.fractional, p.tracks_batches, p.hsn_sac, p.category_id, c.station_route, p.tax_class_id,
           cur.rate_percent::text as rate_percent, cur.cess_percent::text as cess_percent,
           sp.price_paise as store_price_paise, tp.price_paise as tenant_price_paise,
           coalesce(pl.prices_include_tax, true) as prices_include_tax
           ${extras ? feedExtras : ''}
      from params
      cross join items i
      join products p on p.tenant_id = i.tenant_id and p.id = i.product_id
      left join categories c on c.tenant_id = p.tenant_id and c.id = p.category_id
      left join price_lists pl on pl.tenant_id = i.tenant_id and pl.is_default
      left join item_prices sp on sp.tenant_id = i.tenant_id and sp.price_list_id = pl.id and sp.item_id = i.id and sp.store_id = params.store_id
      left join item_prices tp on tp.tenant_id = i.tenant_id and tp.price_list_id = pl.id and tp.item_id = i.id and tp.store_id is null
      left join lateral (
        select r.rate_percent, r.cess_percent from tax_class_rates r
         where r.tenant_id = p.tenant_id and r.tax_class_id = p.tax_class_id and r.effective_from <= params.on_date
         order by r.effective_from desc limit 1
      ) cur on true
     where ${where}
     ${tail}`
}

export const itemViewRepository = {
  /** Items by id as `storeId` sells them on `on` (retired ones too, with active = false). */
  async sellable(trx: Tx, p: { storeId: string; on: string; itemIds: string[] }): Promise<SellableItem[]> {
    if (p.itemIds.length === 0) return []
    const result = await trx.rawQuery(itemViewSql('i.id = any(?::uuid[])', 'order by i.id', false), [p.on, p.storeId, p.itemIds])
    return result.rows.map(toSellable)
  },

  /** Feed rows of the given items (retired ones too). */
  async feedItems(trx: Tx, p: { storeId: string; today: string; itemIds: string[] }): Promise<CatalogFeedItem[]> {
    if (p.itemIds.length === 0) return []
    const result = await trx.rawQuery(itemViewSql('i.id = any(?::uuid[])', 'order by i.id', true), [p.today, p.storeId, p.itemIds])
    return result.rows.map(toFeedItem)
  },

  /** A page of the sellable catalog (active items only), in id order after `afterId`. */
  async feedPage(trx: Tx, p: { storeId: string; today: string; afterId: string | null; limit: number }): Promise<CatalogFeedItem[]> {
    const where = `i.active and p.active and i.id > cast(? as uuid)`
    const result = await trx.rawQuery(itemViewSql(where, 'order by i.id limit ?', true), [
      p.today,
      p.storeId,
      p.afterId ?? '00000000-0000-0000-0000-000000000000',
      p.limit,
    ])
    return result.rows.map(toFeedItem)
  },
}
