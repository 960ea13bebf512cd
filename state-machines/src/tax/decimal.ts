/**
 * Exact decimals and the project's one rounding function.
 *
 * Quantities and percentages travel as decimal strings ("2.345", "18", "0.25") and are parsed
 * here into integers at a fixed scale, so no binary float ever touches money (domain doc §3.3).
 * Money itself is integer paise. The terminal and the server both round through
 * {@link roundHalfUp}; there is no other rounding function in the code base.
 *
 * @module
 */

/**
 * Decimal places accepted for quantities and percentages, and the scale they are parsed to.
 * Quantities and rates carry at most 3 decimals in the e-invoice schema (domain doc §3.5).
 */
export const DECIMAL_PLACES = 3

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

/**
 * Parses a plain decimal string into an integer scaled by `10^places`:
 * `parseDecimal('2.345') === 2345n`, `parseDecimal('18') === 18000n`,
 * `parseDecimal('0.25', 2) === 25n`.
 *
 * Grammar: an optional `-`, one or more digits, then optionally `.` and one or more digits.
 * Exponents, `+`, spaces, a bare `.5` or `5.` are refused.
 *
 * @param text - the decimal string
 * @param places - the largest number of decimals accepted, and the scale of the result
 * @returns the scaled integer, or `undefined` when `text` is not a plain decimal or has more
 *   than `places` decimals
 */
export function parseDecimal(text: string, places: number = DECIMAL_PLACES): bigint | undefined {
  if (typeof text !== 'string') return undefined
  const match = PLAIN_DECIMAL.exec(text)
  if (match === null) return undefined
  const [, sign, whole = '', fraction = ''] = match
  if (fraction.length > places) return undefined
  const magnitude = BigInt(whole + fraction.padEnd(places, '0'))
  return sign === '-' ? -magnitude : magnitude
}

/**
 * Formats an integer scaled by `10^places` as the shortest exact decimal string:
 * `formatDecimal(2345n) === '2.345'`, `formatDecimal(18000n) === '18'`,
 * `formatDecimal(1500n) === '1.5'`. The inverse of {@link parseDecimal} up to trailing zeros,
 * so equal values always format the same way (used as grouping keys).
 *
 * @param scaled - the value times `10^places`
 * @param places - the scale of `scaled`
 */
export function formatDecimal(scaled: bigint, places: number = DECIMAL_PLACES): string {
  const magnitude = scaled < 0n ? -scaled : scaled
  const digits = magnitude.toString().padStart(places + 1, '0')
  const whole = digits.slice(0, digits.length - places)
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '')
  return `${scaled < 0n ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`
}

/**
 * Rounds the exact rational `numerator / denominator` to the nearest integer, ROUND_HALF_UP:
 * a fraction of exactly one half rounds away from zero, so `2.5 → 3` and `-2.5 → -3`
 * (symmetric, like Java's `RoundingMode.HALF_UP` and Python's `decimal.ROUND_HALF_UP`).
 * Not `Math.round`, which sends `-2.5` to `-2`, and not banker's rounding.
 *
 * Amounts in paise are rounded to 1 paisa with `roundHalfUp(exactNumerator, exactDenominator)`;
 * an invoice total is rounded to the rupee with `roundHalfUp(totalPaise, 100n) * 100n`.
 *
 * @param numerator - any integer
 * @param denominator - a non-zero integer, 1 by default
 * @throws RangeError when `denominator` is zero
 */
export function roundHalfUp(numerator: bigint, denominator: bigint = 1n): bigint {
  if (denominator === 0n) throw new RangeError('roundHalfUp: division by zero')
  const negative = numerator < 0n !== denominator < 0n
  const n = numerator < 0n ? -numerator : numerator
  const d = denominator < 0n ? -denominator : denominator
  const rounded = (2n * n + d) / (2n * d)
  return negative ? -rounded : rounded
}
