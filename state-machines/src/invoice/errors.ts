/**
 * Invoice-numbering errors, declared as data: a stable code (`E_INVOICE_<REASON>`) and a message.
 */
export const INVOICE_ERRORS = {
  E_INVOICE_DATE_INVALID: 'The date must be a real calendar date written YYYY-MM-DD.',
  E_INVOICE_FY_LABEL_INVALID: 'The financial-year label must be four digits of consecutive years, for example "2627".',
  E_INVOICE_SEQUENCE_INVALID: 'The sequence number must be a positive integer.',
  E_INVOICE_WIDTH_INVALID: 'The width must be a positive integer.',
  E_INVOICE_SEQUENCE_OVERFLOW: 'The sequence number has more digits than the series width; start a new series.',
  E_INVOICE_NUMBER_INVALID: 'The invoice number would break GST Rule 46 (at most 16 characters of A-Z 0-9 / -, not starting with 0, / or -).',
} as const

/** A stable, machine-readable invoice-numbering error code. */
export type InvoiceErrorCode = keyof typeof INVOICE_ERRORS

/** Thrown by the financial-year and invoice-number helpers when their input breaks a rule. */
export class InvoiceNumberingError extends Error {
  override readonly name = 'InvoiceNumberingError'
  /** The stable error code, for example `E_INVOICE_NUMBER_INVALID`. */
  readonly code: InvoiceErrorCode

  /**
   * @param code - the error code; the message is taken from {@link INVOICE_ERRORS}
   * @param detail - the offending value, appended to the message
   */
  constructor(code: InvoiceErrorCode, detail?: string) {
    super(detail === undefined ? INVOICE_ERRORS[code] : `${INVOICE_ERRORS[code]} (${detail})`)
    this.code = code
  }
}
