/** EAN/GTIN check digits and price- or weight-embedded scale labels. */
export { GTIN_LENGTHS, gtinCheckDigit, isValidEan13, isValidGtin } from './gtin.ts'
export { BarcodeRuleError, parseBarcode, validateBarcodeRule } from './scale-barcode.ts'
export type {
  BarcodeInvalidReason,
  BarcodeReading,
  BarcodeRuleInvalidReason,
  EmbeddedBarcodeRule,
} from './scale-barcode.ts'
