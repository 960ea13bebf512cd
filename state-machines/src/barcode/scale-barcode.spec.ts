import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { BarcodeRuleError, parseBarcode, validateBarcodeRule } from './scale-barcode.ts'
import type { EmbeddedBarcodeRule } from './scale-barcode.ts'

const WEIGHT_21: EmbeddedBarcodeRule = { prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 }
const PRICE_22: EmbeddedBarcodeRule = { prefix: '22', kind: 'price', itemCodeDigits: 5, valueDigits: 5, valueScale: 2 }
const RUPEES_23: EmbeddedBarcodeRule = { prefix: '23', kind: 'price', itemCodeDigits: 6, valueDigits: 4, valueScale: 0 }
const RULES = [WEIGHT_21, PRICE_22, RUPEES_23]

describe('parseBarcode', () => {
  it('reads a weight label', () => {
    // 21 01234 01250 C: body 210123401250, weighted sum 0+5+6+1+0+4+9+2+3+0+3+2 = 35 → C = 5; 1250 g = 1.25 kg
    assert.deepEqual(parseBarcode('2101234012505', RULES), {
      kind: 'weight',
      code: '2101234012505',
      prefix: '21',
      itemCode: '01234',
      quantity: '1.25',
    })
  })

  it('reads a price label in paise and one in whole rupees', () => {
    // 22 00042 04599 C: 27+9+15+4+0+2+12+0+0+0+6+2 = 77 → C = 3; ₹45.99
    assert.deepEqual(parseBarcode('2200042045993', RULES), {
      kind: 'price',
      code: '2200042045993',
      prefix: '22',
      itemCode: '00042',
      pricePaise: 4599,
    })
    // 23 000777 0120 C: 0+2+3+0+21+7+21+0+0+0+9+2 = 65 → C = 5; ₹120 = 12000 paise
    assert.deepEqual(parseBarcode('2300077701205', RULES), {
      kind: 'price',
      code: '2300077701205',
      prefix: '23',
      itemCode: '000777',
      pricePaise: 12000,
    })
  })

  it('prefers the longest matching prefix', () => {
    const catchAll: EmbeddedBarcodeRule = { prefix: '2', kind: 'price', itemCodeDigits: 6, valueDigits: 5, valueScale: 2 }
    // 21… still reads as a weight
    assert.equal(parseBarcode('2101234012505', [catchAll, WEIGHT_21]).kind, 'weight')
    // 2 500001 01999 C: 27+9+27+1+0+1+0+0+0+0+15+2 = 82 → C = 8; only the "2" rule matches
    assert.deepEqual(parseBarcode('2500001019998', [catchAll, WEIGHT_21]), {
      kind: 'price',
      code: '2500001019998',
      prefix: '2',
      itemCode: '500001',
      pricePaise: 1999,
    })
  })

  it('refuses a bad check digit, a zero value and an empty scan', () => {
    assert.deepEqual(parseBarcode('2101234012504', RULES), { kind: 'invalid', code: '2101234012504', reason: 'E_BARCODE_CHECK_DIGIT' })
    assert.deepEqual(parseBarcode('5901234123451', RULES), { kind: 'invalid', code: '5901234123451', reason: 'E_BARCODE_CHECK_DIGIT' })
    // 21 01234 00000 C: 0+0+0+0+0+4+9+2+3+0+3+2 = 23 → C = 7
    assert.deepEqual(parseBarcode('2101234000007', RULES), { kind: 'invalid', code: '2101234000007', reason: 'E_BARCODE_ZERO_VALUE' })
    assert.deepEqual(parseBarcode('  ', RULES), { kind: 'invalid', code: '', reason: 'E_BARCODE_EMPTY' })
  })

  it('passes other codes through as plain', () => {
    assert.deepEqual(parseBarcode('8901030865275\r\n', RULES), { kind: 'plain', code: '8901030865275' })
    assert.deepEqual(parseBarcode('2101234012505'), { kind: 'plain', code: '2101234012505' }) // no rules
    assert.deepEqual(parseBarcode('96385074', RULES), { kind: 'plain', code: '96385074' })
    assert.deepEqual(parseBarcode('SKU-00042', RULES), { kind: 'plain', code: 'SKU-00042' })
    assert.deepEqual(parseBarcode('1234567890', RULES), { kind: 'plain', code: '1234567890' })
  })

  it('throws on an invalid rule', () => {
    const tooLong = { ...WEIGHT_21, valueDigits: 6 }
    assert.throws(
      () => parseBarcode('2101234012505', [tooLong]),
      (error: unknown) => error instanceof BarcodeRuleError && error.code === 'E_BARCODE_RULE_INVALID' && error.reason === 'E_BARCODE_RULE_DIGITS',
    )
  })
})

describe('validateBarcodeRule', () => {
  it('accepts the documented rules', () => {
    for (const rule of RULES) assert.deepEqual(validateBarcodeRule(rule), { ok: true })
  })

  it('refuses inconsistent rules', () => {
    assert.deepEqual(validateBarcodeRule({ ...WEIGHT_21, prefix: '2A' }), { ok: false, reason: 'E_BARCODE_RULE_PREFIX' })
    assert.deepEqual(validateBarcodeRule({ ...WEIGHT_21, prefix: '' }), { ok: false, reason: 'E_BARCODE_RULE_PREFIX' })
    const kind = 'count' as EmbeddedBarcodeRule['kind']
    assert.deepEqual(validateBarcodeRule({ ...WEIGHT_21, kind }), { ok: false, reason: 'E_BARCODE_RULE_KIND' })
    assert.deepEqual(validateBarcodeRule({ ...WEIGHT_21, itemCodeDigits: 4 }), { ok: false, reason: 'E_BARCODE_RULE_DIGITS' })
    assert.deepEqual(validateBarcodeRule({ ...WEIGHT_21, itemCodeDigits: 0, valueDigits: 10 }), { ok: false, reason: 'E_BARCODE_RULE_DIGITS' })
    // a weight finer than 3 decimals, or a price finer than paise, cannot be held exactly
    assert.deepEqual(validateBarcodeRule({ ...WEIGHT_21, valueScale: 4 }), { ok: false, reason: 'E_BARCODE_RULE_SCALE' })
    assert.deepEqual(validateBarcodeRule({ ...PRICE_22, valueScale: 3 }), { ok: false, reason: 'E_BARCODE_RULE_SCALE' })
    assert.deepEqual(validateBarcodeRule({ ...PRICE_22, valueScale: -1 }), { ok: false, reason: 'E_BARCODE_RULE_SCALE' })
  })
})
