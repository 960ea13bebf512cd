import { describe, expect, it } from 'vitest'
import { storeIdSchema, type FactEnvelope } from '@pos/protocols'
import { applyFacts, initialFeed } from './store-feed.ts'
import { RECENT_INVOICES, applySalesFact, emptySalesPicture, mergeInvoices, type RecentInvoice } from './sales-picture.ts'

const STORE = storeIdSchema.parse('0190a000-0000-7000-8000-0000000000a1')
const T1 = '0190a000-0000-7000-8000-0000000000b1'
const S1 = '0190a000-0000-7000-8000-0000000000c1'
let seq = 0
const fact = (type: string, data: Record<string, unknown>): FactEnvelope => ({ storeId: STORE, seq: ++seq, at: `2026-04-01T05:00:${String(seq).padStart(2, '0')}.000Z`, type, data }) as unknown as FactEnvelope

describe('sales picture', () => {
  it("follows a terminal's cart from sale.started to the invoice, and lists the invoice", () => {
    const facts = [
      fact('sale.started', { saleId: S1, terminalId: T1, cashierId: 'u1', at: 'x' }),
      fact('sale.lineAdded', { saleId: S1, line: {}, grandTotalPaise: 23_600 }),
      fact('sale.lineAdded', { saleId: S1, line: {}, grandTotalPaise: 28_100 }),
      fact('sale.tenderAdded', { saleId: S1, tender: {}, remainingDuePaise: 0, changeDuePaise: 0 }),
    ]
    let feed = applyFacts(initialFeed(STORE, [], '2026-04-01'), facts, 'Asia/Kolkata')
    expect(feed.sales.carts[T1]).toEqual({ saleId: S1, terminalId: T1, grandTotalPaise: 28_100, lines: 2, status: 'tendering' })
    feed = applyFacts(
      feed,
      [
        fact('sale.completed', { saleId: S1, invoiceNumber: 'S1T1/2627/000001', at: 'x', lines: [], totals: {} }),
        fact('invoice.issued', { invoiceId: 'i1', saleId: S1, terminalId: T1, number: 'S1T1/2627/000001', proposedNumber: 'S1T1/2627/000001', grandTotalPaise: 28_100, offline: false }),
      ],
      'Asia/Kolkata'
    )
    expect(feed.sales.carts[T1]).toBeUndefined()
    expect(feed.sales.invoices.map((i) => [i.number, i.grandTotalPaise, i.saleId])).toEqual([['S1T1/2627/000001', 28_100, S1]])
  })

  it('ignores sale facts of a sale it never saw start, and a voided cart leaves the terminal', () => {
    expect(applySalesFact(emptySalesPicture(), fact('sale.lineAdded', { saleId: S1, grandTotalPaise: 1 }))).toEqual(emptySalesPicture())
    let picture = applySalesFact(emptySalesPicture(), fact('sale.started', { saleId: S1, terminalId: T1 }))
    picture = applySalesFact(picture, fact('sale.parked', { saleId: S1, at: 'x' }))
    expect(picture.carts[T1]!.status).toBe('parked')
    picture = applySalesFact(picture, fact('sale.voided', { saleId: S1, reason: 'r', at: 'x', approverId: null, tenders: [] }))
    expect(picture.carts).toEqual({})
  })

  it('merges loaded and live invoices newest first, each once, at most ten', () => {
    const inv = (id: string, at: string): RecentInvoice => ({ id, saleId: id, terminalId: T1, number: id, grandTotalPaise: 100, at, offline: false })
    const loaded = Array.from({ length: 12 }, (_, i) => inv(`a${i}`, `2026-04-01T04:${String(i).padStart(2, '0')}:00Z`))
    const merged = mergeInvoices([inv('a11', '2026-04-01T04:11:00Z'), inv('new', '2026-04-01T05:00:00Z')], loaded)
    expect(merged).toHaveLength(RECENT_INVOICES)
    expect(merged.slice(0, 3).map((i) => i.id)).toEqual(['new', 'a11', 'a10'])
  })
})
