/*
 * Ground truth and clients for the multi-node tests: Postgres rows read through
 * the owner connection inside the tenant's RLS context (as tests/realtime/support
 * does), actor leases read straight from Redis, a socket that records from its
 * very first packet, and a terminal client that retries a command with the same
 * commandId/clientSeq (reconnecting to another node) until it is acknowledged.
 */
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import redis from '@adonisjs/redis/services/main'
import { io, type Socket } from 'socket.io-client'
import { PROTOCOL_VERSION } from '@pos/protocols'
import { actorHost } from '#start/runtime'
import type { CommandOutcome, CommandRequest } from '#core/actors/types'
import { within } from './nodes.js'

/** Rows (untyped, as the driver returns them) read inside the tenant's RLS context. */
function inTenant(tenantId: string, work: (trx: TransactionClientContract) => Promise<any>): Promise<any> {
  return db.connection('owner').transaction(async (trx) => {
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [tenantId])
    return work(trx)
  })
}

export interface StoreEventRow {
  seq: number
  type: string
  data: any
  commandId: string | null
  at: Date
}

/** The store's event sequence, in order. */
export async function storeEvents(tenantId: string, storeId: string): Promise<StoreEventRow[]> {
  const rows = await inTenant(tenantId, (trx) =>
    trx.from('store_events').select('seq', 'type', 'data', 'command_id', 'at').where('store_id', storeId).orderBy('seq')
  )
  return rows.map((row: any) => ({ seq: Number(row.seq), type: row.type, data: row.data, commandId: row.command_id, at: new Date(row.at) }))
}

/** processed_commands rows of one terminal (clientSeq order). */
export async function processedCommands(tenantId: string, terminalId: string): Promise<Array<{ commandId: string; clientSeq: number; result: CommandOutcome | null }>> {
  const rows = await inTenant(tenantId, (trx) =>
    trx.from('processed_commands').select('command_id', 'client_seq', 'result').where('terminal_id', terminalId).orderBy('client_seq')
  )
  return rows.map((row: any) => ({ commandId: row.command_id as string, clientSeq: Number(row.client_seq), result: row.result as CommandOutcome | null }))
}

/** The actor's row (journal head and the highest fencing epoch that wrote it), or null. */
export async function actorRow(tenantId: string, kind: string, actorId: string): Promise<{ seq: number; epoch: number } | null> {
  const row = await inTenant(tenantId, (trx) => trx.from('actors').select('seq', 'epoch').where({ kind, actor_id: actorId }).first())
  return row ? { seq: Number(row.seq), epoch: Number(row.epoch) } : null
}

/** Pending persisted timers of one actor. */
export async function actorTimers(tenantId: string, kind: string, actorId: string): Promise<Array<{ id: string; key: string; event: any; dueAt: Date }>> {
  const rows = await inTenant(tenantId, (trx) =>
    trx.from('actor_timers').select('id', 'timer_key', 'event', 'due_at').where({ kind, actor_id: actorId })
  )
  return rows.map((row: any) => ({ id: row.id as string, key: row.timer_key as string, event: row.event, dueAt: new Date(row.due_at) }))
}

/** The terminal's last applied clientSeq (0 when it never sent one). */
export async function terminalCursor(tenantId: string, terminalId: string): Promise<number> {
  const row = await inTenant(tenantId, (trx) => trx.from('terminal_cursors').select('last_client_seq').where('terminal_id', terminalId).first())
  return row ? Number(row.last_client_seq) : 0
}

/** The database clock (timers are due by it). */
export async function dbNow(): Promise<Date> {
  const result = await db.connection('owner').rawQuery('select now() as now')
  return new Date(result.rows[0].now)
}

export interface Lease {
  nodeId: string
  epoch: number
}

/** Who holds the actor's placement lease (`pos:lease:<tenant>:<kind>:<id>` = `<nodeId>|<epoch>`), if anyone. */
export async function leaseOf(tenantId: string, kind: string, actorId: string): Promise<Lease | null> {
  const value = await redis.get(`pos:lease:${tenantId}:${kind}:${actorId}`)
  return value ? parseLease(value) : null
}

function parseLease(value: string): Lease {
  const [nodeId, epoch] = value.split('|')
  return { nodeId: nodeId!, epoch: Number(epoch) }
}

/** Every lease key in Redis that names `nodeId`. */
export async function leasesHeldBy(nodeId: string): Promise<string[]> {
  const keys: string[] = []
  let cursor = '0'
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', 'pos:lease:*', 'COUNT', 1000)
    cursor = next
    keys.push(...batch)
  } while (cursor !== '0')
  if (keys.length === 0) return []
  const values = await redis.mget(...keys)
  return keys.filter((_, index) => values[index] && parseLease(values[index]!).nodeId === nodeId)
}

export interface Received {
  event: string
  payload: any
}

/**
 * Connects (no automatic reconnection) with a recorder attached before the first
 * packet, so facts the server pushes right after the handshake (catch-up) are never
 * missed. Rejects on connect_error or after `timeoutMs`.
 */
export async function connectRecording(url: string, auth: Record<string, unknown>, timeoutMs = 5_000) {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
    reconnection: false,
    forceNew: true,
    autoConnect: false,
    timeout: timeoutMs,
  })
  const received: Received[] = []
  socket.onAny((event, payload) => received.push({ event, payload }))
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
  socket.connect()
  try {
    await within(connected, timeoutMs, `socket to ${url} did not connect`)
  } catch (error) {
    socket.close()
    throw error
  }
  return { socket, received }
}

/** Store facts among what a socket received (each fact envelope carries `seq`). */
export function factsOf(received: Received[]) {
  return received.filter((r) => r.payload && typeof r.payload === 'object' && typeof r.payload.seq === 'number')
}

/** Acks that mean "not applied, safe to send the same command again". */
const RETRYABLE = new Set(['E_RATE_LIMITED', 'E_ACTOR_UNAVAILABLE', 'E_ACTOR_FAILED'])

export interface Attempt {
  url: string
  outcome: string
}

/**
 * A terminal as the app behaves: a command is resent with the SAME commandId and
 * clientSeq until an ack comes back; when its socket drops (its node died) it
 * reconnects to the first of `urls` that accepts it. Non-retryable error acks
 * are returned as they are (the caller decides).
 */
export class RetryingTerminal {
  socket: Socket | null = null
  url: string | null = null
  readonly attempts: Attempt[] = []
  readonly reconnects: string[] = []
  #urls: string[]
  #auth: Record<string, unknown>

  constructor(urls: string[], auth: Record<string, unknown>) {
    this.#urls = urls
    this.#auth = auth
  }

  async connect(deadline: number) {
    while (Date.now() < deadline) {
      for (const url of this.#urls) {
        try {
          const { socket } = await connectRecording(url, this.#auth, 2_000)
          this.socket = socket
          this.url = url
          this.reconnects.push(url)
          return
        } catch {
          // That node is down (or not yet up): try the next one.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`terminal could not connect to any of ${this.#urls.join(', ')}`)
  }

  async send(name: string, payload: Record<string, unknown>, { ackTimeoutMs = 4_000, deadline = Date.now() + 30_000 } = {}): Promise<any> {
    for (;;) {
      if (Date.now() > deadline) throw new Error(`${name} ${JSON.stringify(payload)} was not acknowledged before the deadline; attempts: ${JSON.stringify(this.attempts.slice(-10))}`)
      if (!this.socket?.connected) {
        this.socket?.close()
        await this.connect(deadline)
      }
      const socket = this.socket!
      const url = this.url!
      const dropped = new Promise<'dropped'>((resolve) => socket.once('disconnect', () => resolve('dropped')))
      const answer = await Promise.race([
        socket.timeout(ackTimeoutMs).emitWithAck(name, payload).catch(() => 'timeout' as const),
        dropped,
      ])
      if (answer === 'timeout' || answer === 'dropped') {
        this.attempts.push({ url, outcome: answer })
        continue
      }
      if (!answer.ok && RETRYABLE.has(answer.error.code)) {
        this.attempts.push({ url, outcome: answer.error.code })
        await new Promise((resolve) => setTimeout(resolve, answer.error.code === 'E_RATE_LIMITED' ? 60 : 100))
        continue
      }
      this.attempts.push({ url, outcome: answer.ok ? answer.data.status : answer.error.code })
      return answer
    }
  }

  close() {
    this.socket?.close()
  }
}

/**
 * Stops THIS test process's own node (the in-process test server also runs the
 * actor runtime, and its timer poller scans every tenant) from firing timers of
 * `tenantId`, so a test can prove which spawned node fired a timer. Returns the
 * undo function. The refused dispatch leaves the timer row in place (the poller
 * retries next tick), exactly as a node that is shutting down would.
 */
export function holdInProcessTimers(tenantId: string): () => void {
  const original = actorHost.dispatch
  actorHost.dispatch = function (this: typeof actorHost, request: CommandRequest): Promise<CommandOutcome> {
    if (request.timerId && request.ref.tenantId === tenantId) {
      return Promise.resolve({ ok: false, error: { code: 'E_ACTOR_UNAVAILABLE', message: 'held by the cluster test' } })
    }
    return original.call(this, request)
  }
  return () => {
    actorHost.dispatch = original
  }
}
