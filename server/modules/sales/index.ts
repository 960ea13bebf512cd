/*
 * sales: the sale and shift actors (carts, completion with invoice numbering, returns and
 * credit notes, register shifts and Z reports) and the read side of their documents.
 */
import type { DomainModule } from '#core/modules'
import { saleActorKind, saleRefusal } from './actors/sale_actor.js'
import { shiftActorKind, shiftRefusal } from './actors/shift_actor.js'
import { salesCommandRoutes, type SalesCommandName } from './services/command_routes.js'
import { salesSetup } from './services/setup_service.js'

export { salesController } from './http/sales_controller.js'
export { salesErrors } from './errors.js'
export { DEFAULT_LIMITS } from './services/setup_service.js'
export { saleActorKind, saleRefusal, shiftActorKind, shiftRefusal }

/** What sales brings to the live side (actor kinds, socket commands and queries). */
export const salesModule = {
  actorKinds: [saleActorKind, shiftActorKind],
  commandRoutes: salesCommandRoutes,
  queries: {
    'sales.setup': (request, principal) => salesSetup(principal, request.storeId),
  },
} satisfies DomainModule<SalesCommandName, 'sales.setup'>
