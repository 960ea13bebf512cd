import { describe, expect, it } from 'vitest'
import { newCommandId, quantityThousandths, receiptLines, rupeesToPaise } from './stock-forms.ts'

describe('stock forms', () => {
  it('reads rupees into paise exactly', () => {
    expect(rupeesToPaise('1,234.5')).toBe(123_450)
    expect(rupeesToPaise('70')).toBe(7_000)
    expect(rupeesToPaise('0.07')).toBe(7)
    expect(() => rupeesToPaise('1.234')).toThrow()
    expect(() => rupeesToPaise('-5')).toThrow()
  })

  it('makes UUID v7 command ids carrying the time', () => {
    const id = newCommandId(0x0190a0000000, new Uint8Array(16))
    expect(id).toMatch(/^0190a000-0000-7000-8000-000000000000$/)
    expect(newCommandId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('reads quantities exactly', () => {
    expect(quantityThousandths('1.25')).toBe(1250)
    expect(quantityThousandths('10')).toBe(10_000)
    expect(quantityThousandths('0.001')).toBe(1)
    expect(quantityThousandths('1.2345')).toBeNull()
    expect(quantityThousandths('-1')).toBeNull()
  })

  it('receives part of a transfer, never more than is in transit', () => {
    const transfer = { lines: [{ itemId: 'a', quantityInTransit: '10' }, { itemId: 'b', quantityInTransit: '2.5' }, { itemId: 'c', quantityInTransit: '4' }] }
    expect(receiptLines(transfer, { a: '4', b: '2.500', c: '' })).toEqual({ ok: true, lines: [{ itemId: 'a', quantity: '4' }, { itemId: 'b', quantity: '2.500' }] })
    expect(receiptLines(transfer, { a: '0', b: '2.501' })).toEqual({ ok: false, errors: { b: 'only 2.5 is in transit' } })
    expect(receiptLines(transfer, { a: 'ten' })).toEqual({ ok: false, errors: { a: 'a quantity with up to 3 decimals' } })
    expect(receiptLines(transfer, { a: '0' })).toEqual({ ok: false, errors: { form: 'enter what arrived of at least one line' } })
  })
})
