/*
 * Catalog test support: an HTTP client bound to a caller, a tenant with a small
 * catalog made through the API, a paired terminal device, and a feed reader
 * that follows cursors until it has caught up.
 */
import { randomUUID } from 'node:crypto'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { CatalogFeed, CatalogFeedItem, CatalogProduct, TaxClass } from '@pos/protocols'
import { gtinCheckDigit } from '@pos/state-machines'
import { createTenant, type TenantFixture } from '#tests/helpers/fixtures'
import { bearer, tokenFor } from '#tests/helpers/http'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** Requests as one caller: a user's access token or a device key. */
export interface Caller {
  (method: Method, path: string, body?: unknown): Promise<ApiResponse>
}

export function asUser(client: ApiClient, token: string): Caller {
  return (method, path, body) => {
    const request = client[method](`/api/v1${path}`).header('authorization', bearer(token))
    return body === undefined ? request : request.json(body as object)
  }
}

export function asDeviceKey(client: ApiClient, deviceKey: string): Caller {
  return (method, path, body) => {
    const request = client[method](`/api/v1${path}`).header('x-device-key', deviceKey)
    return body === undefined ? request : request.json(body as object)
  }
}

/** The body of a 2xx answer; fails with the answer when the status differs. */
export async function ok<T = any>(response: Promise<ApiResponse> | ApiResponse, status = 200): Promise<T> {
  const answer = await response
  if (answer.status() !== status) throw new Error(`expected ${status}, got ${answer.status()}: ${JSON.stringify(answer.body())}`)
  return answer.body() as T
}

/** An EAN-13 with a correct check digit, from 12 digits (a unique one when none given). */
export function ean13(body12 = `890${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`): string {
  return body12 + String(gtinCheckDigit(body12))
}

/** A unique SKU. */
export const sku = (label: string) => `${label}-${randomUUID().slice(0, 8)}`


export interface CatalogFixture {
  t: TenantFixture
  manager: Caller
  owner: Caller
  cashier: Caller
  priceListId: string
  gst5: TaxClass
  gst18: TaxClass
  categoryId: string
}

/** A tenant with a default price list, two tax classes (5% and 18% since 2017-07-01) and a category routed to the kitchen. */
export async function catalogTenant(client: ApiClient): Promise<CatalogFixture> {
  const t = await createTenant()
  const manager = asUser(client, await tokenFor(client, t.manager))
  const owner = asUser(client, await tokenFor(client, t.owner))
  const cashier = asUser(client, await tokenFor(client, t.cashier))
  const list = await ok(manager('post', '/price-lists', { code: 'RETAIL', name: 'Retail', pricesIncludeTax: true, isDefault: true }), 201)
  const gst5 = await ok<TaxClass>(
    manager('post', '/tax-classes', { code: 'GST5', name: 'GST 5%', rates: [{ effectiveFrom: '2017-07-01', ratePercent: '5' }] }),
    201
  )
  const gst18 = await ok<TaxClass>(
    manager('post', '/tax-classes', { code: 'GST18', name: 'GST 18%', rates: [{ effectiveFrom: '2017-07-01', ratePercent: '18' }] }),
    201
  )
  const category = await ok(manager('post', '/categories', { name: 'Staples', stationRoute: null }), 201)
  return { t, manager, owner, cashier, priceListId: list.id, gst5, gst18, categoryId: category.id }
}

/** A product with one item (price and barcode given), created by the manager. */
export async function createItem(
  f: CatalogFixture,
  options: { name?: string; pricePaise?: number; taxClassId?: string; barcode?: string; unit?: string; fractional?: boolean; categoryId?: string | null } = {}
): Promise<{ product: CatalogProduct; itemId: string; sku: string; barcode: string }> {
  const code = options.barcode ?? ean13()
  const itemSku = sku('ITEM')
  const product = await ok<CatalogProduct>(
    f.manager('post', '/products', {
      name: options.name ?? 'Toor Dal',
      hsn: '0713',
      taxClassId: options.taxClassId ?? f.gst5.id,
      categoryId: options.categoryId === undefined ? f.categoryId : options.categoryId,
      unit: options.unit ?? 'NOS',
      fractional: options.fractional ?? false,
      items: [{ sku: itemSku, name: options.name ?? 'Toor Dal 1 kg', mrpPaise: 18_000, pricePaise: options.pricePaise ?? 16_500, barcodes: [{ code, kind: 'gtin' }] }],
    }),
    201
  )
  return { product, itemId: product.items[0]!.id, sku: itemSku, barcode: code }
}

/** Everything a terminal applied after following the feed from `cursor` until caught up. */
export interface Drained {
  pages: CatalogFeed[]
  /** Last row seen per item id. */
  items: Map<string, CatalogFeedItem>
  removedItems: Set<string>
  removedBarcodes: Set<string>
  removedStorePrices: Set<string>
  cursor: string
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Reads the feed until it is caught up (`hasMore` and `pending` both false).
 * `pending` means changes wait behind a transaction still running somewhere in
 * the database cluster (other suites share it): wait a little and read again.
 */
export async function drainFeed(caller: Caller, storeId: string, cursor?: string, limit = 200): Promise<Drained> {
  const drained: Drained = { pages: [], items: new Map(), removedItems: new Set(), removedBarcodes: new Set(), removedStorePrices: new Set(), cursor: cursor ?? '' }
  let next = cursor
  for (let round = 0; round < 400; round += 1) {
    const query = new URLSearchParams({ limit: String(limit), ...(next ? { cursor: next } : {}) })
    const page = await ok<CatalogFeed>(caller('get', `/stores/${storeId}/catalog/feed?${query}`))
    drained.pages.push(page)
    for (const item of page.items) drained.items.set(item.id, item)
    page.removed.items.forEach((id) => drained.removedItems.add(id))
    page.removed.barcodes.forEach((code) => drained.removedBarcodes.add(code))
    page.removed.storePrices.forEach((id) => drained.removedStorePrices.add(id))
    next = page.cursor
    drained.cursor = page.cursor
    if (!page.hasMore && !page.pending) return drained
    if (!page.hasMore) await pause(50)
  }
  throw new Error('the feed did not catch up')
}
