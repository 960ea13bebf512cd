/**
 * GST calculators: invoice and credit-note figures on integer paise with exact arithmetic
 * (domain doc §3), the one half-up rounding function, and the largest-remainder allocation.
 */
export { DECIMAL_PLACES, formatDecimal, parseDecimal, roundHalfUp } from './decimal.ts'
export { allocateLargestRemainder } from './allocation.ts'
export { TAX_ERRORS, TaxInputError } from './errors.ts'
export type { TaxErrorCode } from './errors.ts'
export { computeInvoice } from './invoice.calculator.ts'
export { computeCreditNote } from './credit-note.calculator.ts'
export type * from './types.ts'
