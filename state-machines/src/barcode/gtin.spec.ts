import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { gtinCheckDigit, isValidEan13, isValidGtin } from './gtin.ts'

describe('GTIN check digits', () => {
  it('computes the EAN-13 check digit', () => {
    // 400638133393: weights 3,1,3,… from the right: 3·3+9+3·3+3+3·3+1+8·3+3+6·3+0+0·3+4 = 89 → 10 − 9 = 1
    assert.equal(gtinCheckDigit('400638133393'), 1)
    // GS1's example 590123412345: 5·3+4+3·3+2+1·3+4+3·3+2+1·3+0+9·3+5 = 83 → 7
    assert.equal(gtinCheckDigit('590123412345'), 7)
    // an 890 (India) code 890103086527: 7·3+2+5·3+6+8·3+0+3·3+0+1·3+0+9·3+8 = 115 → 5
    assert.equal(gtinCheckDigit('890103086527'), 5)
    // a multiple of 10 gives 0: 000000000000
    assert.equal(gtinCheckDigit('000000000000'), 0)
    assert.equal(gtinCheckDigit(''), undefined)
    assert.equal(gtinCheckDigit('12a'), undefined)
  })

  it('validates EAN-13 codes', () => {
    assert.equal(isValidEan13('4006381333931'), true)
    assert.equal(isValidEan13('5901234123457'), true)
    assert.equal(isValidEan13('8901030865275'), true)
    assert.equal(isValidEan13('8901030865278'), false)
    assert.equal(isValidEan13('5901234123451'), false)
    assert.equal(isValidEan13('590123412345'), false)
    assert.equal(isValidEan13('590123412345A'), false)
  })

  it('validates the other GTIN lengths with the same algorithm', () => {
    // EAN-8 9638507: 7·3+0+5·3+8+3·3+6+9·3 = 86 → 4
    assert.equal(isValidGtin('96385074'), true)
    // UPC-A 03600029145: 5·3+4+1·3+9+2·3+0+0·3+0+6·3+3+0·3 = 58 → 2
    assert.equal(isValidGtin('036000291452'), true)
    assert.equal(isValidGtin('036000291453'), false)
    assert.equal(isValidGtin('1234567890'), false) // not a GTIN length
  })
})
