/**
 * One queue per key: work for the same key runs strictly one at a time, in
 * arrival order; different keys run in parallel. Entries vanish when idle.
 */
export class Mailboxes {
  #tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    const next = previous.then(work, work)
    const tail = next.catch(() => undefined)
    this.#tails.set(key, tail)
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    })
    return next
  }

  get size() {
    return this.#tails.size
  }
}
