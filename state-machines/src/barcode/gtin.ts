/**
 * GS1 check digits for EAN-13 and the other GTIN lengths (EAN-8, UPC-A, GTIN-14), which share
 * one algorithm.
 *
 * @module
 */

/** GTIN lengths whose last digit is a GS1 check digit. */
export const GTIN_LENGTHS: readonly number[] = [8, 12, 13, 14]

/**
 * The GS1 check digit for a GTIN body (every digit but the check digit): weights 3, 1, 3, 1, …
 * from the rightmost body digit; the check digit brings the weighted sum to a multiple of 10.
 *
 * @param body - digits only, for example the first 12 digits of an EAN-13
 * @returns the check digit 0–9, or `undefined` when `body` is empty or not all digits
 */
export function gtinCheckDigit(body: string): number | undefined {
  if (!/^\d+$/.test(body)) return undefined
  let sum = 0
  for (let fromRight = 0; fromRight < body.length; fromRight += 1) {
    const digit = body.charCodeAt(body.length - 1 - fromRight) - 48
    sum += fromRight % 2 === 0 ? 3 * digit : digit
  }
  return (10 - (sum % 10)) % 10
}

/**
 * Whether `code` is an 8-, 12-, 13- or 14-digit GTIN whose last digit is its check digit.
 *
 * @param code - for example `"5901234123457"`
 */
export function isValidGtin(code: string): boolean {
  return (
    typeof code === 'string' &&
    /^\d+$/.test(code) &&
    GTIN_LENGTHS.includes(code.length) &&
    gtinCheckDigit(code.slice(0, -1)) === Number(code.slice(-1))
  )
}

/**
 * Whether `code` is a 13-digit EAN with a correct check digit.
 *
 * @param code - for example `"4006381333931"`
 */
export function isValidEan13(code: string): boolean {
  return typeof code === 'string' && code.length === 13 && isValidGtin(code)
}
