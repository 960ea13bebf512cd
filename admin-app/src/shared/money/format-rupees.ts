/*
 * Money arrives as integer paise (never floats). Rupees are shown the Indian way:
 * lakh and crore grouping (₹1,23,456.00), always two decimals.
 */
const grouping = new Intl.NumberFormat('en-IN', { minimumIntegerDigits: 1, useGrouping: true })

/**
 * `123456_00` → `₹1,23,456.00`; negative amounts get a leading minus (`-₹50.00`).
 * The rupee part is formatted from a bigint so amounts beyond 2^53 paise stay exact,
 * and no float division ever touches the paise.
 */
export function formatRupees(paise: number | bigint): string {
  if (typeof paise === 'number' && !Number.isSafeInteger(paise)) {
    throw new RangeError(`formatRupees expects an integer number of paise, got ${paise}`)
  }
  const value = BigInt(paise)
  const negative = value < 0n
  const abs = negative ? -value : value
  const rupees = abs / 100n
  const rest = abs % 100n
  const text = `₹${grouping.format(rupees)}.${rest.toString().padStart(2, '0')}`
  return negative ? `-${text}` : text
}
