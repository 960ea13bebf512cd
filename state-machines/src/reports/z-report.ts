/**
 * The Z report of a shift: what one terminal sold, took back, collected and counted between
 * opening and closing its drawer, as a pure function of the shift's records. The same records
 * give the same JSON string, byte for byte (keys sorted at every level, arrays in a defined
 * order, integers in paise), so a stored report can be regenerated and compared at any time.
 *
 * @module
 */
import type { CashCount } from '../machines/shift.machine.ts'
import { DENOMINATIONS_PAISE } from '../machines/shift.machine.ts'
import { formatDecimal, parseDecimal } from '../tax/decimal.ts'

/** The identifier of this report format; a change to the shape is a new format. */
export const Z_REPORT_FORMAT = 'pos.z-report/1'

/** Tenders in the order the report lists them. */
export const Z_REPORT_TENDERS = ['cash', 'card', 'upi', 'store_credit'] as const
export type ZReportTender = (typeof Z_REPORT_TENDERS)[number]

/** Taxable value and tax, in paise. */
export interface ZTaxFigures {
  taxablePaise: number
  cgstPaise: number
  sgstPaise: number
  igstPaise: number
  cessPaise: number
}

/** A document line as the report needs it: its rate and figures. */
export interface ZReportLine extends ZTaxFigures {
  ratePercent: string
}

/** An invoice (or bill of supply) issued in the shift. */
export interface ZReportInvoice {
  number: string
  /** A cancelled document keeps its number; it is counted apart and adds nothing. */
  status: 'issued' | 'cancelled'
  grossPaise: number
  discountPaise: number
  roundOffPaise: number
  grandTotalPaise: number
  lines: ZReportLine[]
  tenders: Array<{ method: ZReportTender; amountPaise: number; changePaise: number }>
}

/** A credit note issued in the shift. */
export interface ZReportCreditNote {
  number: string
  roundOffPaise: number
  grandTotalPaise: number
  lines: ZReportLine[]
}

/** Everything the report is made from. */
export interface ZReportInput {
  shift: {
    shiftId: string
    storeId: string
    terminalId: string
    openedBy: string
    openedAt: string
    closedBy: string
    closedAt: string
    openingFloatPaise: number
    cashCount: CashCount
    countedCashPaise: number
    /** What the cashier read off the card terminal and the UPI app, when entered. */
    tenderCounts: { card?: number; upi?: number }
    override: { by: string; reason: string } | null
  }
  invoices: ZReportInvoice[]
  creditNotes: ZReportCreditNote[]
  /** Money paid back for the shift's returns, by tender. */
  refunds: Array<{ method: ZReportTender; amountPaise: number }>
  cashMovements: Array<{ direction: 'in' | 'out'; amountPaise: number }>
  /** Sales abandoned in the shift, with the bill total when they were voided. */
  voids: Array<{ totalPaise: number }>
}

/** Totals of a set of documents. */
export interface ZDocumentTotals extends ZTaxFigures {
  count: number
  firstNumber: string | null
  lastNumber: string | null
  roundOffPaise: number
  grandTotalPaise: number
}

/** The report. */
export interface ZReport {
  format: typeof Z_REPORT_FORMAT
  shift: {
    shiftId: string
    storeId: string
    terminalId: string
    openedBy: string
    openedAt: string
    closedBy: string
    closedAt: string
    override: { by: string; reason: string } | null
  }
  sales: ZDocumentTotals & { cancelledCount: number; grossPaise: number; discountPaise: number }
  returns: ZDocumentTotals
  taxByRate: Array<{ ratePercent: string; sales: ZTaxFigures; returns: ZTaxFigures; net: ZTaxFigures }>
  tenders: Array<{ method: ZReportTender; salesPaise: number; refundsPaise: number; netPaise: number }>
  voids: { count: number; totalPaise: number }
  discounts: { invoiceCount: number; totalPaise: number }
  cash: {
    openingFloatPaise: number
    salesPaise: number
    refundsPaise: number
    inPaise: number
    outPaise: number
    expectedPaise: number
    countedPaise: number
    differencePaise: number
    count: Array<{ denominationPaise: number; count: number; valuePaise: number }>
  }
  /** Expected against counted per tender; `null` where nothing was counted (store credit never is). */
  reconciliation: Array<{ method: ZReportTender; expectedPaise: number; countedPaise: number | null; differencePaise: number | null }>
}

const ZERO: ZTaxFigures = { taxablePaise: 0, cgstPaise: 0, sgstPaise: 0, igstPaise: 0, cessPaise: 0 }

/**
 * Builds the Z report of a closed shift and its canonical JSON.
 *
 * - Sales are the issued documents (cancelled ones are only counted); returns are the credit
 *   notes; tax by rate is sales, returns and their difference per rate, ascending by rate.
 * - A tender's sales are what it kept (cash net of change); its refunds are what went back.
 * - Expected cash = opening float + cash sales − cash refunds + cash in − cash out; the
 *   difference is counted − expected (negative: short).
 *
 * @returns the report and its JSON: keys sorted at every level, no whitespace
 */
export function buildZReport(input: ZReportInput): { report: ZReport; json: string } {
  const issued = input.invoices.filter((invoice) => invoice.status === 'issued')
  const byNumber = <T extends { number: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
  const sortedIssued = byNumber(issued)
  const sortedNotes = byNumber(input.creditNotes)

  const salesLines = issued.flatMap((invoice) => invoice.lines)
  const returnLines = input.creditNotes.flatMap((note) => note.lines)

  const tenders = Z_REPORT_TENDERS.map((method) => {
    const salesPaise = sum(issued.flatMap((invoice) => invoice.tenders.filter((t) => t.method === method).map((t) => t.amountPaise - t.changePaise)))
    const refundsPaise = sum(input.refunds.filter((refund) => refund.method === method).map((refund) => refund.amountPaise))
    return { method, salesPaise, refundsPaise, netPaise: salesPaise - refundsPaise }
  })
  const tenderOf = (method: ZReportTender) => tenders.find((t) => t.method === method)!

  const inPaise = sum(input.cashMovements.filter((m) => m.direction === 'in').map((m) => m.amountPaise))
  const outPaise = sum(input.cashMovements.filter((m) => m.direction === 'out').map((m) => m.amountPaise))
  const cashTender = tenderOf('cash')
  const expectedCash = input.shift.openingFloatPaise + cashTender.salesPaise - cashTender.refundsPaise + inPaise - outPaise

  const rates = [...new Set([...salesLines, ...returnLines].map((line) => canonicalRate(line.ratePercent)))].sort(compareRates)
  const taxByRate = rates.map((ratePercent) => {
    const sales = addFigures(salesLines.filter((line) => canonicalRate(line.ratePercent) === ratePercent))
    const returns = addFigures(returnLines.filter((line) => canonicalRate(line.ratePercent) === ratePercent))
    return { ratePercent, sales, returns, net: subtractFigures(sales, returns) }
  })

  const counted = (method: ZReportTender): number | null => {
    if (method === 'cash') return input.shift.countedCashPaise
    if (method === 'card' || method === 'upi') return input.shift.tenderCounts[method] ?? null
    return null
  }
  const reconciliation = Z_REPORT_TENDERS.map((method) => {
    const expectedPaise = method === 'cash' ? expectedCash : tenderOf(method).netPaise
    const countedPaise = counted(method)
    return { method, expectedPaise, countedPaise, differencePaise: countedPaise === null ? null : countedPaise - expectedPaise }
  })

  const report: ZReport = {
    format: Z_REPORT_FORMAT,
    shift: {
      shiftId: input.shift.shiftId,
      storeId: input.shift.storeId,
      terminalId: input.shift.terminalId,
      openedBy: input.shift.openedBy,
      openedAt: input.shift.openedAt,
      closedBy: input.shift.closedBy,
      closedAt: input.shift.closedAt,
      override: input.shift.override === null ? null : { by: input.shift.override.by, reason: input.shift.override.reason },
    },
    sales: {
      count: issued.length,
      cancelledCount: input.invoices.length - issued.length,
      firstNumber: sortedIssued[0]?.number ?? null,
      lastNumber: sortedIssued.at(-1)?.number ?? null,
      grossPaise: sum(issued.map((invoice) => invoice.grossPaise)),
      discountPaise: sum(issued.map((invoice) => invoice.discountPaise)),
      ...addFigures(salesLines),
      roundOffPaise: sum(issued.map((invoice) => invoice.roundOffPaise)),
      grandTotalPaise: sum(issued.map((invoice) => invoice.grandTotalPaise)),
    },
    returns: {
      count: input.creditNotes.length,
      firstNumber: sortedNotes[0]?.number ?? null,
      lastNumber: sortedNotes.at(-1)?.number ?? null,
      ...addFigures(returnLines),
      roundOffPaise: sum(input.creditNotes.map((note) => note.roundOffPaise)),
      grandTotalPaise: sum(input.creditNotes.map((note) => note.grandTotalPaise)),
    },
    taxByRate,
    tenders,
    voids: { count: input.voids.length, totalPaise: sum(input.voids.map((each) => each.totalPaise)) },
    discounts: {
      invoiceCount: issued.filter((invoice) => invoice.discountPaise > 0).length,
      totalPaise: sum(issued.map((invoice) => invoice.discountPaise)),
    },
    cash: {
      openingFloatPaise: input.shift.openingFloatPaise,
      salesPaise: cashTender.salesPaise,
      refundsPaise: cashTender.refundsPaise,
      inPaise,
      outPaise,
      expectedPaise: expectedCash,
      countedPaise: input.shift.countedCashPaise,
      differencePaise: input.shift.countedCashPaise - expectedCash,
      count: DENOMINATIONS_PAISE.filter((denomination) => (input.shift.cashCount[String(denomination)] ?? 0) > 0).map((denomination) => {
        const count = input.shift.cashCount[String(denomination)] ?? 0
        return { denominationPaise: denomination, count, valuePaise: denomination * count }
      }),
    },
    reconciliation,
  }
  return { report, json: canonicalJson(report) }
}

/**
 * JSON with the keys of every object sorted (code-unit order) and no whitespace: one text per
 * value, whatever order its keys were built in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key])
  return out
}

function canonicalRate(rate: string): string {
  const parsed = parseDecimal(rate)
  return parsed === undefined ? rate : formatDecimal(parsed)
}

function compareRates(a: string, b: string): number {
  const x = parseDecimal(a) ?? 0n
  const y = parseDecimal(b) ?? 0n
  return x === y ? 0 : x < y ? -1 : 1
}

function addFigures(lines: readonly ZTaxFigures[]): ZTaxFigures {
  return lines.reduce(
    (total, line) => ({
      taxablePaise: total.taxablePaise + line.taxablePaise,
      cgstPaise: total.cgstPaise + line.cgstPaise,
      sgstPaise: total.sgstPaise + line.sgstPaise,
      igstPaise: total.igstPaise + line.igstPaise,
      cessPaise: total.cessPaise + line.cessPaise,
    }),
    ZERO,
  )
}

function subtractFigures(a: ZTaxFigures, b: ZTaxFigures): ZTaxFigures {
  return {
    taxablePaise: a.taxablePaise - b.taxablePaise,
    cgstPaise: a.cgstPaise - b.cgstPaise,
    sgstPaise: a.sgstPaise - b.sgstPaise,
    igstPaise: a.igstPaise - b.igstPaise,
    cessPaise: a.cessPaise - b.cessPaise,
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
