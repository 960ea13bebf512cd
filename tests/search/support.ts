/*
 * Search test support: a small catalogue written straight into the tables as
 * the table owner (inside the tenant's RLS context), callers for HTTP, and a
 * paired terminal device for the socket.
 */
import { randomUUID } from 'node:crypto'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { SearchItemsResponse, SearchResult } from '@pos/protocols'
import { gtinCheckDigit } from '@pos/state-machines'
import { signAccessToken } from '#modules/identity/index'
import { asOwner } from '#tests/helpers/db'
import type { TenantFixture, UserFixture } from '#tests/helpers/fixtures'
import { bearer } from '#tests/helpers/http'

/** An EAN-13 with a correct check digit (12 random digits after 890 when none given). */
export function ean13(body12 = `890${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`): string {
  return body12 + String(gtinCheckDigit(body12))
}

export interface ItemSpec {
  name: string
  sku?: string
  localName?: string
  unit?: string
  mrpPaise?: number | null
  active?: boolean
  /** Barcodes: a string is a `gtin`; `{ code, kind }` for internal codes. */
  barcodes?: Array<string | { code: string; kind: 'gtin' | 'internal' }>
  /** Tenant-wide price on the default list. */
  pricePaise?: number
  /** Store overrides on the default list. */
  storePrices?: Record<string, number>
  /** On-hand per store (a stock row). */
  stock?: Record<string, string>
}

export interface SeededItem {
  id: string
  productId: string
  sku: string
  name: string
  barcodes: string[]
}

/**
 * Items of a tenant, one product each, with their barcodes, prices and stock
 * rows. The tenant gets a tax class and a default price list the first time.
 */
export async function seedItems(t: TenantFixture, specs: ItemSpec[]): Promise<SeededItem[]> {
  return asOwner(t.tenantId, async (trx) => {
    let taxClass = await trx.from('tax_classes').select('id').where('code', 'GST5').first()
    if (!taxClass) {
      ;[taxClass] = await trx.table('tax_classes').insert({ tenant_id: t.tenantId, code: 'GST5', name: 'GST 5%' }).returning(['id'])
    }
    let list = await trx.from('price_lists').select('id').where('is_default', true).first()
    if (!list) {
      ;[list] = await trx
        .table('price_lists')
        .insert({ tenant_id: t.tenantId, code: 'RETAIL', name: 'Retail', is_default: true, prices_include_tax: true })
        .returning(['id'])
    }
    const seeded: SeededItem[] = []
    for (const spec of specs) {
      const productId = randomUUID()
      const id = randomUUID()
      const sku = spec.sku ?? `SK-${id.slice(0, 8)}`
      await trx.table('products').insert({
        id: productId,
        tenant_id: t.tenantId,
        name: spec.name,
        hsn_sac: '1006',
        tax_class_id: taxClass.id,
        unit: spec.unit ?? 'NOS',
      })
      await trx.table('items').insert({
        id,
        tenant_id: t.tenantId,
        product_id: productId,
        sku,
        name: spec.name,
        local_name: spec.localName ?? null,
        mrp_paise: spec.mrpPaise === undefined ? 10_000 : spec.mrpPaise,
        active: spec.active ?? true,
      })
      const barcodes = (spec.barcodes ?? []).map((entry) => (typeof entry === 'string' ? { code: entry, kind: 'gtin' as const } : entry))
      for (const barcode of barcodes) await trx.table('barcodes').insert({ tenant_id: t.tenantId, item_id: id, ...barcode })
      if (spec.pricePaise !== undefined) {
        await trx.table('item_prices').insert({ tenant_id: t.tenantId, price_list_id: list.id, item_id: id, store_id: null, price_paise: spec.pricePaise })
      }
      for (const [storeId, price] of Object.entries(spec.storePrices ?? {})) {
        await trx.table('item_prices').insert({ tenant_id: t.tenantId, price_list_id: list.id, item_id: id, store_id: storeId, price_paise: price })
      }
      for (const [storeId, onHand] of Object.entries(spec.stock ?? {})) {
        await trx.table('stock_levels').insert({ tenant_id: t.tenantId, store_id: storeId, item_id: id, on_hand: onHand })
      }
      seeded.push({ id, productId, sku, name: spec.name, barcodes: barcodes.map((barcode) => barcode.code) })
    }
    return seeded
  })
}

/** The tenant's scale label rules (tenants.settings → catalog.scaleBarcodeRules). */
export async function setScaleRules(t: TenantFixture, rules: unknown[]) {
  await asOwner(t.tenantId, (trx) =>
    trx.rawQuery(`update tenants set settings = jsonb_set(settings, '{catalog}', ?::jsonb, true) where id = ?`, [
      JSON.stringify({ scaleBarcodeRules: rules }),
      t.tenantId,
    ])
  )
}


/** An access token of a fixture user, as sign-in would issue it. */
export function tokenOf(t: TenantFixture, user: UserFixture) {
  return signAccessToken({ userId: user.id, tenantId: t.tenantId, role: user.role, stores: user.storeId ? [user.storeId] : '*' } as never)
}

export type Auth = { token: string } | { deviceKey: string }

/** GET /api/v1/stores/:storeId/items/search with the given query string. */
export function searchRequest(client: ApiClient, auth: Auth, storeId: string, query: Record<string, string | number>): Promise<ApiResponse> {
  const request = client.get(`/api/v1/stores/${storeId}/items/search`).qs(query)
  return 'token' in auth ? request.header('authorization', bearer(auth.token)) : request.header('x-device-key', auth.deviceKey)
}

/** The results of a search that must answer 200. */
export async function searchOk(client: ApiClient, auth: Auth, storeId: string, q: string, limit?: number): Promise<SearchResult[]> {
  const response = await searchRequest(client, auth, storeId, limit === undefined ? { q } : { q, limit })
  if (response.status() !== 200) throw new Error(`search ${q}: ${response.status()} ${JSON.stringify(response.body())}`)
  return (response.body() as SearchItemsResponse).items
}
