import type { CatchUpResult, FactEnvelope, StoreSnapshot } from '@pos/protocols'

/**
 * One socket's view of its store's facts: every fact after the last one it was
 * sent, once, in sequence order. Facts can arrive out of order (actors of one
 * store may run on different nodes) or overlap a catch-up; a gap is filled from
 * the store's event log (every sequence below a fact that exists is committed).
 */
export class FactStream {
  #last: number | null = null
  #pending: FactEnvelope[] = []
  #filling = false
  #send: (fact: FactEnvelope) => void
  #sendSnapshot: (snapshot: StoreSnapshot) => void
  #after: (seq: number) => Promise<CatchUpResult>

  constructor(options: {
    send: (fact: FactEnvelope) => void
    sendSnapshot: (snapshot: StoreSnapshot) => void
    after: (seq: number) => Promise<CatchUpResult>
  }) {
    this.#send = options.send
    this.#sendSnapshot = options.sendSnapshot
    this.#after = options.after
  }

  /** Starts after `seq`: what the client already has (its lastStoreSeq, or the latest sequence for a fresh client). */
  async start(seq: number) {
    this.#last = seq
    await this.#fill()
  }

  offer(fact: FactEnvelope) {
    if (this.#last === null || this.#filling) {
      this.#pending.push(fact)
      return
    }
    if (fact.seq <= this.#last) return
    if (fact.seq === this.#last + 1) {
      this.#send(fact)
      this.#last = fact.seq
      return
    }
    this.#pending.push(fact)
    void this.#fill()
  }

  async #fill() {
    if (this.#filling || this.#last === null) return
    this.#filling = true
    try {
      const result = await this.#after(this.#last)
      if (result.snapshot) {
        this.#sendSnapshot(result.snapshot)
        this.#last = Math.max(this.#last, result.snapshot.seq)
      }
      for (const fact of result.facts) {
        if (fact.seq === this.#last + 1) {
          this.#send(fact)
          this.#last = fact.seq
        }
      }
    } finally {
      this.#filling = false
    }
    const pending = this.#pending.sort((a, b) => a.seq - b.seq)
    this.#pending = []
    for (const fact of pending) this.offer(fact)
  }
}
