import type { Tx } from '#core/db/tenancy'
import type { SellableItem } from '@pos/protocols'
import { itemViewRepository } from '../repositories/item_view_repository.js'
import { indiaDate, indiaToday } from '../repositories/values.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Items as a store sells them on a date, inside the caller's tenant transaction:
 * SKU, names, HSN, unit, whether quantities may be fractional, the tax rate and
 * cess in force on `on` (the class's rate with the latest effective date on or
 * before it; dates in India), the store's effective price on the default list
 * (its override, else the tenant-wide price) and whether prices include tax,
 * MRP, category and station route. Retired items are included with
 * `active: false` (an offline sale may still name them); unknown ids are left out.
 *
 * @param on - a date `YYYY-MM-DD` in India or an instant (default: now)
 */
export async function resolveSaleItems(trx: Tx, input: { storeId: string; itemIds: readonly string[]; on?: string | Date }): Promise<SellableItem[]> {
  const itemIds = [...new Set(input.itemIds.filter((id) => UUID.test(id)))]
  if (itemIds.length === 0) return []
  if (typeof input.on === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(input.on)) throw new TypeError(`resolveSaleItems: not a date: ${input.on}`)
  const on = input.on === undefined ? await indiaToday(trx) : typeof input.on === 'string' ? input.on : indiaDate(input.on)
  return itemViewRepository.sellable(trx, { storeId: input.storeId, on, itemIds })
}
