import type { InventoryQueryName } from '../index.js'
import { requireUser, storeActorRef, type CommandRoutes, type QueryHandlers } from '#core/modules'
import { reportService } from '../services/report_service.js'
import { stockEvents } from '../services/stock_events.js'

export type InventoryCommandName = 'stock.receive' | 'stock.adjust' | 'stock.waste' | 'transfer.dispatch' | 'transfer.receive'

/*
 * Socket commands for a store's stock, for managers and owners of that store.
 * The tenant comes from the principal, never from the payload; the store actor
 * serialises them with the same commands sent over HTTP.
 */
export const inventoryCommandRoutes: CommandRoutes<InventoryCommandName> = {
  'stock.receive': ({ commandId: _c, clientSeq: _s, storeId, ...body }, principal) => {
    const user = requireUser(principal, storeId, 'manager')
    return { ref: storeActorRef(user.tenantId, storeId), event: stockEvents.receipt(user.userId, body), storeId }
  },
  'stock.adjust': ({ commandId: _c, clientSeq: _s, storeId, ...body }, principal) => {
    const user = requireUser(principal, storeId, 'manager')
    return { ref: storeActorRef(user.tenantId, storeId), event: stockEvents.adjustment(user.userId, body), storeId }
  },
  'stock.waste': ({ commandId: _c, clientSeq: _s, storeId, ...body }, principal) => {
    const user = requireUser(principal, storeId, 'manager')
    return { ref: storeActorRef(user.tenantId, storeId), event: stockEvents.wastage(user.userId, body), storeId }
  },
  'transfer.dispatch': ({ commandId, clientSeq: _s, storeId, ...body }, principal) => {
    const user = requireUser(principal, storeId, 'manager')
    return { ref: storeActorRef(user.tenantId, storeId), event: stockEvents.dispatch(user.userId, commandId, body), storeId }
  },
  'transfer.receive': ({ commandId: _c, clientSeq: _s, storeId, transferId, ...body }, principal) => {
    const user = requireUser(principal, storeId, 'manager')
    return { ref: storeActorRef(user.tenantId, storeId), event: stockEvents.receive(user.userId, transferId, body), storeId }
  },
}

/** Socket queries: on-hand of some items, for any principal of the store (the gateway checked the scope). */
export const inventoryQueries: QueryHandlers<InventoryQueryName> = {
  'stock.levels': (request, principal) => reportService.levelsOf(principal, request.storeId, request.itemIds),
}
