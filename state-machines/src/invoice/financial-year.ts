import { InvoiceNumberingError } from './errors.ts'

/** An Indian financial year, 1 April to 31 March. */
export interface FinancialYear {
  /** The calendar year in which the FY starts: 2026 for 1 Apr 2026 – 31 Mar 2027. */
  readonly startYear: number
  /** Four digits for invoice series: `"2627"`. */
  readonly label: string
  /** The form used in the IRN hash and on documents: `"2026-27"`. */
  readonly fullLabel: string
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * The financial year of a date. The caller passes the document date as already decided in
 * Indian Standard Time; nothing here reads a clock or a time zone.
 *
 * @param isoDate - `YYYY-MM-DD`, for example `"2027-03-31"` (FY 2026-27) or `"2027-04-01"` (FY 2027-28)
 * @throws InvoiceNumberingError `E_INVOICE_DATE_INVALID` when the text is not a real calendar date
 */
export function financialYearOf(isoDate: string): FinancialYear {
  const match = typeof isoDate === 'string' ? ISO_DATE.exec(isoDate) : null
  const year = Number(match?.[1])
  const month = Number(match?.[2])
  const day = Number(match?.[3])
  if (match === null || !isCalendarDate(year, month, day)) {
    throw new InvoiceNumberingError('E_INVOICE_DATE_INVALID', String(isoDate))
  }
  return financialYearStarting(month >= 4 ? year : year - 1)
}

/**
 * The financial year that starts on 1 April of `startYear`.
 *
 * @param startYear - a four-digit year
 */
export function financialYearStarting(startYear: number): FinancialYear {
  const next = String((startYear + 1) % 100).padStart(2, '0')
  const label = `${String(startYear % 100).padStart(2, '0')}${next}`
  return { startYear, label, fullLabel: `${startYear}-${next}` }
}

/** Whether a label is four digits naming consecutive years: `"2627"`, `"9900"`. */
export function isFinancialYearLabel(label: string): boolean {
  if (typeof label !== 'string' || !/^\d{4}$/.test(label)) return false
  return (Number(label.slice(0, 2)) + 1) % 100 === Number(label.slice(2))
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  return day <= days
}
