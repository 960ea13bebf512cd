/** Per-socket rate limit: `capacity` commands at once, refilled at `perSecond`. */
export class TokenBucket {
  #tokens: number
  #updated = performance.now()
  readonly capacity: number
  readonly perSecond: number

  constructor(capacity: number, perSecond: number) {
    this.capacity = capacity
    this.perSecond = perSecond
    this.#tokens = capacity
  }

  take(): boolean {
    const now = performance.now()
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#updated) / 1000) * this.perSecond)
    this.#updated = now
    if (this.#tokens < 1) return false
    this.#tokens -= 1
    return true
  }
}
