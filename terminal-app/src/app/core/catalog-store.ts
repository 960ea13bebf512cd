/*
 * The terminal's local copy of its store's catalog (items, barcodes, prices, tax rates), kept
 * up to date from the cursor feed (protocols/src/catalog/feed.ts) so the till sells offline.
 */
import type { CatalogFeed, CatalogFeedItem } from './protocol-types'
import { kvStatement, readKv } from './kv'
import type { SqlDatabase, SqlStatement } from './sql-database'

export interface LocalItem {
  id: string
  sku: string
  name: string
  localName: string | null
  hsn: string
  unit: string
  fractional: boolean
  ratePercent: string | null
  cessPercent: string | null
  pricePaise: number | null
  mrpPaise: number | null
  pricesIncludeTax: boolean
  stationRoute: string | null
  active: boolean
}

type ItemRow = {
  id: string
  sku: string
  name: string
  local_name: string | null
  hsn: string
  unit: string
  fractional: number
  rate_percent: string | null
  cess_percent: string | null
  price_paise: number | null
  mrp_paise: number | null
  prices_include_tax: number
  station_route: string | null
  active: number
}

const CURSOR = 'catalogCursor'

export class CatalogStore {
  constructor(private readonly db: SqlDatabase) {}

  cursor(): Promise<string | null> {
    return readKv<string>(this.db, CURSOR)
  }

  /** Applies one feed page in the order the feed prescribes, with its cursor, in one transaction. */
  async apply(page: CatalogFeed): Promise<void> {
    const s: SqlStatement[] = []
    if (page.reset) {
      s.push({ sql: 'DELETE FROM items' }, { sql: 'DELETE FROM barcodes' }, { sql: 'DELETE FROM tax_classes' }, { sql: 'DELETE FROM categories' })
    }
    for (const t of page.taxClasses) {
      s.push({
        sql: 'INSERT OR REPLACE INTO tax_classes (id, code, name, active, rates) VALUES (?, ?, ?, ?, ?)',
        values: [t.id, t.code, t.name, t.active ? 1 : 0, JSON.stringify(t.rates)],
      })
    }
    for (const c of page.categories) {
      s.push({
        sql: 'INSERT OR REPLACE INTO categories (id, parent_id, name, station_route, active) VALUES (?, ?, ?, ?, ?)',
        values: [c.id, c.parentId, c.name, c.stationRoute, c.active ? 1 : 0],
      })
    }
    for (const item of page.items) s.push(...itemStatements(item))
    for (const id of page.removed.items) s.push({ sql: 'UPDATE items SET active = 0 WHERE id = ?', values: [id] })
    for (const code of page.removed.barcodes) s.push({ sql: 'DELETE FROM barcodes WHERE code = ?', values: [code] })
    for (const id of page.removed.taxClasses) s.push({ sql: 'DELETE FROM tax_classes WHERE id = ?', values: [id] })
    for (const id of page.removed.categories) s.push({ sql: 'DELETE FROM categories WHERE id = ?', values: [id] })
    if (page.settings !== null) s.push(kvStatement('catalogSettings', page.settings))
    s.push(kvStatement(CURSOR, page.cursor), kvStatement('catalogToday', page.today))
    await this.db.write(s)
  }

  /**
   * Pulls pages until the feed has nothing more right now. Returns the number of pages
   * applied; `fetchPage` is the HTTP route or the socket query.
   */
  async sync(fetchPage: (cursor: string | null) => Promise<CatalogFeed>, maxPages = 1000): Promise<number> {
    let pages = 0
    for (;;) {
      const page = await fetchPage(await this.cursor())
      await this.apply(page)
      pages++
      if (!page.hasMore || pages >= maxPages) return pages
    }
  }

  async byBarcode(code: string): Promise<LocalItem | null> {
    const [row] = await this.db.query<ItemRow>(
      'SELECT items.* FROM barcodes JOIN items ON items.id = barcodes.item_id WHERE barcodes.code = ? AND items.active = 1',
      [code.trim()],
    )
    return row === undefined ? null : toItem(row)
  }

  async byId(id: string): Promise<LocalItem | null> {
    const [row] = await this.db.query<ItemRow>('SELECT * FROM items WHERE id = ?', [id])
    return row === undefined ? null : toItem(row)
  }

  /** Active items whose SKU, name, local name or barcode contains every word typed. */
  async search(text: string, limit = 20): Promise<LocalItem[]> {
    const words = text.toLowerCase().split(/\s+/).filter((w) => w.length > 0).slice(0, 5)
    if (words.length === 0) return []
    const where = words.map(() => `search LIKE ? ESCAPE '\\'`).join(' AND ')
    const rows = await this.db.query<ItemRow>(`SELECT * FROM items WHERE active = 1 AND ${where} ORDER BY name LIMIT ?`, [
      ...words.map((w) => `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`),
      limit,
    ])
    return rows.map(toItem)
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM items WHERE active = 1')
    return Number(row?.n ?? 0)
  }
}

function itemStatements(item: CatalogFeedItem): SqlStatement[] {
  const search = [item.sku, item.name, item.localName ?? '', ...item.barcodes.map((b) => b.code)].join(' ').toLowerCase()
  return [
    {
      sql: `INSERT OR REPLACE INTO items (id, sku, name, local_name, hsn, unit, fractional, tax_class_id, rate_percent, cess_percent,
              upcoming_rates, price_paise, mrp_paise, prices_include_tax, station_route, active, search)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      values: [
        item.id,
        item.sku,
        item.name,
        item.localName,
        item.hsn,
        item.unit,
        item.fractional ? 1 : 0,
        item.taxClassId,
        item.ratePercent,
        item.cessPercent,
        JSON.stringify(item.upcomingRates),
        item.pricePaise,
        item.mrpPaise,
        item.pricesIncludeTax ? 1 : 0,
        item.stationRoute,
        item.active ? 1 : 0,
        search,
      ],
    },
    // The feed sends an item's whole barcode list: replace it.
    { sql: 'DELETE FROM barcodes WHERE item_id = ?', values: [item.id] },
    ...item.barcodes.map((b) => ({ sql: 'INSERT OR REPLACE INTO barcodes (code, item_id) VALUES (?, ?)', values: [b.code, item.id] })),
  ]
}

function toItem(row: ItemRow): LocalItem {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    localName: row.local_name,
    hsn: row.hsn,
    unit: row.unit,
    fractional: Number(row.fractional) === 1,
    ratePercent: row.rate_percent,
    cessPercent: row.cess_percent,
    pricePaise: row.price_paise === null ? null : Number(row.price_paise),
    mrpPaise: row.mrp_paise === null ? null : Number(row.mrp_paise),
    pricesIncludeTax: Number(row.prices_include_tax) === 1,
    stationRoute: row.station_route,
    active: Number(row.active) === 1,
  }
}
