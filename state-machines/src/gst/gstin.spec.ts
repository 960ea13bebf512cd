import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { gstinCheckCharacter, validateGstin } from './gstin.ts'

describe('gstinCheckCharacter', () => {
  it('computes the check character by the mod-36 algorithm', () => {
    // 27AAPFU0939F1Z → indices 2 7 10 10 25 15 30 0 9 3 9 15 1 35, factors 1 2 1 2 …
    // products 2 14 10 20 25 30 30 0 9 6 9 30 1 70; 70 → 1 + 34 = 35; sum = 221
    // 221 mod 36 = 5 → (36 − 5) mod 36 = 31 → 'V'
    assert.equal(gstinCheckCharacter('27AAPFU0939F1Z'), 'V')
    // state 28 instead of 27: the second product is 16, sum 223, 223 mod 36 = 7 → 29 → 'T'
    assert.equal(gstinCheckCharacter('28AAPFU0939F1Z'), 'T')
    // state 99: products 9 and 18, sum 232, 232 mod 36 = 16 → 20 → 'K'
    assert.equal(gstinCheckCharacter('99AAPFU0939F1Z'), 'K')
    assert.equal(gstinCheckCharacter('27AAPFU0939F1'), undefined)
    assert.equal(gstinCheckCharacter('27aapfu0939f1z'), undefined)
  })
})

describe('validateGstin', () => {
  it('accepts valid GSTINs and returns the state code and PAN', () => {
    assert.deepEqual(validateGstin('27AAPFU0939F1ZV'), { ok: true, stateCode: '27', pan: 'AAPFU0939F' })
    assert.deepEqual(validateGstin('24AANFA2641L1ZF'), { ok: true, stateCode: '24', pan: 'AANFA2641L' })
  })

  it('refuses a wrong check character or a single changed character', () => {
    assert.deepEqual(validateGstin('27AAPFU0939F1ZW'), { ok: false, reason: 'E_GSTIN_CHECKSUM' })
    assert.deepEqual(validateGstin('27AAPFU0939F2ZV'), { ok: false, reason: 'E_GSTIN_CHECKSUM' })
    assert.deepEqual(validateGstin('27AAPFU0993F1ZV'), { ok: false, reason: 'E_GSTIN_CHECKSUM' })
  })

  it('refuses a wrong length or format', () => {
    assert.deepEqual(validateGstin('27AAPFU0939F1Z'), { ok: false, reason: 'E_GSTIN_LENGTH' })
    assert.deepEqual(validateGstin(' 27AAPFU0939F1ZV'), { ok: false, reason: 'E_GSTIN_LENGTH' })
    assert.deepEqual(validateGstin('27aapfu0939f1zv'), { ok: false, reason: 'E_GSTIN_FORMAT' })
    // NIC sandbox GSTIN: entity "0" and default character "0" do not fit the pattern
    assert.deepEqual(validateGstin('01AMBPG7773M002'), { ok: false, reason: 'E_GSTIN_FORMAT' })
    assert.deepEqual(validateGstin('27AAPF10939F1ZV'), { ok: false, reason: 'E_GSTIN_FORMAT' })
  })

  it('refuses unknown state codes, and retired ones unless asked', () => {
    assert.deepEqual(validateGstin('99AAPFU0939F1ZK'), { ok: false, reason: 'E_GSTIN_STATE_CODE' })
    assert.deepEqual(validateGstin('28AAPFU0939F1ZT'), { ok: false, reason: 'E_GSTIN_STATE_CODE' })
    assert.deepEqual(validateGstin('28AAPFU0939F1ZT', { acceptRetiredStateCodes: true }), {
      ok: true,
      stateCode: '28',
      pan: 'AAPFU0939F',
    })
  })
})
