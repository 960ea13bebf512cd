import { formatDecimal, roundHalfUp } from './decimal.ts'
import { TaxInputError } from './errors.ts'
import {
  ZERO_SPLIT,
  addSplits,
  fromFigures,
  quantityIn,
  ratesIn,
  splitInclusive,
  subtractSplits,
  toFigures,
} from './line-tax.ts'
import type { Rates, Split } from './line-tax.ts'
import { summarise } from './summary.ts'
import type {
  CreditNoteComputation,
  CreditedLine,
  LineReturn,
  StoredInvoice,
  StoredInvoiceLine,
  SupplyType,
} from './types.ts'

/**
 * Computes a credit note for goods returned against an invoice (domain doc §1 "rate changes and
 * documents", §3.3 "consequences"), from the original lines' stored figures:
 *
 * - a **partial return** of q out of the Q sold credits the returned inclusive amount
 *   A = round(line total × q / Q), split by the same algorithm as a tax-inclusive invoice line at
 *   the **original** line's rate, cess rate and supply type (a credit note reverses tax at the
 *   original rate, even after a rate change). A is the same whether the invoice priced the line
 *   inclusive or exclusive of tax, so the refund is the proportional share of what was paid;
 * - the **final return** on a line (this quantity plus the quantity already credited equals the
 *   quantity sold) credits the original line less everything already credited, component by
 *   component, so the credits for a line add up to the line exactly.
 *
 * Rounding each partial return on its own can, after many small returns, leave a component of
 * the split a paisa above what is still uncredited. The credit is then capped at the uncredited
 * remainder (the excess taxable value moves into tax that still has room, keeping CGST = SGST), so
 * no component of the credits ever exceeds the original line and the final return is never
 * negative.
 *
 * @param original - the original invoice's supply type and stored lines (an `InvoiceComputation`
 *   is accepted as it is)
 * @param returns - what comes back now, at most one entry per line
 * @param alreadyCredited - the lines of earlier credit notes against this invoice (`CreditNoteLine`s
 *   are accepted as they are); entries for the same line are added up
 * @throws TaxInputError `E_TAX_RETURN_EXCEEDS_SOLD` when more would be returned than was sold,
 *   `E_TAX_RETURN_LINE_UNKNOWN`, `E_TAX_RETURN_LINE_DUPLICATE`, `E_TAX_QUANTITY_INVALID`,
 *   `E_TAX_QUANTITY_NOT_POSITIVE`, `E_TAX_CREDIT_EXCEEDS_LINE`, `E_TAX_STORED_LINE_INVALID`,
 *   `E_TAX_NO_LINES`
 */
export function computeCreditNote(
  original: StoredInvoice,
  returns: readonly LineReturn[],
  alreadyCredited: readonly CreditedLine[] = [],
): CreditNoteComputation {
  const { supplyType } = original
  if (supplyType !== 'intra' && supplyType !== 'inter') throw new TaxInputError('E_TAX_STORED_LINE_INVALID')
  if (!Array.isArray(returns) || returns.length === 0) throw new TaxInputError('E_TAX_NO_LINES')
  const soldLines = new Map(original.lines.map((line) => [line.id, line]))
  const credited = creditedByLine(alreadyCredited, soldLines)

  const seen = new Set<string>()
  const lines = returns.map((entry) => {
    const sold = soldLines.get(entry.lineId)
    if (sold === undefined) throw new TaxInputError('E_TAX_RETURN_LINE_UNKNOWN', entry.lineId)
    if (seen.has(sold.id)) throw new TaxInputError('E_TAX_RETURN_LINE_DUPLICATE', sold.id)
    seen.add(sold.id)

    const quantity = quantityIn(entry.quantity, sold.id)
    const soldQuantity = quantityIn(sold.quantity, sold.id)
    const rates = ratesIn(sold.ratePercent, sold.cessPercent, sold.id)
    const soldSplit = fromFigures(sold, sold.id)
    const before = credited.get(sold.id) ?? { quantity: 0n, split: ZERO_SPLIT }
    const remaining = subtractSplits(soldSplit, before.split)
    if (before.quantity > soldQuantity || Object.values(remaining).some((value) => value < 0n)) {
      throw new TaxInputError('E_TAX_CREDIT_EXCEEDS_LINE', sold.id)
    }
    if (before.quantity + quantity > soldQuantity) throw new TaxInputError('E_TAX_RETURN_EXCEEDS_SOLD', sold.id)

    const isFinalReturn = before.quantity + quantity === soldQuantity
    const split = isFinalReturn
      ? remaining
      : partialCredit(roundHalfUp(soldSplit.total * quantity, soldQuantity), rates, supplyType, remaining)
    return { sold, quantity, rate: rates.gst, cess: rates.cess, split, isFinalReturn }
  })

  const summary = summarise(lines.map((line) => ({ ...line, hsn: line.sold.hsn })))
  return {
    supplyType,
    lines: lines.map((line) => ({
      lineId: line.sold.id,
      hsn: line.sold.hsn,
      quantity: formatDecimal(line.quantity),
      ratePercent: formatDecimal(line.rate),
      cessPercent: formatDecimal(line.cess),
      ...toFigures(line.split),
      isFinalReturn: line.isFinalReturn,
    })),
    totals: { ...toFigures(summary.total), roundOffPaise: summary.roundOffPaise, grandTotalPaise: summary.grandTotalPaise },
    byRate: summary.byRate,
    byHsn: summary.byHsn,
  }
}

/** Adds up earlier credits per original line. */
function creditedByLine(entries: readonly CreditedLine[], soldLines: ReadonlyMap<string, StoredInvoiceLine>) {
  const byLine = new Map<string, { quantity: bigint; split: Split }>()
  for (const entry of entries) {
    if (!soldLines.has(entry.lineId)) throw new TaxInputError('E_TAX_RETURN_LINE_UNKNOWN', entry.lineId)
    const seen = byLine.get(entry.lineId) ?? { quantity: 0n, split: ZERO_SPLIT }
    byLine.set(entry.lineId, {
      quantity: seen.quantity + quantityIn(entry.quantity, entry.lineId),
      split: addSplits(seen.split, fromFigures(entry, entry.lineId)),
    })
  }
  return byLine
}

/** The returned inclusive amount, split at the original rate and capped at the remainder. */
function partialCredit(returnedAmount: bigint, rates: Rates, supplyType: SupplyType, remaining: Split): Split {
  const amount = min(returnedAmount, remaining.total)
  return fitWithin(splitInclusive(amount, rates, supplyType), remaining)
}

/**
 * Caps a partial credit at what is still uncredited on the line, keeping taxable + taxes = total
 * and CGST = SGST. Needed only in the rare case described on {@link computeCreditNote}; a credit
 * that already fits is returned unchanged. The caller guarantees `credit.total ≤ remaining.total`.
 */
function fitWithin(credit: Split, remaining: Split): Split {
  let total = credit.total
  let half = min(credit.cgst, remaining.cgst)
  let igst = min(credit.igst, remaining.igst)
  let cess = min(credit.cess, remaining.cess)
  // Taxable value beyond what remains moves into taxes that still have room; since
  // total ≤ remaining.total, the room always suffices.
  let excess = total - 2n * half - igst - cess - remaining.taxable
  if (excess > 0n) {
    const moreCess = min(excess, remaining.cess - cess)
    cess += moreCess
    excess -= moreCess
    const moreIgst = min(excess, remaining.igst - igst)
    igst += moreIgst
    excess -= moreIgst
    // CGST and SGST move in pairs. An odd paisa goes with a pair when a paisa of taxable value is
    // left to give back; otherwise it is not refunded now, and the final return, being the
    // remainder, refunds it.
    const pairs = remaining.taxable > 0n ? (excess + 1n) / 2n : excess / 2n
    const moreHalf = min(pairs, remaining.cgst - half)
    half += moreHalf
    excess -= 2n * moreHalf
    if (excess > 0n) total -= excess
  }
  return { taxable: total - 2n * half - igst - cess, cgst: half, sgst: half, igst, cess, total }
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}
