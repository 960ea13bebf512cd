import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { computeCreditNote } from './credit-note.calculator.ts'
import { computeInvoice } from './invoice.calculator.ts'
import { TaxInputError } from './errors.ts'
import type { TaxErrorCode } from './errors.ts'
import type { CreditedLine, InvoiceComputation, InvoiceLineInput, LineReturn, StoredInvoice } from './types.ts'

function invoice(line: Partial<InvoiceLineInput>, options: { inclusive?: boolean; placeOfSupply?: string } = {}) {
  return computeInvoice({
    supplierStateCode: '29',
    placeOfSupplyStateCode: options.placeOfSupply ?? '29',
    pricesIncludeTax: options.inclusive ?? true,
    lines: [{ id: 'L1', hsn: '1905', quantity: '1', unitPricePaise: 100, ratePercent: '18', ...line }],
  })
}

function figures(x: { taxablePaise: number; cgstPaise: number; sgstPaise: number; igstPaise: number; cessPaise: number; totalPaise: number }) {
  return [x.taxablePaise, x.cgstPaise, x.sgstPaise, x.igstPaise, x.cessPaise, x.totalPaise]
}

/** Returns `quantities` one after the other on line L1, each credit note knowing the earlier ones. */
function returnInTurn(original: InvoiceComputation, quantities: readonly string[]) {
  const credited: CreditedLine[] = []
  return quantities.map((quantity) => {
    const note = computeCreditNote(original, [{ lineId: 'L1', quantity }], credited)
    credited.push(...note.lines)
    return note
  })
}

function rejects(original: StoredInvoice, returns: readonly LineReturn[], credited: readonly CreditedLine[], code: TaxErrorCode) {
  assert.throws(
    () => computeCreditNote(original, returns, credited),
    (error: unknown) => error instanceof TaxInputError && error.code === code,
    code,
  )
}

describe('computeCreditNote', () => {
  it('credits a partial return by the inclusive split, and the final return as the remainder', () => {
    // Sold 3 × ₹33.33 at 18 % intra, inclusive: G = 9999, H = round(9999 × 9/118) = round(762.64) = 763, T = 8473
    const original = invoice({ quantity: '3', unitPricePaise: 3333 })
    assert.deepEqual(figures(original.lines[0]!), [8473, 763, 763, 0, 0, 9999])
    const [first, last] = returnInTurn(original, ['1', '2'])
    // 1 of 3: A = round(9999 × 1/3) = 3333; H = round(3333 × 9/118) = round(254.21) = 254; T = 3333 − 508 = 2825
    assert.deepEqual(figures(first!.lines[0]!), [2825, 254, 254, 0, 0, 3333])
    assert.equal(first!.lines[0]!.isFinalReturn, false)
    // credit note round-off: ₹33.33 → ₹33, −33
    assert.deepEqual([first!.totals.roundOffPaise, first!.totals.grandTotalPaise], [-33, 3300])
    // the last 2: original less credited: T = 8473 − 2825 = 5648, H = 763 − 254 = 509, total 6666
    // (splitting 6666 afresh would give H = round(508.42) = 508 and leave a paisa of tax uncredited)
    assert.deepEqual(figures(last!.lines[0]!), [5648, 509, 509, 0, 0, 6666])
    assert.equal(last!.lines[0]!.isFinalReturn, true)
    assert.equal(last!.lines[0]!.quantity, '2')
  })

  it('reverses tax at the original line rate and supply type', () => {
    // Sold 2 × ₹100 + 12 % IGST (an old slab), exclusive: T = 20000, IGST = 2400, total 22400
    const original = invoice({ quantity: '2', unitPricePaise: 10000, ratePercent: '12' }, { inclusive: false, placeOfSupply: '33' })
    const note = computeCreditNote(original, [{ lineId: 'L1', quantity: '1' }])
    // A = round(22400 × 1/2) = 11200; IGST = round(11200 × 12/112) = 1200; T = 10000
    assert.equal(note.supplyType, 'inter')
    assert.deepEqual(figures(note.lines[0]!), [10000, 0, 0, 1200, 0, 11200])
    assert.equal(note.lines[0]!.ratePercent, '12')
    assert.deepEqual(note.byRate, [{ ratePercent: '12', taxablePaise: 10000, cgstPaise: 0, sgstPaise: 0, igstPaise: 1200, cessPaise: 0 }])
  })

  it('credits a returned fraction of a weighed line with cess', () => {
    // Sold 2.5 kg × ₹80 at 28 % + 12 % cess, inclusive intra: G = 20000, divisor 140
    // H = round(20000 × 14/140) = 2000, cess = round(20000 × 12/140) = round(1714.29) = 1714, T = 20000 − 4000 − 1714 = 14286
    const original = invoice({ quantity: '2.5', unitPricePaise: 8000, ratePercent: '28', cessPercent: '12' })
    assert.deepEqual(figures(original.lines[0]!), [14286, 2000, 2000, 0, 1714, 20000])
    // 0.75 kg back: A = round(20000 × 0.75/2.5) = 6000; H = round(6000 × 14/140) = 600;
    // cess = round(6000 × 12/140) = round(514.29) = 514; T = 6000 − 1200 − 514 = 4286
    const note = computeCreditNote(original, [{ lineId: 'L1', quantity: '0.75' }])
    assert.deepEqual(figures(note.lines[0]!), [4286, 600, 600, 0, 514, 6000])
    assert.equal(note.lines[0]!.cessPercent, '12')
  })

  it('caps a partial credit at the tax still uncredited', () => {
    // Sold 4 × ₹0.21 at 5 % inclusive intra: G = 84, H = round(84 × 2.5/105) = 2, T = 80
    const original = invoice({ quantity: '4', unitPricePaise: 21, ratePercent: '5' })
    assert.deepEqual(figures(original.lines[0]!), [80, 2, 2, 0, 0, 84])
    const notes = returnInTurn(original, ['1', '1', '1', '1'])
    assert.deepEqual(
      notes.map((note) => figures(note.lines[0]!)),
      [
        [19, 1, 1, 0, 0, 21], // A = round(84/4) = 21; H = round(21 × 2.5/105) = round(0.5) = 1 (half up); T = 19
        [19, 1, 1, 0, 0, 21], // the same; all the CGST and SGST is now credited
        [21, 0, 0, 0, 0, 21], // the split would credit H = 1 again, but nothing is left: H = 0, T = 21
        [21, 0, 0, 0, 0, 21], // final: T = 80 − 19 − 19 − 21 = 21, H = 2 − 1 − 1 − 0 = 0
      ],
    )
  })

  it('moves taxable value beyond what remains into the tax', () => {
    // Sold 3 × ₹0.01 at 40 % exclusive intra: T = 3, H = round(3 × 0.2) = round(0.6) = 1, total 5
    const original = invoice({ quantity: '3', unitPricePaise: 1, ratePercent: '40' }, { inclusive: false })
    assert.deepEqual(figures(original.lines[0]!), [3, 1, 1, 0, 0, 5])
    const notes = returnInTurn(original, ['1', '1', '1'])
    assert.deepEqual(
      notes.map((note) => figures(note.lines[0]!)),
      [
        [2, 0, 0, 0, 0, 2], // A = round(5/3) = round(1.67) = 2; H = round(2 × 20/140) = round(0.29) = 0; T = 2
        [0, 1, 1, 0, 0, 2], // A = 2 would be T = 2, but only T = 1 remains: the paise go to H = 1 each, T = 0
        [1, 0, 0, 0, 0, 1], // final: T = 3 − 2 − 0 = 1, H = 1 − 0 − 1 = 0, total 1
      ],
    )
  })

  it('defers an odd paisa that CGST and SGST cannot share to the final return', () => {
    // Sold 4 × ₹0.01 at 40 % inclusive intra: G = 4, H = round(4 × 20/140) = round(0.57) = 1, T = 2
    const original = invoice({ quantity: '4', unitPricePaise: 1, ratePercent: '40' })
    assert.deepEqual(figures(original.lines[0]!), [2, 1, 1, 0, 0, 4])
    const notes = returnInTurn(original, ['1', '1', '1', '1'])
    assert.deepEqual(
      notes.map((note) => figures(note.lines[0]!)),
      [
        [1, 0, 0, 0, 0, 1], // A = 1; H = round(1 × 20/140) = 0; T = 1
        [1, 0, 0, 0, 0, 1], // the same; no taxable value is left
        [0, 0, 0, 0, 0, 0], // A = 1 can be neither taxable value nor an equal CGST/SGST pair: refunded at the end
        [0, 1, 1, 0, 0, 2], // final: the remainder
      ],
    )
  })

  it('credits a composition bill of supply without tax', () => {
    const original = computeInvoice({
      supplierStateCode: '29',
      placeOfSupplyStateCode: '29',
      pricesIncludeTax: true,
      composition: true,
      lines: [{ id: 'L1', hsn: '1905', quantity: '3', unitPricePaise: 1000, ratePercent: '5' }],
    })
    const note = computeCreditNote(original, [{ lineId: 'L1', quantity: '1' }])
    // A = round(3000 × 1/3) = 1000, all taxable
    assert.deepEqual(figures(note.lines[0]!), [1000, 0, 0, 0, 0, 1000])
  })

  it('returns several lines at once and sums their figures', () => {
    const original = computeInvoice({
      supplierStateCode: '29',
      placeOfSupplyStateCode: '29',
      pricesIncludeTax: true,
      lines: [
        { id: 'a', hsn: '1905', quantity: '2', unitPricePaise: 11800, ratePercent: '18' },
        { id: 'b', hsn: '0402', quantity: '1', unitPricePaise: 10500, ratePercent: '5' },
      ],
    })
    const note = computeCreditNote(original, [
      { lineId: 'b', quantity: '1' }, // final: the whole line, T = 10000, H = 250
      { lineId: 'a', quantity: '1' }, // A = 11800, H = round(11800 × 9/118) = 900, T = 10000
    ])
    assert.deepEqual(note.lines.map((l) => [l.lineId, l.isFinalReturn]), [
      ['b', true],
      ['a', false],
    ])
    assert.deepEqual(figures(note.totals), [20000, 1150, 1150, 0, 0, 22300])
    assert.deepEqual(note.byHsn.map((row) => [row.hsn, row.quantity, row.totalPaise]), [
      ['0402', '1', 10500],
      ['1905', '1', 11800],
    ])
  })

  it('refuses returning more than was sold, and other bad input', () => {
    const original = invoice({ quantity: '3', unitPricePaise: 3333 })
    const [first] = returnInTurn(original, ['1'])
    const credited = first!.lines
    rejects(original, [{ lineId: 'L1', quantity: '2.001' }], credited, 'E_TAX_RETURN_EXCEEDS_SOLD')
    rejects(original, [{ lineId: 'L1', quantity: '3.001' }], [], 'E_TAX_RETURN_EXCEEDS_SOLD')
    rejects(original, [{ lineId: 'L1', quantity: '2' }], [...credited, ...credited], 'E_TAX_RETURN_EXCEEDS_SOLD')
    // three such credits claim T = 3 × 2825 = 8475 > 8473 sold: inconsistent history
    rejects(original, [{ lineId: 'L1', quantity: '0.001' }], [...credited, ...credited, ...credited], 'E_TAX_CREDIT_EXCEEDS_LINE')
    const fourTimes = [...credited, ...credited, ...credited, ...credited]
    rejects(original, [{ lineId: 'L1', quantity: '1' }], fourTimes, 'E_TAX_CREDIT_EXCEEDS_LINE')
    rejects(original, [{ lineId: 'nope', quantity: '1' }], [], 'E_TAX_RETURN_LINE_UNKNOWN')
    rejects(original, [{ lineId: 'L1', quantity: '1' }], [{ ...credited[0]!, lineId: 'nope' }], 'E_TAX_RETURN_LINE_UNKNOWN')
    rejects(
      original,
      [
        { lineId: 'L1', quantity: '1' },
        { lineId: 'L1', quantity: '1' },
      ],
      [],
      'E_TAX_RETURN_LINE_DUPLICATE',
    )
    rejects(original, [{ lineId: 'L1', quantity: '0' }], [], 'E_TAX_QUANTITY_NOT_POSITIVE')
    rejects(original, [{ lineId: 'L1', quantity: '0.0001' }], [], 'E_TAX_QUANTITY_INVALID')
    rejects(original, [], [], 'E_TAX_NO_LINES')
    const tampered = { ...original, lines: [{ ...original.lines[0]!, cgstPaise: 1 }] }
    rejects(tampered, [{ lineId: 'L1', quantity: '1' }], [], 'E_TAX_STORED_LINE_INVALID')
  })
})
