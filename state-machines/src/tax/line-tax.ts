/**
 * The per-line GST arithmetic of domain doc §3.3 on exact integers, plus the parsing and
 * conversion shared by the invoice and credit-note calculators. Internal to `src/tax/`.
 *
 * Quantities and rates are held as integers at `parseDecimal` scale (thousandths):
 * 2.345 kg → `2345n`, 18 % → `18000n`, so 100 % is {@link HUNDRED_PERCENT}.
 */
import { DECIMAL_PLACES, parseDecimal, roundHalfUp } from './decimal.ts'
import { TaxInputError } from './errors.ts'
import type { TaxErrorCode } from './errors.ts'
import type { SupplyType, TaxFigures } from './types.ts'

/** 1 at the scale of parsed quantities and rates. */
export const ONE = 10n ** BigInt(DECIMAL_PLACES)

/** 100 % at the scale of parsed rates. */
export const HUNDRED_PERCENT = 100n * ONE

/** A line's GST and cess rates, scaled like {@link HUNDRED_PERCENT}. */
export interface Rates {
  readonly gst: bigint
  readonly cess: bigint
}

/** {@link TaxFigures} as exact integers while computing. */
export interface Split {
  readonly taxable: bigint
  readonly cgst: bigint
  readonly sgst: bigint
  readonly igst: bigint
  readonly cess: bigint
  readonly total: bigint
}

/** All zero: the starting point of a sum of splits. */
export const ZERO_SPLIT: Split = { taxable: 0n, cgst: 0n, sgst: 0n, igst: 0n, cess: 0n, total: 0n }

/**
 * Splits a tax-inclusive amount N (step 4). Intra: H = round(N × (r/2)/(100+r+c)) and
 * CGST = SGST = H. Inter: IGST = round(N × r/(100+r+c)). Cess = round(N × c/(100+r+c)): an
 * inclusive price contains the cess too, so the cess rate joins the divisor. T = N − taxes, so
 * the line total is N exactly and the shelf price is honoured.
 */
export function splitInclusive(amount: bigint, rates: Rates, supplyType: SupplyType): Split {
  const { half, igst, cess } = taxesOn(amount, HUNDRED_PERCENT + rates.gst + rates.cess, rates, supplyType)
  return { taxable: amount - 2n * half - igst - cess, cgst: half, sgst: half, igst, cess, total: amount }
}

/** Taxes a tax-exclusive taxable value T (step 5): each tax = round(T × rate/100), total = T + taxes. */
export function taxExclusive(taxable: bigint, rates: Rates, supplyType: SupplyType): Split {
  const { half, igst, cess } = taxesOn(taxable, HUNDRED_PERCENT, rates, supplyType)
  return { taxable, cgst: half, sgst: half, igst, cess, total: taxable + 2n * half + igst + cess }
}

function taxesOn(base: bigint, divisor: bigint, rates: Rates, supplyType: SupplyType) {
  // One rounding of the half rate, used for both CGST and SGST, keeps them equal by construction.
  return {
    half: supplyType === 'intra' ? roundHalfUp(base * rates.gst, 2n * divisor) : 0n,
    igst: supplyType === 'inter' ? roundHalfUp(base * rates.gst, divisor) : 0n,
    cess: roundHalfUp(base * rates.cess, divisor),
  }
}

/** Component-wise sum. */
export function addSplits(a: Split, b: Split): Split {
  return {
    taxable: a.taxable + b.taxable,
    cgst: a.cgst + b.cgst,
    sgst: a.sgst + b.sgst,
    igst: a.igst + b.igst,
    cess: a.cess + b.cess,
    total: a.total + b.total,
  }
}

/** Component-wise difference `a − b`. */
export function subtractSplits(a: Split, b: Split): Split {
  return addSplits(a, {
    taxable: -b.taxable,
    cgst: -b.cgst,
    sgst: -b.sgst,
    igst: -b.igst,
    cess: -b.cess,
    total: -b.total,
  })
}

/** Converts exact paise to JSON numbers. @throws TaxInputError `E_TAX_AMOUNT_TOO_LARGE` */
export function toFigures(split: Split): TaxFigures {
  return {
    taxablePaise: toPaise(split.taxable),
    cgstPaise: toPaise(split.cgst),
    sgstPaise: toPaise(split.sgst),
    igstPaise: toPaise(split.igst),
    cessPaise: toPaise(split.cess),
    totalPaise: toPaise(split.total),
  }
}

/**
 * Reads stored figures back: each a non-negative safe integer, CGST = SGST, and
 * taxable + taxes = total. @throws TaxInputError `E_TAX_STORED_LINE_INVALID`
 */
export function fromFigures(figures: TaxFigures, lineId: string): Split {
  const split: Split = {
    taxable: paiseIn(figures.taxablePaise, 'E_TAX_STORED_LINE_INVALID', lineId),
    cgst: paiseIn(figures.cgstPaise, 'E_TAX_STORED_LINE_INVALID', lineId),
    sgst: paiseIn(figures.sgstPaise, 'E_TAX_STORED_LINE_INVALID', lineId),
    igst: paiseIn(figures.igstPaise, 'E_TAX_STORED_LINE_INVALID', lineId),
    cess: paiseIn(figures.cessPaise, 'E_TAX_STORED_LINE_INVALID', lineId),
    total: paiseIn(figures.totalPaise, 'E_TAX_STORED_LINE_INVALID', lineId),
  }
  const consistent =
    split.cgst === split.sgst && split.taxable + split.cgst + split.sgst + split.igst + split.cess === split.total
  if (!consistent) throw new TaxInputError('E_TAX_STORED_LINE_INVALID', lineId)
  return split
}

/** A JSON number of paise as an exact integer. @throws TaxInputError `E_TAX_AMOUNT_TOO_LARGE` */
export function toPaise(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new TaxInputError('E_TAX_AMOUNT_TOO_LARGE')
  }
  return Number(value)
}

/** A non-negative safe integer from JSON, or the given error. */
export function paiseIn(value: unknown, code: TaxErrorCode, lineId?: string): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new TaxInputError(code, lineId)
  return BigInt(value)
}

/** A non-negative decimal string with at most 3 decimals, or the given error. */
export function percentIn(value: unknown, code: TaxErrorCode, lineId?: string): bigint {
  const parsed = typeof value === 'string' ? parseDecimal(value) : undefined
  if (parsed === undefined || parsed < 0n) throw new TaxInputError(code, lineId)
  return parsed
}

/** A quantity string, greater than zero, with at most 3 decimals, in thousandths. */
export function quantityIn(value: unknown, lineId?: string): bigint {
  const parsed = typeof value === 'string' ? parseDecimal(value) : undefined
  if (parsed === undefined) throw new TaxInputError('E_TAX_QUANTITY_INVALID', lineId)
  if (parsed <= 0n) throw new TaxInputError('E_TAX_QUANTITY_NOT_POSITIVE', lineId)
  return parsed
}

/** A line's GST and cess rates; a missing cess is 0. */
export function ratesIn(ratePercent: unknown, cessPercent: unknown, lineId?: string): Rates {
  return {
    gst: percentIn(ratePercent, 'E_TAX_RATE_INVALID', lineId),
    cess: cessPercent === undefined ? 0n : percentIn(cessPercent, 'E_TAX_CESS_INVALID', lineId),
  }
}
