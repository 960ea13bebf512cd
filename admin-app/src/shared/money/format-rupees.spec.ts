import { describe, expect, it } from 'vitest'
import { formatRupees } from './format-rupees.ts'

describe('formatRupees', () => {
  it('groups lakhs and crores the Indian way', () => {
    expect(formatRupees(12_345_600)).toBe('₹1,23,456.00')
    expect(formatRupees(1_234_567_890)).toBe('₹1,23,45,678.90')
    expect(formatRupees(100_000_000_00)).toBe('₹10,00,00,000.00')
    expect(formatRupees(1_000_000_000_00)).toBe('₹1,00,00,00,000.00')
  })

  it('keeps two decimals for small amounts', () => {
    expect(formatRupees(0)).toBe('₹0.00')
    expect(formatRupees(5)).toBe('₹0.05')
    expect(formatRupees(99)).toBe('₹0.99')
    expect(formatRupees(100)).toBe('₹1.00')
    expect(formatRupees(99_999)).toBe('₹999.99')
  })

  it('puts the minus before the rupee sign', () => {
    expect(formatRupees(-5_000)).toBe('-₹50.00')
    expect(formatRupees(-12_345_601)).toBe('-₹1,23,456.01')
  })

  it('is exact beyond 2^53 paise when given a bigint', () => {
    expect(formatRupees(9_007_199_254_740_993n)).toBe('₹9,00,71,99,25,47,409.93')
  })

  it('refuses fractional or unsafe paise', () => {
    expect(() => formatRupees(10.5)).toThrow(RangeError)
    expect(() => formatRupees(Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError)
  })
})
