import { Pipe, type PipeTransform } from '@angular/core'

/**
 * Paise as Indian rupees: lakh/crore grouping (₹1,23,456.00), always two decimals, a leading
 * minus for negative amounts. Integer arithmetic only: money is never a float here.
 */
export function formatInr(paise: number): string {
  if (!Number.isSafeInteger(paise)) return '—'
  const negative = paise < 0
  const abs = Math.abs(paise)
  const rupees = String(Math.floor(abs / 100))
  const fraction = String(abs % 100).padStart(2, '0')
  const last3 = rupees.slice(-3)
  const rest = rupees.slice(0, -3)
  const grouped = rest === '' ? last3 : `${rest.replace(/\B(?=(\d{2})+(?!\d))/g, ',')},${last3}`
  return `${negative ? '-' : ''}₹${grouped}.${fraction}`
}

/**
 * Rupees as typed by a cashier ("1,250.5", "₹ 99") to paise; null when it is not an amount with
 * at most two decimals.
 */
export function parseRupees(text: string): number | null {
  const clean = text.replace(/[₹,\s]/g, '')
  const match = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(clean)
  if (match === null) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

@Pipe({ name: 'inr' })
export class InrPipe implements PipeTransform {
  transform(paise: number | null | undefined): string {
    return paise === null || paise === undefined ? '' : formatInr(paise)
  }
}
