/*
 * Cell values as people type them in a spreadsheet, both ways (no database).
 */
import { test } from '@japa/runner'
import { csvLine, unescapeCsvCell } from '../formats/csv_writer.js'
import {
  formatRupees,
  formatVariant,
  parseBarcodes,
  parseHsn,
  parseQuantity,
  parseRupees,
  parseVariant,
  parseYesNo,
} from './values.js'

test.group('catalog file values', () => {
  test('rupees: plain, international and Indian grouping, a rupee sign; never a float', ({ assert }) => {
    const paise = (text: string) => {
      const parsed = parseRupees(text)
      return parsed.ok ? parsed.value : parsed.reason
    }
    assert.deepEqual(
      ['1234.50', '1234.5', '1,234.50', '1,23,456.00', '12,34,56,789.99', '1,234,567.89', '₹ 99', 'Rs.10', '0.07', '007', '0.10'].map(paise),
      [123_450, 123_450, 123_450, 12_345_600, 123_456_789_99, 123_456_789, 9_900, 1_000, 7, 700, 10]
    )
    assert.deepEqual(['-5', '(5)'].map(paise), ['must not be negative', 'must not be negative'])
    for (const wrong of ['12,34', '1,2345', '1.234', '1.2.3', 'abc', '1e3', ',123']) assert.isFalse(parseRupees(wrong).ok, wrong)
    assert.deepEqual([0, 7, 10, 123_450, 12_345_600].map(formatRupees), ['0.00', '0.07', '0.10', '1234.50', '123456.00'])
  })

  test('quantities, HSN codes, yes/no', ({ assert }) => {
    assert.deepEqual(['10', '10.000', '2.5', '0.125', '007'].map((text) => parseQuantity(text)), [
      { ok: true, value: '10' },
      { ok: true, value: '10' },
      { ok: true, value: '2.5' },
      { ok: true, value: '0.125' },
      { ok: true, value: '7' },
    ])
    for (const wrong of ['-1', '1.2345', 'x']) assert.isFalse(parseQuantity(wrong).ok, wrong)
    assert.deepEqual(['1006', '902', '100630', '40210', '8471300', '0402'].map((text) => parseHsn(text)), [
      { ok: true, value: '1006' },
      { ok: true, value: '0902' },
      { ok: true, value: '100630' },
      { ok: true, value: '040210' },
      { ok: true, value: '08471300' },
      { ok: true, value: '0402' },
    ])
    for (const wrong of ['99', '123456789', '10A6']) assert.isFalse(parseHsn(wrong).ok, wrong)
    assert.deepEqual(['yes', 'Y', 'TRUE', '1', 'no', 'n', 'False', '0'].map((text) => parseYesNo(text)), [
      ...Array(4).fill({ ok: true, value: true }),
      ...Array(4).fill({ ok: true, value: false }),
    ])
  })

  test('variants: a label or option pairs, written back as read', ({ assert }) => {
    assert.deepEqual(parseVariant('500 g'), { ok: true, value: { label: '500 g' } })
    assert.deepEqual(parseVariant('Size: 500 g; Pack: 2;'), { ok: true, value: { Size: '500 g', Pack: '2' } })
    assert.isFalse(parseVariant('Size: 1; Size: 2').ok)
    assert.isFalse(parseVariant('Size:').ok)
    for (const text of ['500 g', 'Size: 500 g; Pack: 2']) {
      const parsed = parseVariant(text)
      assert.equal(formatVariant(parsed.ok ? parsed.value : {}), text)
    }
  })

  test('barcodes: split on |, duplicates dropped, GTIN-shaped codes marked', ({ assert }) => {
    assert.deepEqual(parseBarcodes(' 8901234567890 | ABC-12 |8901234567890|| 12345678 '), {
      ok: true,
      value: [
        { code: '8901234567890', gtinShaped: true },
        { code: 'ABC-12', gtinShaped: false },
        { code: '12345678', gtinShaped: true },
      ],
    })
    assert.isFalse(parseBarcodes('12 3').ok)
  })

  test('CSV cells: quoting, and formula-like text guarded on export and restored on import', ({ assert }) => {
    assert.equal(csvLine(['a', 'b,c', 'say "hi"', ' padded', '=SUM(A1)', '-5', 'x']), 'a,"b,c","say ""hi"""," padded",\'=SUM(A1),\'-5,x\r\n')
    assert.deepEqual(["'=SUM(A1)", "'-5", "'plain", 'plain'].map(unescapeCsvCell), ['=SUM(A1)', '-5', "'plain", 'plain'])
  })
})
