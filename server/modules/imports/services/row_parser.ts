/*
 * The header row and the data rows of a catalog file → typed values, each
 * problem named by row and column. Pure: what the catalog already holds is the
 * planner's business (batch_planner.ts).
 */
import { CATALOG_COLUMNS, type CatalogFileColumn } from '@pos/protocols'
import { importErrors } from '../errors.js'
import {
  parseBarcodes,
  parseCategoryPath,
  parseHsn,
  parseQuantity,
  parseRupees,
  parseSku,
  parseText,
  parseVariant,
  parseYesNo,
  type BarcodeInput,
  type Parsed,
} from './values.js'

/** One row of the file as read: its number as the user sees it, and its cells as text. */
export interface SourceRow {
  row: number
  cells: string[]
}

/** A problem with one row (column null: the row as a whole). */
export interface Issue {
  row: number
  column: CatalogFileColumn | null
  sku: string | null
  reason: string
}

/** Where each known column is in the file's rows. */
export type ColumnMap = ReadonlyMap<CatalogFileColumn, number>

const KNOWN = new Set<string>(CATALOG_COLUMNS.map((column) => column.name))

/* Spellings people commonly use for a column. */
const ALIASES: Record<string, CatalogFileColumn> = {
  hsn_sac: 'hsn',
  hsn_code: 'hsn',
  sac: 'hsn',
  barcode: 'barcodes',
  uqc: 'unit',
  localname: 'local_name',
  taxclass: 'tax_class',
  reorder: 'reorder_level',
}

/** "Local Name" / "local-name" / " LOCAL_NAME " → "local_name". */
export function normalizeHeader(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/**
 * The header row → column positions. Blank header cells are ignored (trailing
 * empty columns are common); an unknown or repeated column refuses the whole
 * file, because a misspelt "prce" would otherwise be skipped without a word.
 */
export function mapHeader(cells: string[]): ColumnMap {
  const columns = new Map<CatalogFileColumn, number>()
  const unknown: string[] = []
  const repeated: string[] = []
  cells.forEach((cell, index) => {
    const normalized = normalizeHeader(cell)
    if (normalized === '') return
    const name = (ALIASES[normalized] ?? normalized) as CatalogFileColumn
    if (!KNOWN.has(name)) unknown.push(cell.trim())
    else if (columns.has(name)) repeated.push(cell.trim())
    else columns.set(name, index)
  })
  if (unknown.length > 0 || repeated.length > 0) {
    const parts = [
      unknown.length > 0 ? `unknown: ${unknown.join(', ')}` : '',
      repeated.length > 0 ? `repeated: ${repeated.join(', ')}` : '',
    ].filter(Boolean)
    throw importErrors.unknownColumns(
      { unknown, repeated, known: [...KNOWN] },
      `The header row has columns the catalog format does not know or names one twice (${parts.join('; ')})`
    )
  }
  const missing = CATALOG_COLUMNS.filter((column) => column.requiredInHeader && !columns.has(column.name)).map((column) => column.name)
  if (missing.length > 0) {
    throw importErrors.missingColumns({ missing }, `The header row lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`)
  }
  return columns
}

/** Every cell blank: the row is skipped (not counted). */
export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '')
}

/**
 * The values of the columns present in the file. A field is `undefined` when
 * its column is absent (left as it is); `null` for a blank cell in a column
 * that cannot be cleared (name, hsn, tax_class, unit, price: kept for an
 * existing item, required for a new one) or that is cleared by blank.
 */
export interface RowValues {
  name?: string | null
  localName?: string | null
  /** Product name; null: the item's name. */
  product?: string | null
  variant?: Record<string, string>
  category?: string[] | null
  hsn?: string | null
  taxClass?: string | null
  unit?: string | null
  fractional?: boolean
  mrpPaise?: number | null
  pricePaise?: number | null
  costPaise?: number
  barcodes?: BarcodeInput[]
  reorderLevel?: string
  active?: boolean
}

export interface ParsedRow {
  row: number
  sku: string | null
  values: RowValues
  issues: Issue[]
}

/** Parses one data row; problems are collected per column, never thrown. */
export function parseRow(source: SourceRow, columns: ColumnMap): ParsedRow {
  const cell = (column: CatalogFileColumn) => {
    const index = columns.get(column)
    return index === undefined ? undefined : (source.cells[index] ?? '').trim()
  }
  const skuText = cell('sku') ?? ''
  const skuParsed = skuText === '' ? null : parseSku(skuText)
  const sku = skuParsed?.ok ? skuParsed.value : null
  const issues: Issue[] = []
  const issue = (column: CatalogFileColumn, reason: string) => issues.push({ row: source.row, column, sku: sku ?? (skuText || null), reason })
  if (skuParsed === null) issue('sku', 'sku is required')
  else if (!skuParsed.ok) issue('sku', skuParsed.reason)

  const values: RowValues = {}
  /* Reads a column: absent → undefined; blank → `blank`; else the parsed value or an issue. */
  function read<T, B>(column: CatalogFileColumn, blank: B, parse: (text: string) => Parsed<T>): T | B | undefined {
    const text = cell(column)
    if (text === undefined) return undefined
    if (text === '') return blank
    const parsed = parse(text)
    if (parsed.ok) return parsed.value
    issue(column, `${column} ${parsed.reason}`)
    return undefined
  }
  const text = (max: number) => (value: string) => parseText(value, max)
  const upper = (pattern: RegExp, what: string) => (value: string): Parsed<string> => {
    const normalized = value.toUpperCase()
    return pattern.test(normalized) ? { ok: true, value: normalized } : { ok: false, reason: `"${value}" is not ${what}` }
  }

  values.name = read('name', null, text(200))
  values.localName = read('local_name', null, text(200))
  values.product = read('product', null, text(200))
  values.variant = read('variant', {}, parseVariant)
  values.category = read('category', null, parseCategoryPath)
  values.hsn = read('hsn', null, parseHsn)
  values.taxClass = read('tax_class', null, upper(/^[A-Z0-9_-]{1,30}$/, 'a tax class code'))
  values.unit = read('unit', null, upper(/^[A-Z]{3}$/, 'a GST unit code (3 letters, e.g. NOS, KGS)'))
  values.fractional = read('fractional', false, parseYesNo)
  values.mrpPaise = read('mrp', null, parseRupees)
  values.pricePaise = read('price', null, parseRupees)
  values.costPaise = read('cost', 0, parseRupees)
  values.barcodes = read('barcodes', [], parseBarcodes)
  values.reorderLevel = read('reorder_level', '0', parseQuantity)
  values.active = read('active', true, parseYesNo)
  for (const key of Object.keys(values) as Array<keyof RowValues>) if (values[key] === undefined) delete values[key]
  return { row: source.row, sku, values, issues }
}
