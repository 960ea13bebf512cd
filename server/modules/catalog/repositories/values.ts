import type { Tx } from '#core/db/tenancy'
import { formatDecimal, parseDecimal } from '@pos/state-machines'

/*
 * Conversions shared by the catalog's repositories, and the catalog's clock.
 */

/** Catalog dates (rate changes, expiry) are dates in India. */
export const CATALOG_TIME_ZONE = 'Asia/Kolkata'

/** Today's date in India by the database clock (one clock for every node). */
export async function indiaToday(trx: Tx): Promise<string> {
  const result = await trx.rawQuery(`select to_char(now() at time zone '${CATALOG_TIME_ZONE}', 'YYYY-MM-DD') as today`)
  return result.rows[0].today
}

/** The date in India at `instant`. */
export function indiaDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CATALOG_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}

/** numeric(5,2) text ("18.00", "12.50") as the canonical decimal string the tax engine uses ("18", "12.5"). */
export function canonicalPercent(value: string): string
export function canonicalPercent(value: string | null): string | null
export function canonicalPercent(value: string | null): string | null {
  if (value === null) return null
  const scaled = parseDecimal(value, 2)
  return scaled === undefined ? value : formatDecimal(scaled, 2)
}

/** numeric(14,3) text as the shortest exact decimal string ("2.500" → "2.5"). */
export function canonicalQuantity(value: string): string {
  const scaled = parseDecimal(value, 3)
  return scaled === undefined ? value : formatDecimal(scaled, 3)
}

/** bigint columns arrive as strings; paise fit a JavaScript number (below 2^53). */
export function paise(value: string | number | null): number | null {
  return value === null ? null : Number(value)
}

/** The unique constraint a failed write violated, or null for any other failure. */
export function uniqueViolation(error: unknown): string | null {
  const candidate = error as { code?: string; constraint?: string } | null
  return candidate?.code === '23505' ? (candidate.constraint ?? '') : null
}
