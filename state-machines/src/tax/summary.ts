/**
 * Document totals and summaries, always sums of the line values (domain doc §3.3 step 6), and the
 * rupee round-off (step 7). Internal to `src/tax/`.
 */
import { formatDecimal, roundHalfUp } from './decimal.ts'
import { ZERO_SPLIT, addSplits, toFigures, toPaise } from './line-tax.ts'
import type { Split } from './line-tax.ts'
import type { HsnSummary, RateSummary } from './types.ts'

/** What the summaries need from a computed line. */
export interface SummaryLine {
  readonly hsn: string
  /** Thousandths. */
  readonly quantity: bigint
  /** Thousandths of a percent. */
  readonly rate: bigint
  readonly split: Split
}

/** Line sums, the per-rate and per-HSN summaries, and the rounded grand total. */
export function summarise(lines: readonly SummaryLine[]) {
  const total = lines.reduce((sum, line) => addSplits(sum, line.split), ZERO_SPLIT)
  // Half-up to the rupee; the round-off is shown separately and is not taxable (§3.3 step 7).
  const grandTotal = roundHalfUp(total.total, 100n) * 100n
  return {
    total,
    roundOffPaise: toPaise(grandTotal - total.total),
    grandTotalPaise: toPaise(grandTotal),
    byRate: groupLines(lines, (line) => line.rate.toString()).sort(byRate).map(rateRow),
    // The rate is all digits, so the first '|' separates the key unambiguously.
    byHsn: groupLines(lines, (line) => `${line.rate}|${line.hsn}`).sort(byHsnThenRate).map(hsnRow),
  }
}

function groupLines(lines: readonly SummaryLine[], keyOf: (line: SummaryLine) => string): SummaryLine[] {
  const groups = new Map<string, SummaryLine>()
  for (const line of lines) {
    const key = keyOf(line)
    const seen = groups.get(key)
    groups.set(
      key,
      seen === undefined ? line : { ...seen, quantity: seen.quantity + line.quantity, split: addSplits(seen.split, line.split) },
    )
  }
  return [...groups.values()]
}

function rateRow(group: SummaryLine): RateSummary {
  const figures = toFigures(group.split)
  return {
    ratePercent: formatDecimal(group.rate),
    taxablePaise: figures.taxablePaise,
    cgstPaise: figures.cgstPaise,
    sgstPaise: figures.sgstPaise,
    igstPaise: figures.igstPaise,
    cessPaise: figures.cessPaise,
  }
}

function hsnRow(group: SummaryLine): HsnSummary {
  return {
    hsn: group.hsn,
    ratePercent: formatDecimal(group.rate),
    quantity: formatDecimal(group.quantity),
    ...toFigures(group.split),
  }
}

function byRate(a: SummaryLine, b: SummaryLine): number {
  return a.rate === b.rate ? 0 : a.rate < b.rate ? -1 : 1
}

function byHsnThenRate(a: SummaryLine, b: SummaryLine): number {
  return a.hsn === b.hsn ? byRate(a, b) : a.hsn < b.hsn ? -1 : 1
}
