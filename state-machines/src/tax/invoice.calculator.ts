import { formatDecimal, roundHalfUp } from './decimal.ts'
import { allocateLargestRemainder } from './allocation.ts'
import { TaxInputError } from './errors.ts'
import {
  HUNDRED_PERCENT,
  ONE,
  paiseIn,
  percentIn,
  quantityIn,
  ratesIn,
  splitInclusive,
  taxExclusive,
  toFigures,
  toPaise,
} from './line-tax.ts'
import type { Rates } from './line-tax.ts'
import { summarise } from './summary.ts'
import type { InvoiceComputation, InvoiceInput, InvoiceLineInput, LineDiscount, SupplyType } from './types.ts'

const STATE_CODE = /^[0-9]{2}$/
const NO_TAX: Rates = { gst: 0n, cess: 0n }

/**
 * Computes a tax invoice (or a composition dealer's bill of supply) with the per-line method of
 * domain doc §3.3, on exact integers and rounding half-up to 1 paisa at each step:
 *
 * 1. gross G = round(quantity × unit price);
 * 2. line discount D = the amount given, or round(G × percent / 100);
 * 3. the bill discount is allocated across lines in proportion to N = G − D by the
 *    largest-remainder method (a tie goes to the earlier line);
 * 4. tax-inclusive prices, on N = G − D − allocated: intra-state H = round(N × (r/2)/(100+r)),
 *    CGST = SGST = H, T = N − 2H; inter-state IGST = round(N × r/(100+r)), T = N − IGST.
 *    With an ad valorem cess c the inclusive price contains the cess as well, so the divisor is
 *    (100 + r + c) for every component and cess = round(N × c/(100+r+c));
 * 5. tax-exclusive prices: T = G − D − allocated; CGST = SGST = round(T × (r/2)/100) or
 *    IGST = round(T × r/100); cess = round(T × c/100);
 * 6. totals are sums of the lines, never tax recomputed on totals;
 * 7. grand total = round_half_up(total / 100) × 100, and the round-off is shown separately.
 *
 * The supply is intra-state when the supplier's state code equals the place-of-supply state
 * code, inter-state otherwise. A composition dealer (`composition: true`) issues a bill of
 * supply: no tax at all, taxable value = N whether or not prices "include tax", rate reported as
 * `"0"`; an inter-state supply is refused.
 *
 * @param input - the sale; see {@link InvoiceInput}
 * @returns every line's stored figures, the totals, and per-rate and per-HSN summaries
 * @throws TaxInputError with a code from `TAX_ERRORS` when the input breaks a rule, for example
 *   `E_TAX_QUANTITY_INVALID`, `E_TAX_DISCOUNT_EXCEEDS_GROSS`, `E_TAX_COMPOSITION_INTERSTATE`
 */
export function computeInvoice(input: InvoiceInput): InvoiceComputation {
  const supplyType = supplyTypeOf(input.supplierStateCode, input.placeOfSupplyStateCode)
  const composition = input.composition === true
  if (composition && supplyType === 'inter') throw new TaxInputError('E_TAX_COMPOSITION_INTERSTATE')
  if (!Array.isArray(input.lines) || input.lines.length === 0) throw new TaxInputError('E_TAX_NO_LINES')

  const seenIds = new Set<string>()
  const parsed = input.lines.map((line) => {
    const entered = parseLine(line, seenIds)
    return { ...entered, rates: composition ? NO_TAX : entered.rates }
  })

  const nets = parsed.map((line) => line.gross - line.discount)
  const billDiscount =
    input.billDiscountPaise === undefined ? 0n : paiseIn(input.billDiscountPaise, 'E_TAX_BILL_DISCOUNT_INVALID')
  if (billDiscount > nets.reduce((sum, net) => sum + net, 0n)) {
    throw new TaxInputError('E_TAX_BILL_DISCOUNT_EXCEEDS_NET')
  }
  const shares = allocateLargestRemainder(billDiscount, nets)

  const lines = parsed.map((line, index) => {
    const share = shares[index] ?? 0n // same length as `parsed` by construction
    const net = line.gross - line.discount - share
    const split = input.pricesIncludeTax
      ? splitInclusive(net, line.rates, supplyType)
      : taxExclusive(net, line.rates, supplyType)
    return { ...line, share, split }
  })

  const summary = summarise(lines.map((line) => ({ ...line, rate: line.rates.gst })))
  const lineDiscounts = lines.reduce((sum, line) => sum + line.discount, 0n)
  return {
    supplyType,
    documentKind: composition ? 'bill_of_supply' : 'tax_invoice',
    lines: lines.map((line) => ({
      id: line.id,
      hsn: line.hsn,
      quantity: formatDecimal(line.quantity),
      ratePercent: formatDecimal(line.rates.gst),
      cessPercent: formatDecimal(line.rates.cess),
      grossPaise: toPaise(line.gross),
      discountPaise: toPaise(line.discount),
      billDiscountPaise: toPaise(line.share),
      ...toFigures(line.split),
    })),
    totals: {
      grossPaise: toPaise(lines.reduce((sum, line) => sum + line.gross, 0n)),
      discountPaise: toPaise(lineDiscounts + billDiscount),
      ...toFigures(summary.total),
      roundOffPaise: summary.roundOffPaise,
      grandTotalPaise: summary.grandTotalPaise,
    },
    byRate: summary.byRate,
    byHsn: summary.byHsn,
  }
}

/** Intra-state when the two state codes are equal (domain doc §2.1). */
function supplyTypeOf(supplierStateCode: unknown, placeOfSupplyStateCode: unknown): SupplyType {
  for (const code of [supplierStateCode, placeOfSupplyStateCode]) {
    if (typeof code !== 'string' || !STATE_CODE.test(code)) throw new TaxInputError('E_TAX_STATE_CODE_INVALID')
  }
  return supplierStateCode === placeOfSupplyStateCode ? 'intra' : 'inter'
}

function parseLine(line: InvoiceLineInput, seenIds: Set<string>) {
  const id: unknown = line.id
  if (typeof id !== 'string' || id.trim() === '') throw new TaxInputError('E_TAX_LINE_ID_INVALID')
  if (seenIds.has(id)) throw new TaxInputError('E_TAX_LINE_ID_DUPLICATE', id)
  seenIds.add(id)
  if (typeof line.hsn !== 'string') throw new TaxInputError('E_TAX_HSN_INVALID', id)

  const quantity = quantityIn(line.quantity, id)
  const unitPrice = paiseIn(line.unitPricePaise, 'E_TAX_UNIT_PRICE_INVALID', id)
  const rates = ratesIn(line.ratePercent, line.cessPercent, id)
  const gross = roundHalfUp(quantity * unitPrice, ONE)
  const discount = discountOf(line.discount, gross, id)
  return { id, hsn: line.hsn, quantity, rates, gross, discount }
}

function discountOf(discount: LineDiscount | undefined, gross: bigint, lineId: string): bigint {
  if (discount === undefined) return 0n
  const isObject = typeof discount === 'object' && discount !== null
  if (!isObject || ('percent' in discount) === ('amountPaise' in discount)) {
    throw new TaxInputError('E_TAX_DISCOUNT_INVALID', lineId)
  }
  if ('percent' in discount) {
    const percent = percentIn(discount.percent, 'E_TAX_DISCOUNT_INVALID', lineId)
    if (percent > HUNDRED_PERCENT) throw new TaxInputError('E_TAX_DISCOUNT_EXCEEDS_GROSS', lineId)
    return roundHalfUp(gross * percent, HUNDRED_PERCENT)
  }
  const amount = paiseIn(discount.amountPaise, 'E_TAX_DISCOUNT_INVALID', lineId)
  if (amount > gross) throw new TaxInputError('E_TAX_DISCOUNT_EXCEEDS_GROSS', lineId)
  return amount
}
