import type { CatalogFeed, CatalogFeedItem } from './protocol-types'
import { CatalogStore } from './catalog-store'
import { freshDatabase } from './testing'

const taxClass = '0190a000-0000-7000-8000-0000000000c1'
function item(n: number, extra: Partial<CatalogFeedItem> = {}): CatalogFeedItem {
  return {
    id: `0190a000-0000-7000-8000-00000000000${n}`,
    productId: `0190a000-0000-7000-8000-00000000010${n}`,
    sku: `SKU-${n}`,
    name: `Item ${n}`,
    localName: null,
    variant: {},
    unit: 'PCS',
    fractional: false,
    hsn: '3401',
    categoryId: null,
    stationRoute: null,
    taxClassId: taxClass,
    ratePercent: '18',
    cessPercent: '0',
    upcomingRates: [],
    mrpPaise: null,
    pricePaise: 1000 * n,
    priceSource: 'tenant',
    pricesIncludeTax: true,
    barcodes: [{ code: `890000000000${n}`, kind: 'gtin' }],
    tracksBatches: false,
    batches: [],
    active: true,
    ...extra,
  } as CatalogFeedItem
}

function page(partial: Partial<CatalogFeed>): CatalogFeed {
  return {
    storeId: 'store' as CatalogFeed['storeId'],
    today: '2026-11-24',
    full: false,
    reset: false,
    items: [],
    taxClasses: [],
    categories: [],
    settings: null,
    removed: { items: [], barcodes: [], storePrices: [], taxClasses: [], categories: [] },
    cursor: 'c1',
    hasMore: false,
    pending: false,
    ...partial,
  }
}

describe('CatalogStore', () => {
  it('downloads the feed page by page, then applies changes and removals from the cursor', async () => {
    const db = await freshDatabase()
    const store = new CatalogStore(db)
    const pages = [
      page({ full: true, reset: true, items: [item(1), item(2)], cursor: 'p1', hasMore: true }),
      page({ full: true, items: [item(3)], cursor: 'p2', hasMore: false }),
    ]
    const asked: Array<string | null> = []
    expect(await store.sync(async (cursor) => (asked.push(cursor), pages.shift()!))).toBe(2)
    expect(asked).toEqual([null, 'p1'])
    expect(await store.count()).toBe(3)
    expect((await store.byBarcode('8900000000002'))?.pricePaise).toBe(2000)

    // Changes since p2: item 1's price and barcode change, item 3 is retired.
    await store.sync(async () => page({ items: [item(1, { pricePaise: 1500, barcodes: [{ code: '8900000000099', kind: 'gtin' }] })], removed: { items: [item(3).id], barcodes: [], storePrices: [], taxClasses: [], categories: [] }, cursor: 'p3' }))
    expect(await store.cursor()).toBe('p3')
    expect(await store.byBarcode('8900000000001')).toBeNull()
    expect((await store.byBarcode('8900000000099'))?.pricePaise).toBe(1500)
    expect(await store.byBarcode('8900000000003')).toBeNull()
    expect(await store.count()).toBe(2)
  })

  it('finds items by every word typed, in SKU, name or barcode', async () => {
    const db = await freshDatabase()
    const store = new CatalogStore(db)
    await store.apply(page({ reset: true, items: [item(1, { name: 'Lux Soap 100 g' }), item(2, { name: 'Dove Soap' }), item(3, { name: 'Tea 50%' })] }))
    expect((await store.search('soap')).map((i) => i.name)).toEqual(['Dove Soap', 'Lux Soap 100 g'])
    expect((await store.search('lux 100')).map((i) => i.sku)).toEqual(['SKU-1'])
    expect((await store.search('50%')).map((i) => i.sku)).toEqual(['SKU-3'])
    expect((await store.search('8900000000002')).map((i) => i.sku)).toEqual(['SKU-2'])
  })
})
