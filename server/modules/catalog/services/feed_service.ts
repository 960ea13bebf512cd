import { withTenant, type Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { requireStore } from '#modules/tenancy/index'
import type { CatalogFeed } from '@pos/protocols'
import { feedRepository, type ChangeRow, type LogPosition } from '../repositories/feed_repository.js'
import { itemViewRepository } from '../repositories/item_view_repository.js'
import { indiaToday } from '../repositories/values.js'
import { decodeCursor, encodeCursor, type FeedPosition } from './feed_cursor.js'
import { readCatalogSettings } from './settings_service.js'

/*
 * The terminal feed (the design and why it never skips a change:
 * server/modules/catalog/README.md). In short: the change log is read in
 * (xid, id) order and only below the oldest transaction still running, where
 * nothing can be added any more; rows are the current state of what changed,
 * so delivering a change twice is harmless and never delivering one is
 * impossible.
 */

interface Scope {
  tenantId: string
  storeId: string
  today: string
}

const later = (a: LogPosition, b: LogPosition) => (a.xid > b.xid || (a.xid === b.xid && a.id > b.id) ? a : b)

const noRemovals = (): CatalogFeed['removed'] => ({ items: [], barcodes: [], storePrices: [], taxClasses: [], categories: [] })

/** After the log position `after`: is anything ready to read now, and is anything committed but held back? */
async function outlook(trx: Tx, scope: Scope, after: LogPosition) {
  const bound = await feedRepository.stableBound(trx)
  const base = { tenantId: scope.tenantId, storeId: scope.storeId, after }
  return {
    ready: await feedRepository.anyAfter(trx, { ...base, below: bound }),
    pending: await feedRepository.anyAfter(trx, { ...base, from: bound }),
  }
}

/** A page of the full catalog: every active item in id order; the first page also carries classes, categories and settings. */
async function fullPage(trx: Tx, scope: Scope, position: Extract<FeedPosition, { mode: 'full' }> | null, limit: number): Promise<CatalogFeed> {
  const first = position === null
  // Changes of transactions below this bound are in every page read from now on;
  // the changes from it onwards are read from the log once the pages are done.
  const since = position?.since ?? (await feedRepository.stableBound(trx))
  const rows = await itemViewRepository.feedPage(trx, { storeId: scope.storeId, today: scope.today, afterId: position?.afterItemId ?? null, limit: limit + 1 })
  const more = rows.length > limit
  const items = rows.slice(0, limit)
  const next: FeedPosition = more ? { mode: 'full', since, afterItemId: items.at(-1)!.id } : { mode: 'changes', xid: since, id: 0n }
  const { ready, pending } = more ? { ready: true, pending: false } : await outlook(trx, scope, { xid: since, id: 0n })
  return {
    storeId: scope.storeId as CatalogFeed['storeId'],
    today: scope.today,
    full: true,
    reset: first,
    items,
    taxClasses: first ? await feedRepository.taxClasses(trx, { today: scope.today, ids: null }) : [],
    categories: first ? await feedRepository.categories(trx, null) : [],
    settings: first ? await readCatalogSettings(trx, scope.tenantId) : null,
    removed: noRemovals(),
    cursor: encodeCursor(scope.storeId, next),
    hasMore: ready,
    pending,
  }
}

function keysOf(rows: ChangeRow[], entity: ChangeRow['entity']): string[] {
  return [...new Set(rows.filter((row) => row.entity === entity).map((row) => row.entity_key))]
}

/** The changes after a log position: the current rows of what changed, and what was removed. */
async function changesPage(trx: Tx, scope: Scope, position: Extract<FeedPosition, { mode: 'changes' }>, limit: number): Promise<CatalogFeed> {
  const after: LogPosition = { xid: position.xid, id: position.id }
  const bound = await feedRepository.stableBound(trx)
  const rows = await feedRepository.changesAfter(trx, { tenantId: scope.tenantId, storeId: scope.storeId, after, bound, limit: limit + 1 })
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  // A full page stops at its last row; a short one read everything below the bound, so the next read starts there.
  const next = more && last ? { xid: BigInt(last.xid), id: BigInt(last.id) } : later({ xid: bound, id: 0n }, after)

  const clearedPrices = keysOf(page, 'store_price')
  const itemIds = [...new Set([...keysOf(page, 'item'), ...clearedPrices])]
  const items = await itemViewRepository.feedItems(trx, { storeId: scope.storeId, today: scope.today, itemIds })
  const taxClasses = await feedRepository.taxClasses(trx, { today: scope.today, ids: keysOf(page, 'tax_class') })
  const categories = await feedRepository.categories(trx, keysOf(page, 'category'))
  const codes = keysOf(page, 'barcode')
  const liveCodes = await feedRepository.existingBarcodes(trx, codes)
  const liveOverrides = await feedRepository.existingStoreOverrides(trx, scope.storeId, clearedPrices)
  const pending = more ? false : await feedRepository.anyAfter(trx, { tenantId: scope.tenantId, storeId: scope.storeId, after: next, from: bound })

  return {
    storeId: scope.storeId as CatalogFeed['storeId'],
    today: scope.today,
    full: false,
    reset: false,
    items,
    taxClasses,
    categories,
    settings: keysOf(page, 'settings').length > 0 ? await readCatalogSettings(trx, scope.tenantId) : null,
    removed: {
      items: items.filter((item) => !item.active).map((item) => item.id),
      barcodes: codes.filter((code) => !liveCodes.has(code)),
      storePrices: clearedPrices.filter((itemId) => !liveOverrides.has(itemId)),
      taxClasses: taxClasses.filter((taxClass) => !taxClass.active).map((taxClass) => taxClass.id),
      categories: categories.filter((category) => !category.active).map((category) => category.id),
    },
    cursor: encodeCursor(scope.storeId, { mode: 'changes', ...next }),
    hasMore: more,
    pending,
  }
}

export const feedService = {
  /**
   * One page of a store's terminal feed: without a cursor, the first page of a
   * full download; with one, the next page or the changes since it. Users and
   * devices alike, within their store scope; another store's cursor is refused.
   */
  async page(principal: Principal, storeId: string, request: { cursor?: string; limit: number }): Promise<CatalogFeed> {
    return withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      const position = request.cursor === undefined ? null : decodeCursor(storeId, request.cursor)
      const scope: Scope = { tenantId: principal.tenantId, storeId, today: await indiaToday(trx) }
      if (position === null || position.mode === 'full') return fullPage(trx, scope, position, request.limit)
      return changesPage(trx, scope, position, request.limit)
    })
  },
}
