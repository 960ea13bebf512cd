/**
 * Splits a whole number of paise across weights by the largest-remainder method
 * (domain doc §3.3 step 3): every share gets `floor(amount × weight / Σweights)`, then the paise
 * still missing go one each to the largest fractional remainders, the earlier item winning a tie.
 * The shares always add up to `amount` exactly and no share exceeds the ceiling of its exact
 * proportion, so a share never exceeds its own weight when `amount ≤ Σweights`.
 *
 * Used for the bill-level discount; equally suited to splitting a refund across tenders.
 *
 * @param amount - a non-negative integer to split
 * @param weights - non-negative integers, one per recipient, in a stable order
 * @returns one share per weight, in the same order
 * @throws RangeError when an input is negative, or when `amount > 0` but all weights are zero
 */
export function allocateLargestRemainder(amount: bigint, weights: readonly bigint[]): bigint[] {
  if (amount < 0n || weights.some((weight) => weight < 0n)) {
    throw new RangeError('allocateLargestRemainder: negative input')
  }
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0n)
  if (totalWeight === 0n) {
    if (amount !== 0n) throw new RangeError('allocateLargestRemainder: nothing to allocate to')
    return weights.map(() => 0n)
  }
  const parts = weights.map((weight, index) => ({
    index,
    share: (amount * weight) / totalWeight,
    remainder: (amount * weight) % totalWeight,
  }))
  let missing = amount - parts.reduce((sum, part) => sum + part.share, 0n)
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  )
  for (const part of byRemainder) {
    if (missing === 0n) break
    part.share += 1n
    missing -= 1n
  }
  return parts.map((part) => part.share)
}
