import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvoiceNumberingError } from './errors.ts'
import { financialYearOf, isFinancialYearLabel } from './financial-year.ts'

describe('financialYearOf', () => {
  it('starts the financial year on 1 April', () => {
    assert.deepEqual(financialYearOf('2026-04-01'), { startYear: 2026, label: '2627', fullLabel: '2026-27' })
    assert.deepEqual(financialYearOf('2027-03-31'), { startYear: 2026, label: '2627', fullLabel: '2026-27' })
    assert.deepEqual(financialYearOf('2026-03-31'), { startYear: 2025, label: '2526', fullLabel: '2025-26' })
    assert.deepEqual(financialYearOf('2026-12-31'), { startYear: 2026, label: '2627', fullLabel: '2026-27' })
    // the IRN example in the domain doc: a document dated 03-01-2020 falls in 2019-20
    assert.equal(financialYearOf('2020-01-03').fullLabel, '2019-20')
    // across a century
    assert.deepEqual(financialYearOf('2099-06-15'), { startYear: 2099, label: '9900', fullLabel: '2099-00' })
  })

  it('accepts 29 February only in a leap year', () => {
    assert.equal(financialYearOf('2028-02-29').label, '2728')
    assert.equal(financialYearOf('2000-02-29').label, '9900')
    for (const date of ['2027-02-29', '2100-02-29']) {
      assert.throws(() => financialYearOf(date), { code: 'E_INVOICE_DATE_INVALID' })
    }
  })

  it('refuses anything but a real YYYY-MM-DD date', () => {
    for (const date of ['2026-4-1', '01-04-2026', '2026-13-01', '2026-00-10', '2026-04-31', '2026-04-00', '2026-04-01T10:00', '']) {
      assert.throws(() => financialYearOf(date), (error: unknown) => error instanceof InvoiceNumberingError && error.code === 'E_INVOICE_DATE_INVALID', date)
    }
  })
})

describe('isFinancialYearLabel', () => {
  it('wants two consecutive two-digit years', () => {
    assert.equal(isFinancialYearLabel('2627'), true)
    assert.equal(isFinancialYearLabel('9900'), true)
    assert.equal(isFinancialYearLabel('2626'), false)
    assert.equal(isFinancialYearLabel('2628'), false)
    assert.equal(isFinancialYearLabel('26-27'), false)
    assert.equal(isFinancialYearLabel('262'), false)
  })
})
