import { InvoiceNumberingError } from './errors.ts'
import { isFinancialYearLabel } from './financial-year.ts'

/** Why an invoice number was refused. */
export type InvoiceNumberInvalidReason =
  | 'E_INVOICE_NUMBER_EMPTY'
  | 'E_INVOICE_NUMBER_TOO_LONG'
  | 'E_INVOICE_NUMBER_CHARACTERS'
  | 'E_INVOICE_NUMBER_FIRST_CHARACTER'

/** The result of {@link validateInvoiceNumber}. */
export type InvoiceNumberValidation = { readonly ok: true } | { readonly ok: false; readonly reason: InvoiceNumberInvalidReason }

/** The longest document number GST Rule 46(b) allows. */
export const MAX_INVOICE_NUMBER_LENGTH = 16

/**
 * Checks a tax invoice, bill of supply or credit note number against GST Rule 46(b) as the IRP
 * enforces it (domain doc §4.2): 1 to 16 characters from upper-case `A-Z`, `0-9`, `/` and `-`,
 * not starting with `0`, `/` or `-`. Lower case is refused: the NIC documentation rejects it, and
 * this project issues upper case only.
 *
 * @param value - for example `"B1T2/2627/000042"`
 */
export function validateInvoiceNumber(value: string): InvoiceNumberValidation {
  if (typeof value !== 'string' || value.length === 0) return { ok: false, reason: 'E_INVOICE_NUMBER_EMPTY' }
  if (value.length > MAX_INVOICE_NUMBER_LENGTH) return { ok: false, reason: 'E_INVOICE_NUMBER_TOO_LONG' }
  if (!/^[A-Z0-9/-]+$/.test(value)) return { ok: false, reason: 'E_INVOICE_NUMBER_CHARACTERS' }
  if (/^[0/-]/.test(value)) return { ok: false, reason: 'E_INVOICE_NUMBER_FIRST_CHARACTER' }
  return { ok: true }
}

/** The parts of a document number in a series. */
export interface InvoiceNumberParts {
  /** The series prefix, one per store, terminal and document type: `"B1T2"`, `"CN-B1"`. */
  readonly prefix: string
  /** The financial-year label from `financialYearOf`: `"2627"`. */
  readonly fyLabel: string
  /** The position in the series, from 1. */
  readonly seq: number
  /** How many digits the sequence is zero-padded to. */
  readonly width: number
}

/**
 * Formats `PREFIX/FY/SEQUENCE`, for example `B1T2/2627/000042`, and checks the result against
 * {@link validateInvoiceNumber}. A sequence that no longer fits the width is refused rather
 * than widened, so the numbers of a series keep one length and sort in issue order.
 *
 * @throws InvoiceNumberingError `E_INVOICE_NUMBER_INVALID` when the result would break Rule 46
 *   (for example a prefix too long for the width), `E_INVOICE_SEQUENCE_OVERFLOW`,
 *   `E_INVOICE_SEQUENCE_INVALID`, `E_INVOICE_WIDTH_INVALID`, `E_INVOICE_FY_LABEL_INVALID`
 */
export function formatInvoiceNumber(parts: InvoiceNumberParts): string {
  const { prefix, fyLabel, seq, width } = parts
  if (!isFinancialYearLabel(fyLabel)) throw new InvoiceNumberingError('E_INVOICE_FY_LABEL_INVALID', String(fyLabel))
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InvoiceNumberingError('E_INVOICE_SEQUENCE_INVALID', String(seq))
  if (!Number.isSafeInteger(width) || width < 1) throw new InvoiceNumberingError('E_INVOICE_WIDTH_INVALID', String(width))
  const digits = String(seq)
  if (digits.length > width) throw new InvoiceNumberingError('E_INVOICE_SEQUENCE_OVERFLOW', `${digits} > ${width} digits`)
  const number = `${prefix}/${fyLabel}/${digits.padStart(width, '0')}`
  const check = validateInvoiceNumber(number)
  if (!check.ok) throw new InvoiceNumberingError('E_INVOICE_NUMBER_INVALID', `${number}: ${check.reason}`)
  return number
}
