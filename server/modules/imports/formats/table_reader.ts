/*
 * Reads an uploaded file as rows of text cells, streamed: csv-parse for CSV,
 * the exceljs streaming reader for XLSX (first worksheet). Neither holds the
 * whole file in memory, and both hand control back to the event loop between
 * chunks of the file.
 */
import { createReadStream } from 'node:fs'
import { TextDecoder } from 'node:util'
import { CsvError, parse } from 'csv-parse'
import ExcelJS from 'exceljs'
import type { CatalogFileFormat } from '@pos/protocols'
import { AppError } from '#core/errors'
import { importErrors } from '../errors.js'
import type { SourceRow } from '../services/row_parser.js'
import { unescapeCsvCell } from './csv_writer.js'

/** A record longer than this is not a catalog row (and would only cost memory). */
const MAX_RECORD_BYTES = 256 * 1024

/** The rows of the file in order, blank ones included, numbered as the user sees them. */
export function readTable(path: string, format: CatalogFileFormat): AsyncGenerator<SourceRow> {
  return format === 'csv' ? readCsv(path) : readXlsx(path)
}

/*
 * Row numbers are record numbers (header = 1): what a spreadsheet shows when it
 * opens the file, even when a quoted cell spans several lines.
 */
async function* readCsv(path: string): AsyncGenerator<SourceRow> {
  const input = createReadStream(path)
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    // Hand-made files have inch marks in unquoted cells: 'Pipe 1/2"'.
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
  })
  input.on('error', (error) => parser.destroy(error))
  input.pipe(parser)
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      yield { row: info.records, cells: record.map(unescapeCsvCell) }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines
      throw importErrors.unreadable({ line }, `The CSV cannot be read${line ? ` at line ${line}` : ''}: ${error.message}`)
    }
    throw error
  } finally {
    input.destroy()
    parser.destroy()
  }
}

async function* readXlsx(path: string): AsyncGenerator<SourceRow> {
  const input = createReadStream(path)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  try {
    let sheets = 0
    for await (const sheet of reader) {
      sheets += 1
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[]
        const cells: string[] = []
        for (let index = 1; index < values.length; index += 1) cells.push(cellText(values[index]))
        yield { row: row.number, cells }
      }
      // Only the first worksheet is the catalog.
      break
    }
    if (sheets === 0) throw importErrors.unreadable(undefined, 'The workbook has no worksheet')
  } catch (error) {
    if (error instanceof AppError) throw error
    throw importErrors.unreadable(undefined, `The workbook cannot be read (${(error as Error).message}); save it again as .xlsx`)
  } finally {
    input.destroy()
  }
}

/**
 * A cell as the text a user typed. Numbers use JavaScript's shortest exact
 * spelling (1234.5, not 1234.4999999), so amounts keep their paise.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue)
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue)
  if ('error' in value) return String(value.error)
  return ''
}

/** Refuses a file that is not valid UTF-8 (reading it as such would garble local names). */
export async function assertUtf8(path: string): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of createReadStream(path)) decoder.decode(chunk as Buffer, { stream: true })
    decoder.decode()
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw importErrors.encoding()
    throw error
  }
}
