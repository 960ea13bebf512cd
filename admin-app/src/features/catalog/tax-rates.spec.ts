import { describe, expect, it } from 'vitest'
import { rateBody, rateText, todayInIndia } from './tax-rates.ts'
import { taxClasses } from './fixtures.test-support.ts'

describe('tax rates', () => {
  it('takes today in India, not in UTC', () => {
    expect(todayInIndia(new Date('2026-03-31T19:00:00Z'))).toBe('2026-04-01')
    expect(todayInIndia(new Date('2026-03-31T18:00:00Z'))).toBe('2026-03-31')
  })

  it('accepts a rate from today or later, cess 0 when left empty', () => {
    expect(rateBody({ effectiveFrom: '2026-12-01', ratePercent: '12.5', cessPercent: '' }, '2026-11-24')).toEqual({
      ok: true,
      body: { effectiveFrom: '2026-12-01', ratePercent: '12.5', cessPercent: '0' },
    })
    expect(rateBody({ effectiveFrom: '2026-11-24', ratePercent: '5', cessPercent: '1' }, '2026-11-24').ok).toBe(true)
  })

  it('refuses a past date, a date the class already has, and a bad percent', () => {
    expect(rateBody({ effectiveFrom: '2026-11-23', ratePercent: '5', cessPercent: '' }, '2026-11-24')).toMatchObject({ ok: false, errors: { effectiveFrom: expect.stringMatching(/past date/) } })
    expect(rateBody({ effectiveFrom: '2027-04-01', ratePercent: '5', cessPercent: '' }, '2026-11-24', taxClasses[0])).toEqual({
      ok: false,
      errors: { effectiveFrom: 'GST18 already has a rate from 2027-04-01' },
    })
    expect(rateBody({ effectiveFrom: '', ratePercent: '18.123', cessPercent: '' }, '2026-11-24')).toMatchObject({ ok: false, errors: { effectiveFrom: expect.any(String), ratePercent: expect.any(String) } })
    expect(rateBody({ effectiveFrom: '2026-12-01', ratePercent: '101', cessPercent: '' }, '2026-11-24')).toMatchObject({ ok: false, errors: { ratePercent: 'at most 100' } })
  })

  it('words a rate', () => {
    expect(rateText({ ratePercent: '28', cessPercent: '12' })).toBe('28 % + 12 % cess')
    expect(rateText({ ratePercent: '5', cessPercent: '0' })).toBe('5 %')
  })
})
