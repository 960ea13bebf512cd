import type { InventoryReviewItem } from '@pos/protocols'
import { formatRupees } from '../../shared/money/format-rupees.ts'

/*
 * What a review item says, for a manager: its kind in words, and its recorded data as rows of
 * "what the terminal had" against "what the server did" where the data pairs them.
 */

export const REVIEW_KINDS: Record<string, string> = {
  negative_stock: 'Stock went below zero',
  price_changed: 'Sold at a price the catalogue no longer has',
  catalog_changed: 'Catalogue differs from the cart',
  invoice_number_changed: 'Invoice renumbered by the server',
  sale_outside_shift: 'Sale outside an open shift',
  store_credit_overdrawn: 'Store credit overdrawn',
  cash_limit_exceeded: 'Cash limit exceeded',
}

export const kindText = (kind: string) => REVIEW_KINDS[kind] ?? kind.replaceAll('_', ' ')

export interface DiffRow {
  field: string
  left: string
  right: string
}

/** Pairs of keys the server records (terminal's value, server's value). */
const PAIRS: Array<[string, string, string]> = [
  ['proposed', 'assigned', 'invoice number'],
  ['soldGrandTotalPaise', 'catalogueGrandTotalPaise', 'grand total'],
  ['sold', 'catalogue', 'value'],
]

const show = (key: string, value: unknown): string => {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'number' && /Paise$/.test(key)) return formatRupees(value)
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** The differences an item records: paired fields side by side, then each `differences` entry. */
export function reviewDiff(item: Pick<InventoryReviewItem, 'data'>): DiffRow[] {
  const data = item.data
  const rows: DiffRow[] = []
  for (const [left, right, field] of PAIRS) {
    if (left in data || right in data) rows.push({ field, left: show(left, data[left]), right: show(right, data[right]) })
  }
  const differences = Array.isArray(data.differences) ? (data.differences as Array<Record<string, unknown>>) : []
  for (const d of differences) {
    const label = [d.sku ?? d.lineId ?? d.itemId, d.field ?? d.kind].filter(Boolean).join(' · ')
    const leftKey = Object.keys(d).find((k) => /^(sold|cart|terminal)/i.test(k))
    const rightKey = Object.keys(d).find((k) => /^(catalog|catalogue|server|current)/i.test(k))
    // A price difference records plain paise under `sold` / `catalogue`.
    const as = (key: string) => (d.field === 'price' ? 'pricePaise' : key)
    rows.push({
      field: label || 'line',
      left: leftKey ? show(as(leftKey), d[leftKey]) : JSON.stringify(d),
      right: rightKey ? show(as(rightKey), d[rightKey]) : '—',
    })
  }
  return rows
}

/** Other recorded values, for the details list. */
export function otherFields(item: Pick<InventoryReviewItem, 'data'>): Array<[string, string]> {
  const skip = new Set(['differences', ...PAIRS.flatMap(([a, b]) => [a, b])])
  return Object.entries(item.data)
    .filter(([key]) => !skip.has(key))
    .map(([key, value]) => [key, show(key, value)])
}
