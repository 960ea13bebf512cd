import { formatDecimal, parseDecimal, roundHalfUp } from '@pos/state-machines'

/*
 * Quantities are handled as bigint thousandths (numeric(14,3)) and money as
 * bigint paise while computing, so no float ever touches either.
 */

/** The largest magnitude numeric(14,3) holds, in thousandths. */
const LIMIT = 10n ** 14n

/** A decimal string of at most 3 places as thousandths, or undefined. */
export function toThousandths(text: unknown): bigint | undefined {
  if (typeof text !== 'string' || text.length > 16) return undefined
  const value = parseDecimal(text, 3)
  return value !== undefined && value < LIMIT && value > -LIMIT ? value : undefined
}

/** A value from Postgres numeric(14,3) (text) as thousandths. */
export function fromNumeric(text: string | number): bigint {
  const value = parseDecimal(String(text), 3)
  if (value === undefined) throw new Error(`not a numeric(14,3): ${text}`)
  return value
}

/** Thousandths as the shortest exact decimal string ('12.5', '-1', '0.25'). */
export function formatQuantity(thousandths: bigint): string {
  return formatDecimal(thousandths, 3)
}

/**
 * The cost of units `from` to `to` (thousandths) of a lot at `unitCostPaise`:
 * round(to × cost) − round(from × cost), half-up. Costing each piece of a lot
 * this way makes the pieces add up to exactly round(lot × cost), however the
 * lot is split.
 */
export function costBetween(from: bigint, to: bigint, unitCostPaise: bigint): bigint {
  return roundHalfUp(to * unitCostPaise, 1000n) - roundHalfUp(from * unitCostPaise, 1000n)
}

export const minBig = (a: bigint, b: bigint) => (a < b ? a : b)

/** Paise as a JSON number (safe: paise totals stay far below 2^53). */
export const paise = (value: bigint) => Number(value)
