/** Financial years and GST-compliant document numbers (Rule 46). */
export { INVOICE_ERRORS, InvoiceNumberingError } from './errors.ts'
export type { InvoiceErrorCode } from './errors.ts'
export { financialYearOf, financialYearStarting, isFinancialYearLabel } from './financial-year.ts'
export type { FinancialYear } from './financial-year.ts'
export { MAX_INVOICE_NUMBER_LENGTH, formatInvoiceNumber, validateInvoiceNumber } from './invoice-number.ts'
export type { InvoiceNumberInvalidReason, InvoiceNumberParts, InvoiceNumberValidation } from './invoice-number.ts'
