import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { allocateLargestRemainder } from './allocation.ts'

describe('allocateLargestRemainder', () => {
  it('gives the leftover paise to the largest remainders', () => {
    // 7 × [500, 300, 200] / 1000 = [3.5, 2.1, 1.4] → floors [3, 2, 1], 1 paisa left → largest remainder (0.5)
    assert.deepEqual(allocateLargestRemainder(7n, [500n, 300n, 200n]), [4n, 2n, 1n])
    // the same weights reversed: [1.4, 2.1, 3.5] → the last line has the largest remainder
    assert.deepEqual(allocateLargestRemainder(7n, [200n, 300n, 500n]), [1n, 2n, 4n])
  })

  it('breaks a tie in favour of the earlier line', () => {
    // 100 × [100, 100, 100] / 300 = 33.33 each → floors 33, 1 paisa left, equal remainders → first line
    assert.deepEqual(allocateLargestRemainder(100n, [100n, 100n, 100n]), [34n, 33n, 33n])
    // 2 × [1, 1, 1] / 3 = 0.67 each → the first two lines
    assert.deepEqual(allocateLargestRemainder(2n, [1n, 1n, 1n]), [1n, 1n, 0n])
  })

  it('never gives anything to a zero weight and sums exactly', () => {
    // 5 × [0, 3, 0, 4] / 7 = [0, 2.14, 0, 2.86] → floors [0, 2, 0, 2], 1 left → remainder 0.86 wins
    assert.deepEqual(allocateLargestRemainder(5n, [0n, 3n, 0n, 4n]), [0n, 2n, 0n, 3n])
    assert.deepEqual(allocateLargestRemainder(0n, [0n, 0n]), [0n, 0n])
    assert.deepEqual(allocateLargestRemainder(9n, [9n]), [9n])
  })

  it('refuses negative input and an amount with nowhere to go', () => {
    assert.throws(() => allocateLargestRemainder(-1n, [1n]), RangeError)
    assert.throws(() => allocateLargestRemainder(1n, [-1n, 2n]), RangeError)
    assert.throws(() => allocateLargestRemainder(1n, [0n, 0n]), RangeError)
    assert.throws(() => allocateLargestRemainder(1n, []), RangeError)
  })
})
