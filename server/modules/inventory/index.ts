/*
 * inventory: the stock ledger, FIFO cost layers, transfers and live stock.
 */
import type { DomainModule } from '#core/modules'

export {
  applyStockMovements,
  type AppliedMovement,
  type ApplyStockInput,
  type MovementKind,
  type StockLineInput,
} from './services/stock_service.js'

/** What inventory brings to the live side (store actor stock effects, socket commands and queries). */
export const inventoryModule: DomainModule = {}
