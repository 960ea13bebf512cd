import type { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import type { ActorRef, CommandOutcome, CommandRequest } from './types.js'
import { actorKey } from './types.js'

/** Thrown by the durable step when another node has taken the actor over (a newer epoch wrote). */
export class FencedError extends Error {
  constructor() {
    super('actor was taken over by a newer owner')
    this.name = 'FencedError'
  }
}

export interface LocalExecutor {
  /** Runs the command on this node under `epoch` (0 = no placement). */
  executeLocal(request: CommandRequest, epoch: number): Promise<CommandOutcome>
  /** Forgets the in-memory actor (another node owns it now). */
  evict(key: string): void
}

export interface Placement {
  route(request: CommandRequest): Promise<CommandOutcome>
  release(key: string): Promise<void>
  stop(): Promise<void>
  readonly nodeId: string
}

/** A single node: every actor lives here. */
export class LocalPlacement implements Placement {
  readonly nodeId: string
  #host: LocalExecutor

  constructor(nodeId: string, host: LocalExecutor) {
    this.nodeId = nodeId
    this.#host = host
  }

  route(request: CommandRequest) {
    return this.#host.executeLocal(request, 0)
  }

  async release() {}
  async stop() {}
}

export interface RedisPlacementOptions {
  nodeId: string
  host: LocalExecutor
  /** Commands and queries. */
  redis: Redis
  /** A dedicated connection for subscriptions. */
  subscriber: Redis
  leaseMs?: number
  forwardTimeoutMs?: number
  onTakeover?: (ref: ActorRef, fromNode: string) => void
}

// Take the lease if free, with a new fencing epoch; either way answer who holds it ("node|epoch").
const ACQUIRE = `local current = redis.call('get', KEYS[1])
if current then return current end
local value = ARGV[1] .. '|' .. redis.call('incr', KEYS[2])
redis.call('set', KEYS[1], value, 'PX', ARGV[2])
return value`
// Take the lease whoever holds it, with a new epoch (the owner did not answer).
const TAKE_OVER = `local value = ARGV[1] .. '|' .. redis.call('incr', KEYS[2])
redis.call('set', KEYS[1], value, 'PX', ARGV[2])
return value`
// Renew only if the lease is still ours.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`

/**
 * Several nodes: an actor lives on the node holding its Redis lease
 * (`SET NX PX`), with a fencing epoch from `INCR` that every write carries
 * (the durable step refuses a write from an older epoch). A node that does
 * not own the actor forwards the command to the owner over Redis pub/sub and
 * relays the answer; if the owner does not answer in time it takes the actor
 * over with a new epoch. Correctness never depends on this: Postgres decides.
 */
export class RedisPlacement implements Placement {
  readonly nodeId: string
  #o: Required<Omit<RedisPlacementOptions, 'onTakeover'>> & Pick<RedisPlacementOptions, 'onTakeover'>
  #held = new Map<string, { epoch: number; value: string }>()
  /** Who owns actors this node forwards to, remembered briefly to save a Redis round trip per command. */
  #owners = new Map<string, { node: string; until: number }>()
  #pending = new Map<string, { resolve: (o: CommandOutcome) => void; timer: NodeJS.Timeout }>()
  #renewTimer: NodeJS.Timeout | undefined
  #stopped = false

  constructor(options: RedisPlacementOptions) {
    this.nodeId = options.nodeId
    this.#o = { leaseMs: 15_000, forwardTimeoutMs: 3_000, ...options }
  }

  async start() {
    await this.#o.subscriber.subscribe(this.#channel(this.nodeId))
    this.#o.subscriber.on('message', (_channel: string, message: string) => void this.#onMessage(message))
    this.#renewTimer = setInterval(() => void this.#renew(), Math.floor(this.#o.leaseMs / 3))
    this.#renewTimer.unref()
  }

  async route(request: CommandRequest, attempt = 0): Promise<CommandOutcome> {
    const key = actorKey(request.ref)
    const held = this.#held.get(key)
    if (held) return this.#local(request, held.epoch, attempt)

    let owner = this.#knownOwner(key)
    if (!owner) {
      const value = (await this.#o.redis.eval(ACQUIRE, 2, this.#leaseKey(key), this.#fenceKey(key), this.nodeId, this.#o.leaseMs)) as string
      const [node, epoch] = value.split('|')
      if (node === this.nodeId) {
        // Newly acquired, or our own lease from before this process forgot it: adopt it.
        this.#held.set(key, { epoch: Number(epoch), value })
        return this.#local(request, Number(epoch), attempt)
      }
      owner = node!
      this.#owners.set(key, { node: owner, until: Date.now() + 1_000 })
    }
    const answer = await this.#forward(owner, request)
    if (answer !== 'timeout') return answer
    this.#owners.delete(key)
    return this.#takeOver(key, request, owner, attempt)
  }

  async release(key: string) {
    const held = this.#held.get(key)
    if (!held) return
    this.#held.delete(key)
    await this.#o.redis.eval(RELEASE, 1, this.#leaseKey(key), held.value).catch(() => undefined)
  }

  /**
   * Leaving the cluster: stop listening first (a forwarding node then sees no
   * receiver and takes the actor over at once), then hand the leases back.
   */
  async stop() {
    this.#stopped = true
    clearInterval(this.#renewTimer)
    await this.#o.subscriber.unsubscribe().catch(() => undefined)
    await Promise.all([...this.#held.keys()].map((key) => this.release(key)))
    for (const [, pending] of this.#pending) {
      clearTimeout(pending.timer)
      pending.resolve({ ok: false, error: { code: 'E_ACTOR_UNAVAILABLE', message: 'This server is shutting down; retry' } })
    }
    this.#pending.clear()
  }

  async #local(request: CommandRequest, epoch: number, attempt: number): Promise<CommandOutcome> {
    try {
      return await this.#o.host.executeLocal(request, epoch)
    } catch (error) {
      if (error instanceof FencedError && attempt < 3) {
        const key = actorKey(request.ref)
        this.#held.delete(key)
        this.#o.host.evict(key)
        return this.route(request, attempt + 1)
      }
      throw error
    }
  }

  #knownOwner(key: string) {
    const known = this.#owners.get(key)
    if (!known) return null
    if (known.until > Date.now()) return known.node
    this.#owners.delete(key)
    return null
  }

  async #takeOver(key: string, request: CommandRequest, fromNode: string, attempt: number) {
    const value = (await this.#o.redis.eval(TAKE_OVER, 2, this.#leaseKey(key), this.#fenceKey(key), this.nodeId, this.#o.leaseMs)) as string
    const epoch = Number(value.split('|')[1])
    this.#held.set(key, { epoch, value })
    this.#o.host.evict(key)
    this.#o.onTakeover?.(request.ref, fromNode)
    return this.#local(request, epoch, attempt)
  }

  #forward(owner: string, request: CommandRequest): Promise<CommandOutcome | 'timeout'> {
    return new Promise((resolve) => {
      const id = randomUUID()
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        resolve('timeout')
      }, this.#o.forwardTimeoutMs)
      this.#pending.set(id, { resolve, timer })
      const message = JSON.stringify({ t: 'req', id, from: this.nodeId, request })
      this.#o.redis.publish(this.#channel(owner), message).then(
        (receivers) => {
          // Nobody subscribed: the owner is gone; do not wait for the timeout.
          if (receivers === 0 && this.#pending.delete(id)) {
            clearTimeout(timer)
            resolve('timeout')
          }
        },
        () => undefined
      )
    })
  }

  async #onMessage(raw: string) {
    const message = JSON.parse(raw) as
      | { t: 'req'; id: string; from: string; request: CommandRequest }
      | { t: 'res'; id: string; outcome: CommandOutcome }
    if (message.t === 'res') {
      const pending = this.#pending.get(message.id)
      if (!pending) return
      clearTimeout(pending.timer)
      this.#pending.delete(message.id)
      pending.resolve(message.outcome)
      return
    }
    if (this.#stopped) return
    let outcome: CommandOutcome
    try {
      outcome = await this.route(message.request)
    } catch {
      outcome = { ok: false, error: { code: 'E_ACTOR_FAILED', message: 'The command failed on its owner node' } }
    }
    // If the reply cannot be sent (Redis gone), the sender times out and retries elsewhere: the
    // command is idempotent, so it is answered from its stored result.
    await this.#o.redis.publish(this.#channel(message.from), JSON.stringify({ t: 'res', id: message.id, outcome })).catch(() => undefined)
  }

  /** Renews every held lease in one pipelined round trip; a lease found lost is dropped with its actor. */
  async #renew() {
    const held = [...this.#held]
    if (held.length === 0) return
    const pipeline = this.#o.redis.pipeline()
    for (const [key, lease] of held) pipeline.eval(RENEW, 1, this.#leaseKey(key), lease.value, this.#o.leaseMs)
    const results = await pipeline.exec().catch(() => null)
    held.forEach(([key, lease], index) => {
      const [error, renewed] = results?.[index] ?? [new Error('no answer'), 0]
      if (!error && renewed === 1) return
      // Unreachable Redis is not proof of loss: keep the lease until a renewal answers "not yours".
      if (error && results === null) return
      if (this.#held.get(key) === lease) {
        this.#held.delete(key)
        this.#o.host.evict(key)
      }
    })
  }

  #leaseKey(key: string) {
    return `pos:lease:${key}`
  }

  #fenceKey(key: string) {
    return `pos:fence:${key}`
  }

  #channel(node: string) {
    return `pos:node:${node}`
  }
}
