import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildZReport, canonicalJson, type ZReportInput } from './z-report.ts'

const figures = (taxablePaise: number, half: number) => ({ taxablePaise, cgstPaise: half, sgstPaise: half, igstPaise: 0, cessPaise: 0 })

/** Two sales (one with a discount and UPI + cash with change), a cancelled one, one return, cash movements and a void. */
const INPUT: ZReportInput = {
  shift: {
    shiftId: 'shift-1',
    storeId: 'store-1',
    terminalId: 'terminal-1',
    openedBy: 'cashier-1',
    openedAt: '2026-06-01T03:30:00.000Z',
    closedBy: 'cashier-1',
    closedAt: '2026-06-01T13:30:00.000Z',
    openingFloatPaise: 200_000,
    cashCount: { '50000': 4, '10000': 3, '2000': 1 },
    countedCashPaise: 232_000,
    tenderCounts: { upi: 30_000 },
    override: null,
  },
  invoices: [
    {
      number: 'T1/2627/0000002',
      status: 'issued',
      grossPaise: 11_800,
      discountPaise: 0,
      roundOffPaise: 0,
      grandTotalPaise: 11_800,
      lines: [{ ratePercent: '18.000', ...figures(10_000, 900) }],
      tenders: [{ method: 'cash', amountPaise: 20_000, changePaise: 8_200 }],
    },
    {
      number: 'T1/2627/0000001',
      status: 'issued',
      grossPaise: 38_525,
      discountPaise: 500,
      roundOffPaise: -25,
      grandTotalPaise: 38_000,
      lines: [
        { ratePercent: '18', ...figures(19_576, 1762) },
        { ratePercent: '5', ...figures(14_215, 355) },
      ],
      tenders: [
        { method: 'upi', amountPaise: 30_000, changePaise: 0 },
        { method: 'cash', amountPaise: 10_000, changePaise: 2_000 },
      ],
    },
    {
      number: 'T1/2627/0000003',
      status: 'cancelled',
      grossPaise: 100,
      discountPaise: 0,
      roundOffPaise: 0,
      grandTotalPaise: 100,
      lines: [{ ratePercent: '5', ...figures(95, 2) }],
      tenders: [{ method: 'cash', amountPaise: 100, changePaise: 0 }],
    },
  ],
  creditNotes: [{ number: 'T1/C2627/000001', roundOffPaise: 0, grandTotalPaise: 11_800, lines: [{ ratePercent: '18', ...figures(10_000, 900) }] }],
  refunds: [{ method: 'cash', amountPaise: 11_800 }],
  cashMovements: [
    { direction: 'in', amountPaise: 5_000 },
    { direction: 'out', amountPaise: 1_000 },
  ],
  voids: [{ totalPaise: 4_500 }],
}

describe('buildZReport', () => {
  it('adds up sales, returns, tax by rate, tenders and the drawer, by hand', () => {
    const { report } = buildZReport(INPUT)
    assert.deepEqual(report.sales, {
      count: 2,
      cancelledCount: 1,
      firstNumber: 'T1/2627/0000001',
      lastNumber: 'T1/2627/0000002',
      grossPaise: 50_325,
      discountPaise: 500,
      taxablePaise: 43_791,
      cgstPaise: 3_017,
      sgstPaise: 3_017,
      igstPaise: 0,
      cessPaise: 0,
      roundOffPaise: -25,
      grandTotalPaise: 49_800,
    })
    assert.equal(report.returns.grandTotalPaise, 11_800)
    assert.deepEqual(report.taxByRate.map((row) => [row.ratePercent, row.sales.taxablePaise, row.returns.taxablePaise, row.net.cgstPaise]), [
      ['5', 14_215, 0, 355],
      ['18', 29_576, 10_000, 1_762],
    ])
    // Cash kept: 20000 − 8200 + 10000 − 2000 = 19800; refunded 11800.
    assert.deepEqual(report.tenders.find((t) => t.method === 'cash'), { method: 'cash', salesPaise: 19_800, refundsPaise: 11_800, netPaise: 8_000 })
    // Expected: 200000 + 19800 − 11800 + 5000 − 1000 = 212000; counted 232000 → 20000 over.
    assert.equal(report.cash.expectedPaise, 212_000)
    assert.equal(report.cash.differencePaise, 20_000)
    assert.deepEqual(report.reconciliation.map((row) => [row.method, row.expectedPaise, row.countedPaise, row.differencePaise]), [
      ['cash', 212_000, 232_000, 20_000],
      ['card', 0, null, null],
      ['upi', 30_000, 30_000, 0],
      ['store_credit', 0, null, null],
    ])
    assert.deepEqual(report.voids, { count: 1, totalPaise: 4_500 })
    assert.deepEqual(report.discounts, { invoiceCount: 1, totalPaise: 500 })
    assert.deepEqual(report.cash.count, [
      { denominationPaise: 50_000, count: 4, valuePaise: 200_000 },
      { denominationPaise: 10_000, count: 3, valuePaise: 30_000 },
      { denominationPaise: 2_000, count: 1, valuePaise: 2_000 },
    ])
  })

  it('the same records give the same bytes, in whatever order they come and however keys were built', () => {
    const first = buildZReport(INPUT).json
    const shuffled: ZReportInput = {
      ...INPUT,
      invoices: [...INPUT.invoices].reverse(),
      shift: Object.fromEntries(Object.entries(INPUT.shift).reverse()) as ZReportInput['shift'],
    }
    assert.equal(buildZReport(shuffled).json, first)
    assert.equal(buildZReport(structuredClone(INPUT)).json, first)
    assert.equal(canonicalJson(JSON.parse(first)), first)
    assert.ok(first.startsWith('{"cash":{"count":['))
  })

  it('an empty shift reports zeros and the float as the expected cash', () => {
    const { report } = buildZReport({ ...INPUT, invoices: [], creditNotes: [], refunds: [], cashMovements: [], voids: [] })
    assert.equal(report.sales.count, 0)
    assert.equal(report.sales.firstNumber, null)
    assert.deepEqual(report.taxByRate, [])
    assert.equal(report.cash.expectedPaise, 200_000)
  })
})
