import { effect, Injector, runInInjectionContext } from '@angular/core'
import { TestBed } from '@angular/core/testing'
import type { SaleInput } from '@pos/state-machines'
import { SaleSession } from './sale-session'

const input: SaleInput = {
  saleId: '01a20f20-ffe4-77b0-91ba-c791fcd2d0b4',
  storeId: 'store-1',
  terminalId: 'terminal-1',
  cashierId: 'cashier-1',
  supplierStateCode: '29',
  pricesIncludeTax: true,
  composition: false,
  limits: { maxLineDiscountPercent: '5', maxBillDiscountPercent: '2', priceOverride: false },
}

const soap = { lineId: 'L1', itemId: '0190a000-0000-7000-8000-000000000001', sku: 'SOAP', name: 'Soap 100 g', hsn: '3401', quantity: '2', unitPricePaise: 11800, ratePercent: '18' }

describe('SaleSession (sale machine bound to signals)', () => {
  it('starts in the cart and follows each accepted event in its signals', () => {
    const sale = new SaleSession(input)
    expect(sale.phase()).toBe('cart')
    expect(sale.grandTotalPaise()).toBe(0)
    expect(sale.send({ type: 'sale.addLine', line: soap })).toEqual({ ok: true })
    expect(sale.lines().length).toBe(1)
    // MRP-inclusive ₹118 × 2 at 18 %: taxable ₹200, CGST ₹18 + SGST ₹18, total ₹236.
    expect(sale.totals()).toMatchObject({ taxablePaise: 20000, cgstPaise: 1800, sgstPaise: 1800, grandTotalPaise: 23600 })
  })

  it('refuses what the shared rules refuse, with their code, and changes nothing', () => {
    const sale = new SaleSession(input)
    sale.send({ type: 'sale.addLine', line: soap })
    const before = sale.snapshot()
    expect(sale.send({ type: 'sale.discountLine', lineId: 'L1', discount: { percent: '10' } })).toEqual({ ok: false, code: 'E_SALE_DISCOUNT_OVER_LIMIT' })
    expect(sale.send({ type: 'sale.startTender' })).toEqual({ ok: true })
    expect(sale.send({ type: 'sale.addTender', tender: { tenderId: 'T1', method: 'upi', amountPaise: 99999 } })).toEqual({
      ok: false,
      code: 'E_SALE_TENDER_EXCEEDS_DUE',
    })
    expect(sale.snapshot()).not.toBe(before)
    expect(sale.events.map((e) => e.type)).toEqual(['sale.addLine', 'sale.startTender'])
  })

  it('takes split tenders with change and completes with the number it is given', () => {
    const sale = new SaleSession(input)
    sale.send({ type: 'sale.addLine', line: soap })
    sale.send({ type: 'sale.startTender' })
    expect(sale.phase()).toBe('tendering')
    sale.send({ type: 'sale.addTender', tender: { tenderId: 'T1', method: 'upi', amountPaise: 10000, reference: 'RRN1' } })
    expect(sale.tenders().remainingDuePaise).toBe(13600)
    sale.send({ type: 'sale.addTender', tender: { tenderId: 'T2', method: 'cash', amountPaise: 20000 } })
    expect(sale.tenders().changeDuePaise).toBe(6400)
    expect(sale.send({ type: 'sale.complete', invoiceNumber: 'S1T1/2627/000001', at: '2026-11-24T10:00:00.000Z' })).toEqual({ ok: true })
    expect(sale.phase()).toBe('completed')
    expect(sale.context().invoiceNumber).toBe('S1T1/2627/000001')
  })

  it('rebuilds the same sale from its recorded events (after a reload)', () => {
    const sale = new SaleSession(input)
    sale.send({ type: 'sale.addLine', line: soap })
    sale.send({ type: 'sale.park', at: '2026-11-24T10:00:00.000Z' })
    const rebuilt = new SaleSession(input, sale.events)
    expect(rebuilt.phase()).toBe('parked')
    expect(rebuilt.context()).toEqual(sale.context())
  })

  it('drives effects and computed values in Angular', () => {
    const sale = new SaleSession(input)
    const seen: number[] = []
    runInInjectionContext(TestBed.inject(Injector), () => effect(() => void seen.push(sale.grandTotalPaise())))
    TestBed.tick()
    sale.send({ type: 'sale.addLine', line: soap })
    TestBed.tick()
    sale.send({ type: 'sale.changeQuantity', lineId: 'L1', quantity: '3' })
    TestBed.tick()
    expect(seen).toEqual([0, 23600, 35400])
  })
})
