import { describe, expect, it } from 'vitest'
import { newCommandId, rupeesToPaise } from './stock-forms.ts'

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
})
