import { requireTerminalDevice, requireUser, storeActorRef, type CommandRoutes } from '#core/modules'

/**
 * The realtime module's own socket commands (terminal outbox depth, opening and
 * closing the store's day). Other modules bring theirs through their
 * DomainModule; start/runtime.ts composes the full table. The tenant always comes
 * from the authenticated principal, never from the payload, so a socket cannot
 * address another tenant's actors.
 */
export const coreCommandRoutes: CommandRoutes<'terminal.reportOutbox' | 'store.open' | 'store.close'> = {
  'terminal.reportOutbox': (payload, principal) => {
    const device = requireTerminalDevice(principal)
    return {
      ref: storeActorRef(device.tenantId, device.storeId),
      event: { type: 'terminal.outboxReported', terminalId: device.terminalId, depth: payload.depth },
      storeId: device.storeId,
    }
  },
  'store.open': (payload, principal) => {
    const user = requireUser(principal, payload.storeId, 'manager')
    return { ref: storeActorRef(user.tenantId, payload.storeId), event: { type: 'store.open', by: user.userId }, storeId: payload.storeId }
  },
  'store.close': (payload, principal) => {
    const user = requireUser(principal, payload.storeId, 'manager')
    return {
      ref: storeActorRef(user.tenantId, payload.storeId),
      event: { type: 'store.close', by: user.userId, force: payload.force ?? false, reason: payload.reason ?? null },
      storeId: payload.storeId,
    }
  },
}
