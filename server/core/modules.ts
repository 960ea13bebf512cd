/*
 * What a domain module contributes to the live side: its actor kinds, the
 * socket commands it routes to actors and the socket queries it answers.
 * start/runtime.ts composes every module's contribution; the realtime gateway
 * only sees the composed tables.
 */
import {
  roleAtLeast,
  type CommandName,
  type CommandPayload,
  type QueryName,
  type QueryRequest,
  type QueryResponse,
  type Role,
} from '@pos/protocols'
import type { EventObject } from 'xstate'
import { canAccessStore, type Principal } from '#core/http/principal'
import { defineErrors } from '#core/errors'
import type { ActorKind, ActorRef } from '#core/actors/types'
import type { JobProgress } from '@pos/protocols'

declare module '@adonisjs/core/types' {
  interface EventsList {
    /** Progress of a user's long job; start/runtime.ts pushes it to that user's sockets. */
    'job:progress': { tenantId: string; userId: string; progress: JobProgress }
  }
}

/** Where a command goes; `storeId` is the store it acts on, checked against the caller's tenant. */
export interface RoutedCommand {
  ref: ActorRef
  event: EventObject
  storeId: string
}

/** Turns a validated command payload into an actor event, or throws a typed error. */
export type CommandRoute<N extends CommandName> = (payload: CommandPayload<N>, principal: Principal) => RoutedCommand

/**
 * Answers a validated socket query for an authenticated principal. The gateway has
 * checked the store scope when the request names a `storeId`; the handler checks the
 * caller's role and kind itself (see requireUser, requireTerminalDevice).
 */
export type QueryHandler<N extends QueryName> = (request: QueryRequest<N>, principal: Principal) => Promise<QueryResponse<N>>

export type CommandRoutes<N extends CommandName = CommandName> = { [K in N]: CommandRoute<K> }
export type QueryHandlers<N extends QueryName = QueryName> = { [K in N]: QueryHandler<K> }

/**
 * A module's contribution. Declaring command or query names makes their tables
 * required, so the composed tables in start/runtime.ts are complete by type.
 */
export type DomainModule<C extends CommandName = never, Q extends QueryName = never> = DomainModuleBase &
  ([C] extends [never] ? { commandRoutes?: CommandRoutes<never> } : { commandRoutes: CommandRoutes<C> }) &
  ([Q] extends [never] ? { queries?: QueryHandlers<never> } : { queries: QueryHandlers<Q> })

interface DomainModuleBase {
  actorKinds?: ActorKind[]
  /**
   * Named effects this module provides for actor kinds registered elsewhere,
   * e.g. the inventory module's stock writes for the store actor's machine.
   */
  effects?: Record<string, NonNullable<ActorKind['effects']>>
  /** Started after the actor host (background workers, pollers); stopped before it (may be called twice). */
  start?: () => Promise<void> | void
  stop?: () => Promise<void> | void
}

/** Refusals of socket commands and queries (the gateway uses them too). */
export const socketGuardErrors = defineErrors({
  notSubscribed: { code: 'E_STORE_NOT_SUBSCRIBED', status: 403, message: 'Subscribe to a store you may see first' },
  forbidden: { code: 'E_AUTH_FORBIDDEN', status: 403, message: 'Your role or device cannot send this command' },
})

/** The caller is a paired terminal device (not a station, not a user). */
export function requireTerminalDevice(principal: Principal) {
  if (principal.kind !== 'device' || principal.deviceKind !== 'terminal') throw socketGuardErrors.forbidden()
  return principal
}

/** The caller is a user of at least `minRole` whose scope includes `storeId`. */
export function requireUser(principal: Principal, storeId: string, minRole: Role) {
  if (principal.kind !== 'user' || !roleAtLeast(principal.role, minRole)) throw socketGuardErrors.forbidden()
  if (!canAccessStore(principal, storeId)) throw socketGuardErrors.notSubscribed()
  return principal
}

export const storeActorRef = (tenantId: string, storeId: string): ActorRef => ({ tenantId, kind: 'store', actorId: storeId })
