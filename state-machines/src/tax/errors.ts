/**
 * The tax calculators' input errors, declared as data: a stable code (`E_TAX_<REASON>`, the same
 * string on the wire) and a human message.
 */
export const TAX_ERRORS = {
  E_TAX_STATE_CODE_INVALID: 'State codes must be two digits, for example "29".',
  E_TAX_COMPOSITION_INTERSTATE: 'A composition dealer cannot make an inter-state supply.',
  E_TAX_NO_LINES: 'At least one line is required.',
  E_TAX_LINE_ID_INVALID: 'Every line needs a non-empty id.',
  E_TAX_LINE_ID_DUPLICATE: 'Line ids must be unique.',
  E_TAX_HSN_INVALID: 'The HSN/SAC code must be a string.',
  E_TAX_QUANTITY_INVALID: 'Quantity must be a decimal string with at most 3 decimals, for example "2.345".',
  E_TAX_QUANTITY_NOT_POSITIVE: 'Quantity must be greater than zero.',
  E_TAX_UNIT_PRICE_INVALID: 'Unit price must be a non-negative integer number of paise.',
  E_TAX_RATE_INVALID: 'The GST rate must be a non-negative decimal string with at most 3 decimals, for example "18".',
  E_TAX_CESS_INVALID: 'The cess rate must be a non-negative decimal string with at most 3 decimals.',
  E_TAX_DISCOUNT_INVALID: 'A discount is either { percent } as a non-negative decimal string or { amountPaise } as a non-negative integer.',
  E_TAX_DISCOUNT_EXCEEDS_GROSS: 'A line discount cannot exceed the line gross amount.',
  E_TAX_BILL_DISCOUNT_INVALID: 'The bill discount must be a non-negative integer number of paise.',
  E_TAX_BILL_DISCOUNT_EXCEEDS_NET: 'The bill discount cannot exceed the sum of the lines after their discounts.',
  E_TAX_AMOUNT_TOO_LARGE: 'An amount exceeds the largest safe integer number of paise.',
  E_TAX_STORED_LINE_INVALID: 'A stored invoice or credit line is inconsistent (amounts, rate or quantity).',
  E_TAX_RETURN_LINE_UNKNOWN: 'A return or credit refers to a line that is not on the original invoice.',
  E_TAX_RETURN_LINE_DUPLICATE: 'A line may appear only once in one return.',
  E_TAX_RETURN_EXCEEDS_SOLD: 'More would be returned than was sold on the line.',
  E_TAX_CREDIT_EXCEEDS_LINE: 'Earlier credits already exceed the original line.',
} as const

/** A stable, machine-readable tax input error code. */
export type TaxErrorCode = keyof typeof TAX_ERRORS

/**
 * Thrown by the tax calculators when their input breaks a rule. Carries the error `code` and,
 * for a problem on one line, that line's id.
 */
export class TaxInputError extends Error {
  override readonly name = 'TaxInputError'
  /** The stable error code, for example `E_TAX_COMPOSITION_INTERSTATE`. */
  readonly code: TaxErrorCode
  /** The id of the offending line, when the problem is on one line. */
  readonly lineId: string | undefined

  /**
   * @param code - the error code; the message is taken from {@link TAX_ERRORS}
   * @param lineId - the offending line, if any
   */
  constructor(code: TaxErrorCode, lineId?: string) {
    super(lineId === undefined ? TAX_ERRORS[code] : `${TAX_ERRORS[code]} (line ${lineId})`)
    this.code = code
    this.lineId = lineId
  }
}
