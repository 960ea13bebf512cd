/*
 * Catalog files and tenants for the import tests: a tenant with tax classes and
 * one existing item, files written as CSV (by hand, as a user's tool would) or
 * XLSX (with exceljs), uploads over real HTTP, and ground-truth reads.
 */
import { randomUUID } from 'node:crypto'
import type { ApiClient } from '@japa/api-client'
import ExcelJS from 'exceljs'
import { CATALOG_FILE_COLUMNS, type ImportJobReport } from '@pos/protocols'
import { gtinCheckDigit } from '@pos/state-machines'
import { adminRows, asOwner } from '#tests/helpers/db'
import { createTenant, type TenantFixture } from '#tests/helpers/fixtures'
import { bearer, tokenFor } from '#tests/helpers/http'
import { serverUrl } from '#tests/realtime/support'

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** A 13-digit GTIN with its correct check digit, from 12 digits. */
export function ean13(body: string): string {
  return `${body}${gtinCheckDigit(body)}`
}

/** The barcode of the item every catalog tenant starts with. */
export const SUGAR_BARCODE = ean13('890100000001')

export interface CatalogTenant extends TenantFixture {
  managerToken: string
}

/**
 * A tenant with tax classes GST5, GST18 (active) and OLD12 (retired) and one
 * item, SUGAR-1 (product "Sugar", barcode SUGAR_BARCODE, no price).
 */
export async function catalogTenant(client: ApiClient): Promise<CatalogTenant> {
  const t = await createTenant()
  await asOwner(t.tenantId, async (trx) => {
    const classes = [
      { code: 'GST5', rate: '5', active: true },
      { code: 'GST18', rate: '18', active: true },
      { code: 'OLD12', rate: '12', active: false },
    ]
    const ids: Record<string, string> = {}
    for (const taxClass of classes) {
      ids[taxClass.code] = randomUUID()
      await trx.table('tax_classes').insert({ id: ids[taxClass.code], tenant_id: t.tenantId, code: taxClass.code, name: `GST ${taxClass.rate}%`, active: taxClass.active })
      await trx.table('tax_class_rates').insert({ tenant_id: t.tenantId, tax_class_id: ids[taxClass.code], effective_from: '2017-07-01', rate_percent: taxClass.rate })
    }
    const productId = randomUUID()
    const itemId = randomUUID()
    await trx.table('products').insert({ id: productId, tenant_id: t.tenantId, name: 'Sugar', hsn_sac: '1701', tax_class_id: ids.GST5, unit: 'KGS', fractional: true })
    await trx.table('items').insert({ id: itemId, tenant_id: t.tenantId, product_id: productId, sku: 'SUGAR-1', name: 'Sugar (loose)' })
    await trx.table('barcodes').insert({ tenant_id: t.tenantId, code: SUGAR_BARCODE, item_id: itemId, kind: 'gtin' })
  })
  return { ...t, managerToken: await tokenFor(client, t.manager) }
}

/** A row of a test file: cells by column name (missing: blank). */
export type FileRow = Partial<Record<(typeof CATALOG_FILE_COLUMNS)[number], string | number | boolean>>

/** A CSV as a spreadsheet would save it: header, then rows; cells quoted when needed. */
export function csvFile(rows: FileRow[], columns: readonly string[] = CATALOG_FILE_COLUMNS): Buffer {
  const cell = (value: unknown) => {
    const text = value === undefined ? '' : String(value)
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => cell(row[column as keyof FileRow])).join(','))]
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')
}

/** The same rows as an XLSX workbook (numbers stay number cells). */
export async function xlsxFile(rows: FileRow[], columns: readonly string[] = CATALOG_FILE_COLUMNS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Items')
  sheet.addRow([...columns])
  for (const row of rows) sheet.addRow(columns.map((column) => row[column as keyof FileRow] ?? null))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** POST /catalog/imports as multipart (part "file"). */
export function uploadMultipart(client: ApiClient, token: string, file: Buffer, filename: string) {
  return client.post('/api/v1/catalog/imports').header('authorization', bearer(token)).file('file', file, { filename })
}

/** POST /catalog/imports with the file as the raw body. */
export function uploadRaw(client: ApiClient, token: string, file: Buffer, contentType: string, fileName?: string) {
  const request = client.post('/api/v1/catalog/imports').header('authorization', bearer(token))
  if (fileName) request.qs({ fileName })
  return request.unsafeJson(file).header('content-type', contentType)
}

/** The job's report (one page of up to 500 issues). */
export async function report(client: ApiClient, token: string, jobId: string): Promise<ImportJobReport> {
  const response = await client.get(`/api/v1/catalog/imports/${jobId}`).header('authorization', bearer(token)).qs({ limit: 500 })
  response.assertStatus(200)
  return response.body() as ImportJobReport
}

/** Polls the job until it has ended; returns its final report. */
export async function finished(client: ApiClient, token: string, jobId: string): Promise<ImportJobReport> {
  for (let attempt = 0; attempt < 1200; attempt += 1) {
    const current = await report(client, token, jobId)
    if (current.job.status === 'succeeded' || current.job.status === 'failed') return current
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`import ${jobId} did not end`)
}

/** Uploads and waits for the job to end. */
export async function importFile(client: ApiClient, token: string, file: Buffer, filename: string): Promise<ImportJobReport> {
  const response = await uploadMultipart(client, token, file, filename)
  response.assertStatus(202)
  return finished(client, token, response.body().jobId)
}

/** GET /catalog/export over fetch (binary-safe): the file's bytes and headers. */
export async function download(token: string, format: 'csv' | 'xlsx'): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(`${serverUrl()}/api/v1/catalog/export?format=${format}`, { headers: { authorization: bearer(token) } })
  return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) }
}

const CATALOG_TABLES: Record<string, string> = {
  tax_classes: 'id',
  categories: 'id',
  products: 'id',
  items: 'id',
  barcodes: 'code',
  price_lists: 'id',
  item_prices: 'id',
}

/** Every catalog row of the tenant, timestamps included, as the superuser sees them. */
export async function catalogState(tenantId: string): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {}
  for (const [table, key] of Object.entries(CATALOG_TABLES)) {
    state[table] = await adminRows(`select * from ${table} where tenant_id = $1 order by ${key}`, [tenantId])
  }
  return state
}

/** Items with their product, category, price and barcodes, by SKU (ground truth). */
export async function itemsOf(tenantId: string) {
  return adminRows(
    `select i.sku, i.name, i.local_name, i.variant, i.mrp_paise::int as mrp, i.cost_paise::int as cost, i.reorder_level::text as reorder,
            i.active, p.name as product, p.hsn_sac as hsn, p.unit, p.fractional, c.name as category, tc.code as tax_class,
            (select ip.price_paise::int from item_prices ip where ip.item_id = i.id and ip.store_id is null) as price,
            (select coalesce(array_agg(b.code order by b.code), '{}') from barcodes b where b.item_id = i.id) as barcodes
       from items i join products p on p.id = i.product_id join tax_classes tc on tc.id = p.tax_class_id
       left join categories c on c.id = p.category_id
      where i.tenant_id = $1 order by i.sku`,
    [tenantId]
  )
}
