/*
 * inventory: the stock ledger, FIFO cost layers, transfers and live stock.
 */
import type { DomainModule } from '#core/modules'
import { storeStockEffects } from './actors/store_stock_effects.js'
import { inventoryCommandRoutes, inventoryQueries, type InventoryCommandName } from './socket/stock_commands.js'

export {
  applyStockMovements,
  type AppliedMovement,
  type ApplyStockInput,
  type CostSlice,
  type MovementKind,
  type StockLayerInput,
  type StockLineInput,
} from './services/stock_service.js'
export { inventoryController } from './http/inventory_controller.js'
export { ledgerService } from './services/ledger_service.js'
export { inventoryErrors } from './errors.js'

/** The socket queries inventory answers. */
export type InventoryQueryName = 'stock.levels'

/**
 * What inventory brings to the live side: the stock effects of the store actor's
 * machine (`applyStock`, `dispatchTransfer`, `receiveTransfer`), the stock socket
 * commands (managers) and the `stock.levels` query.
 */
export const inventoryModule: DomainModule<InventoryCommandName, InventoryQueryName> = {
  effects: { store: storeStockEffects },
  commandRoutes: inventoryCommandRoutes,
  queries: inventoryQueries,
}
