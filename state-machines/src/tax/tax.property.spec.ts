/**
 * Property tests over a few thousand pseudo-random invoices and return sequences. The generator
 * is a seeded linear congruential generator, so every run checks the same cases.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { computeCreditNote } from './credit-note.calculator.ts'
import { computeInvoice } from './invoice.calculator.ts'
import type { CreditNoteLine, InvoiceComputation, InvoiceInput, InvoiceLineInput, TaxFigures } from './types.ts'

/** Numerical Recipes LCG; returns integers in [0, bound). */
function randomSource(seed: number) {
  let state = seed >>> 0
  return (bound: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return Math.floor((state / 2 ** 32) * bound)
  }
}
type Random = ReturnType<typeof randomSource>

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random(items.length)] as T
}

const RATES = ['0', '0.1', '0.25', '1.5', '3', '5', '12', '18', '28', '40']

function milliToDecimal(milli: number): string {
  const whole = Math.floor(milli / 1000)
  const fraction = String(milli % 1000).padStart(3, '0').replace(/0+$/, '')
  return fraction === '' ? String(whole) : `${whole}.${fraction}`
}

function randomLine(random: Random, index: number): InvoiceLineInput {
  const milli = random(2) === 0 ? (1 + random(12)) * 1000 : 1 + random(5000)
  const unitPricePaise = random(10) === 0 ? random(100) : random(250_000)
  // gross, computed here independently of the code under test: round half up of milli × price / 1000
  const gross = Math.floor((2 * milli * unitPricePaise + 1000) / 2000)
  const discountKind = random(4)
  const line: InvoiceLineInput = {
    id: `line-${index}`,
    hsn: pick(random, ['0401', '1905', '2106', '2202', '9963']),
    quantity: milliToDecimal(milli),
    unitPricePaise,
    ratePercent: pick(random, RATES),
    ...(random(6) === 0 ? { cessPercent: pick(random, ['0', '1', '12', '65']) } : {}),
  }
  if (discountKind === 1) return { ...line, discount: { percent: pick(random, ['1', '5', '10', '12.5', '33.333', '100']) } }
  if (discountKind === 2) return { ...line, discount: { amountPaise: random(gross + 1) } }
  return line
}

function randomSale(random: Random): InvoiceInput {
  const lines = Array.from({ length: 1 + random(6) }, (_, index) => randomLine(random, index))
  const base: InvoiceInput = {
    supplierStateCode: '29',
    placeOfSupplyStateCode: random(2) === 0 ? '29' : pick(random, ['07', '27', '33']),
    pricesIncludeTax: random(2) === 0,
    lines,
  }
  const net = computeInvoice(base).lines.reduce((sum, line) => sum + line.grossPaise - line.discountPaise, 0)
  return random(2) === 0 ? base : { ...base, billDiscountPaise: random(net + 1) }
}

const FIELDS = ['taxablePaise', 'cgstPaise', 'sgstPaise', 'igstPaise', 'cessPaise', 'totalPaise'] as const

function sum(rows: readonly TaxFigures[], field: (typeof FIELDS)[number]): number {
  return rows.reduce((total, row) => total + row[field], 0)
}

function checkInvoice(input: InvoiceInput, result: InvoiceComputation) {
  const { lines, totals } = result
  for (const field of FIELDS) assert.equal(sum(lines, field), totals[field], field)
  assert.equal(
    lines.reduce((total, line) => total + line.grossPaise, 0),
    totals.grossPaise,
  )
  assert.equal(
    lines.reduce((total, line) => total + line.billDiscountPaise, 0),
    input.billDiscountPaise ?? 0,
  )
  for (const [index, line] of lines.entries()) {
    const entered = input.lines[index]!
    const milli = Math.round(Number(entered.quantity) * 1000)
    assert.equal(line.grossPaise, Math.floor((2 * milli * entered.unitPricePaise + 1000) / 2000), 'gross')
    assert.equal(line.taxablePaise + line.cgstPaise + line.sgstPaise + line.igstPaise + line.cessPaise, line.totalPaise)
    for (const field of FIELDS) assert.ok(line[field] >= 0, field)
    assert.equal(line.cgstPaise, line.sgstPaise)
    if (result.supplyType === 'intra') assert.equal(line.igstPaise, 0)
    else assert.equal(line.cgstPaise, 0)
    const net = line.grossPaise - line.discountPaise - line.billDiscountPaise
    if (input.pricesIncludeTax) {
      // the shelf price is honoured exactly
      assert.equal(line.totalPaise, net)
      if (line.cessPercent === '0') {
        // each component is within a paisa of round(T × rate / 100) (domain doc §3.3 step 4)
        const exactTax = (line.taxablePaise * Number(line.ratePercent)) / 100
        if (result.supplyType === 'intra') assert.ok(Math.abs(line.cgstPaise - Math.round(exactTax / 2)) <= 1, 'cgst')
        else assert.ok(Math.abs(line.igstPaise - Math.round(exactTax)) <= 1, 'igst')
      }
    } else {
      assert.equal(line.taxablePaise, net)
    }
  }
  assert.ok(totals.roundOffPaise >= -49 && totals.roundOffPaise <= 50, 'round-off within −49…+50')
  assert.equal(totals.grandTotalPaise % 100, 0)
  assert.equal(totals.grandTotalPaise - totals.totalPaise, totals.roundOffPaise)
  for (const field of FIELDS.slice(0, 5)) {
    assert.equal(sum(result.byRate.map((row) => ({ ...row, totalPaise: 0 })), field), totals[field], `byRate ${field}`)
    assert.equal(sum(result.byHsn, field), totals[field], `byHsn ${field}`)
  }
}

describe('tax properties', () => {
  it('invoices: sums, equal halves, exact inclusive totals, bounded round-off (3000 cases)', () => {
    const random = randomSource(20260401)
    for (let run = 0; run < 3000; run += 1) {
      const input = randomSale(random)
      checkInvoice(input, computeInvoice(input))
    }
  })

  it('credit notes: random partial returns never exceed the line and end exactly on it (1000 invoices)', () => {
    const random = randomSource(46)
    for (let run = 0; run < 1000; run += 1) {
      const original = computeInvoice(randomSale(random))
      // return each line in 1 to 5 random parts, the parts of different lines interleaved
      const parts = original.lines.flatMap((line) => splitQuantity(random, line.id, Math.round(Number(line.quantity) * 1000)))
      shuffle(random, parts)
      const credited: CreditNoteLine[] = []
      while (parts.length > 0) {
        const batch = takeOnePerLine(parts, 1 + random(3))
        const note = computeCreditNote(original, batch, credited)
        for (const line of note.lines) {
          assert.equal(line.taxablePaise + line.cgstPaise + line.sgstPaise + line.igstPaise + line.cessPaise, line.totalPaise)
          assert.equal(line.cgstPaise, line.sgstPaise)
          for (const field of FIELDS) assert.ok(line[field] >= 0, `credit ${field} ≥ 0`)
        }
        credited.push(...note.lines)
        for (const sold of original.lines) {
          const mine = credited.filter((line) => line.lineId === sold.id)
          for (const field of FIELDS) assert.ok(sum(mine, field) <= sold[field], `credits ≤ line ${field}`)
        }
      }
      for (const sold of original.lines) {
        const mine = credited.filter((line) => line.lineId === sold.id)
        for (const field of FIELDS) assert.equal(sum(mine, field), sold[field], `fully credited ${field}`)
        assert.equal(mine.at(-1)?.isFinalReturn, true)
        assert.throws(() => computeCreditNote(original, [{ lineId: sold.id, quantity: '0.001' }], credited), {
          code: 'E_TAX_RETURN_EXCEEDS_SOLD',
        })
      }
    }
  })
})

function splitQuantity(random: Random, lineId: string, milli: number): { lineId: string; quantity: string }[] {
  const cuts = new Set<number>()
  const wanted = Math.min(random(5), milli - 1)
  while (cuts.size < wanted) cuts.add(1 + random(milli - 1))
  const points = [0, ...[...cuts].sort((a, b) => a - b), milli]
  return points.slice(1).map((point, index) => ({ lineId, quantity: milliToDecimal(point - points[index]!) }))
}

function shuffle<T>(random: Random, items: T[]): void {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = random(index + 1)
    ;[items[index], items[other]] = [items[other]!, items[index]!]
  }
}

/** Removes and returns up to `count` parts, in order, at most one per line. */
function takeOnePerLine<T extends { lineId: string }>(parts: T[], count: number): T[] {
  const taken: T[] = []
  for (let index = 0; index < parts.length && taken.length < count; ) {
    const part = parts[index]!
    if (taken.some((other) => other.lineId === part.lineId)) index += 1
    else taken.push(...parts.splice(index, 1))
  }
  return taken
}
