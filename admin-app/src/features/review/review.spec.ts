import { describe, expect, it } from 'vitest'
import { kindText, otherFields, reviewDiff } from './review.ts'

describe('review items in words', () => {
  it('puts a renumbered invoice side by side: what the terminal proposed, what the server assigned', () => {
    const item = { data: { saleId: 's1', proposed: 'S1T1/2627/000007', assigned: 'S1T1/2627/000001' } }
    expect(kindText('invoice_number_changed')).toBe('Invoice renumbered by the server')
    expect(reviewDiff(item)).toEqual([{ field: 'invoice number', left: 'S1T1/2627/000007', right: 'S1T1/2627/000001' }])
    expect(otherFields(item)).toEqual([['saleId', 's1']])
  })

  it('shows money in rupees and lists each catalogue difference', () => {
    const item = {
      data: {
        saleId: 's1',
        soldGrandTotalPaise: 11_800,
        catalogueGrandTotalPaise: 12_300,
        differences: [{ lineId: 'l1', itemId: 'i1', field: 'price', sold: 11_800, catalogue: 12_300 }, { lineId: 'l2', itemId: 'i2', field: 'hsn', sold: '3305', catalogue: '330510' }],
      },
    }
    expect(reviewDiff(item)).toEqual([
      { field: 'grand total', left: '₹118.00', right: '₹123.00' },
      { field: 'l1 · price', left: '₹118.00', right: '₹123.00' },
      { field: 'l2 · hsn', left: '3305', right: '330510' },
    ])
  })

  it('names an unknown kind from its code', () => {
    expect(kindText('some_new_kind')).toBe('some new kind')
  })
})
