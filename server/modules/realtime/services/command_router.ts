import { roleAtLeast, type CommandName, type CommandPayload, type Role } from '@pos/protocols'
import type { EventObject } from 'xstate'
import { canAccessStore, type Principal } from '#core/http/principal'
import type { ActorRef } from '#core/actors/types'
import { realtimeErrors } from '../errors.js'

/** Where a command goes; `storeId` is the store it acts on, checked against the caller's tenant. */
export interface RoutedCommand {
  ref: ActorRef
  event: EventObject
  storeId: string
}

type Route<N extends CommandName> = (payload: CommandPayload<N>, principal: Principal) => RoutedCommand

function requireTerminalDevice(principal: Principal) {
  if (principal.kind !== 'device' || principal.deviceKind !== 'terminal') throw realtimeErrors.forbidden()
  return principal
}

function requireUser(principal: Principal, storeId: string, minRole: Role) {
  if (principal.kind !== 'user' || !roleAtLeast(principal.role, minRole)) throw realtimeErrors.forbidden()
  if (!canAccessStore(principal, storeId)) throw realtimeErrors.notSubscribed()
  return principal
}

const storeActor = (tenantId: string, storeId: string): ActorRef => ({ tenantId, kind: 'store', actorId: storeId })

/**
 * Which actor each socket command goes to, as which machine event, and who
 * may send it. The tenant always comes from the authenticated principal, never
 * from the payload, so a socket cannot address another tenant's actors.
 */
export const commandRoutes: { [N in CommandName]: Route<N> } = {
  'terminal.reportOutbox': (payload, principal) => {
    const device = requireTerminalDevice(principal)
    return {
      ref: storeActor(device.tenantId, device.storeId),
      event: { type: 'terminal.outboxReported', terminalId: device.terminalId, depth: payload.depth },
      storeId: device.storeId,
    }
  },
  'store.open': (payload, principal) => {
    const user = requireUser(principal, payload.storeId, 'manager')
    return { ref: storeActor(user.tenantId, payload.storeId), event: { type: 'store.open', by: user.userId }, storeId: payload.storeId }
  },
  'store.close': (payload, principal) => {
    const user = requireUser(principal, payload.storeId, 'manager')
    return {
      ref: storeActor(user.tenantId, payload.storeId),
      event: { type: 'store.close', by: user.userId, force: payload.force ?? false, reason: payload.reason ?? null },
      storeId: payload.storeId,
    }
  },
}
