/** Latency summaries: exact percentiles (nearest rank) over the samples kept. */
export interface Summary {
  count: number
  mean: number
  p50: number
  p95: number
  p99: number
  min: number
  max: number
}

export function summarize(samples: ArrayLike<number>): Summary | null {
  const n = samples.length
  if (n === 0) return null
  const sorted = Float64Array.from(samples).sort()
  let sum = 0
  for (const value of sorted) sum += value
  return {
    count: n,
    mean: round(sum / n),
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    min: round(sorted[0]!),
    max: round(sorted[n - 1]!),
  }
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, q: number) {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

export function round(value: number, digits = 3) {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

/** A growable Float64 buffer (latency samples of one scenario). */
export class Samples {
  #data = new Float64Array(4096)
  #length = 0

  push(value: number) {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2)
      bigger.set(this.#data)
      this.#data = bigger
    }
    this.#data[this.#length++] = value
  }

  get length() {
    return this.#length
  }

  values() {
    return this.#data.subarray(0, this.#length)
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
