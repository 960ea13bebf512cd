import type { AnyStateMachine, EventObject, InputFrom } from 'xstate'
import type { Tx } from '#core/db/tenancy'

/** Identifies one actor: its tenant, kind ('store', 'terminal', 'sale', ...) and id. */
export interface ActorRef {
  tenantId: string
  kind: string
  actorId: string
}

export const actorKey = (ref: ActorRef) => `${ref.tenantId}:${ref.kind}:${ref.actorId}`

/** Who caused a command: recorded in the journal and the audit trail. */
export interface Sender {
  userId: string | null
  deviceId: string | null
}

/**
 * One command for one actor. `event` is the machine event (the host adds `at`).
 * `commandId` makes it idempotent; `terminalId` + `clientSeq` make it ordered.
 */
export interface CommandRequest {
  ref: ActorRef
  commandId: string
  commandType: string
  /** SHA-256 of the command's payload: the same id with another payload is refused. */
  payloadHash: string
  event: EventObject
  sender: Sender
  terminalId?: string | null
  clientSeq?: number | null
  /** Set when a persisted timer fires; its row is deleted in the same step. */
  timerId?: string
}

/** A fact committed to the store's event sequence, ready to push. */
export interface CommittedFact {
  tenantId: string
  storeId: string
  seq: number
  at: string
  type: string
  data: unknown
}

export interface CommandSuccess {
  commandId: string
  status: 'applied' | 'duplicate'
  actorSeq: number
  storeSeq: number | null
}

/** What the runtime answers: the stored (or fresh) result, never an exception for expected failures. */
export type CommandOutcome =
  | { ok: true; data: CommandSuccess }
  | { ok: false; error: { code: string; message: string; details?: unknown } }

/** Context a kind's domain effects receive inside the durable step. */
export interface StepContext {
  trx: Tx
  ref: ActorRef
  request: CommandRequest
  /** The actor's journal sequence this step writes. */
  seq: number
  context: unknown
  /** The step's server time (the `at` the machine event carried). */
  at: string
  /**
   * Appends a fact to the store's event sequence in this transaction; it is
   * pushed after commit, with the machine's own facts, in sequence order.
   */
  emitFact: (type: string, data: unknown) => Promise<void>
}

/**
 * How the host runs one kind of actor: its pure machine, how to start a fresh
 * one, which store its facts belong to, and the domain writes its named
 * actions imply (run inside the same transaction as the journal append).
 */
export interface ActorKind<M extends AnyStateMachine = AnyStateMachine> {
  kind: string
  machine: M
  /** Stored with snapshots; bump on incompatible machine changes. */
  version: number
  /** Input of a fresh actor; may read its tenant's rows (runs inside the step's transaction). */
  input: (ref: ActorRef, trx: Tx) => Promise<InputFrom<M>> | InputFrom<M>
  /** The store whose event sequence receives this actor's facts. */
  storeId: (ref: ActorRef, context: unknown) => string | null
  /**
   * Named actions of the machine that write domain rows. An effect that throws an
   * AppError refuses the command: the whole step rolls back (nothing is journaled,
   * the commandId is not consumed) and the sender gets the error.
   */
  effects?: Record<string, (step: StepContext, params: any) => Promise<void>>
  /**
   * Why the machine ignored an event, as a wire error code and message (e.g.
   * E_SALE_DISCOUNT_OVER_LIMIT); null or absent: the generic E_ACTOR_EVENT_REJECTED.
   */
  refusal?: (snapshot: any, event: any) => { code: string; message: string } | null
}
