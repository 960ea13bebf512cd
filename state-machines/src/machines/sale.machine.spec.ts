import { undescribed } from './machine-descriptions.testing.ts'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createActor, initialTransition, transition } from 'xstate'
import { validateGstin } from '../gst/gstin.ts'
import { saleMachine, saleRefusalReason, type SaleFact, type SaleSnapshot } from './sale.machine.ts'
import {
  CASH_RECEIPT_LIMIT_PAISE,
  SALE_ERRORS,
  documentNumber,
  indianDate,
  tenderSummary,
  type SaleEvent,
  type SaleInput,
  type SaleLine,
  type SaleLineInput,
  type SaleRefusalCode,
  type SaleTender,
} from './sale.rules.ts'

type HostAction = { type: string; params: unknown }

const CASHIER = 'user-cashier'
const MANAGER = 'user-manager'
const AT = '2025-10-01T05:30:00.000Z'
const LATER = '2025-10-01T05:40:00.000Z'
/** Karnataka store. */
const INPUT: SaleInput = {
  saleId: 'sale-1',
  storeId: 'store-1',
  terminalId: 'terminal-1',
  cashierId: CASHIER,
  supplierStateCode: '29',
  pricesIncludeTax: true,
  limits: { maxLineDiscountPercent: '10', maxBillDiscountPercent: '5', priceOverride: false },
}
/** A valid Maharashtra (27) GSTIN, and a valid Karnataka (29) one. */
const GSTIN_MH = '27AAPFU0939F1ZV'
const GSTIN_KA = '29AAPFU0939F1ZR'

/** 2 × ₹118.00 at 18 %, inclusive: gross 23600, CGST = SGST = 1800, taxable 20000. */
const SHAMPOO: SaleLineInput = {
  lineId: 'line-1',
  itemId: 'item-shampoo',
  sku: 'SHMP-180',
  name: 'Shampoo 180 ml',
  hsn: '3305',
  quantity: '2',
  unitPricePaise: 11800,
  ratePercent: '18',
}
/** 1.5 kg × ₹99.50 at 5 %, inclusive: gross 14925, CGST = SGST = round(355.36) = 355, taxable 14215. */
const DAL: SaleLineInput = {
  lineId: 'line-2',
  itemId: 'item-dal',
  sku: 'DAL-LOOSE',
  name: 'Toor dal (loose)',
  hsn: '0713',
  quantity: '1.5',
  unitPricePaise: 9950,
  ratePercent: '5',
}
/** ₹2,50,000 television at 18 %. */
const TV: SaleLineInput = {
  lineId: 'line-tv',
  itemId: 'item-tv',
  sku: 'TV-65',
  name: 'Television 65"',
  hsn: '8528',
  quantity: '1',
  unitPricePaise: 25_000_000,
  ratePercent: '18',
}

const stored = (line: SaleLineInput, over: Partial<SaleLine> = {}): SaleLine => ({ ...line, ...over })
const addLine = (line: SaleLineInput): SaleEvent => ({ type: 'sale.addLine', line })
const tender = (tenderId: string, method: SaleTender['method'], amountPaise: number, reference?: string): SaleTender =>
  reference === undefined ? { tenderId, method, amountPaise } : { tenderId, method, amountPaise, reference }
const addTender = (t: SaleTender): SaleEvent => ({ type: 'sale.addTender', tender: t })
const approve = (scope: 'discount' | 'priceOverride' | 'void', approverId = MANAGER): SaleEvent => ({
  type: 'sale.approve',
  approverId,
  scope,
  at: AT,
})

function start(input: SaleInput = INPUT): SaleSnapshot {
  return initialTransition(saleMachine, input)[0]
}

/** The pure transition, with actions reduced to what the host reads: type and params. */
function step(snapshot: SaleSnapshot, event: SaleEvent) {
  const [next, actions] = transition(saleMachine, snapshot, event)
  return { next, actions: actions.map(({ type, params }): HostAction => ({ type, params })) }
}

/** Applies events that must each be taken. */
function run(snapshot: SaleSnapshot, ...events: SaleEvent[]): SaleSnapshot {
  for (const event of events) {
    const { next } = step(snapshot, event)
    assert.notEqual(next, snapshot, `${event.type} should be taken: ${saleRefusalReason(snapshot, event)}`)
    snapshot = next
  }
  return snapshot
}

/** Refused: the very same snapshot, nothing mutated, no actions, and the reason the host would report. */
function assertRefused(snapshot: SaleSnapshot, event: SaleEvent, code: SaleRefusalCode) {
  const before = structuredClone({ value: snapshot.value, context: snapshot.context })
  const { next, actions } = step(snapshot, event)
  assert.equal(next, snapshot)
  assert.deepEqual({ value: next.value, context: next.context }, before)
  assert.deepEqual(actions, [])
  assert.equal(saleRefusalReason(snapshot, event), code)
}

const fact = (params: SaleFact): HostAction => ({ type: 'emitFact', params })

/** The two-line Karnataka cart (grand total ₹385.00). */
const cart = (input: SaleInput = INPUT) => run(start(input), addLine(SHAMPOO), addLine(DAL))
const tendering = (input: SaleInput = INPUT) => run(cart(input), { type: 'sale.startTender' })

describe('sale machine', () => {
  it('starts with an empty active cart from its input: a counter sale in the store state, no actions', () => {
    const [snapshot, actions] = initialTransition(saleMachine, INPUT)
    assert.deepEqual(snapshot.value, { cart: 'active' })
    assert.deepEqual(snapshot.context, {
      saleId: 'sale-1',
      storeId: 'store-1',
      terminalId: 'terminal-1',
      cashierId: CASHIER,
      supplierStateCode: '29',
      pricesIncludeTax: true,
      composition: false,
      limits: INPUT.limits,
      lines: [],
      billDiscountPaise: 0,
      billDiscountApproval: null,
      customer: null,
      placeOfSupplyStateCode: '29',
      tenders: [],
      changeDuePaise: 0,
      computation: null,
      approvals: [],
      invoiceNumber: null,
      parkedAt: null,
      voidReason: null,
      voidedAt: null,
      completedAt: null,
      returns: [],
    })
    assert.deepEqual(actions, [])
  })

  it('describes every state and every transition', () => {
    assert.deepEqual(undescribed(saleMachine), [])
  })

  it('declares each sale error as E_SALE_<REASON> with a message', () => {
    for (const [code, message] of Object.entries(SALE_ERRORS)) {
      assert.match(code, /^E_SALE_[A-Z_]+$/)
      assert.ok(message.length > 10, code)
    }
  })

  describe('sale.addLine', () => {
    it('adds a line, recomputes the invoice and publishes sale.lineAdded with the new grand total', () => {
      const { next, actions } = step(start(), addLine(SHAMPOO))
      assert.deepEqual(next.value, { cart: 'active' })
      assert.deepEqual(next.context.lines, [stored(SHAMPOO)])
      assert.equal(next.context.computation?.totals.grandTotalPaise, 23600)
      assert.deepEqual(actions, [fact({ type: 'sale.lineAdded', data: { saleId: 'sale-1', line: stored(SHAMPOO), grandTotalPaise: 23600 } })])
    })

    it('a 2-line intra-state inclusive cart: the hand-computed figures (CGST = SGST, taxable = N − 2H, rupee round-off)', () => {
      const computation = cart().context.computation
      assert.ok(computation)
      assert.equal(computation.supplyType, 'intra')
      assert.equal(computation.documentKind, 'tax_invoice')
      assert.deepEqual(
        computation.lines.map(({ id, grossPaise, taxablePaise, cgstPaise, sgstPaise, igstPaise, totalPaise }) => ({
          id,
          grossPaise,
          taxablePaise,
          cgstPaise,
          sgstPaise,
          igstPaise,
          totalPaise,
        })),
        [
          // 23600 × 9/118 = 1800 exactly; 20000 + 2 × 1800 = 23600.
          { id: 'line-1', grossPaise: 23600, taxablePaise: 20000, cgstPaise: 1800, sgstPaise: 1800, igstPaise: 0, totalPaise: 23600 },
          // round(1.5 × 9950) = 14925; 14925 × 2.5/105 = 355.36 → 355; 14925 − 710 = 14215.
          { id: 'line-2', grossPaise: 14925, taxablePaise: 14215, cgstPaise: 355, sgstPaise: 355, igstPaise: 0, totalPaise: 14925 },
        ],
      )
      assert.deepEqual(computation.totals, {
        grossPaise: 38525,
        discountPaise: 0,
        taxablePaise: 34215,
        cgstPaise: 2155,
        sgstPaise: 2155,
        igstPaise: 0,
        cessPaise: 0,
        totalPaise: 38525,
        // ₹385.25 → ₹385.00.
        roundOffPaise: -25,
        grandTotalPaise: 38500,
      })
    })

    it('stores the quantity in canonical form', () => {
      const { next } = step(start(), addLine({ ...DAL, quantity: '1.500' }))
      assert.equal(next.context.lines[0]?.quantity, '1.5')
    })

    it('the same item again merges into its line: quantity added, sale.lineChanged (quantity), no new line', () => {
      const { next, actions } = step(cart(), addLine({ ...SHAMPOO, lineId: 'line-3', quantity: '1' }))
      assert.deepEqual(next.context.lines, [stored(SHAMPOO, { quantity: '3' }), stored(DAL)])
      assert.equal(next.context.computation?.totals.grandTotalPaise, 35400 + 14925 - 25)
      assert.deepEqual(actions, [
        fact({
          type: 'sale.lineChanged',
          data: { saleId: 'sale-1', change: 'quantity', line: stored(SHAMPOO, { quantity: '3' }), grandTotalPaise: 50300 },
        }),
      ])
    })

    it('a scale-label line never merges, either way', () => {
      const weighed: SaleLineInput = { ...DAL, lineId: 'line-3', quantity: '0.75', embedded: 'weight' }
      const withWeighed = run(cart(), addLine(weighed))
      assert.deepEqual(
        withWeighed.context.lines.map((line) => line.lineId),
        ['line-1', 'line-2', 'line-3'],
      )
      assert.equal(withWeighed.context.lines[2]?.embedded, 'weight')
      const { next } = step(run(start(), addLine(weighed)), addLine(DAL))
      assert.deepEqual(
        next.context.lines.map((line) => line.lineId),
        ['line-3', 'line-2'],
      )
    })

    it('the same item at another price (catalogue changed) or on an overridden line becomes a new line', () => {
      const { next: repriced } = step(cart(), addLine({ ...SHAMPOO, lineId: 'line-3', unitPricePaise: 12000 }))
      assert.equal(repriced.context.lines.length, 3)
      const overridden = run(cart({ ...INPUT, limits: { ...INPUT.limits, priceOverride: true } }), {
        type: 'sale.overridePrice',
        lineId: 'line-1',
        unitPricePaise: 11000,
      })
      const { next } = step(overridden, addLine({ ...SHAMPOO, lineId: 'line-3' }))
      assert.deepEqual(
        next.context.lines.map((line) => [line.lineId, line.quantity, line.unitPricePaise]),
        [
          ['line-1', '2', 11000],
          ['line-2', '1.5', 9950],
          ['line-3', '2', 11800],
        ],
      )
    })

    it('refuses a line id already on the sale', () => assertRefused(cart(), addLine({ ...DAL, itemId: 'other' }), 'E_SALE_LINE_ID_TAKEN'))
    it('refuses more than 3 decimals of quantity', () =>
      assertRefused(cart(), addLine({ ...DAL, lineId: 'x', quantity: '1.2345' }), 'E_TAX_QUANTITY_INVALID'))
    it('refuses a zero quantity', () => assertRefused(cart(), addLine({ ...DAL, lineId: 'x', quantity: '0' }), 'E_TAX_QUANTITY_NOT_POSITIVE'))
    it('refuses an invalid rate (TaxInputError from computeInvoice, caught)', () =>
      assertRefused(cart(), addLine({ ...DAL, lineId: 'x', itemId: 'y', ratePercent: '18%' }), 'E_TAX_RATE_INVALID'))
    it('refuses a fractional price', () =>
      assertRefused(cart(), addLine({ ...DAL, lineId: 'x', itemId: 'y', unitPricePaise: 99.5 }), 'E_TAX_UNIT_PRICE_INVALID'))
    it('refuses a line without an item id', () => assertRefused(cart(), addLine({ ...DAL, lineId: 'x', itemId: ' ' }), 'E_SALE_COMMAND_INVALID'))
    it('refuses a quantity that is not a string (ill-typed wire data)', () =>
      assertRefused(cart(), addLine({ ...DAL, lineId: 'x', quantity: 2 as unknown as string }), 'E_TAX_QUANTITY_INVALID'))
  })

  describe('sale.removeLine', () => {
    it('removes the line and publishes sale.lineRemoved with the new grand total', () => {
      const { next, actions } = step(cart(), { type: 'sale.removeLine', lineId: 'line-1' })
      assert.deepEqual(next.context.lines, [stored(DAL)])
      assert.deepEqual(actions, [fact({ type: 'sale.lineRemoved', data: { saleId: 'sale-1', lineId: 'line-1', grandTotalPaise: 14900 } })])
    })

    it('removing the last line empties the computation', () => {
      const { next, actions } = step(run(start(), addLine(DAL)), { type: 'sale.removeLine', lineId: 'line-2' })
      assert.equal(next.context.computation, null)
      assert.deepEqual(actions, [fact({ type: 'sale.lineRemoved', data: { saleId: 'sale-1', lineId: 'line-2', grandTotalPaise: 0 } })])
    })

    it('refuses an unknown line', () => assertRefused(cart(), { type: 'sale.removeLine', lineId: 'nope' }, 'E_SALE_LINE_UNKNOWN'))

    it('refuses a removal that would leave the bill discount above the remaining lines (or on an empty cart)', () => {
      const generous = { ...INPUT, limits: { ...INPUT.limits, maxBillDiscountPercent: '100' } }
      const discounted = run(cart(generous), { type: 'sale.discountBill', amountPaise: 20000 })
      assertRefused(discounted, { type: 'sale.removeLine', lineId: 'line-1' }, 'E_TAX_BILL_DISCOUNT_EXCEEDS_NET')
      const small = run(start(generous), addLine(DAL), { type: 'sale.discountBill', amountPaise: 100 })
      assertRefused(small, { type: 'sale.removeLine', lineId: 'line-2' }, 'E_TAX_BILL_DISCOUNT_EXCEEDS_NET')
    })

    it('refuses a removal that pushes an unapproved bill discount over its limit (1900 of 38525 is 4.9 %, of 14925 12.7 %)', () => {
      const discounted = run(cart(), { type: 'sale.discountBill', amountPaise: 1900 })
      assertRefused(discounted, { type: 'sale.removeLine', lineId: 'line-1' }, 'E_SALE_BILL_DISCOUNT_OVER_LIMIT')
    })
  })

  describe('sale.changeQuantity', () => {
    it('changes the quantity and publishes sale.lineChanged (quantity)', () => {
      const { next, actions } = step(cart(), { type: 'sale.changeQuantity', lineId: 'line-2', quantity: '2.000' })
      const line = stored(DAL, { quantity: '2' })
      assert.deepEqual(next.context.lines[1], line)
      assert.deepEqual(actions, [
        fact({ type: 'sale.lineChanged', data: { saleId: 'sale-1', change: 'quantity', line, grandTotalPaise: 23600 + 19900 } }),
      ])
    })

    it('refuses the same quantity (nothing changes)', () =>
      assertRefused(cart(), { type: 'sale.changeQuantity', lineId: 'line-2', quantity: '1.50' }, 'E_SALE_NO_CHANGE'))
    it('refuses an unknown line', () =>
      assertRefused(cart(), { type: 'sale.changeQuantity', lineId: 'nope', quantity: '1' }, 'E_SALE_LINE_UNKNOWN'))
    it('refuses a negative quantity', () =>
      assertRefused(cart(), { type: 'sale.changeQuantity', lineId: 'line-2', quantity: '-1' }, 'E_TAX_QUANTITY_NOT_POSITIVE'))
    it("refuses changing a scale-label line's quantity", () => {
      const weighed = run(start(), addLine({ ...DAL, embedded: 'weight' }))
      assertRefused(weighed, { type: 'sale.changeQuantity', lineId: 'line-2', quantity: '2' }, 'E_SALE_SCALE_LINE_QUANTITY')
    })
  })

  describe('sale.overridePrice', () => {
    const override = (unitPricePaise: number, lineId = 'line-1'): SaleEvent => ({ type: 'sale.overridePrice', lineId, unitPricePaise })

    it("refuses without the role's permission or an approval", () =>
      assertRefused(cart(), override(11000), 'E_SALE_PRICE_OVERRIDE_NEEDS_APPROVAL'))

    it('with the permission: new price, catalogue price kept, sale.lineChanged (price), approvals untouched', () => {
      const { next, actions } = step(cart({ ...INPUT, limits: { ...INPUT.limits, priceOverride: true } }), override(11000))
      const line = stored(SHAMPOO, { unitPricePaise: 11000, originalUnitPricePaise: 11800 })
      assert.deepEqual(next.context.lines[0], line)
      assert.deepEqual(next.context.approvals, [])
      assert.deepEqual(actions, [
        fact({ type: 'sale.lineChanged', data: { saleId: 'sale-1', change: 'price', line, grandTotalPaise: 22000 + 14925 - 25 } }),
      ])
    })

    it('with an approval: uses it up for this line; the next override needs another', () => {
      const approved = run(cart(), approve('priceOverride'))
      const { next } = step(approved, override(11000))
      assert.equal(next.context.lines[0]?.unitPricePaise, 11000)
      assert.deepEqual(next.context.approvals, [
        { approverId: MANAGER, scope: 'priceOverride', at: AT, usedFor: { type: 'sale.overridePrice', lineId: 'line-1' } },
      ])
      assertRefused(next, override(9000, 'line-2'), 'E_SALE_PRICE_OVERRIDE_NEEDS_APPROVAL')
    })

    it('a discount approval does not unlock a price override', () =>
      assertRefused(run(cart(), approve('discount')), override(11000), 'E_SALE_PRICE_OVERRIDE_NEEDS_APPROVAL'))

    it('back to the catalogue price needs no approval and clears the override', () => {
      const overridden = run(cart(), approve('priceOverride'), override(11000))
      const { next } = step(overridden, override(11800))
      assert.deepEqual(next.context.lines[0], stored(SHAMPOO))
    })

    it('refuses the current price, an unknown line and a negative price', () => {
      assertRefused(cart(), override(11800), 'E_SALE_NO_CHANGE')
      assertRefused(run(cart(), approve('priceOverride')), override(100, 'nope'), 'E_SALE_LINE_UNKNOWN')
      assertRefused(run(cart(), approve('priceOverride')), override(-1), 'E_TAX_UNIT_PRICE_INVALID')
    })
  })

  describe('sale.discountLine (cashier limit 10 %)', () => {
    const discount = (lineId: string, d: { percent: string } | { amountPaise: number } | null): SaleEvent => ({
      type: 'sale.discountLine',
      lineId,
      discount: d,
    })

    it('within the limit: applied, taxed on the discounted value, sale.lineChanged (discount); no approval needed', () => {
      const { next, actions } = step(cart(), discount('line-1', { percent: '10' }))
      const line = stored(SHAMPOO, { discount: { percent: '10' } })
      assert.deepEqual(next.context.lines[0], line)
      // N = 23600 − 2360 = 21240; H = 21240 × 9/118 = 1620; T = 18000. Total 36165 → ₹362.00.
      const first = next.context.computation?.lines[0]
      assert.deepEqual([first?.discountPaise, first?.cgstPaise, first?.taxablePaise], [2360, 1620, 18000])
      assert.equal(next.context.computation?.totals.grandTotalPaise, 36200)
      assert.deepEqual(actions, [fact({ type: 'sale.lineChanged', data: { saleId: 'sale-1', change: 'discount', line, grandTotalPaise: 36200 } })])
    })

    it('an amount within the limit (exactly 10 % of the gross) needs no approval', () => {
      const { next } = step(cart(), discount('line-1', { amountPaise: 2360 }))
      assert.deepEqual(next.context.lines[0]?.discount, { amountPaise: 2360 })
    })

    it('refuses a percent over the limit without an approval', () =>
      assertRefused(cart(), discount('line-1', { percent: '10.001' }), 'E_SALE_DISCOUNT_OVER_LIMIT'))
    it('refuses an amount over the limit (1 paisa above 10 % of the gross) without an approval', () =>
      assertRefused(cart(), discount('line-1', { amountPaise: 2361 }), 'E_SALE_DISCOUNT_OVER_LIMIT'))

    it('over the limit with an approval: applied, the approval used for this line and kept with the discount', () => {
      const { next } = step(run(cart(), approve('discount')), discount('line-1', { percent: '15' }))
      assert.deepEqual(next.context.lines[0], {
        ...stored(SHAMPOO),
        discount: { percent: '15' },
        discountApproval: { approverId: MANAGER, at: AT, maxRate: { numerator: 15_000, denominator: 100_000 } },
      })
      assert.deepEqual(next.context.approvals, [
        { approverId: MANAGER, scope: 'discount', at: AT, usedFor: { type: 'sale.discountLine', lineId: 'line-1' } },
      ])
    })

    it('an approval unlocks one discount only', () => {
      const used = run(cart(), approve('discount'), discount('line-1', { percent: '15' }))
      assertRefused(used, discount('line-2', { percent: '15' }), 'E_SALE_DISCOUNT_OVER_LIMIT')
      // ...and a changed discount on the same line needs a new one too.
      assertRefused(used, discount('line-1', { percent: '14' }), 'E_SALE_DISCOUNT_OVER_LIMIT')
    })

    it('a discount within the limit leaves the approval for the next one that needs it', () => {
      const snapshot = run(cart(), approve('discount'), discount('line-1', { percent: '5' }))
      assert.equal(snapshot.context.approvals[0]?.usedFor, null)
      const { next } = step(snapshot, discount('line-2', { percent: '20' }))
      assert.deepEqual(next.context.approvals[0]?.usedFor, { type: 'sale.discountLine', lineId: 'line-2' })
    })

    it('refuses a quantity cut that pushes an unapproved amount discount over the limit (10 % of 2 units is 20 % of 1)', () => {
      const snapshot = run(cart(), discount('line-1', { amountPaise: 2360 }))
      assertRefused(snapshot, { type: 'sale.changeQuantity', lineId: 'line-1', quantity: '1' }, 'E_SALE_DISCOUNT_OVER_LIMIT')
      // A price cut has the same effect.
      const cheaper: SaleEvent = { type: 'sale.overridePrice', lineId: 'line-1', unitPricePaise: 5900 }
      assertRefused(run(snapshot, approve('priceOverride')), cheaper, 'E_SALE_DISCOUNT_OVER_LIMIT')
      // More units lower the rate: fine.
      run(snapshot, { type: 'sale.changeQuantity', lineId: 'line-1', quantity: '3' })
    })

    it('an approved amount discount holds up to the rate approved, not beyond', () => {
      // 4720 of 23600 = 20 %, approved.
      const snapshot = run(cart(), approve('discount'), discount('line-1', { amountPaise: 4720 }))
      assert.deepEqual(snapshot.context.lines[0]?.discountApproval?.maxRate, { numerator: 4720, denominator: 23600 })
      run(snapshot, { type: 'sale.changeQuantity', lineId: 'line-1', quantity: '3' })
      assertRefused(snapshot, { type: 'sale.changeQuantity', lineId: 'line-1', quantity: '1' }, 'E_SALE_DISCOUNT_OVER_LIMIT')
    })

    it('an approved percent discount stays approved whatever the quantity', () => {
      const snapshot = run(cart(), approve('discount'), discount('line-1', { percent: '25' }))
      run(snapshot, { type: 'sale.changeQuantity', lineId: 'line-1', quantity: '1' })
    })

    it('removing a discount is always allowed; removing none is not taken', () => {
      const snapshot = run(cart(), approve('discount'), discount('line-1', { percent: '25' }))
      const { next } = step(snapshot, discount('line-1', null))
      assert.deepEqual(next.context.lines[0], stored(SHAMPOO))
      assertRefused(next, discount('line-1', null), 'E_SALE_NO_CHANGE')
    })

    it('refuses the same discount again, a discount above the gross, a malformed discount and an unknown line', () => {
      const snapshot = run(cart(), discount('line-1', { percent: '5' }))
      assertRefused(snapshot, discount('line-1', { percent: '5' }), 'E_SALE_NO_CHANGE')
      assertRefused(run(cart(), approve('discount')), discount('line-1', { amountPaise: 23601 }), 'E_TAX_DISCOUNT_EXCEEDS_GROSS')
      assertRefused(cart(), discount('line-1', { percent: '5', amountPaise: 10 } as unknown as { percent: string }), 'E_TAX_DISCOUNT_INVALID')
      assertRefused(cart(), discount('line-1', { percent: '-5' }), 'E_TAX_DISCOUNT_INVALID')
      assertRefused(cart(), discount('nope', { percent: '5' }), 'E_SALE_LINE_UNKNOWN')
    })
  })

  describe('sale.discountBill (cashier limit 5 % of the bill after line discounts)', () => {
    const bill = (amountPaise: number): SaleEvent => ({ type: 'sale.discountBill', amountPaise })

    it('within the limit: allocated by largest remainder, sale.billDiscountChanged', () => {
      const { next, actions } = step(cart(), bill(1900))
      // 1900 × 23600/38525 = 1163.92 and 1900 × 14925/38525 = 736.08: floors 1163 + 736, the spare paisa to line 1.
      assert.deepEqual(
        next.context.computation?.lines.map((line) => line.billDiscountPaise),
        [1164, 736],
      )
      // 38525 − 1900 = 36625 → ₹366.00.
      assert.equal(next.context.computation?.totals.grandTotalPaise, 36600)
      assert.equal(next.context.billDiscountApproval, null)
      assert.deepEqual(actions, [
        fact({ type: 'sale.billDiscountChanged', data: { saleId: 'sale-1', billDiscountPaise: 1900, grandTotalPaise: 36600 } }),
      ])
    })

    it('refuses 1 paisa over the limit without an approval (5 % of 38525 is 1926.25)', () => {
      run(cart(), bill(1926))
      assertRefused(cart(), bill(1927), 'E_SALE_BILL_DISCOUNT_OVER_LIMIT')
    })

    it('over the limit with an approval: applied and the approval kept with the bill discount', () => {
      const { next } = step(run(cart(), approve('discount')), bill(3852))
      assert.equal(next.context.billDiscountPaise, 3852)
      assert.deepEqual(next.context.billDiscountApproval, {
        approverId: MANAGER,
        at: AT,
        maxRate: { numerator: 3852, denominator: 38525 },
      })
      assert.deepEqual(next.context.approvals[0]?.usedFor, { type: 'sale.discountBill' })
    })

    it('refuses a line discount that pushes an unapproved bill discount over its limit', () => {
      // 1900 of 38525 is 4.9 %; after 10 % off the shampoo it is 1900 of 36165, 5.3 %.
      const lineDiscount: SaleEvent = { type: 'sale.discountLine', lineId: 'line-1', discount: { percent: '10' } }
      assertRefused(run(cart(), bill(1900)), lineDiscount, 'E_SALE_BILL_DISCOUNT_OVER_LIMIT')
    })

    it('0 removes it; the same amount again, an amount above the lines and a fractional amount are refused', () => {
      const discounted = run(cart(), bill(1900))
      assert.equal(step(discounted, bill(0)).next.context.computation?.totals.grandTotalPaise, 38500)
      assertRefused(discounted, bill(1900), 'E_SALE_NO_CHANGE')
      assertRefused(run(cart(), approve('discount')), bill(38526), 'E_TAX_BILL_DISCOUNT_EXCEEDS_NET')
      assertRefused(cart(), bill(10.5), 'E_TAX_BILL_DISCOUNT_INVALID')
      assertRefused(start(), bill(100), 'E_TAX_BILL_DISCOUNT_EXCEEDS_NET')
    })
  })

  describe('sale.approve', () => {
    it('records the approval, unused, with no fact', () => {
      const { next, actions } = step(cart(), approve('void'))
      assert.deepEqual(next.context.approvals, [{ approverId: MANAGER, scope: 'void', at: AT, usedFor: null }])
      assert.deepEqual(actions, [])
    })

    it('refuses the cashier approving their own command, a blank approver, an unknown scope and a missing time', () => {
      assertRefused(cart(), approve('discount', CASHIER), 'E_SALE_APPROVER_INVALID')
      assertRefused(cart(), approve('discount', ' '), 'E_SALE_APPROVER_INVALID')
      assertRefused(cart(), { type: 'sale.approve', approverId: MANAGER, scope: 'refund' as 'void', at: AT }, 'E_SALE_APPROVER_INVALID')
      assertRefused(cart(), { type: 'sale.approve', approverId: MANAGER, scope: 'void', at: '' }, 'E_SALE_APPROVER_INVALID')
    })
  })

  describe('sale.attachCustomer', () => {
    it('a B2C customer (phone, name): no change of tax; the fact leaves the phone out', () => {
      const { next, actions } = step(cart(), { type: 'sale.attachCustomer', phone: '9876543210', name: ' Asha ' })
      assert.deepEqual(next.context.customer, { phone: '9876543210', name: 'Asha' })
      assert.equal(next.context.placeOfSupplyStateCode, '29')
      assert.deepEqual(next.context.computation, cart().context.computation)
      assert.deepEqual(actions, [
        fact({
          type: 'sale.customerAttached',
          data: { saleId: 'sale-1', customer: { name: 'Asha' }, placeOfSupplyStateCode: '29', grandTotalPaise: 38500 },
        }),
      ])
    })

    it('a B2B GSTIN of another state moves the place of supply and switches to IGST (hand-computed)', () => {
      assert.deepEqual(validateGstin(GSTIN_MH), { ok: true, stateCode: '27', pan: 'AAPFU0939F' })
      const { next, actions } = step(cart(), { type: 'sale.attachCustomer', gstin: GSTIN_MH, name: 'Unicorn Traders' })
      assert.deepEqual(next.context.customer, { gstin: GSTIN_MH, name: 'Unicorn Traders', stateCode: '27' })
      assert.equal(next.context.placeOfSupplyStateCode, '27')
      const computation = next.context.computation
      assert.equal(computation?.supplyType, 'inter')
      assert.deepEqual(
        computation?.lines.map(({ taxablePaise, cgstPaise, sgstPaise, igstPaise }) => [taxablePaise, cgstPaise, sgstPaise, igstPaise]),
        [
          // 23600 × 18/118 = 3600.
          [20000, 0, 0, 3600],
          // 14925 × 5/105 = 710.71 → 711: taxable 14214, a paisa less than intra-state (§3.3).
          [14214, 0, 0, 711],
        ],
      )
      assert.deepEqual(computation?.totals, {
        grossPaise: 38525,
        discountPaise: 0,
        taxablePaise: 34214,
        cgstPaise: 0,
        sgstPaise: 0,
        igstPaise: 4311,
        cessPaise: 0,
        totalPaise: 38525,
        roundOffPaise: -25,
        grandTotalPaise: 38500,
      })
      assert.deepEqual(actions, [
        fact({
          type: 'sale.customerAttached',
          data: {
            saleId: 'sale-1',
            customer: { gstin: GSTIN_MH, name: 'Unicorn Traders', stateCode: '27' },
            placeOfSupplyStateCode: '27',
            grandTotalPaise: 38500,
          },
        }),
      ])
    })

    it('normalises a GSTIN typed in lower case with spaces; a same-state GSTIN stays intra-state', () => {
      const { next } = step(cart(), { type: 'sale.attachCustomer', gstin: ` ${GSTIN_KA.toLowerCase()} ` })
      assert.deepEqual(next.context.customer, { gstin: GSTIN_KA, stateCode: '29' })
      assert.equal(next.context.computation?.supplyType, 'intra')
    })

    it('an explicit place of supply wins (goods taken over the counter, §2.2): intra-state for an out-of-state GSTIN', () => {
      const { next } = step(cart(), { type: 'sale.attachCustomer', gstin: GSTIN_MH, placeOfSupplyStateCode: '29' })
      assert.equal(next.context.placeOfSupplyStateCode, '29')
      assert.equal(next.context.computation?.supplyType, 'intra')
    })

    it('attaching a B2C customer after a B2B one moves the place of supply back to the store', () => {
      const b2b = run(cart(), { type: 'sale.attachCustomer', gstin: GSTIN_MH })
      const { next } = step(b2b, { type: 'sale.attachCustomer', phone: '9876543210' })
      assert.equal(next.context.placeOfSupplyStateCode, '29')
      assert.equal(next.context.computation?.supplyType, 'intra')
    })

    it('refuses a GSTIN with a wrong check character, an empty customer, an unknown state code, and the same customer again', () => {
      assertRefused(cart(), { type: 'sale.attachCustomer', gstin: '27AAPFU0939F1ZA' }, 'E_SALE_GSTIN_INVALID')
      assertRefused(cart(), { type: 'sale.attachCustomer', phone: '  ' }, 'E_SALE_CUSTOMER_EMPTY')
      assertRefused(cart(), { type: 'sale.attachCustomer', name: 'A', placeOfSupplyStateCode: '99' }, 'E_SALE_STATE_CODE_INVALID')
      const b2b = run(cart(), { type: 'sale.attachCustomer', gstin: GSTIN_MH })
      assertRefused(b2b, { type: 'sale.attachCustomer', gstin: GSTIN_MH }, 'E_SALE_NO_CHANGE')
    })

    it('a composition dealer refuses an inter-state supply, even on an empty cart', () => {
      const composition = { ...INPUT, composition: true }
      assertRefused(start(composition), { type: 'sale.attachCustomer', gstin: GSTIN_MH }, 'E_TAX_COMPOSITION_INTERSTATE')
      assertRefused(cart(composition), { type: 'sale.attachCustomer', gstin: GSTIN_MH }, 'E_TAX_COMPOSITION_INTERSTATE')
      assert.equal(cart(composition).context.computation?.documentKind, 'bill_of_supply')
    })
  })

  describe('park and resume', () => {
    it('sale.park: active → parked, parkedAt, sale.parked', () => {
      const { next, actions } = step(cart(), { type: 'sale.park', at: AT })
      assert.deepEqual(next.value, { cart: 'parked' })
      assert.equal(next.context.parkedAt, AT)
      assert.deepEqual(actions, [fact({ type: 'sale.parked', data: { saleId: 'sale-1', at: AT } })])
    })

    it('sale.resume: parked → active, parkedAt cleared, sale.resumed; the cart is unchanged', () => {
      const parked = run(cart(), { type: 'sale.park', at: AT })
      const { next, actions } = step(parked, { type: 'sale.resume', at: LATER })
      assert.deepEqual(next.value, { cart: 'active' })
      assert.deepEqual(next.context, { ...parked.context, parkedAt: null })
      assert.deepEqual(actions, [fact({ type: 'sale.resumed', data: { saleId: 'sale-1', at: LATER } })])
    })

    it('refuses parking an empty cart and parking without a time', () => {
      assertRefused(start(), { type: 'sale.park', at: AT }, 'E_SALE_CART_EMPTY')
      assertRefused(cart(), { type: 'sale.park', at: '' }, 'E_SALE_COMMAND_INVALID')
    })

    it('a parked sale takes no cart change, approval or payment; an active one cannot be resumed', () => {
      const parked = run(cart(), { type: 'sale.park', at: AT })
      assertRefused(parked, addLine({ ...DAL, lineId: 'line-9', itemId: 'x' }), 'E_SALE_WRONG_STATE')
      assertRefused(parked, approve('discount'), 'E_SALE_WRONG_STATE')
      assertRefused(parked, { type: 'sale.startTender' }, 'E_SALE_WRONG_STATE')
      assertRefused(parked, { type: 'sale.park', at: LATER }, 'E_SALE_WRONG_STATE')
      assertRefused(cart(), { type: 'sale.resume', at: LATER }, 'E_SALE_WRONG_STATE')
    })
  })

  describe('sale.startTender and sale.backToCart', () => {
    it('startTender: cart → tendering, no fact; refused for an empty cart', () => {
      const { next, actions } = step(cart(), { type: 'sale.startTender' })
      assert.equal(next.value, 'tendering')
      assert.deepEqual(next.context, cart().context)
      assert.deepEqual(actions, [])
      assertRefused(start(), { type: 'sale.startTender' }, 'E_SALE_CART_EMPTY')
    })

    it('while tendering the cart is fixed', () => {
      const snapshot = tendering()
      assertRefused(snapshot, addLine({ ...DAL, lineId: 'line-9', itemId: 'x' }), 'E_SALE_WRONG_STATE')
      assertRefused(snapshot, { type: 'sale.discountBill', amountPaise: 100 }, 'E_SALE_WRONG_STATE')
      assertRefused(snapshot, { type: 'sale.attachCustomer', gstin: GSTIN_MH }, 'E_SALE_WRONG_STATE')
      assertRefused(snapshot, { type: 'sale.park', at: AT }, 'E_SALE_WRONG_STATE')
      assertRefused(snapshot, { type: 'sale.startTender' }, 'E_SALE_WRONG_STATE')
    })

    it('backToCart: tendering → cart.active while no tender is recorded', () => {
      const { next, actions } = step(tendering(), { type: 'sale.backToCart' })
      assert.deepEqual(next.value, { cart: 'active' })
      assert.deepEqual(actions, [])
    })

    it('backToCart is refused once a tender is recorded, and outside tendering', () => {
      assertRefused(run(tendering(), addTender(tender('t1', 'upi', 10000))), { type: 'sale.backToCart' }, 'E_SALE_TENDERS_RECORDED')
      assertRefused(cart(), { type: 'sale.backToCart' }, 'E_SALE_WRONG_STATE')
    })

    it('tenders are only taken while tendering', () => assertRefused(cart(), addTender(tender('t1', 'cash', 100)), 'E_SALE_WRONG_STATE'))
  })

  describe('tenders (grand total ₹385.00)', () => {
    it('split tender: UPI ₹300 then cash ₹100 gives ₹15 change; completion publishes the whole invoice', () => {
      const upi = tender('t1', 'upi', 30000, 'UPI-RRN-527318')
      const afterUpi = step(tendering(), addTender(upi))
      assert.deepEqual(afterUpi.next.context.tenders, [upi])
      assert.deepEqual(afterUpi.actions, [
        fact({ type: 'sale.tenderAdded', data: { saleId: 'sale-1', tender: upi, remainingDuePaise: 8500, changeDuePaise: 0 } }),
      ])

      const cash = tender('t2', 'cash', 10000)
      const afterCash = step(afterUpi.next, addTender(cash))
      assert.equal(afterCash.next.context.changeDuePaise, 1500)
      assert.deepEqual(tenderSummary(afterCash.next.context), {
        grandTotalPaise: 38500,
        tenderedPaise: 40000,
        cashPaise: 10000,
        remainingDuePaise: 0,
        changeDuePaise: 1500,
      })
      assert.deepEqual(afterCash.actions, [
        fact({ type: 'sale.tenderAdded', data: { saleId: 'sale-1', tender: cash, remainingDuePaise: 0, changeDuePaise: 1500 } }),
      ])

      const { next, actions } = step(afterCash.next, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: LATER })
      assert.equal(next.value, 'completed')
      assert.equal(next.status, 'active')
      assert.equal(next.context.invoiceNumber, 'B1T1/2526/000042')
      assert.equal(next.context.completedAt, LATER)
      const common = { cessPercent: '0', discountPaise: 0, billDiscountPaise: 0, cessPaise: 0, igstPaise: 0 }
      assert.deepEqual(actions, [
        { type: 'recordInvoice', params: { offline: false } },
        fact({
          type: 'sale.completed',
          data: {
            saleId: 'sale-1',
            storeId: 'store-1',
            terminalId: 'terminal-1',
            cashierId: CASHIER,
            invoiceNumber: 'B1T1/2526/000042',
            at: LATER,
            documentKind: 'tax_invoice',
            supplyType: 'intra',
            supplierStateCode: '29',
            placeOfSupplyStateCode: '29',
            customer: null,
            lines: [
              {
                ...common,
                lineId: 'line-1',
                itemId: 'item-shampoo',
                sku: 'SHMP-180',
                name: 'Shampoo 180 ml',
                unitPricePaise: 11800,
                hsn: '3305',
                quantity: '2',
                ratePercent: '18',
                grossPaise: 23600,
                taxablePaise: 20000,
                cgstPaise: 1800,
                sgstPaise: 1800,
                totalPaise: 23600,
              },
              {
                ...common,
                lineId: 'line-2',
                itemId: 'item-dal',
                sku: 'DAL-LOOSE',
                name: 'Toor dal (loose)',
                unitPricePaise: 9950,
                hsn: '0713',
                quantity: '1.5',
                ratePercent: '5',
                grossPaise: 14925,
                taxablePaise: 14215,
                cgstPaise: 355,
                sgstPaise: 355,
                totalPaise: 14925,
              },
            ],
            totals: cart().context.computation!.totals,
            tenders: [upi, cash],
            changeDuePaise: 1500,
          },
        }),
      ])
    })

    it('an offline completion: the time of supply is the terminal\'s, and the host is told it was offline', () => {
      const paid = run(tendering(), addTender(tender('t1', 'cash', 38500)))
      const { next, actions } = step(paid, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: LATER, soldAt: AT })
      assert.equal(next.context.completedAt, AT)
      assert.deepEqual(actions[0], { type: 'recordInvoice', params: { offline: true } })
      assertRefused(paid, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: LATER, soldAt: 'yesterday' }, 'E_SALE_COMMAND_INVALID')
    })

    it('the completed fact keeps the catalogue price of an overridden line and leaves the phone out', () => {
      const snapshot = run(
        cart({ ...INPUT, limits: { ...INPUT.limits, priceOverride: true } }),
        { type: 'sale.overridePrice', lineId: 'line-1', unitPricePaise: 11000 },
        { type: 'sale.attachCustomer', phone: '9876543210', gstin: GSTIN_KA },
        { type: 'sale.startTender' },
        addTender(tender('t1', 'card', 36900, 'AUTH-123456')),
      )
      const { actions } = step(snapshot, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000043', at: LATER })
      const data = (actions.find((action) => action.type === 'emitFact')?.params as Extract<SaleFact, { type: 'sale.completed' }>).data
      assert.deepEqual(data.customer, { gstin: GSTIN_KA, stateCode: '29' })
      assert.deepEqual([data.lines[0]?.unitPricePaise, data.lines[0]?.originalUnitPricePaise], [11000, 11800])
      assert.equal('originalUnitPricePaise' in (data.lines[1] ?? {}), false)
    })

    it('an electronic tender equal to the remaining due is taken; one paisa more is refused', () => {
      const partly = run(tendering(), addTender(tender('t1', 'cash', 8500)))
      assertRefused(partly, addTender(tender('t2', 'card', 30001)), 'E_SALE_TENDER_EXCEEDS_DUE')
      assertRefused(partly, addTender(tender('t2', 'upi', 30001)), 'E_SALE_TENDER_EXCEEDS_DUE')
      assertRefused(partly, addTender(tender('t2', 'store_credit', 30001)), 'E_SALE_TENDER_EXCEEDS_DUE')
      const { next } = step(partly, addTender(tender('t2', 'card', 30000)))
      assert.equal(next.context.changeDuePaise, 0)
      assert.equal(tenderSummary(next.context).remainingDuePaise, 0)
    })

    it('refuses UPI over the whole bill', () => assertRefused(tendering(), addTender(tender('t1', 'upi', 38501)), 'E_SALE_TENDER_EXCEEDS_DUE'))

    it('once paid in full nothing more is taken, so only the last (cash) tender can overpay', () => {
      const paid = run(tendering(), addTender(tender('t1', 'cash', 50000)))
      assert.equal(paid.context.changeDuePaise, 11500)
      assertRefused(paid, addTender(tender('t2', 'cash', 100)), 'E_SALE_ALREADY_PAID')
      assertRefused(paid, addTender(tender('t2', 'upi', 100)), 'E_SALE_ALREADY_PAID')
    })

    it('removeTender: gone, change recomputed, sale.tenderRemoved', () => {
      const snapshot = run(tendering(), addTender(tender('t1', 'upi', 30000)), addTender(tender('t2', 'cash', 10000)))
      const { next, actions } = step(snapshot, { type: 'sale.removeTender', tenderId: 't1' })
      assert.deepEqual(next.context.tenders, [tender('t2', 'cash', 10000)])
      assert.equal(next.context.changeDuePaise, 0)
      assert.deepEqual(actions, [
        fact({ type: 'sale.tenderRemoved', data: { saleId: 'sale-1', tenderId: 't1', remainingDuePaise: 28500, changeDuePaise: 0 } }),
      ])
      assertRefused(next, { type: 'sale.removeTender', tenderId: 't1' }, 'E_SALE_TENDER_UNKNOWN')
    })

    it('refuses a repeated tender id, a zero, negative or fractional amount, an unknown method and a blank reference', () => {
      const snapshot = run(tendering(), addTender(tender('t1', 'upi', 100)))
      assertRefused(snapshot, addTender(tender('t1', 'cash', 100)), 'E_SALE_TENDER_ID_TAKEN')
      assertRefused(snapshot, addTender(tender('t2', 'cash', 0)), 'E_SALE_TENDER_AMOUNT_INVALID')
      assertRefused(snapshot, addTender(tender('t2', 'cash', -100)), 'E_SALE_TENDER_AMOUNT_INVALID')
      assertRefused(snapshot, addTender(tender('t2', 'cash', 100.5)), 'E_SALE_TENDER_AMOUNT_INVALID')
      assertRefused(snapshot, addTender(tender('t2', 'cheque' as 'cash', 100)), 'E_SALE_COMMAND_INVALID')
      assertRefused(snapshot, addTender(tender('t2', 'card', 100, ' ')), 'E_SALE_COMMAND_INVALID')
    })
  })

  describe('cash limit, Income-tax s.269ST (grand total ₹2,50,000)', () => {
    const big = () => run(start(), addLine(TV), { type: 'sale.startTender' })

    it('the limit is ₹2,00,000', () => assert.equal(CASH_RECEIPT_LIMIT_PAISE, 20_000_000))

    it('refuses cash of exactly ₹2,00,000', () => assertRefused(big(), addTender(tender('t1', 'cash', 20_000_000)), 'E_SALE_CASH_LIMIT'))

    it('takes ₹1,99,999.99 in cash, refuses the paisa that would reach the limit, and the card pays the rest', () => {
      const cash = run(big(), addTender(tender('t1', 'cash', 19_999_999)))
      assert.equal(tenderSummary(cash.context).remainingDuePaise, 5_000_001)
      assertRefused(cash, addTender(tender('t2', 'cash', 1)), 'E_SALE_CASH_LIMIT')
      const paid = run(cash, addTender(tender('t2', 'card', 5_000_001, 'AUTH-1')))
      assert.equal(run(paid, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000044', at: LATER }).value, 'completed')
    })

    it('counts every cash tender of the sale: ₹1,00,000 + ₹1,00,000 is refused', () => {
      const once = run(big(), addTender(tender('t1', 'cash', 10_000_000)))
      assertRefused(once, addTender(tender('t2', 'cash', 10_000_000)), 'E_SALE_CASH_LIMIT')
      run(once, addTender(tender('t2', 'cash', 9_999_999)))
    })

    it('counts cash handed over, change included (a small bill paid with ₹2,00,000 in notes is refused)', () => {
      assertRefused(tendering(), addTender(tender('t1', 'cash', 20_000_000)), 'E_SALE_CASH_LIMIT')
    })
  })

  describe('sale.complete', () => {
    it('refuses an underpaid sale (1 paisa short)', () => {
      const short = run(tendering(), addTender(tender('t1', 'upi', 38499)))
      assertRefused(short, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: LATER }, 'E_SALE_NOT_FULLY_PAID')
      assertRefused(tendering(), { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: LATER }, 'E_SALE_NOT_FULLY_PAID')
    })

    it('refuses an invoice number that breaks Rule 46 and a missing time', () => {
      const paid = run(tendering(), addTender(tender('t1', 'cash', 38500)))
      assertRefused(paid, { type: 'sale.complete', invoiceNumber: 'b1t1/2526/000042', at: LATER }, 'E_SALE_INVOICE_NUMBER_INVALID')
      assertRefused(paid, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/0000042', at: LATER }, 'E_SALE_INVOICE_NUMBER_INVALID')
      assertRefused(paid, { type: 'sale.complete', invoiceNumber: '', at: LATER }, 'E_SALE_INVOICE_NUMBER_INVALID')
      assertRefused(paid, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: '' }, 'E_SALE_COMMAND_INVALID')
    })

    it('is refused from the cart', () =>
      assertRefused(cart(), { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: LATER }, 'E_SALE_WRONG_STATE'))

    it('a completed sale takes nothing but returns', () => {
      const done = run(tendering(), addTender(tender('t1', 'cash', 38500)), { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: LATER })
      assert.equal(done.value, 'completed')
      assertRefused(done, { type: 'sale.void', reason: 'mistake', at: LATER }, 'E_SALE_WRONG_STATE')
      assertRefused(done, { type: 'sale.removeTender', tenderId: 't1' }, 'E_SALE_WRONG_STATE')
      assertRefused(done, { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000043', at: LATER }, 'E_SALE_WRONG_STATE')
      assertRefused(done, addLine({ ...DAL, lineId: 'line-9', itemId: 'x' }), 'E_SALE_WRONG_STATE')
    })
  })

  describe('sale.void', () => {
    const voidEvent = (reason: string): SaleEvent => ({ type: 'sale.void', reason, at: LATER })

    it('from the active cart with a reason: voided, sale.voided without approver or tenders', () => {
      const { next, actions } = step(cart(), voidEvent(' customer left '))
      assert.equal(next.value, 'voided')
      assert.equal(next.status, 'done')
      assert.deepEqual([next.context.voidReason, next.context.voidedAt], ['customer left', LATER])
      assert.deepEqual(actions, [
        { type: 'recordVoid', params: undefined },
        fact({ type: 'sale.voided', data: { saleId: 'sale-1', reason: 'customer left', at: LATER, approverId: null, tenders: [] } }),
      ])
    })

    it('from a parked cart', () => {
      const { next } = step(run(cart(), { type: 'sale.park', at: AT }), voidEvent('never came back'))
      assert.equal(next.value, 'voided')
      assert.equal(next.context.parkedAt, null)
    })

    it('refuses a blank or missing reason', () => {
      assertRefused(cart(), voidEvent('   '), 'E_SALE_VOID_REASON_REQUIRED')
      assertRefused(tendering(), voidEvent(''), 'E_SALE_VOID_REASON_REQUIRED')
    })

    it('from tendering without tenders: a reason is enough', () => {
      assert.equal(step(tendering(), voidEvent('wrong customer')).next.value, 'voided')
    })

    it('with tenders: refused without a void approval (a discount approval does not do)', () => {
      const paying = run(tendering(), addTender(tender('t1', 'upi', 30000, 'UPI-1')))
      assertRefused(paying, voidEvent('card declined'), 'E_SALE_VOID_NEEDS_APPROVAL')
      assertRefused(run(paying, approve('discount')), voidEvent('card declined'), 'E_SALE_VOID_NEEDS_APPROVAL')
    })

    it('with tenders and a void approval: voided, the approval used, the tenders to reverse in sale.voided', () => {
      const upi = tender('t1', 'upi', 30000, 'UPI-1')
      const approved = run(tendering(), addTender(upi), approve('void'))
      const { next, actions } = step(approved, voidEvent('customer changed mind'))
      assert.equal(next.value, 'voided')
      assert.deepEqual(next.context.approvals, [{ approverId: MANAGER, scope: 'void', at: AT, usedFor: { type: 'sale.void' } }])
      assert.deepEqual(actions, [
        { type: 'recordVoid', params: undefined },
        fact({ type: 'sale.voided', data: { saleId: 'sale-1', reason: 'customer changed mind', at: LATER, approverId: MANAGER, tenders: [upi] } }),
      ])
    })

    it('a voided sale is final: it refuses everything', () => {
      const voided = run(cart(), voidEvent('test'))
      assertRefused(voided, voidEvent('again'), 'E_SALE_WRONG_STATE')
      assertRefused(voided, { type: 'sale.startTender' }, 'E_SALE_WRONG_STATE')
      assertRefused(voided, { type: 'sale.resume', at: LATER }, 'E_SALE_WRONG_STATE')
    })
  })

  it('saleRefusalReason is null for a command that would be taken', () => {
    assert.equal(saleRefusalReason(cart(), { type: 'sale.startTender' }), null)
  })

  describe('persisted snapshot round trip', () => {
    const midPayment = () =>
      run(
        cart(),
        approve('discount'),
        { type: 'sale.discountLine', lineId: 'line-2', discount: { percent: '20' } },
        { type: 'sale.startTender' },
        addTender(tender('t1', 'upi', 30000, 'UPI-1')),
      )

    it('getPersistedSnapshot → JSON → resolveState gives the same state, and the rules continue from it', () => {
      const original = midPayment()
      const restored = saleMachine.resolveState(JSON.parse(JSON.stringify(saleMachine.getPersistedSnapshot(original))))
      assert.equal(restored.value, 'tendering')
      assert.deepEqual(restored.context, original.context)
      assertRefused(restored, addTender(tender('t2', 'card', 30000)), 'E_SALE_TENDER_EXCEEDS_DUE')
      assertRefused(restored, { type: 'sale.backToCart' }, 'E_SALE_TENDERS_RECORDED')
    })

    it('createActor from the restored snapshot runs on, and the host-provided emitFact receives the facts', () => {
      const effects: HostAction[] = []
      const hosted = saleMachine.provide({ actions: { emitFact: (_, params) => void effects.push({ type: 'emitFact', params }) } })
      const snapshot = JSON.parse(JSON.stringify(saleMachine.getPersistedSnapshot(midPayment())))
      const actor = createActor(hosted, { snapshot, input: INPUT })
      actor.start()
      // Dal at 20 % off: 14925 − 2985 = 11940; total 23600 + 11940 = 35540 → ₹355.00; 5500 due after UPI.
      actor.send(addTender(tender('t2', 'card', 5501)))
      actor.send(addTender(tender('t2', 'cash', 6000)))
      actor.send({ type: 'sale.complete', invoiceNumber: 'B1T1/2526/000045', at: LATER })
      actor.stop()

      assert.equal(actor.getSnapshot().value, 'completed')
      assert.deepEqual(
        effects.map((effect) => (effect.params as SaleFact).type),
        ['sale.tenderAdded', 'sale.completed'],
      )
      const completed = effects[1]?.params as Extract<SaleFact, { type: 'sale.completed' }>
      assert.deepEqual([completed.data.totals.grandTotalPaise, completed.data.changeDuePaise], [35500, 500])
      assert.deepEqual(completed.data.lines.map((line) => line.discountPaise), [0, 2985])
    })
  })
  describe('sale.start (a host that knows only the sale id)', () => {
    const bare = () => initialTransition(saleMachine, { ...INPUT, storeId: '', terminalId: '', cashierId: '' })[0]
    const { saleId: _saleId, ...fields } = INPUT
    const startEvent: SaleEvent = { type: 'sale.start', at: AT, ...fields }

    it('waits in new, refusing cart commands, until sale.start gives the store, terminal, cashier and limits', () => {
      const waiting = bare()
      assert.equal(waiting.value, 'new')
      assertRefused(waiting, addLine(SHAMPOO), 'E_SALE_WRONG_STATE')
      const { next, actions } = step(waiting, startEvent)
      assert.deepEqual(next.value, { cart: 'active' })
      assert.deepEqual(next.context, start().context)
      assert.deepEqual(actions, [
        { type: 'checkStart', params: undefined },
        fact({ type: 'sale.started', data: { saleId: 'sale-1', terminalId: 'terminal-1', cashierId: CASHIER, at: AT } }),
      ])
    })

    it('refuses a start without a current state code, ids or limits, and a second start', () => {
      assertRefused(bare(), { ...startEvent, supplierStateCode: '99' } as SaleEvent, 'E_SALE_START_INVALID')
      assertRefused(bare(), { ...startEvent, cashierId: ' ' } as SaleEvent, 'E_SALE_START_INVALID')
      assertRefused(bare(), { ...startEvent, limits: { maxLineDiscountPercent: 5 } } as unknown as SaleEvent, 'E_SALE_START_INVALID')
      assertRefused(start(), startEvent, 'E_SALE_WRONG_STATE')
    })
  })

  describe('origin', () => {
    it("a cart command from another terminal or store is refused; a return or approval from the store's other terminal is taken", () => {
      const other = { storeId: 'store-1', terminalId: 'terminal-2' }
      assertRefused(start(), { ...addLine(SHAMPOO), origin: other }, 'E_SALE_OTHER_ORIGIN')
      assertRefused(start(), { ...addLine(SHAMPOO), origin: { storeId: 'store-2', terminalId: 'terminal-1' } }, 'E_SALE_OTHER_ORIGIN')
      run(start(), { ...addLine(SHAMPOO), origin: { storeId: 'store-1', terminalId: 'terminal-1' } })
      run(cart(), { ...approve('discount'), origin: { storeId: 'store-1' } })
      assertRefused(cart(), { ...approve('discount'), origin: { storeId: 'store-2' } }, 'E_SALE_OTHER_ORIGIN')
    })
  })

  describe('sale.return (grand total ₹385.00: shampoo 2 × ₹118 at 18 %, dal 1.5 kg at 5 %)', () => {
    const upi = tender('t1', 'upi', 30000, 'UPI-RRN-1')
    const cash = tender('t2', 'cash', 10000)
    const completed = () => run(tendering(), addTender(upi), addTender(cash), { type: 'sale.complete', invoiceNumber: 'B1T1/2526/000042', at: LATER })
    const giveBack = (returnId: string, lines: Array<{ lineId: string; quantity: string }>, refund: 'original' | 'store_credit' = 'original', extra = {}): SaleEvent => ({
      type: 'sale.return',
      returnId,
      terminalId: 'terminal-2',
      lines,
      refund,
      reason: 'damaged',
      at: LATER,
      ...extra,
    })

    it('one shampoo back: credited at 18 % (half the line), refunded to UPI and cash in proportion to what each kept', () => {
      const { next, actions } = step(completed(), giveBack('r1', [{ lineId: 'line-1', quantity: '1' }]))
      assert.equal(next.value, 'completed')
      const entry = next.context.returns[0]!
      // 11800 inclusive at 18 %: CGST = SGST = round(11800 × 9/118) = 900; taxable 10000.
      assert.deepEqual(
        entry.lines.map(({ lineId, quantity, ratePercent, taxablePaise, cgstPaise, sgstPaise, totalPaise, isFinalReturn }) => ({
          lineId, quantity, ratePercent, taxablePaise, cgstPaise, sgstPaise, totalPaise, isFinalReturn,
        })),
        [{ lineId: 'line-1', quantity: '1', ratePercent: '18', taxablePaise: 10000, cgstPaise: 900, sgstPaise: 900, totalPaise: 11800, isFinalReturn: false }],
      )
      assert.equal(entry.totals.grandTotalPaise, 11800)
      // Kept: UPI 30000, cash 10000 − 1500 change = 8500; 11800 × 30000/38500 = 9194.8 → 9195, cash 2605.
      assert.deepEqual(entry.refunds, [
        { method: 'upi', amountPaise: 9195, tenderId: 't1', reference: 'UPI-RRN-1' },
        { method: 'cash', amountPaise: 2605, tenderId: 't2' },
      ])
      assert.deepEqual(actions.map((action) => action.type), ['recordReturn', 'emitFact'])
      assert.deepEqual(actions[0], { type: 'recordReturn', params: { returnId: 'r1' } })
    })

    it('the last return on a line is the line less what was credited; more than sold is refused', () => {
      const once = run(completed(), giveBack('r1', [{ lineId: 'line-2', quantity: '0.5' }]))
      const twice = run(once, giveBack('r2', [{ lineId: 'line-2', quantity: '1' }]))
      const credited = twice.context.returns.flatMap((entry) => entry.lines)
      assert.equal(credited[1]!.isFinalReturn, true)
      assert.equal(credited[0]!.totalPaise + credited[1]!.totalPaise, 14925)
      assert.equal(credited[0]!.cgstPaise + credited[1]!.cgstPaise, 355)
      assert.equal(credited[0]!.taxablePaise + credited[1]!.taxablePaise, 14215)
      assertRefused(twice, giveBack('r3', [{ lineId: 'line-2', quantity: '0.001' }]), 'E_TAX_RETURN_EXCEEDS_SOLD')
      assertRefused(once, giveBack('r1', [{ lineId: 'line-1', quantity: '1' }]), 'E_SALE_RETURN_ID_TAKEN')
    })

    it('store credit needs a phone; a blank reason and a return before completion are refused', () => {
      assertRefused(completed(), giveBack('r1', [{ lineId: 'line-1', quantity: '1' }], 'store_credit'), 'E_SALE_RETURN_PHONE_REQUIRED')
      const toCredit = run(completed(), giveBack('r1', [{ lineId: 'line-1', quantity: '1' }], 'store_credit', { phone: '+919876543210' }))
      assert.deepEqual(toCredit.context.returns[0]!.refunds, [{ method: 'store_credit', amountPaise: 11800 }])
      assert.equal(toCredit.context.returns[0]!.storeCreditPhone, '+919876543210')
      assertRefused(completed(), giveBack('r1', [{ lineId: 'line-1', quantity: '1' }], 'original', { reason: ' ' }), 'E_SALE_RETURN_REASON_REQUIRED')
      assertRefused(tendering(), giveBack('r1', [{ lineId: 'line-1', quantity: '1' }]), 'E_SALE_WRONG_STATE')
    })
  })

  describe('documentNumber and indianDate', () => {
    it('numbers the three series of a terminal apart, each 16 characters at most', () => {
      assert.equal(documentNumber('tax_invoice', 'B1T2', '2627', 42), 'B1T2/2627/000042')
      assert.equal(documentNumber('bill_of_supply', 'B1T2', '2627', 42), 'B1T2/B2627/00042')
      assert.equal(documentNumber('credit_note', 'B1T2', '2627', 7), 'B1T2/C2627/00007')
      assert.equal(documentNumber('tax_invoice', 'S1T', '2526', 1), 'S1T/2526/0000001')
      assert.throws(() => documentNumber('credit_note', 'B1T2', '2627', 100000), { code: 'E_INVOICE_SEQUENCE_OVERFLOW' })
    })

    it('takes the date in India: 31 March 19:00 UTC is already 1 April (a new financial year)', () => {
      assert.equal(indianDate('2026-03-31T18:29:59.999Z'), '2026-03-31')
      assert.equal(indianDate('2026-03-31T18:30:00.000Z'), '2026-04-01')
    })
  })
})
