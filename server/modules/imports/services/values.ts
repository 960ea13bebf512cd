/*
 * Cell values of the catalog file, both ways: text as people type it in a
 * spreadsheet → typed values (or a reason), and stored values → the text the
 * export writes (which the import reads back to the same values).
 */
import { GTIN_LENGTHS } from '@pos/state-machines'

/** A parsed value, or why the text is not one. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const bad = (reason: string): Parsed<never> => ({ ok: false, reason })

/** Largest amount accepted: ₹1,00,00,00,00,000 (keeps paise far inside safe integers). */
const MAX_RUPEE_DIGITS = 12

/*
 * Plain digits, or digits grouped by commas: international (1,234,567) or
 * Indian (12,34,567: thousands, then pairs).
 */
const GROUPED_RUPEES = /^(\d+|\d{1,3}(,\d{3})+|\d{1,2}(,\d{2})*,\d{3})$/

/**
 * Rupees with up to two decimals ("1234.50", "1,23,456.00", "₹ 99") → paise.
 * Integer arithmetic on the digits: no float ever holds the amount.
 */
export function parseRupees(text: string): Parsed<number> {
  let value = text.replace(/\s+/g, '')
  value = value.replace(/^(₹|rs\.?|inr)/i, '')
  if (value.startsWith('-') || (value.startsWith('(') && value.endsWith(')'))) return bad('must not be negative')
  const [whole = '', fraction, ...rest] = value.split('.')
  if (rest.length > 0 || !GROUPED_RUPEES.test(whole)) return bad(`"${text}" is not an amount in rupees (e.g. 1234.50 or 1,23,456.00)`)
  if (fraction !== undefined && !/^\d{1,2}$/.test(fraction)) return bad(`"${text}" has more than 2 decimals (paise)`)
  const digits = whole.replaceAll(',', '').replace(/^0+(?=\d)/, '')
  if (digits.length > MAX_RUPEE_DIGITS) return bad(`"${text}" is too large`)
  return ok(Number(digits) * 100 + Number((fraction ?? '').padEnd(2, '0')))
}

/** Paise → "1234.50" (no grouping, always two decimals), as the export writes amounts. */
export function formatRupees(paise: number): string {
  const whole = Math.trunc(paise / 100)
  const fraction = String(paise % 100).padStart(2, '0')
  return `${whole}.${fraction}`
}

/** A quantity ≥ 0 with up to 3 decimals (numeric(14,3)) → canonical text ("2.5", "10"). */
export function parseQuantity(text: string): Parsed<string> {
  const value = text.replace(/\s+/g, '').replaceAll(',', '')
  if (value.startsWith('-')) return bad('must not be negative')
  const match = /^(\d{1,11})(?:\.(\d{1,3}))?$/.exec(value)
  if (!match) return bad(`"${text}" is not a quantity with up to 3 decimals`)
  return ok(canonicalQuantity(`${match[1]}.${match[2] ?? ''}`))
}

/** "10.000" / "010.50" / "2." → "10" / "10.5" / "2": one spelling per quantity, for comparing and exporting. */
export function canonicalQuantity(text: string): string {
  const [whole = '0', fraction = ''] = String(text).split('.')
  const trimmedWhole = whole.replace(/^0+(?=\d)/, '') || '0'
  const trimmedFraction = fraction.replace(/0+$/, '')
  return trimmedFraction ? `${trimmedWhole}.${trimmedFraction}` : trimmedWhole
}

const YES = new Set(['yes', 'y', 'true', '1'])
const NO = new Set(['no', 'n', 'false', '0'])

/** yes/no (also y/n, true/false, 1/0, any case). */
export function parseYesNo(text: string): Parsed<boolean> {
  const value = text.trim().toLowerCase()
  if (YES.has(value)) return ok(true)
  if (NO.has(value)) return ok(false)
  return bad(`"${text}" is not yes or no`)
}

export const formatYesNo = (value: boolean) => (value ? 'yes' : 'no')

/** Key under which a variant written as a plain label ("500 g") is stored. */
export const VARIANT_LABEL_KEY = 'label'
/* The catalog's own limits on variant attributes (variantSchema in @pos/protocols). */
const MAX_VARIANT_KEY = 40
const MAX_VARIANT_VALUE = 80
const MAX_VARIANT_OPTIONS = 10

/**
 * "Size: 500 g; Pack: 2" → { Size: '500 g', Pack: '2' }; a plain "500 g" →
 * { label: '500 g' }; blank → {}.
 */
export function parseVariant(text: string): Parsed<Record<string, string>> {
  const value = text.trim()
  if (value === '') return ok({})
  if (!value.includes(':')) {
    return value.length > MAX_VARIANT_VALUE ? bad(`is longer than ${MAX_VARIANT_VALUE} characters`) : ok({ [VARIANT_LABEL_KEY]: value })
  }
  const variant: Record<string, string> = {}
  for (const part of value.split(';')) {
    if (part.trim() === '') continue
    const colon = part.indexOf(':')
    const key = part.slice(0, colon).trim()
    const option = part.slice(colon + 1).trim()
    if (colon < 0 || key === '' || option === '') return bad(`"${part.trim()}" is not "option: value"`)
    if (key.length > MAX_VARIANT_KEY || option.length > MAX_VARIANT_VALUE) {
      return bad(`"${part.trim()}": an option name has at most ${MAX_VARIANT_KEY} characters, a value ${MAX_VARIANT_VALUE}`)
    }
    if (Object.hasOwn(variant, key)) return bad(`names option "${key}" twice`)
    variant[key] = option
  }
  if (Object.keys(variant).length > MAX_VARIANT_OPTIONS) return bad(`has more than ${MAX_VARIANT_OPTIONS} options`)
  return ok(variant)
}

/** The inverse of parseVariant for what it produces (string values). */
export function formatVariant(variant: unknown): string {
  if (!variant || typeof variant !== 'object') return ''
  const entries = Object.entries(variant as Record<string, unknown>)
  if (entries.length === 1 && entries[0]![0] === VARIANT_LABEL_KEY) return String(entries[0]![1])
  return entries.map(([key, option]) => `${key}: ${String(option)}`).join('; ')
}

/** Two variants are the same option set (key order does not matter). */
export function sameVariant(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keysA = Object.keys(a)
  if (keysA.length !== Object.keys(b).length) return false
  return keysA.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
}

/** Separator of category levels in the file. */
export const CATEGORY_SEPARATOR = ' > '

/** "Staples > Rice" → ['Staples', 'Rice']; blank → null. */
export function parseCategoryPath(text: string): Parsed<string[] | null> {
  const value = text.trim()
  if (value === '') return ok(null)
  const levels = value.split('>').map((level) => level.trim().replace(/\s+/g, ' '))
  if (levels.some((level) => level === '')) return bad(`"${text}" has an empty level`)
  if (levels.some((level) => level.length > 100)) return bad('a level is longer than 100 characters')
  if (levels.length > 10) return bad('has more than 10 levels')
  return ok(levels)
}

/** HSN/SAC: 4, 6 or 8 digits. */
const HSN = /^[0-9]{4}([0-9]{2}){0,2}$/

/**
 * HSN/SAC code. Spreadsheets turn "0402" (chapters 01-09) into the number 402:
 * an odd count of 3-7 digits cannot be a code, so its leading zero is restored.
 */
export function parseHsn(text: string): Parsed<string> {
  let value = text.replace(/[\s.]/g, '')
  if (/^\d{3}$|^\d{5}$|^\d{7}$/.test(value)) value = `0${value}`
  if (!HSN.test(value)) return bad(`"${text}" is not an HSN/SAC code: it must be 4, 6 or 8 digits`)
  return ok(value)
}

const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/

export function parseSku(text: string): Parsed<string> {
  const value = text.trim()
  if (!SKU.test(value)) return bad(`"${text}" is not a SKU: 1-40 letters, digits and . _ / - starting with a letter or digit`)
  return ok(value)
}

const BARCODE = /^[0-9A-Za-z-]{4,40}$/

export interface BarcodeInput {
  code: string
  /** All digits, of a GTIN length: a new such code must carry a valid GS1 check digit. */
  gtinShaped: boolean
}

/** Most barcodes one item may have. */
export const MAX_BARCODES_PER_ITEM = 20

/** "8901234567890|ABC-1" → the codes (duplicates dropped, order kept). */
export function parseBarcodes(text: string): Parsed<BarcodeInput[]> {
  const codes = [...new Set(text.split('|').map((code) => code.trim()).filter((code) => code !== ''))]
  const wrong = codes.find((code) => !BARCODE.test(code))
  if (wrong !== undefined) return bad(`"${wrong}" is not a barcode: 4-40 letters, digits or -`)
  if (codes.length > MAX_BARCODES_PER_ITEM) return bad(`more than ${MAX_BARCODES_PER_ITEM} barcodes`)
  return ok(codes.map((code) => ({ code, gtinShaped: /^\d+$/.test(code) && GTIN_LENGTHS.includes(code.length) })))
}

/** A name-like text: trimmed, inner runs of spaces kept as typed, 1..max characters. */
export function parseText(text: string, max: number): Parsed<string> {
  const value = text.trim()
  if (value.length > max) return bad(`is longer than ${max} characters`)
  return ok(value)
}
