import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { formatDecimal, parseDecimal, roundHalfUp } from './decimal.ts'

describe('roundHalfUp', () => {
  it('rounds exact halves up for positive values', () => {
    assert.equal(roundHalfUp(5n, 2n), 3n) // 2.5 → 3 (banker's rounding would give 2)
    assert.equal(roundHalfUp(1n, 2n), 1n) // 0.5 → 1
    assert.equal(roundHalfUp(7697n, 10n), 770n) // 769.7 → 770
    assert.equal(roundHalfUp(12349n, 100n), 123n) // 123.49 → 123
    assert.equal(roundHalfUp(12350n, 100n), 124n) // 123.50 → 124
  })

  it('rounds exact halves away from zero for negative values', () => {
    assert.equal(roundHalfUp(-5n, 2n), -3n) // -2.5 → -3 (Math.round gives -2)
    assert.equal(roundHalfUp(-3n, 2n), -2n) // -1.5 → -2
    assert.equal(roundHalfUp(-1n, 2n), -1n) // -0.5 → -1
    assert.equal(roundHalfUp(-7n, 3n), -2n) // -2.333 → -2
    assert.equal(roundHalfUp(-8n, 3n), -3n) // -2.667 → -3
    assert.equal(roundHalfUp(-12350n, 100n), -124n) // -123.50 → -124
    assert.equal(roundHalfUp(-12349n, 100n), -123n) // -123.49 → -123
  })

  it('accepts a negative denominator and defaults to 1', () => {
    assert.equal(roundHalfUp(5n, -2n), -3n) // -2.5 → -3
    assert.equal(roundHalfUp(-5n, -2n), 3n) // 2.5 → 3
    assert.equal(roundHalfUp(42n), 42n)
    assert.equal(roundHalfUp(0n, 7n), 0n)
  })

  it('refuses a zero denominator', () => {
    assert.throws(() => roundHalfUp(1n, 0n), RangeError)
  })
})

describe('parseDecimal', () => {
  it('parses plain decimals to thousandths by default', () => {
    assert.equal(parseDecimal('2.345'), 2345n)
    assert.equal(parseDecimal('18'), 18000n)
    assert.equal(parseDecimal('0.25'), 250n)
    assert.equal(parseDecimal('1.5'), 1500n)
    assert.equal(parseDecimal('007.10'), 7100n)
    assert.equal(parseDecimal('-0.5'), -500n)
    assert.equal(parseDecimal('0'), 0n)
  })

  it('parses at another scale', () => {
    assert.equal(parseDecimal('12.34', 2), 1234n)
    assert.equal(parseDecimal('12', 0), 12n)
    assert.equal(parseDecimal('12.3', 0), undefined)
  })

  it('refuses anything but a plain decimal with at most the allowed decimals', () => {
    for (const text of ['2.3456', '', ' 1', '1 ', '+1', '.5', '5.', '1e3', '1,5', 'abc', '--1', 'NaN', 'Infinity', '0x10']) {
      assert.equal(parseDecimal(text), undefined, text)
    }
  })
})

describe('formatDecimal', () => {
  it('writes the shortest exact form', () => {
    assert.equal(formatDecimal(2345n), '2.345')
    assert.equal(formatDecimal(18000n), '18')
    assert.equal(formatDecimal(1500n), '1.5')
    assert.equal(formatDecimal(250n), '0.25')
    assert.equal(formatDecimal(5n), '0.005')
    assert.equal(formatDecimal(0n), '0')
    assert.equal(formatDecimal(-500n), '-0.5')
    assert.equal(formatDecimal(1234n, 2), '12.34')
  })

  it('round-trips with parseDecimal', () => {
    for (const text of ['2.345', '18', '0.25', '1.5', '-3.001', '100']) {
      assert.equal(formatDecimal(parseDecimal(text) ?? 0n), text)
    }
  })
})
