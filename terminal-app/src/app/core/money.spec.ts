import { formatInr, InrPipe, parseRupees } from './money'

describe('Indian money format', () => {
  it('groups by lakh and crore with two decimals', () => {
    expect(formatInr(12345600)).toBe('₹1,23,456.00')
    expect(formatInr(0)).toBe('₹0.00')
    expect(formatInr(5)).toBe('₹0.05')
    expect(formatInr(99999)).toBe('₹999.99')
    expect(formatInr(100000)).toBe('₹1,000.00')
    expect(formatInr(1234567890)).toBe('₹1,23,45,678.90')
    expect(formatInr(-165200)).toBe('-₹1,652.00')
  })

  it('refuses what is not a whole number of paise', () => {
    expect(formatInr(1.5)).toBe('—')
  })

  it('reads rupees as a cashier types them', () => {
    expect(parseRupees('1,250.5')).toBe(125050)
    expect(parseRupees('₹ 99')).toBe(9900)
    expect(parseRupees('12.345')).toBeNull()
    expect(parseRupees('abc')).toBeNull()
  })

  it('is a pipe for templates', () => {
    expect(new InrPipe().transform(12345600)).toBe('₹1,23,456.00')
    expect(new InrPipe().transform(null)).toBe('')
  })
})
