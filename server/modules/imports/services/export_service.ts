/*
 * The tenant's catalog in exactly the import format, streamed page by page
 * (SKU order), so importing an export changes nothing. Pages are read in
 * separate short transactions: a change saved during a long download shows in
 * the pages read after it, and no transaction waits on a slow client.
 */
import { Readable } from 'node:stream'
import logger from '@adonisjs/core/services/logger'
import { CATALOG_FILE_COLUMNS, type CatalogFileFormat } from '@pos/protocols'
import { withTenant } from '#core/db/tenancy'
import { CSV_BOM, csvLine } from '../formats/csv_writer.js'
import { xlsxStream } from '../formats/xlsx_writer.js'
import { catalogRepository, type ExportRow } from '../repositories/catalog_repository.js'
import type { CategoryRecord } from './batch_planner.js'
import { CONTENT_TYPES, type FileDownload } from './import_service.js'
import { CATEGORY_SEPARATOR, formatRupees, formatVariant, formatYesNo } from './values.js'

const PAGE_ROWS = 500

/** Category id → "Staples > Rice". */
function categoryPaths(categories: CategoryRecord[]): Map<string, string> {
  const byId = new Map(categories.map((category) => [category.id, category]))
  const paths = new Map<string, string>()
  for (const category of categories) {
    const names: string[] = []
    let current: CategoryRecord | undefined = category
    // The depth bound guards against a cycle written by hand in the database.
    for (let depth = 0; current && depth < 20; depth += 1) {
      names.unshift(current.name)
      current = current.parentId ? byId.get(current.parentId) : undefined
    }
    paths.set(category.id, names.join(CATEGORY_SEPARATOR))
  }
  return paths
}

function toCells(row: ExportRow, paths: Map<string, string>, taxCodes: Map<string, string>): string[] {
  const { item, product } = row
  const cells: Record<(typeof CATALOG_FILE_COLUMNS)[number], string> = {
    sku: item.sku,
    name: item.name,
    local_name: item.localName ?? '',
    product: product.name,
    variant: formatVariant(item.variant),
    category: product.categoryId ? (paths.get(product.categoryId) ?? '') : '',
    hsn: product.hsn,
    tax_class: taxCodes.get(product.taxClassId) ?? '',
    unit: product.unit,
    fractional: formatYesNo(product.fractional),
    mrp: item.mrpPaise === null ? '' : formatRupees(item.mrpPaise),
    price: row.pricePaise === null ? '' : formatRupees(row.pricePaise),
    cost: formatRupees(item.costPaise),
    barcodes: row.barcodes.join('|'),
    reorder_level: item.reorderLevel,
    active: formatYesNo(item.active),
  }
  return CATALOG_FILE_COLUMNS.map((column) => cells[column])
}

/** Every item of the tenant as file cells, in SKU order. */
export async function* catalogRows(tenantId: string): AsyncGenerator<string[]> {
  const lookups = await withTenant(tenantId, async (trx) => ({
    priceListId: await catalogRepository.defaultPriceList(trx, tenantId, false),
    taxCodes: await catalogRepository.taxClassCodes(trx),
    paths: categoryPaths(await catalogRepository.categories(trx)),
  }))
  let afterSku: string | null = null
  for (;;) {
    const page: ExportRow[] = await withTenant(tenantId, (trx) =>
      catalogRepository.exportPage(trx, { priceListId: lookups.priceListId, afterSku, limit: PAGE_ROWS })
    )
    for (const row of page) yield toCells(row, lookups.paths, lookups.taxCodes)
    if (page.length < PAGE_ROWS) return
    afterSku = page.at(-1)!.item.sku
  }
}

export const exportService = {
  /** The catalog as a CSV or XLSX download. */
  catalog(tenantId: string, format: CatalogFileFormat): FileDownload {
    const today = new Date().toISOString().slice(0, 10)
    const onError = (error: unknown) => logger.error({ err: error, tenantId }, 'catalog export failed')
    const stream =
      format === 'csv'
        ? Readable.from(csvText(catalogRows(tenantId))).on('error', onError)
        : xlsxStream(catalogRows(tenantId), onError)
    return { stream, contentType: CONTENT_TYPES[format], fileName: `catalog-${today}.${format}` }
  },
}

async function* csvText(rows: AsyncIterable<string[]>): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(CATALOG_FILE_COLUMNS)
  for await (const cells of rows) yield csvLine(cells)
}
