/*
 * Composition root of the live side: the actor host with its kinds, placement
 * across nodes (Redis, when configured), the timer poller and the Socket.IO
 * gateway. Started by providers/realtime_provider.ts; the gateway is attached to
 * whichever HTTP server is serving (the web server, or the test server).
 */
import type { Server as HttpServer } from 'node:http'
import { Redis } from 'ioredis'
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { nodeId } from '#config/app'
import { v7 as uuidv7 } from 'uuid'
import { ActorHost } from '#core/actors/actor_host'
import { sha256Hex } from '#core/secrets'
import { RedisPlacement } from '#core/actors/placement'
import { TimerPoller } from '#core/actors/timer_poller'
import { actorCommands } from '#core/actors/dispatcher'
import type { CommandRoutes, DomainModule, QueryHandlers } from '#core/modules'
import { attachGateway, coreCommandRoutes, storeSnapshot } from '#modules/realtime/index'
import { storeActorKind, storeExists, terminalActorKind, terminalName } from '#modules/tenancy/index'
import { catalogModule } from '#modules/catalog/index'
import { inventoryModule } from '#modules/inventory/index'
import { searchModule } from '#modules/search/index'
import { salesModule } from '#modules/sales/index'
import { importsModule } from '#modules/imports/index'

/** The domain modules with a live side, in start order. */
const modules: Array<Pick<DomainModule, 'actorKinds' | 'effects' | 'start' | 'stop'>> = [catalogModule, inventoryModule, searchModule, salesModule, importsModule]

export const actorHost = new ActorHost({ nodeId, logger })
actorHost.register(storeActorKind)
actorHost.register(terminalActorKind)
actorCommands.install((request) => actorHost.dispatch(request))
for (const module of modules) for (const kind of module.actorKinds ?? []) actorHost.register(kind)
for (const module of modules) {
  for (const [kind, effects] of Object.entries(module.effects ?? {})) actorHost.addEffects(kind, effects)
}

/** Every socket command's route; the type check fails when a protocol command has none. */
const commandRoutes: CommandRoutes = {
  ...coreCommandRoutes,
  ...catalogModule.commandRoutes,
  ...inventoryModule.commandRoutes,
  ...searchModule.commandRoutes,
  ...salesModule.commandRoutes,
  ...importsModule.commandRoutes,
}
/** Every socket query's handler; likewise complete. */
const queries: QueryHandlers = {
  ...catalogModule.queries,
  ...inventoryModule.queries,
  ...searchModule.queries,
  ...salesModule.queries,
  ...importsModule.queries,
}

const poller = new TimerPoller(actorHost)
let gateway: ReturnType<typeof attachGateway> | undefined
let placement: RedisPlacement | undefined
const redisClients: Redis[] = []

function redisClient() {
  const client = new Redis(env.get('REDIS_URL')!, { maxRetriesPerRequest: 3, enableOfflineQueue: true })
  client.on('error', (error) => logger.warn({ err: error }, 'redis connection error'))
  redisClients.push(client)
  return client
}

export async function startRuntime() {
  if (env.get('REDIS_URL')) {
    placement = new RedisPlacement({
      nodeId,
      host: actorHost,
      redis: redisClient(),
      subscriber: redisClient(),
      onTakeover: (ref, from) => logger.warn({ ref, from }, 'took over an actor whose owner did not answer'),
    })
    await placement.start()
    actorHost.usePlacement(placement)
  }
  poller.start()
  for (const module of modules) await module.start?.()
}

export function attachRealtime(httpServer: HttpServer) {
  gateway = attachGateway(httpServer, {
    host: actorHost,
    nodeId,
    redis: env.get('REDIS_URL') ? { pub: redisClient(), sub: redisClient() } : undefined,
    storeSnapshot: (tenantId, storeId) => storeSnapshot(actorHost, tenantId, storeId),
    terminalName,
    storeExists,
    commandRoutes,
    queries,
    logger,
  })
  return gateway
}

/**
 * Leaving gracefully, before the HTTP server closes (it cannot while WebSockets
 * are open): stop taking commands and hand the leases back (other nodes take
 * the actors over), let the commands already accepted finish and publish their
 * facts, then close this node's sockets (clients reconnect elsewhere).
 */
export async function closeRealtime() {
  for (const module of modules.toReversed()) await module.stop?.()
  poller.stop()
  await actorHost.stop()
  await actorHost.drain(5_000)
  await gateway?.close()
  gateway = undefined
}

export async function stopRuntime() {
  for (const module of modules.toReversed()) await module.stop?.()
  poller.stop()
  await actorHost.stop()
  await Promise.all(redisClients.splice(0).map((client) => client.quit().catch(() => client.disconnect())))
}

/*
 * A device stopped being trusted: close its sockets on every node and tell its
 * terminal actor, so the terminal shows as unpaired until a new device pairs.
 */
/** A module reported progress of a user's long job: push it to that user's sockets on every node. */
emitter.on('job:progress', ({ tenantId, userId, progress }) => {
  gateway?.notifyUser(tenantId, userId, progress)
})

emitter.on('device:revoked', async ({ tenantId, deviceId, terminalId, reason }) => {
  await gateway?.disconnectDevice(tenantId, deviceId, reason)
  const outcome = await actorHost.dispatch({
    ref: { tenantId, kind: 'terminal', actorId: terminalId },
    commandId: uuidv7(),
    commandType: 'terminal.revoked',
    payloadHash: sha256Hex(`terminal.revoked:${deviceId}`),
    event: { type: 'terminal.revoked' },
    sender: { userId: null, deviceId },
  })
  if (!outcome.ok && outcome.error.code !== 'E_ACTOR_EVENT_REJECTED') {
    logger.warn({ error: outcome.error, terminalId }, 'recording the revocation on the terminal actor failed')
  }
})
