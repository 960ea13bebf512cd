import { describe, expect, it } from 'vitest'
import type { FactEnvelope } from '@pos/protocols'
import { describeFact } from './fact-text.ts'

const T1 = '0190a000-0000-7000-8000-0000000000b1'
const U1 = '0190a000-0000-7000-8000-0000000000e1'
const T2 = '0190a000-0000-7000-8000-0000000000b2'
const ITEM = '0190a000-0000-7000-8000-0000000000c1'
const SALE = '0190a000-0000-7000-8000-0000000000d1'
const names = {
  terminalName: (id: string | null) => (id === T1 ? 'Counter 1' : id === T2 ? 'Counter 2' : null),
  userName: (id: string | null) => (id === U1 ? 'Meena Rao' : null),
  itemName: (id: string | null) => (id === ITEM ? 'Bath soap 100 g' : null),
  saleTerminal: (id: string | null) => (id === SALE ? T2 : null),
}
const fact = (type: string, data: Record<string, unknown>) => ({ storeId: 's', seq: 1, at: '2026-04-01T04:00:00.000Z', type, data }) as FactEnvelope

describe('describeFact', () => {
  it('names terminals and people', () => {
    expect(describeFact(fact('terminal.presenceChanged', { terminalId: T1, name: 'Counter 1', presence: 'online', outboxDepth: 0 }), names)).toBe('Counter 1 is online')
    expect(describeFact(fact('terminal.presenceChanged', { terminalId: T1, name: 'Counter 1', presence: 'reconnecting', outboxDepth: 2 }), names)).toBe(
      'Counter 1 is reconnecting, 2 queued'
    )
    expect(describeFact(fact('terminal.outboxChanged', { terminalId: T1, depth: 1 }), names)).toBe('Counter 1 has 1 command waiting to sync')
    expect(describeFact(fact('cashier.signedIn', { terminalId: T1, cashierId: U1 }), names)).toBe('Meena Rao signed in on Counter 1')
    expect(describeFact(fact('store.opened', { by: U1 }), names)).toBe('Store opened by Meena Rao')
    expect(describeFact(fact('store.closed', { by: null, forced: true, reason: 'power cut' }), names)).toBe('Store closed by the system (forced: power cut)')
  })

  it('falls back to short ids and the fact type', () => {
    expect(describeFact(fact('terminal.connected', { terminalId: '0190ffff-0000-7000-8000-000000000000' }), names)).toBe('terminal 0190ffff connected')
    expect(describeFact(fact('catalog.itemChanged', {}), names)).toBe('catalog.itemChanged')
  })

  it('says what a sale did, on its terminal, with rupees the Indian way', () => {
    const totals = { grandTotalPaise: 28100 }
    expect(describeFact(fact('sale.started', { saleId: SALE, terminalId: T2, cashierId: U1, at: 'x' }), names)).toBe('Meena Rao started a sale on Counter 2')
    expect(describeFact(fact('sale.completed', { saleId: SALE, invoiceNumber: 'S1T2/2627/000001', at: 'x', lines: [], totals }), names)).toBe(
      'Counter 2 sold S1T2/2627/000001 for ₹281.00'
    )
    expect(describeFact(fact('sale.lineAdded', { saleId: SALE, line: { name: 'Bath soap 100 g', quantity: '2.000' }, grandTotalPaise: 12345600 }), names)).toBe(
      'Counter 2 added 2 × Bath soap 100 g, bill ₹1,23,456.00'
    )
    expect(describeFact(fact('sale.tenderAdded', { saleId: SALE, tender: { method: 'upi', amountPaise: 10000 }, remainingDuePaise: 18100, changeDuePaise: 0 }), names)).toBe(
      'Counter 2 took ₹100.00 by UPI, ₹181.00 still due'
    )
    expect(describeFact(fact('sale.tenderAdded', { saleId: SALE, tender: { method: 'cash', amountPaise: 30000 }, remainingDuePaise: 0, changeDuePaise: 1900 }), names)).toBe(
      'Counter 2 took ₹300.00 by cash, change ₹19.00'
    )
    expect(describeFact(fact('sale.tenderAdded', { saleId: SALE, tender: { method: 'card', amountPaise: 28100 }, remainingDuePaise: 0, changeDuePaise: 0 }), names)).toBe(
      'Counter 2 took ₹281.00 by card, paid in full'
    )
    expect(describeFact(fact('sale.voided', { saleId: SALE, reason: 'customer left', at: 'x', approverId: null, tenders: [] }), names)).toBe('Counter 2 voided a sale: customer left')
    expect(describeFact(fact('sale.parked', { saleId: 'unknown-sale', at: 'x' }), names)).toBe('A terminal parked a sale')
  })

  it('words invoices, credit notes and shifts', () => {
    const invoice = { invoiceId: 'i', saleId: SALE, terminalId: T2, number: 'S1T2/2627/000002', proposedNumber: 'S1T2/2627/000002', grandTotalPaise: 28100, offline: false }
    expect(describeFact(fact('invoice.issued', invoice), names)).toBe('Invoice S1T2/2627/000002 issued for ₹281.00 on Counter 2')
    expect(describeFact(fact('invoice.issued', { ...invoice, proposedNumber: 'S1T2/2627/000001', offline: true }), names)).toBe(
      'Invoice S1T2/2627/000002 issued for ₹281.00 on Counter 2, sold offline (numbered S1T2/2627/000001 on the terminal)'
    )
    expect(describeFact(fact('creditNote.issued', { terminalId: T2, number: 'CN1/000001', grandTotalPaise: 5000 }), names)).toBe('Credit note CN1/000001 issued for ₹50.00 on Counter 2')
    expect(describeFact(fact('shift.opened', { terminalId: T1, openedBy: U1, openingFloatPaise: 200000 }), names)).toBe('Meena Rao opened a shift on Counter 1 with ₹2,000.00 float')
    expect(describeFact(fact('shift.cashMoved', { terminalId: T1, direction: 'out', amountPaise: 50000, reason: 'bank deposit' }), names)).toBe(
      'Counter 1: ₹500.00 cash taken out (bank deposit)'
    )
    expect(describeFact(fact('shift.closed', { terminalId: T1, closedBy: U1, countedCashPaise: 250000, overridden: true }), names)).toBe(
      'Meena Rao closed the shift on Counter 1, ₹2,500.00 cash counted (closed anyway)'
    )
    expect(describeFact(fact('shift.zReported', { terminalId: T1, cashDifferencePaise: -1000 }), names)).toBe('Z report for Counter 1: cash short by ₹10.00')
    expect(describeFact(fact('shift.zReported', { terminalId: T1, cashDifferencePaise: 0 }), names)).toBe('Z report for Counter 1: cash matched')
  })

  it('names the item of a stock fact', () => {
    expect(describeFact(fact('stock.low', { itemId: ITEM, onHand: '99.000', reorderLevel: '100' }), names)).toBe('Bath soap 100 g is low: 99 left (reorder at 100)')
    expect(describeFact(fact('stock.changed', { itemId: ITEM, onHand: '98', delta: '-1.500', kind: 'sale', movementId: 'm' }), names)).toBe(
      'Bath soap 100 g: −1.5 (sold), 98 on hand'
    )
    expect(describeFact(fact('stock.changed', { itemId: '0190ffff-0000-7000-8000-0000000000c9', onHand: '12', delta: '12', kind: 'receipt', movementId: 'm' }), names)).toBe(
      'item 0190ffff: +12 (received), 12 on hand'
    )
  })
})
