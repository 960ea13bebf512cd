/*
 * One sale at the till: the shared sale machine (@pos/state-machines) running locally, its
 * snapshot bound to signals. The terminal runs the same guards and the same GST engine as the
 * server, so what the cashier sees is what the server will compute.
 */
import { computed, type Signal } from '@angular/core'
import { createActor, type SnapshotFrom } from 'xstate'
import { applySaleEvent, saleMachine, tenderSummary, type SaleEvent, type SaleInput } from '@pos/state-machines'
import { actorSignal } from './actor-signal'

export type SaleSnapshot = SnapshotFrom<typeof saleMachine>
export type SaleDecisionResult = { ok: true } | { ok: false; code: string }

export class SaleSession {
  readonly snapshot: Signal<SaleSnapshot>
  readonly context = computed(() => this.snapshot().context)
  readonly lines = computed(() => this.context().lines)
  readonly totals = computed(() => this.context().computation?.totals ?? null)
  readonly grandTotalPaise = computed(() => this.totals()?.grandTotalPaise ?? 0)
  readonly tenders = computed(() => tenderSummary(this.context()))
  /** `cart`, `parked`, `tendering`, `completed` or `voided`. */
  readonly phase = computed(() => {
    const value = this.snapshot().value
    if (typeof value === 'string') return value
    return 'cart' in value && value.cart === 'parked' ? 'parked' : 'cart'
  })

  readonly #actor
  readonly #unbind: () => void
  /** Every event the sale accepted, in order: enough to rebuild it after a reload. */
  readonly events: SaleEvent[] = []

  constructor(readonly input: SaleInput, history: readonly SaleEvent[] = []) {
    this.#actor = createActor(saleMachine, { input })
    this.#actor.start()
    for (const event of history) this.send(event)
    const bound = actorSignal(this.#actor)
    this.snapshot = bound.snapshot
    this.#unbind = bound.unbind
  }

  get saleId(): string {
    return this.input.saleId
  }

  /** Whether the machine would take the event now, and if not, the rule's reason. */
  check(event: SaleEvent): SaleDecisionResult {
    const snapshot = this.#actor.getSnapshot()
    if (snapshot.can(event)) return { ok: true }
    const decision = applySaleEvent(snapshot.context, event)
    return { ok: false, code: decision.ok ? 'E_SALE_WRONG_STATE' : decision.code }
  }

  /** Sends the event if the machine takes it; a refused event changes nothing. */
  send(event: SaleEvent): SaleDecisionResult {
    const verdict = this.check(event)
    if (!verdict.ok) return verdict
    this.#actor.send(event)
    this.events.push(event)
    return verdict
  }

  stop(): void {
    this.#unbind()
    this.#actor.stop()
  }
}
