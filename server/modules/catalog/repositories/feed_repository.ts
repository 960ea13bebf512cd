import type { Tx } from '#core/db/tenancy'
import type { CatalogFeedCategory, CatalogFeedTaxClass } from '@pos/protocols'
import { canonicalPercent } from './values.js'

/** One row of the change log (xid8 and bigint as decimal strings). */
export interface ChangeRow {
  id: string
  xid: string
  store_id: string | null
  entity: 'item' | 'barcode' | 'store_price' | 'tax_class' | 'category' | 'settings'
  entity_key: string
}

/** A position in the change log, in (xid, id) order: everything at or before it has been delivered. */
export interface LogPosition {
  xid: bigint
  id: bigint
}

/*
 * The change log as the feed reads it. Every query carries the store filter:
 * a change for one store (its price override) is never read for another.
 */
export const feedRepository = {
  /**
   * The oldest transaction id still running anywhere (or the next id, when none
   * is). Every transaction below it has ended, so the change rows below it are
   * final: none can appear there later.
   */
  async stableBound(trx: Tx): Promise<bigint> {
    const result = await trx.rawQuery('select pg_snapshot_xmin(pg_current_snapshot())::text as bound')
    return BigInt(result.rows[0].bound)
  },

  /** Up to `limit` changes after `after` and below `bound`, in (xid, id) order. */
  async changesAfter(trx: Tx, p: { tenantId: string; storeId: string; after: LogPosition; bound: bigint; limit: number }): Promise<ChangeRow[]> {
    const result = await trx.rawQuery(
      `select id::text as id, xid::text as xid, store_id, entity, entity_key
         from catalog_changes
        where tenant_id = ?
          and (xid, id) > (?::xid8, ?::bigint)
          and xid < ?::xid8
          and (store_id is null or store_id = ?)
        order by xid, id
        limit ?`,
      [p.tenantId, p.after.xid.toString(), p.after.id.toString(), p.bound.toString(), p.storeId, p.limit]
    )
    return result.rows
  },

  /**
   * Whether this store has changes after `after` in the log: committed (they are
   * visible) and, when `bound` is given, only those at or above it (held back).
   */
  async anyAfter(trx: Tx, p: { tenantId: string; storeId: string; after: LogPosition; from?: bigint; below?: bigint }): Promise<boolean> {
    const result = await trx.rawQuery(
      `select exists (
         select 1 from catalog_changes
          where tenant_id = ?
            and (xid, id) > (?::xid8, ?::bigint)
            and xid >= ?::xid8
            and (? or xid < ?::xid8)
            and (store_id is null or store_id = ?)
       ) as found`,
      [
        p.tenantId,
        p.after.xid.toString(),
        p.after.id.toString(),
        (p.from ?? 0n).toString(),
        p.below === undefined,
        (p.below ?? 0n).toString(),
        p.storeId,
      ]
    )
    return result.rows[0].found
  },

  /** Tax classes with the rate in force on `today` and every later one (all classes when `ids` is null: active only). */
  async taxClasses(trx: Tx, p: { today: string; ids: string[] | null }): Promise<CatalogFeedTaxClass[]> {
    if (p.ids !== null && p.ids.length === 0) return []
    const result = await trx.rawQuery(
      `select t.id, t.code, t.name, t.active,
              coalesce((select json_agg(json_build_object('effectiveFrom', r.effective_from::text, 'ratePercent', r.rate_percent::text,
                                                          'cessPercent', r.cess_percent::text) order by r.effective_from)
                          from tax_class_rates r
                         where r.tenant_id = t.tenant_id and r.tax_class_id = t.id
                           and r.effective_from >= coalesce((select max(r2.effective_from) from tax_class_rates r2
                                                              where r2.tenant_id = t.tenant_id and r2.tax_class_id = t.id
                                                                and r2.effective_from <= cast(? as date)), date '0001-01-01')),
                       '[]'::json) as rates
         from tax_classes t
        where ${p.ids === null ? 't.active' : 't.id = any(?::uuid[])'}
        order by t.code`,
      p.ids === null ? [p.today] : [p.today, p.ids]
    )
    return result.rows.map((row: { id: string; code: string; name: string; active: boolean; rates: CatalogFeedTaxClass['rates'] }) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      active: row.active,
      rates: row.rates.map((rate) => ({
        effectiveFrom: rate.effectiveFrom,
        ratePercent: canonicalPercent(rate.ratePercent),
        cessPercent: canonicalPercent(rate.cessPercent),
      })),
    }))
  },

  /** Categories by id (all active ones when `ids` is null). */
  async categories(trx: Tx, ids: string[] | null): Promise<CatalogFeedCategory[]> {
    if (ids !== null && ids.length === 0) return []
    const query = trx.from('categories').select('id', 'parent_id', 'name', 'station_route', 'active').orderBy('id')
    if (ids === null) query.where('active', true)
    else query.whereIn('id', ids)
    return (await query).map((row) => ({ id: row.id, parentId: row.parent_id, name: row.name, stationRoute: row.station_route, active: row.active }))
  },

  /** Which of `codes` name an item now. */
  async existingBarcodes(trx: Tx, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set()
    const rows = await trx.from('barcodes').select('code').whereIn('code', codes)
    return new Set(rows.map((row: { code: string }) => row.code))
  },

  /** Which of `itemIds` have a price override for `storeId` on the default list now. */
  async existingStoreOverrides(trx: Tx, storeId: string, itemIds: string[]): Promise<Set<string>> {
    if (itemIds.length === 0) return new Set()
    const rows = await trx
      .from('item_prices as ip')
      .join('price_lists as pl', (join) => join.on('pl.tenant_id', 'ip.tenant_id').andOn('pl.id', 'ip.price_list_id'))
      .where('pl.is_default', true)
      .where('ip.store_id', storeId)
      .whereIn('ip.item_id', itemIds)
      .select('ip.item_id')
    return new Set(rows.map((row: { item_id: string }) => row.item_id))
  },
}
