/*
 * One canonical payload per sales fact, for the fact-schema specs (socket/facts.spec.ts spreads
 * these into its fixture table).
 */
const V4 = '3b241101-e2bb-4255-8caf-4136c566a962'
const OTHER = '9c5b94b1-35ad-49bb-b118-8e8fc24abf80'
const SALE = '0190a5d2-4b6c-7a1e-8f3b-2c4d5e6f7a8b'
const AT = '2025-04-01T10:15:00.000Z'
const line = { lineId: 'l1', itemId: V4, sku: 'SKU-1', name: 'Shampoo', hsn: '3305', quantity: '2', unitPricePaise: 11800, ratePercent: '18' }
const totals = { taxablePaise: 20000, cgstPaise: 1800, sgstPaise: 1800, igstPaise: 0, cessPaise: 0, totalPaise: 23600, roundOffPaise: 0, grandTotalPaise: 23600 }
const tender = { tenderId: 't1', method: 'cash', amountPaise: 23600 }

export const salesFactFixtures: Record<string, Record<string, unknown>> = {
  'sale.started': { saleId: SALE, terminalId: V4, cashierId: OTHER, at: AT },
  'sale.lineAdded': { saleId: SALE, line, grandTotalPaise: 23600 },
  'sale.lineRemoved': { saleId: SALE, lineId: 'l1', grandTotalPaise: 0 },
  'sale.lineChanged': { saleId: SALE, change: 'quantity', line, grandTotalPaise: 23600 },
  'sale.billDiscountChanged': { saleId: SALE, billDiscountPaise: 100, grandTotalPaise: 23500 },
  'sale.customerAttached': { saleId: SALE, customer: { name: 'Asha' }, placeOfSupplyStateCode: '29', grandTotalPaise: 23600 },
  'sale.parked': { saleId: SALE, at: AT },
  'sale.resumed': { saleId: SALE, at: AT },
  'sale.tenderAdded': { saleId: SALE, tender, remainingDuePaise: 0, changeDuePaise: 0 },
  'sale.tenderRemoved': { saleId: SALE, tenderId: 't1', remainingDuePaise: 23600, changeDuePaise: 0 },
  'sale.completed': { saleId: SALE, invoiceNumber: 'T1/2526/0000001', at: AT, lines: [], totals },
  'sale.voided': { saleId: SALE, reason: 'customer left', at: AT, approverId: null, tenders: [] },
  'sale.returned': { saleId: SALE, returnId: SALE, invoiceNumber: 'T1/2526/0000001', totals, refunds: [] },
  'invoice.issued': {
    invoiceId: V4,
    saleId: SALE,
    terminalId: V4,
    number: 'T1/2526/0000001',
    proposedNumber: 'T1/2526/0000001',
    documentKind: 'tax_invoice',
    grandTotalPaise: 23600,
    offline: false,
    reviewItemIds: [],
  },
  'creditNote.issued': {
    creditNoteId: V4,
    invoiceId: OTHER,
    saleId: SALE,
    returnId: SALE,
    terminalId: V4,
    number: 'T1/C2526/000001',
    grandTotalPaise: 11800,
    refunds: [{ method: 'cash', amountPaise: 11800 }],
  },
  'shift.opened': { shiftId: SALE, terminalId: V4, openedBy: OTHER, openingFloatPaise: 200000, at: AT },
  'shift.cashMoved': { shiftId: SALE, terminalId: V4, direction: 'out', amountPaise: 5000, reason: 'safe drop' },
  'shift.closed': { shiftId: SALE, terminalId: V4, closedBy: OTHER, countedCashPaise: 250000, overridden: false },
  'shift.zReported': { shiftId: SALE, terminalId: V4, zReportId: V4, sha256: 'ab'.repeat(32), cashDifferencePaise: 0 },
}
