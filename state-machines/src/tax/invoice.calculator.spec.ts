import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { computeInvoice } from './invoice.calculator.ts'
import { TaxInputError } from './errors.ts'
import type { TaxErrorCode } from './errors.ts'
import type { InvoiceInput, InvoiceLineInput } from './types.ts'

const KARNATAKA = '29'
const TAMIL_NADU = '33'

function line(overrides: Partial<InvoiceLineInput> = {}): InvoiceLineInput {
  return { id: 'L1', hsn: '1905', quantity: '1', unitPricePaise: 10000, ratePercent: '18', ...overrides }
}

function sale(overrides: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    supplierStateCode: KARNATAKA,
    placeOfSupplyStateCode: KARNATAKA,
    pricesIncludeTax: true,
    lines: [line()],
    ...overrides,
  }
}

function only<T>(items: readonly T[]): T {
  assert.equal(items.length, 1)
  return items[0] as T
}

function figures(x: { taxablePaise: number; cgstPaise: number; sgstPaise: number; igstPaise: number; cessPaise: number; totalPaise: number }) {
  return [x.taxablePaise, x.cgstPaise, x.sgstPaise, x.igstPaise, x.cessPaise, x.totalPaise]
}

function rejects(input: InvoiceInput, code: TaxErrorCode, lineId?: string) {
  assert.throws(
    () => computeInvoice(input),
    (error: unknown) => error instanceof TaxInputError && error.code === code && error.lineId === lineId,
    code,
  )
}

describe('computeInvoice: tax-inclusive prices', () => {
  it('splits an intra-state line into equal CGST and SGST', () => {
    // ₹118 at 18 %: H = round(11800 × 9/118) = round(900) = 900; T = 11800 − 2 × 900 = 10000
    const result = computeInvoice(sale({ lines: [line({ unitPricePaise: 11800 })] }))
    assert.equal(result.supplyType, 'intra')
    assert.equal(result.documentKind, 'tax_invoice')
    const l = only(result.lines)
    assert.deepEqual(figures(l), [10000, 900, 900, 0, 0, 11800])
    assert.equal(l.grossPaise, 11800)
    assert.equal(result.totals.roundOffPaise, 0)
    assert.equal(result.totals.grandTotalPaise, 11800)
  })

  it('gives intra- and inter-state taxable values a paisa apart for the same price', () => {
    // ₹100 at 18 % intra: H = round(10000 × 9/118) = round(762.71) = 763; T = 10000 − 1526 = 8474
    const intra = only(computeInvoice(sale()).lines)
    assert.deepEqual(figures(intra), [8474, 763, 763, 0, 0, 10000])
    // inter: I = round(10000 × 18/118) = round(1525.42) = 1525; T = 10000 − 1525 = 8475
    const inter = computeInvoice(sale({ placeOfSupplyStateCode: TAMIL_NADU }))
    assert.equal(inter.supplyType, 'inter')
    assert.deepEqual(figures(only(inter.lines)), [8475, 0, 0, 1525, 0, 10000])
  })

  it('prices a fractional quantity', () => {
    // 2.345 kg × ₹45.99: G = round(10784.655) = 10785; 5 %: H = round(10785 × 2.5/105) = round(256.79) = 257
    // T = 10785 − 514 = 10271; grand total round(107.85) = ₹108 → round-off +15
    const result = computeInvoice(sale({ lines: [line({ quantity: '2.345', unitPricePaise: 4599, ratePercent: '5' })] }))
    const l = only(result.lines)
    assert.equal(l.quantity, '2.345')
    assert.equal(l.grossPaise, 10785)
    assert.deepEqual(figures(l), [10271, 257, 257, 0, 0, 10785])
    assert.equal(result.totals.roundOffPaise, 15)
    assert.equal(result.totals.grandTotalPaise, 10800)
    assert.equal(only(result.byHsn).quantity, '2.345')
  })

  it('applies a percentage line discount before tax', () => {
    // ₹9.99 less 12.5 %: D = round(999 × 0.125) = round(124.875) = 125; N = 874
    // 5 %: H = round(874 × 2.5/105) = round(20.81) = 21; T = 874 − 42 = 832
    const l = only(
      computeInvoice(sale({ lines: [line({ unitPricePaise: 999, ratePercent: '5', discount: { percent: '12.5' } })] })).lines,
    )
    assert.equal(l.discountPaise, 125)
    assert.deepEqual(figures(l), [832, 21, 21, 0, 0, 874])
  })

  it('applies an amount discount and a 40 % inter-state rate', () => {
    // ₹500 less ₹25: N = 47500; I = round(47500 × 40/140) = round(13571.43) = 13571; T = 47500 − 13571 = 33929
    const result = computeInvoice(
      sale({
        placeOfSupplyStateCode: TAMIL_NADU,
        lines: [line({ unitPricePaise: 50000, ratePercent: '40', discount: { amountPaise: 2500 } })],
      }),
    )
    const l = only(result.lines)
    assert.equal(l.discountPaise, 2500)
    assert.deepEqual(figures(l), [33929, 0, 0, 13571, 0, 47500])
    assert.equal(result.totals.discountPaise, 2500)
  })

  it('allocates a bill discount across rates, a tie going to the earlier line', () => {
    // Three ₹1 lines, bill discount ₹1: 100 × 100/300 = 33.33 each → [34, 33, 33] (tie → first line)
    // 5 %:  N = 66, H = round(66 × 2.5/105) = round(1.571) = 2, T = 62
    // 18 %: N = 67, H = round(67 × 9/118) = round(5.110) = 5, T = 57
    // 0 %:  N = 67, T = 67
    const result = computeInvoice(
      sale({
        billDiscountPaise: 100,
        lines: [
          line({ id: 'a', hsn: '0402', unitPricePaise: 100, ratePercent: '5' }),
          line({ id: 'b', hsn: '2106', unitPricePaise: 100, ratePercent: '18' }),
          line({ id: 'c', hsn: '0401', unitPricePaise: 100, ratePercent: '0' }),
        ],
      }),
    )
    assert.deepEqual(
      result.lines.map((l) => l.billDiscountPaise),
      [34, 33, 33],
    )
    assert.deepEqual(result.lines.map(figures), [
      [62, 2, 2, 0, 0, 66],
      [57, 5, 5, 0, 0, 67],
      [67, 0, 0, 0, 0, 67],
    ])
    const { totals } = result
    assert.deepEqual(
      [totals.grossPaise, totals.discountPaise, ...figures(totals), totals.roundOffPaise, totals.grandTotalPaise],
      [300, 100, 186, 7, 7, 0, 0, 200, 0, 200],
    )
    assert.deepEqual(result.byRate, [
      { ratePercent: '0', taxablePaise: 67, cgstPaise: 0, sgstPaise: 0, igstPaise: 0, cessPaise: 0 },
      { ratePercent: '5', taxablePaise: 62, cgstPaise: 2, sgstPaise: 2, igstPaise: 0, cessPaise: 0 },
      { ratePercent: '18', taxablePaise: 57, cgstPaise: 5, sgstPaise: 5, igstPaise: 0, cessPaise: 0 },
    ])
  })

  it('puts the cess in the divisor of an inclusive price', () => {
    // ₹99.99 at 28 % + 12 % cess, divisor 140:
    // inter: I = round(9999 × 28/140) = round(1999.8) = 2000; cess = round(9999 × 12/140) = round(857.06) = 857
    //        T = 9999 − 2000 − 857 = 7142
    const inter = computeInvoice(
      sale({ placeOfSupplyStateCode: TAMIL_NADU, lines: [line({ unitPricePaise: 9999, ratePercent: '28', cessPercent: '12' })] }),
    )
    assert.deepEqual(figures(only(inter.lines)), [7142, 0, 0, 2000, 857, 9999])
    // intra: H = round(9999 × 14/140) = round(999.9) = 1000; T = 9999 − 2000 − 857 = 7142
    const intra = computeInvoice(sale({ lines: [line({ unitPricePaise: 9999, ratePercent: '28', cessPercent: '12' })] }))
    const l = only(intra.lines)
    assert.deepEqual(figures(l), [7142, 1000, 1000, 0, 857, 9999])
    assert.equal(l.cessPercent, '12')
    assert.equal(intra.totals.cessPaise, 857)
  })
})

describe('computeInvoice: tax-exclusive prices', () => {
  it('adds tax on top of the taxable value', () => {
    // T = 10000 at 18 % intra: H = round(10000 × 9/100) = 900; total = 11800
    const l = only(computeInvoice(sale({ pricesIncludeTax: false })).lines)
    assert.deepEqual(figures(l), [10000, 900, 900, 0, 0, 11800])
  })

  it('charges IGST inter-state and rounds the invoice up to the rupee', () => {
    // T = 12345 at 5 %: IGST = round(617.25) = 617; total 12962; grand = round(129.62) = ₹130 → +38
    const result = computeInvoice(
      sale({ pricesIncludeTax: false, placeOfSupplyStateCode: TAMIL_NADU, lines: [line({ unitPricePaise: 12345, ratePercent: '5' })] }),
    )
    assert.deepEqual(figures(only(result.lines)), [12345, 0, 0, 617, 0, 12962])
    assert.equal(result.totals.roundOffPaise, 38)
    assert.equal(result.totals.grandTotalPaise, 13000)
  })

  it('takes line and bill discounts off the taxable value, rounding a half up', () => {
    // A: 2 × ₹50 = 10000, 10 % off → D = 1000, N = 9000; B: ₹10, N = 1000. Bill discount 500:
    //    500 × 9000/10000 = 450, 500 × 1000/10000 = 50 (no remainders)
    // A: T = 8550, 18 %: H = round(8550 × 0.09) = round(769.5) = 770 (half up), total 8550 + 1540 = 10090
    // B: T = 950, 5 %: H = round(950 × 0.025) = round(23.75) = 24, total 950 + 48 = 998
    // total 11088 → grand round(110.88) = ₹111 → round-off +12
    const result = computeInvoice(
      sale({
        pricesIncludeTax: false,
        billDiscountPaise: 500,
        lines: [
          line({ id: 'A', quantity: '2', unitPricePaise: 5000, discount: { percent: '10' } }),
          line({ id: 'B', hsn: '0402', unitPricePaise: 1000, ratePercent: '5' }),
        ],
      }),
    )
    assert.deepEqual(
      result.lines.map((l) => [l.grossPaise, l.discountPaise, l.billDiscountPaise]),
      [
        [10000, 1000, 450],
        [1000, 0, 50],
      ],
    )
    assert.deepEqual(result.lines.map(figures), [
      [8550, 770, 770, 0, 0, 10090],
      [950, 24, 24, 0, 0, 998],
    ])
    const { totals } = result
    assert.deepEqual(
      [totals.grossPaise, totals.discountPaise, ...figures(totals), totals.roundOffPaise, totals.grandTotalPaise],
      [11000, 1500, 9500, 794, 794, 0, 0, 11088, 12, 11100],
    )
  })

  it('charges cess on the taxable value', () => {
    // T = 10000 at 28 % + 12 % cess: H = round(10000 × 0.14) = 1400; cess = round(10000 × 0.12) = 1200
    const l = only(computeInvoice(sale({ pricesIncludeTax: false, lines: [line({ ratePercent: '28', cessPercent: '12' })] })).lines)
    assert.deepEqual(figures(l), [10000, 1400, 1400, 0, 1200, 14000])
  })

  it('rounds the grand total half up: 50 paise up, 49 paise down', () => {
    // 0 % line of ₹123.50 → ₹124, round-off +50
    const up = computeInvoice(sale({ pricesIncludeTax: false, lines: [line({ unitPricePaise: 12350, ratePercent: '0' })] }))
    assert.deepEqual([up.totals.totalPaise, up.totals.roundOffPaise, up.totals.grandTotalPaise], [12350, 50, 12400])
    // ₹123.49 → ₹123, round-off −49
    const down = computeInvoice(sale({ pricesIncludeTax: false, lines: [line({ unitPricePaise: 12349, ratePercent: '0' })] }))
    assert.deepEqual([down.totals.totalPaise, down.totals.roundOffPaise, down.totals.grandTotalPaise], [12349, -49, 12300])
  })
})

describe('computeInvoice: composition dealer', () => {
  it('issues a bill of supply with no tax', () => {
    // ₹100 less 5 % = 9500; no tax, whether prices are called inclusive or not
    for (const pricesIncludeTax of [true, false]) {
      const result = computeInvoice(
        sale({ composition: true, pricesIncludeTax, lines: [line({ ratePercent: '5', discount: { percent: '5' } })] }),
      )
      assert.equal(result.documentKind, 'bill_of_supply')
      const l = only(result.lines)
      assert.equal(l.ratePercent, '0')
      assert.deepEqual(figures(l), [9500, 0, 0, 0, 0, 9500])
      assert.deepEqual(result.byRate.map((row) => row.ratePercent), ['0'])
    }
  })

  it('refuses an inter-state supply', () => {
    rejects(sale({ composition: true, placeOfSupplyStateCode: TAMIL_NADU }), 'E_TAX_COMPOSITION_INTERSTATE')
  })
})

describe('computeInvoice: summaries', () => {
  it('groups equal rates written differently and sorts by HSN then rate', () => {
    const result = computeInvoice(
      sale({
        pricesIncludeTax: false,
        lines: [
          line({ id: 'a', hsn: '2202', quantity: '1.5', unitPricePaise: 1000, ratePercent: '40' }),
          line({ id: 'b', hsn: '1905', quantity: '2', unitPricePaise: 1000, ratePercent: '18.0' }),
          line({ id: 'c', hsn: '1905', quantity: '0.25', unitPricePaise: 1000, ratePercent: '5' }),
          line({ id: 'd', hsn: '2202', quantity: '1.75', unitPricePaise: 1000, ratePercent: '40.000' }),
          line({ id: 'e', hsn: '0402', quantity: '1', unitPricePaise: 1000, ratePercent: '18' }),
        ],
      }),
    )
    assert.deepEqual(
      result.byRate.map((row) => [row.ratePercent, row.taxablePaise]),
      [
        ['5', 250],
        ['18', 3000],
        ['40', 3250],
      ],
    )
    // 2202 at 40 %: 1.5 + 1.75 = 3.25 units, T = 1500 + 1750 = 3250, H = 300 + 350 = 650 each
    assert.deepEqual(
      result.byHsn.map((row) => [row.hsn, row.ratePercent, row.quantity, row.taxablePaise, row.cgstPaise, row.totalPaise]),
      [
        ['0402', '18', '1', 1000, 90, 1180],
        ['1905', '5', '0.25', 250, 6, 262], // H = round(250 × 0.025) = round(6.25) = 6
        ['1905', '18', '2', 2000, 180, 2360],
        ['2202', '40', '3.25', 3250, 650, 4550],
      ],
    )
  })
})

describe('computeInvoice: input validation', () => {
  it('refuses bad quantities', () => {
    rejects(sale({ lines: [line({ quantity: '2.3456' })] }), 'E_TAX_QUANTITY_INVALID', 'L1')
    rejects(sale({ lines: [line({ quantity: 'two' })] }), 'E_TAX_QUANTITY_INVALID', 'L1')
    rejects(sale({ lines: [line({ quantity: '1e3' })] }), 'E_TAX_QUANTITY_INVALID', 'L1')
    rejects(sale({ lines: [line({ quantity: 2 as unknown as string })] }), 'E_TAX_QUANTITY_INVALID', 'L1')
    rejects(sale({ lines: [line({ quantity: '-1' })] }), 'E_TAX_QUANTITY_NOT_POSITIVE', 'L1')
    rejects(sale({ lines: [line({ quantity: '0' })] }), 'E_TAX_QUANTITY_NOT_POSITIVE', 'L1')
    rejects(sale({ lines: [line({ quantity: '0.000' })] }), 'E_TAX_QUANTITY_NOT_POSITIVE', 'L1')
  })

  it('refuses bad unit prices and rates', () => {
    rejects(sale({ lines: [line({ unitPricePaise: 10.5 })] }), 'E_TAX_UNIT_PRICE_INVALID', 'L1')
    rejects(sale({ lines: [line({ unitPricePaise: -1 })] }), 'E_TAX_UNIT_PRICE_INVALID', 'L1')
    rejects(sale({ lines: [line({ unitPricePaise: Number.NaN })] }), 'E_TAX_UNIT_PRICE_INVALID', 'L1')
    rejects(sale({ lines: [line({ ratePercent: '18%' })] }), 'E_TAX_RATE_INVALID', 'L1')
    rejects(sale({ lines: [line({ ratePercent: '-5' })] }), 'E_TAX_RATE_INVALID', 'L1')
    rejects(sale({ lines: [line({ ratePercent: '0.1234' })] }), 'E_TAX_RATE_INVALID', 'L1')
    rejects(sale({ lines: [line({ cessPercent: 'twelve' })] }), 'E_TAX_CESS_INVALID', 'L1')
  })

  it('refuses bad and excessive discounts', () => {
    rejects(sale({ lines: [line({ discount: { amountPaise: 10001 } })] }), 'E_TAX_DISCOUNT_EXCEEDS_GROSS', 'L1')
    rejects(sale({ lines: [line({ discount: { percent: '100.001' } })] }), 'E_TAX_DISCOUNT_EXCEEDS_GROSS', 'L1')
    rejects(sale({ lines: [line({ discount: { percent: '-1' } })] }), 'E_TAX_DISCOUNT_INVALID', 'L1')
    rejects(sale({ lines: [line({ discount: { amountPaise: 1.5 } })] }), 'E_TAX_DISCOUNT_INVALID', 'L1')
    const both = { percent: '1', amountPaise: 1 } as unknown as InvoiceLineInput['discount']
    rejects(sale({ lines: [line({ discount: both })] }), 'E_TAX_DISCOUNT_INVALID', 'L1')
    // a 100 % discount is allowed: the line is free
    assert.equal(only(computeInvoice(sale({ lines: [line({ discount: { percent: '100' } })] })).lines).totalPaise, 0)
  })

  it('refuses a bill discount above the sum of the discounted lines', () => {
    // N = 10000 − 1000 = 9000
    const lines = [line({ discount: { amountPaise: 1000 } })]
    rejects(sale({ lines, billDiscountPaise: 9001 }), 'E_TAX_BILL_DISCOUNT_EXCEEDS_NET')
    rejects(sale({ lines, billDiscountPaise: -1 }), 'E_TAX_BILL_DISCOUNT_INVALID')
    rejects(sale({ lines, billDiscountPaise: 0.5 }), 'E_TAX_BILL_DISCOUNT_INVALID')
    assert.equal(computeInvoice(sale({ lines, billDiscountPaise: 9000 })).totals.grandTotalPaise, 0)
  })

  it('refuses missing, empty and duplicate line ids, and no lines', () => {
    rejects(sale({ lines: [line({ id: '' })] }), 'E_TAX_LINE_ID_INVALID')
    rejects(sale({ lines: [line({ id: '  ' })] }), 'E_TAX_LINE_ID_INVALID')
    rejects(sale({ lines: [line({ id: 'x' }), line({ id: 'x' })] }), 'E_TAX_LINE_ID_DUPLICATE', 'x')
    rejects(sale({ lines: [] }), 'E_TAX_NO_LINES')
  })

  it('refuses malformed state codes', () => {
    rejects(sale({ supplierStateCode: '7' }), 'E_TAX_STATE_CODE_INVALID')
    rejects(sale({ placeOfSupplyStateCode: 'KA' }), 'E_TAX_STATE_CODE_INVALID')
  })

  it('refuses amounts beyond the safe integer range', () => {
    rejects(sale({ lines: [line({ quantity: '1000000', unitPricePaise: Number.MAX_SAFE_INTEGER })] }), 'E_TAX_AMOUNT_TOO_LARGE')
  })
})
