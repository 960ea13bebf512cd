import type { Server as HttpServer } from 'node:http'
import { Server, type Socket } from 'socket.io'
import { createAdapter } from '@socket.io/redis-adapter'
import type { Redis } from 'ioredis'
import { v7 as uuidv7 } from 'uuid'
import {
  PROTOCOL_VERSION,
  COMMAND_NAMES,
  QUERY_NAMES,
  querySchemas,
  catchUpRequestSchema,
  commandSchemas,
  handshakeAuthSchema,
  type Ack,
  type CatchUpResult,
  type FactEnvelope,
  type ClientToServerEvents,
  type CommandName,
  type CommandResult,
  type QueryName,
  type JobProgress,
  type ServerToClientEvents,
  type StoreSnapshot,
} from '@pos/protocols'
import { z } from 'zod'
import { AppError } from '#core/errors'
import { sha256Hex } from '#core/secrets'
import { canAccessStore, type Principal } from '#core/http/principal'
import type { ActorHost } from '#core/actors/actor_host'
import type { CommandOutcome, CommittedFact } from '#core/actors/types'
import { verifyAccessToken } from '#modules/identity/index'
import { deviceService } from '#modules/devices/index'
import { realtimeErrors } from '../errors.js'
import { socketGuardErrors, type CommandRoutes, type QueryHandlers, type RoutedCommand } from '#core/modules'
import { catchUpService } from '../services/catch_up_service.js'
import { rooms } from './rooms.js'
import { FactStream } from './fact_stream.js'
import { NodeRegistry } from './node_registry.js'
import { TokenBucket } from './token_bucket.js'

interface SocketData {
  principal: Principal
  /** The store facts this socket is sent, in order and once each. */
  facts: FactStream | null
  /** Stores checked to exist in the principal's tenant. */
  verifiedStores: Set<string>
  /**
   * The socket's command queue: connection setup first (presence, catch-up), then
   * each command in arrival order. Commands of one socket are dispatched one after
   * another, so awaits on the way (store checks, routing) never reorder them.
   */
  queue: Promise<unknown>
  storeId: string | null
  bucket: TokenBucket
}

/** Between nodes: committed facts, so each node delivers them to its own sockets. */
interface InterServerEvents {
  'pos:facts': (facts: CommittedFact[]) => void
}

type PosServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
type PosSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>

export interface GatewayOptions {
  host: ActorHost
  /** This node's id (in Redis: its heartbeat and the terminals it holds). */
  nodeId: string
  redis?: { pub: Redis; sub: Redis }
  /** The store's live picture for catch-up snapshots. */
  storeSnapshot: (tenantId: string, storeId: string) => Promise<StoreSnapshot>
  /** Whether a store exists in a tenant (for tenant-wide scopes, which list no store ids). */
  storeExists: (tenantId: string, storeId: string) => Promise<boolean>
  /** A terminal's name, to register it with its store actor on first contact. */
  terminalName: (tenantId: string, terminalId: string) => Promise<string | null>
  /** Every socket command's route to its actor (composed from the modules in start/runtime.ts). */
  commandRoutes: CommandRoutes
  /** Every socket query's handler (composed likewise). */
  queries: QueryHandlers
  logger?: { warn: (obj: unknown, msg: string) => void; error: (obj: unknown, msg: string) => void }
}

/**
 * The Socket.IO gateway: authenticates each connection at the handshake (user
 * access token or device key), joins it to its own tenant's rooms only,
 * validates every command against the protocol schemas, hands it to the actor
 * runtime and answers with a typed ack; pushes committed facts to store and
 * dashboard rooms (through Redis to every node when configured).
 */
export function attachGateway(httpServer: HttpServer, options: GatewayOptions) {
  const io: PosServer = new Server(httpServer, {
    path: '/socket.io',
    transports: ['websocket'],
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  })
  if (options.redis) io.adapter(createAdapter(options.redis.pub, options.redis.sub, { key: 'pos:io' }))
  let closing = false
  const registry = options.redis
    ? new NodeRegistry({
        redis: options.redis.pub,
        nodeId: options.nodeId,
        // A node died holding these terminals: report the ones that did not reconnect elsewhere.
        onDeadDevices: async (devices) => {
          for (const device of devices) {
            const principal = { kind: 'device' as const, deviceKind: 'terminal' as const, ...device }
            const sockets = await io.in(rooms.device(device.tenantId, device.deviceId)).fetchSockets().catch(() => [])
            if (sockets.length === 0) await presence(principal, 'terminal.disconnected').catch(warn('presence for a dead node failed'))
          }
        },
      })
    : null
  void registry?.start().catch(warn('node registry did not start'))

  io.use((socket, next) => {
    authenticate(socket.handshake.auth)
      .then((principal) => {
        socket.data.principal = principal
        socket.data.storeId = principal.kind === 'device' ? principal.storeId : null
        socket.data.bucket = new TokenBucket(40, 20)
        socket.data.verifiedStores = new Set()
        socket.data.facts = null
        next()
      })
      .catch((error) => next(connectError(error)))
  })

  io.on('connection', (socket) => {
    socket.data.queue = onConnection(socket)
  })

  /*
   * Fact delivery: the node that committed facts delivers them to its own sockets
   * and sends them to the other nodes, which do the same. Each socket's FactStream
   * keeps its facts in sequence order, without repeats, filling gaps from the log.
   */
  const watchers = new Map<string, Set<PosSocket>>()
  const watchKey = (tenantId: string, storeId: string) => `${tenantId}:${storeId}`

  function deliver(facts: CommittedFact[]) {
    for (const fact of facts) {
      const sockets = watchers.get(watchKey(fact.tenantId, fact.storeId))
      if (!sockets) continue
      const envelope = { storeId: fact.storeId, seq: fact.seq, at: fact.at, type: fact.type, data: fact.data } as FactEnvelope
      for (const socket of sockets) socket.data.facts?.offer(envelope)
    }
  }

  io.on('pos:facts', (facts) => deliver(facts))

  options.host.onFacts((facts) => {
    if (closing) return
    deliver(facts)
    // Alone (no Redis) there is no other node to tell.
    if (!options.redis) return
    try {
      io.serverSideEmit('pos:facts', facts)
    } catch (error) {
      // Committed facts are never lost: clients catch up from store_events by sequence.
      options.logger?.warn({ err: error }, 'publishing facts to other nodes failed')
    }
  })

  function watch(socket: PosSocket, storeId: string, afterSeq: number | null) {
    const { principal } = socket.data
    unwatch(socket)
    const stream = new FactStream({
      send: (fact) => socket.emit(fact.type, fact as never),
      sendSnapshot: (snapshot) => socket.emit('sync.snapshot', snapshot),
      after: (seq) => catchUp(principal.tenantId, storeId, seq),
    })
    socket.data.facts = stream
    const key = watchKey(principal.tenantId, storeId)
    if (!watchers.has(key)) watchers.set(key, new Set())
    watchers.get(key)!.add(socket)
    socket.once('disconnect', () => unwatch(socket))
    return afterSeq === null
      ? catchUpService.latestSeq(principal.tenantId, storeId).then((seq) => stream.start(seq))
      : stream.start(afterSeq)
  }

  function unwatch(socket: PosSocket) {
    for (const [key, sockets] of watchers) {
      if (sockets.delete(socket) && sockets.size === 0) watchers.delete(key)
    }
    socket.data.facts = null
  }

  async function onConnection(socket: PosSocket) {
    const { principal } = socket.data
    const auth = socket.handshake.auth as { storeId?: string; lastStoreSeq?: number }
    // Handlers first: a client may send its first command the moment it is connected.
    for (const name of COMMAND_NAMES) {
      socket.on(name, (payload: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return
        if (!socket.data.bucket.take()) return (ack as (a: Ack<CommandResult>) => void)(toAck(realtimeErrors.rateLimited()))
        const answered = socket.data.queue.then(() => handleCommand(socket, name, payload))
        socket.data.queue = answered.catch(() => undefined)
        void answered.then((answer) => (ack as (a: Ack<CommandResult>) => void)(answer))
      })
    }

    for (const name of QUERY_NAMES) {
      socket.on(name, (request: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return
        if (!socket.data.bucket.take()) return (ack as (a: Ack<unknown>) => void)(toAck(realtimeErrors.rateLimited()))
        void answer(ack as (a: Ack<unknown>) => void, () => handleQuery(socket, name, request), options.logger)
      })
    }

    socket.on('sync.catchUp', (request, ack) => {
      if (typeof ack !== 'function') return
      void answer(ack, async () => {
        const { storeId, afterSeq, limit } = parse(catchUpRequestSchema, request)
        await assertStore(socket, storeId)
        return catchUp(principal.tenantId, storeId, afterSeq, limit)
      }, options.logger)
    })

    socket.on('store.subscribe', (request, ack) => {
      if (typeof ack !== 'function') return
      void answer(ack, async () => {
        const { storeId, lastStoreSeq } = parse(subscribeSchema, request)
        if (principal.kind !== 'user') throw socketGuardErrors.notSubscribed()
        await assertStore(socket, storeId)
        joinStore(socket, storeId)
        const result = await catchUp(principal.tenantId, storeId, lastStoreSeq ?? 0)
        // Live facts continue from what this answer carries.
        await watch(socket, storeId, result.snapshot ? result.latestSeq : (result.facts.at(-1)?.seq ?? lastStoreSeq ?? 0))
        return result
      }, options.logger)
    })

    if (principal.kind === 'user') socket.join(rooms.user(principal.tenantId, principal.userId))
    if (principal.kind === 'device') {
      socket.join([
        rooms.store(principal.tenantId, principal.storeId),
        rooms.device(principal.tenantId, principal.deviceId),
        principal.deviceKind === 'station'
          ? rooms.station(principal.tenantId, principal.terminalId)
          : rooms.terminal(principal.tenantId, principal.terminalId),
      ])
    }
    try {
      if (principal.kind === 'user') {
        const storeId = auth.storeId ?? (principal.stores !== '*' && principal.stores.length === 1 ? principal.stores[0]! : null)
        if (storeId && (await assertStore(socket, storeId).then(() => true, () => false))) joinStore(socket, storeId)
      }
      // From the client's lastStoreSeq (missed facts first, or a snapshot when too many), else from now.
      if (socket.data.storeId) await watch(socket, socket.data.storeId, typeof auth.lastStoreSeq === 'number' ? auth.lastStoreSeq : null)
      if (principal.kind === 'device' && principal.deviceKind === 'terminal') {
        const device = { tenantId: principal.tenantId, storeId: principal.storeId, terminalId: principal.terminalId, deviceId: principal.deviceId }
        void registry?.added(device)
        socket.on('disconnect', () => {
          if (!closing) void registry?.removed(device)
          void onDeviceDisconnect(principal).catch(warn('presence after disconnect failed'))
        })
        await presence(principal, 'terminal.connected')
      }
    } catch (error) {
      warn('connection setup failed')(error)
    }
  }

  /**
   * The caller may act on the store: in its scope and, for tenant-wide scopes,
   * existing in its tenant. Otherwise E_STORE_NOT_SUBSCRIBED, whatever the reason,
   * so other tenants' store ids are neither confirmed nor denied.
   */
  async function assertStore(socket: PosSocket, storeId: string) {
    const { principal, verifiedStores } = socket.data
    if (!canAccessStore(principal, storeId)) throw socketGuardErrors.notSubscribed()
    if (verifiedStores.has(storeId)) return
    if (!(await options.storeExists(principal.tenantId, storeId))) throw socketGuardErrors.notSubscribed()
    verifiedStores.add(storeId)
  }

  function warn(message: string) {
    return (error: unknown) => options.logger?.warn({ err: error }, message)
  }

  function joinStore(socket: PosSocket, storeId: string) {
    const { principal } = socket.data
    if (socket.data.storeId && socket.data.storeId !== storeId) {
      socket.leave(rooms.store(principal.tenantId, socket.data.storeId))
      socket.leave(rooms.dashboard(principal.tenantId, socket.data.storeId))
    }
    socket.data.storeId = storeId
    socket.join(rooms.store(principal.tenantId, storeId))
    if (principal.kind === 'user' && (principal.role === 'owner' || principal.role === 'manager')) {
      socket.join(rooms.dashboard(principal.tenantId, storeId))
    }
  }

  /** A read-only query: validated, store-scoped when it names a store, answered by its module. */
  async function handleQuery(socket: PosSocket, name: QueryName, request: unknown) {
    const schemas = querySchemas as Record<QueryName, { request: z.ZodType }>
    const parsed = parse((schemas[name] as { request: z.ZodType }).request, request) as { storeId?: unknown }
    if (typeof parsed.storeId === 'string') await assertStore(socket, parsed.storeId)
    return (options.queries[name] as (r: unknown, p: Principal) => Promise<unknown>)(parsed, socket.data.principal)
  }

  async function handleCommand(socket: PosSocket, name: CommandName, payload: unknown): Promise<Ack<CommandResult>> {
    const { principal } = socket.data
    try {
      const parsed = parse(commandSchemas[name], payload)
      const { ref, event, storeId } = (options.commandRoutes[name] as (p: unknown, pr: Principal) => RoutedCommand)(parsed, principal)
      await assertStore(socket, storeId)
      const outcome = await options.host.dispatch({
        ref,
        commandId: parsed.commandId,
        commandType: name,
        payloadHash: sha256Hex(JSON.stringify(parsed)),
        event,
        sender: {
          userId: principal.kind === 'user' ? principal.userId : null,
          deviceId: principal.kind === 'device' ? principal.deviceId : null,
        },
        terminalId: principal.kind === 'device' && parsed.clientSeq ? principal.terminalId : null,
        clientSeq: principal.kind === 'device' ? (parsed.clientSeq ?? null) : null,
      })
      return outcome as Ack<CommandResult>
    } catch (error) {
      if (!(error instanceof AppError)) options.logger?.error({ err: error, command: name }, 'command failed')
      return toAck(error)
    }
  }

  /**
   * Tells the store actor (roster, dashboard) and the terminal actor that a
   * terminal came or went. A terminal the actors do not know yet is registered
   * (store) or paired (terminal) first.
   */
  async function presence(principal: Extract<Principal, { kind: 'device' }>, type: 'terminal.connected' | 'terminal.disconnected') {
    const system = (kind: string, actorId: string, event: { type: string; [k: string]: unknown }) =>
      options.host.dispatch({
        ref: { tenantId: principal.tenantId, kind, actorId },
        commandId: uuidv7(),
        commandType: event.type,
        payloadHash: sha256Hex(JSON.stringify(event)),
        event,
        sender: { userId: null, deviceId: principal.deviceId },
      })
    const rejected = (o: CommandOutcome) => !o.ok && o.error.code === 'E_ACTOR_EVENT_REJECTED'

    let store = await system('store', principal.storeId, { type, terminalId: principal.terminalId })
    if (rejected(store) && type === 'terminal.connected') {
      const name = (await options.terminalName(principal.tenantId, principal.terminalId)) ?? 'Terminal'
      await system('store', principal.storeId, { type: 'terminal.register', terminalId: principal.terminalId, name })
      store = await system('store', principal.storeId, { type, terminalId: principal.terminalId })
    }
    let terminal = await system('terminal', principal.terminalId, { type })
    if (rejected(terminal) && type === 'terminal.connected') {
      await system('terminal', principal.terminalId, { type: 'terminal.paired', deviceId: principal.deviceId })
      terminal = await system('terminal', principal.terminalId, { type })
    }
    for (const outcome of [store, terminal]) {
      if (!outcome.ok && !rejected(outcome)) {
        options.logger?.warn({ error: outcome.error, terminalId: principal.terminalId }, 'presence update failed')
      }
    }
  }

  async function onDeviceDisconnect(principal: Extract<Principal, { kind: 'device' }>) {
    // This node is shutting down: its terminals reconnect to another node, which records them.
    if (closing) return
    // A reconnect may already have opened a new socket (on any node): then it is still online.
    const remaining = await io.in(rooms.device(principal.tenantId, principal.deviceId)).fetchSockets().catch(() => [])
    if (remaining.length === 0) await presence(principal, 'terminal.disconnected')
  }

  function catchUp(tenantId: string, storeId: string, afterSeq: number, limit?: number): Promise<CatchUpResult> {
    return catchUpService.since(tenantId, storeId, afterSeq, () => options.storeSnapshot(tenantId, storeId), limit)
  }

  return {
    io,
    /** Disconnects every socket of a device (revoked or replaced), on every node. */
    async disconnectDevice(tenantId: string, deviceId: string, reason: string) {
      const room = rooms.device(tenantId, deviceId)
      io.to(room).emit('session.revoked', { reason })
      io.in(room).disconnectSockets(true)
    },
    /** Tells one user (every socket of theirs, on every node) how a long job of theirs is going. */
    notifyUser(tenantId: string, userId: string, progress: JobProgress) {
      io.to(rooms.user(tenantId, userId)).emit('job.progress', progress)
    },
    /**
     * Closes this node's sockets (clients reconnect elsewhere) without closing the
     * HTTP server, which its owner closes next: it could not while WebSockets stayed open.
     */
    async close() {
      closing = true
      // This node's terminals are left registered: another node checks whether they reconnected.
      await registry?.stop()
      io.local.disconnectSockets(true)
      io.engine.close()
      await Promise.resolve(io.of('/').adapter.close())
    },
  }
}

const subscribeSchema = z.strictObject({ storeId: z.uuid(), lastStoreSeq: z.number().int().min(0).optional() })

async function authenticate(raw: unknown): Promise<Principal> {
  const auth = parse(handshakeAuthSchema, raw ?? {})
  if (auth.protocolVersion !== PROTOCOL_VERSION) throw realtimeErrors.protocolVersion({ server: PROTOCOL_VERSION })
  if (auth.deviceKey) return deviceService.authenticate(auth.deviceKey)
  const claims = await verifyAccessToken(auth.token!)
  return { kind: 'user', ...claims }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw new AppError(
    'E_VALIDATION',
    'The message is not valid',
    422,
    { issues: result.error.issues.map((i) => ({ path: i.path.join('.') || '(payload)', message: i.message })) }
  )
}

/** The one place where failures become socket acks; unknown errors do not leak internals. */
export function toAck(error: unknown): Ack<never> {
  if (error instanceof AppError) {
    return { ok: false, error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } }
  }
  return { ok: false, error: { code: 'E_INTERNAL', message: 'Something went wrong; it has been logged' } }
}

async function answer<T>(ack: (a: Ack<T>) => void, work: () => Promise<T>, logger?: GatewayOptions['logger']) {
  try {
    ack({ ok: true, data: await work() })
  } catch (error) {
    if (!(error instanceof AppError)) logger?.error({ err: error }, 'socket request failed')
    ack(toAck(error))
  }
}

function connectError(error: unknown) {
  const ack = toAck(error)
  const err = new Error(ack.ok ? 'unauthorized' : ack.error.message) as Error & { data: unknown }
  err.data = ack.ok ? null : ack.error
  return err
}
