import { v7 } from 'uuid'

/** A time-ordered UUID v7: command ids, sale, shift and tender ids. */
export function uuidv7(): string {
  return v7()
}

/** A short id unique within one sale (lines, tenders): `[A-Za-z0-9_-]`. */
export function shortKey(prefix: string): string {
  return `${prefix}${v7().replace(/-/g, '').slice(-12)}`
}
