import { initialTransition, transition, type AnyMachineSnapshot, type EventObject } from 'xstate'
import { withTenant } from '#core/db/tenancy'
import { AppError } from '#core/errors'
import { actorRepository } from './actor_repository.js'
import { Mailboxes } from './mailbox.js'
import { FencedError, LocalPlacement, type LocalExecutor, type Placement } from './placement.js'
import {
  actorKey,
  type ActorKind,
  type ActorRef,
  type CommandOutcome,
  type CommandRequest,
  type CommittedFact,
} from './types.js'

interface CachedActor {
  seq: number
  snapshot: AnyMachineSnapshot
  lastUsed: number
}

/** The runtime's own action vocabulary; anything else must be a kind's named effect. */
type RuntimeAction =
  | { type: 'emitFact'; params: { type: string; data: unknown } }
  | { type: 'schedule'; params: { key: string; delayMs: number; event: EventObject } }
  | { type: 'cancelSchedule'; params: { key: string } }
  | { type: 'enqueue'; params: { topic: string; key?: string; payload: unknown } }

class RejectedError extends Error {}

export interface ActorHostOptions {
  nodeId: string
  /** A snapshot is persisted every N journal entries. */
  snapshotEvery?: number
  /** Idle actors are passivated after this long. */
  idleMs?: number
  /** At most this many actors stay in memory (least recently used go first). */
  maxActors?: number
  logger?: { error: (obj: unknown, msg: string) => void; warn: (obj: unknown, msg: string) => void }
}

/**
 * Hosts virtual actors: an actor is its pure XState machine plus a cached
 * snapshot, activated from Postgres on first use (latest snapshot + journal
 * tail) and passivated when idle. Each command for an actor runs alone
 * (a mailbox per actor) as ONE durable step: claim the commandId, lock the
 * actor row, compute the transition, append the journal, write the facts,
 * timers, outbox rows and domain rows it implies, store the result — in one
 * transaction. Only after commit are facts published. A machine that throws
 * fails its own command, never the node.
 */
export class ActorHost implements LocalExecutor {
  readonly nodeId: string
  #kinds = new Map<string, ActorKind>()
  #cache = new Map<string, CachedActor>()
  #mailboxes = new Mailboxes()
  #placement: Placement
  #factListeners: Array<(facts: CommittedFact[]) => void> = []
  #options: Required<Omit<ActorHostOptions, 'logger'>> & Pick<ActorHostOptions, 'logger'>
  #sweeper: NodeJS.Timeout
  #stopped = false

  constructor(options: ActorHostOptions) {
    this.nodeId = options.nodeId
    this.#options = { snapshotEvery: 25, idleMs: 5 * 60_000, maxActors: 10_000, ...options }
    this.#placement = new LocalPlacement(options.nodeId, this)
    this.#sweeper = setInterval(() => this.#passivateIdle(), Math.min(this.#options.idleMs, 60_000))
    this.#sweeper.unref()
  }

  register(kind: ActorKind) {
    this.#kinds.set(kind.kind, kind)
  }

  /** Adds named effects to a registered kind (a module providing the domain writes of another module's machine). */
  addEffects(kind: string, effects: NonNullable<ActorKind['effects']>) {
    const registered = this.#requireKind(kind)
    for (const name of Object.keys(effects)) {
      if (registered.effects?.[name]) throw new Error(`effect ${name} of ${kind} is provided twice`)
    }
    this.#kinds.set(kind, { ...registered, effects: { ...registered.effects, ...effects } })
  }

  kind(name: string) {
    return this.#kinds.get(name)
  }

  usePlacement(placement: Placement) {
    this.#placement = placement
  }

  /** Called after each commit with the facts it produced, in store-sequence order. */
  onFacts(listener: (facts: CommittedFact[]) => void) {
    this.#factListeners.push(listener)
  }

  /** Sends a command to its actor, wherever the actor lives. */
  dispatch(request: CommandRequest): Promise<CommandOutcome> {
    if (this.#stopped) {
      return Promise.resolve({ ok: false, error: { code: 'E_ACTOR_UNAVAILABLE', message: 'This server is shutting down; retry' } })
    }
    if (!this.#kinds.has(request.ref.kind)) {
      return Promise.resolve({ ok: false, error: { code: 'E_NOT_FOUND', message: `No actor kind ${request.ref.kind}` } })
    }
    return this.#placement.route(request)
  }

  executeLocal(request: CommandRequest, epoch: number): Promise<CommandOutcome> {
    const key = actorKey(request.ref)
    return this.#mailboxes.run(key, () => this.#stepWithRetry(request, epoch))
  }

  evict(key: string) {
    this.#cache.delete(key)
  }

  get activeActors() {
    return this.#cache.size
  }

  /** Resolves once every command already accepted has finished (or after `timeoutMs`). */
  async drain(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs
    while (this.#mailboxes.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
  }

  async stop() {
    this.#stopped = true
    clearInterval(this.#sweeper)
    await this.#placement.stop()
  }

  /** Rebuilds an actor's state at its latest sequence, without executing anything. */
  async load(ref: ActorRef) {
    const kind = this.#requireKind(ref.kind)
    return withTenant(ref.tenantId, async (trx) => {
      const row = await trx.from('actors').select('seq').where({ tenant_id: ref.tenantId, kind: ref.kind, actor_id: ref.actorId }).first()
      return this.#rebuild(trx, kind, ref, row ? Number(row.seq) : 0)
    })
  }

  async #stepWithRetry(request: CommandRequest, epoch: number): Promise<CommandOutcome> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#step(request, epoch)
      } catch (error) {
        if (error instanceof FencedError) throw error
        const code = (error as { code?: string }).code
        // 23505: another writer appended this sequence first; 40001/40P01: serialisation or deadlock.
        if ((code === '23505' || code === '40001' || code === '40P01') && attempt < 3) {
          this.evict(actorKey(request.ref))
          continue
        }
        this.evict(actorKey(request.ref))
        this.#options.logger?.error({ err: error, ref: request.ref, commandId: request.commandId }, 'actor command failed')
        return {
          ok: false,
          error: { code: 'E_ACTOR_FAILED', message: 'The command could not be applied; nothing was changed. Retry, or report it if it persists' },
        }
      }
    }
  }

  async #step(request: CommandRequest, epoch: number): Promise<CommandOutcome> {
    const { ref } = request
    const kind = this.#requireKind(ref.kind)
    const key = actorKey(ref)
    const at = new Date().toISOString()
    const committedFacts: CommittedFact[] = []

    const outcome = await withTenant(ref.tenantId, async (trx): Promise<CommandOutcome & { snapshot?: AnyMachineSnapshot; seq?: number }> => {
      if (!(await actorRepository.claimCommand(trx, request))) {
        const prior = await actorRepository.findCommand(trx, request.commandId)
        if (!prior) {
          // Tell the terminal where its sequence stands, so its outbox can renumber what it has not sent.
          const last = request.terminalId ? await actorRepository.lastClientSeq(trx, ref.tenantId, request.terminalId) : null
          return {
            ok: false,
            error: {
              code: 'E_COMMAND_OUT_OF_ORDER',
              message: `clientSeq ${request.clientSeq} was already used by another command`,
              ...(last === null ? {} : { details: { expected: last + 1 } }),
            },
          }
        }
        if (prior.payload_hash !== request.payloadHash) {
          return { ok: false, error: { code: 'E_COMMAND_ID_REUSED', message: 'This commandId was used for a different command' } }
        }
        const stored = prior.result!
        return stored.ok ? { ok: true, data: { ...stored.data, status: 'duplicate' } } : stored
      }

      if (request.terminalId && request.clientSeq) {
        const last = await actorRepository.lockCursor(trx, ref.tenantId, request.terminalId)
        if (request.clientSeq !== last + 1) {
          // Rolling back also releases the claim, so the command can come again in order.
          throw new RejectedError(JSON.stringify({ code: 'E_COMMAND_OUT_OF_ORDER', message: `Expected clientSeq ${last + 1}, got ${request.clientSeq}`, details: { expected: last + 1 } }))
        }
        await actorRepository.advanceCursor(trx, ref.tenantId, request.terminalId, request.clientSeq)
      }

      const row = await actorRepository.lockActor(trx, ref, kind.version)
      if (epoch > 0 && row.epoch > epoch) throw new FencedError()
      if (request.timerId && !(await actorRepository.deleteTimer(trx, request.timerId))) {
        // Cancelled or re-armed since the poller read it: nothing to deliver.
        const stale: CommandOutcome = { ok: false, error: { code: 'E_ACTOR_EVENT_REJECTED', message: 'The timer was cancelled' } }
        await actorRepository.storeResult(trx, request.commandId, stale)
        return stale
      }
      const cached = this.#cache.get(key)
      const before = cached && cached.seq === row.seq ? cached.snapshot : await this.#rebuild(trx, kind, ref, row.seq)

      const event = { ...request.event, at }
      const [after, actions] = transition(kind.machine, before, event as never)
      if (after === before) {
        const reason = kind.refusal?.(before, event)
        const refused: CommandOutcome = {
          ok: false,
          error: {
            code: reason?.code ?? 'E_ACTOR_EVENT_REJECTED',
            message: reason?.message ?? `${event.type} is not allowed now (${ref.kind} is ${JSON.stringify(before.value)})`,
            details: { state: before.value },
          },
        }
        await actorRepository.storeResult(trx, request.commandId, refused)
        return refused
      }

      const seq = row.seq + 1
      const persisted = { value: after.value, context: after.context }
      const actionList: Array<{ type: string; params: unknown }> = actions.map((action) => ({
        type: action.type,
        params: (action as { params?: unknown }).params ?? null,
      }))
      await actorRepository.appendJournal(trx, {
        ref,
        seq,
        request,
        event,
        stateBefore: before.value,
        stateAfter: after.value,
        contextAfter: after.context,
        actions: actionList,
      })
      const storeId = kind.storeId(ref, after.context)
      await actorRepository.advanceActor(trx, ref, seq, epoch, storeId)
      if (seq % this.#options.snapshotEvery === 0) await actorRepository.saveSnapshot(trx, ref, seq, kind.version, persisted)

      // Facts are buffered and sequenced last: the store's counter row is then
      // locked only for the end of the step and its commit, not for its effects.
      const pendingFacts: Array<{ type: string; data: unknown }> = []
      const emitFact = async (type: string, data: unknown) => {
        if (storeId) pendingFacts.push({ type, data })
      }
      for (const action of actionList as unknown as RuntimeAction[]) {
        switch (action.type) {
          case 'emitFact':
            await emitFact(action.params.type, action.params.data)
            break
          case 'schedule':
            await actorRepository.schedule(trx, ref, action.params.key, action.params.delayMs, action.params.event)
            break
          case 'cancelSchedule':
            await actorRepository.cancelSchedule(trx, ref, action.params.key)
            break
          case 'enqueue':
            await actorRepository.enqueue(trx, {
              tenantId: ref.tenantId,
              topic: action.params.topic,
              key: action.params.key ?? null,
              payload: action.params.payload,
              commandId: request.commandId,
            })
            break
          default: {
            const effect = kind.effects?.[(action as { type: string }).type]
            if (effect) await effect({ trx, ref, request, seq, context: after.context, at, emitFact }, (action as { params: unknown }).params)
          }
        }
      }

      const result = { ok: true as const, data: { commandId: request.commandId, status: 'applied' as const, actorSeq: seq, storeSeq: null as number | null } }
      if (storeId && pendingFacts.length > 0) {
        // Sequencing, the events and the stored result in one statement, last: see finishWithFacts.
        const sequenced = await actorRepository.finishWithFacts(trx, { tenantId: ref.tenantId, storeId, ref, commandId: request.commandId, facts: pendingFacts, result })
        for (const fact of sequenced) committedFacts.push({ tenantId: ref.tenantId, storeId, ...fact })
        result.data.storeSeq = committedFacts.at(-1)!.seq
      } else {
        await actorRepository.storeResult(trx, request.commandId, result)
      }
      return { ...result, snapshot: after, seq }
    }).catch((error) => {
      if (error instanceof RejectedError) return { ok: false, error: JSON.parse(error.message) } as CommandOutcome
      // A domain effect refused the command (say, not enough stock): rolled back, answered with its code.
      if (error instanceof AppError) {
        return { ok: false, error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } } as CommandOutcome
      }
      throw error
    })

    const { snapshot, seq, ...answer } = outcome as CommandOutcome & { snapshot?: AnyMachineSnapshot; seq?: number }
    if (snapshot && seq !== undefined) {
      this.#remember(key, { seq, snapshot, lastUsed: Date.now() })
      if (committedFacts.length > 0) for (const listener of this.#factListeners) listener(committedFacts)
    }
    return answer as CommandOutcome
  }

  async #rebuild(trx: Parameters<typeof actorRepository.latestSnapshot>[0], kind: ActorKind, ref: ActorRef, toSeq: number) {
    const found = await actorRepository.latestSnapshot(trx, ref)
    // A snapshot of another machine version is not resolved as is: replay the whole journal instead.
    const stored = found && found.seq <= toSeq && found.version === kind.version ? found : null
    let snapshot: AnyMachineSnapshot = stored
      ? kind.machine.resolveState(stored.snapshot as never)
      : initialTransition(kind.machine, (await kind.input(ref, trx)) as never)[0]
    const from = stored ? stored.seq : 0
    for (const entry of await actorRepository.journalTail(trx, ref, from, toSeq)) {
      snapshot = transition(kind.machine, snapshot, entry.event as never)[0]
    }
    return snapshot
  }

  #remember(key: string, actor: CachedActor) {
    this.#cache.delete(key)
    this.#cache.set(key, actor)
    while (this.#cache.size > this.#options.maxActors) {
      const oldest = this.#cache.keys().next().value as string
      this.#cache.delete(oldest)
      void this.#placement.release(oldest)
    }
  }

  #passivateIdle() {
    const cutoff = Date.now() - this.#options.idleMs
    for (const [key, actor] of this.#cache) {
      if (actor.lastUsed < cutoff) {
        this.#cache.delete(key)
        void this.#placement.release(key)
      }
    }
  }

  #requireKind(name: string) {
    const kind = this.#kinds.get(name)
    if (!kind) throw new Error(`actor kind not registered: ${name}`)
    return kind
  }
}
