/*
 * XLSX as the export writes it: one worksheet, streamed (rows are committed as
 * they come, so a large catalog is never held whole). Text columns are text
 * cells (barcodes and HSN codes keep their leading zeros); amounts and
 * quantities are numbers, which the import reads back exactly.
 */
import { PassThrough, type Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { CATALOG_FILE_COLUMNS, type CatalogFileColumn } from '@pos/protocols'

const NUMERIC = new Set<CatalogFileColumn>(['mrp', 'price', 'cost', 'reorder_level'])

/** Column widths, in characters, for a readable sheet. */
const WIDTHS: Partial<Record<CatalogFileColumn, number>> = { sku: 18, name: 36, local_name: 30, product: 30, variant: 18, category: 26, barcodes: 30 }

/** Streams a workbook whose first row is the header and then one row per array from `rows`. */
export function xlsxStream(rows: AsyncIterable<string[]>, onError: (error: unknown) => void): Readable {
  const output = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false })
  const sheet = workbook.addWorksheet('Catalog', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = CATALOG_FILE_COLUMNS.map((column) => ({ header: column, key: column, width: WIDTHS[column] ?? 12 }))
  const write = async () => {
    for await (const cells of rows) {
      const row = sheet.addRow(
        cells.map((cell, index) => (NUMERIC.has(CATALOG_FILE_COLUMNS[index]!) && cell !== '' ? Number(cell) : cell))
      )
      for (const [index, column] of CATALOG_FILE_COLUMNS.entries()) {
        if (column === 'mrp' || column === 'price' || column === 'cost') row.getCell(index + 1).numFmt = '0.00'
      }
      row.commit()
    }
    sheet.commit()
    await workbook.commit()
  }
  write().catch((error) => {
    onError(error)
    output.destroy(error as Error)
  })
  return output
}
