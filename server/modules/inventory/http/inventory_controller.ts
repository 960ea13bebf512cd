import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type {
  InventoryReviewItemsQuery,
  InventorySettings,
  ResolveInventoryReviewItemRequest,
  StockAdjustmentRequest,
  StockCogsQuery,
  StockLevelsQuery,
  StockMovementsQuery,
  StockReceiptRequest,
  StockTransferDispatchRequest,
  StockTransferReceiveRequest,
  StockTransfersQuery,
  StockValuationQuery,
  StockVerifyRequest,
  StockWastageRequest,
} from '@pos/protocols'
import { ledgerService } from '../services/ledger_service.js'
import { reportService } from '../services/report_service.js'
import { reviewService } from '../services/review_service.js'
import { settingsService } from '../services/settings_service.js'
import { stockCommandService } from '../services/stock_command_service.js'
import { transferService } from '../services/transfer_service.js'

type User = Extract<Principal, { kind: 'user' }>
type In<B = undefined, Q = undefined> = RouteInput<B, Q, User>

const requestId = (input: In<unknown, unknown>) => input.ctx.request.id() ?? null

export const inventoryController = {
  receive: (input: In<StockReceiptRequest>) => stockCommandService.receive(input.principal, input.params.storeId!, input.body),
  adjust: (input: In<StockAdjustmentRequest>) => stockCommandService.adjust(input.principal, input.params.storeId!, input.body),
  waste: (input: In<StockWastageRequest>) => stockCommandService.waste(input.principal, input.params.storeId!, input.body),
  dispatchTransfer: (input: In<StockTransferDispatchRequest>) =>
    stockCommandService.dispatchTransfer(input.principal, input.params.storeId!, input.body),
  receiveTransfer: (input: In<StockTransferReceiveRequest>) =>
    stockCommandService.receiveTransfer(input.principal, input.params.storeId!, input.params.transferId!, input.body),

  transfer: (input: In) => transferService.get(input.principal, input.params.storeId!, input.params.transferId!),
  transfers: async (input: In<undefined, StockTransfersQuery>) => ({
    transfers: await transferService.list(input.principal, input.params.storeId!, input.query),
  }),

  levels: (input: In<undefined, StockLevelsQuery>) => reportService.levels(input.principal, input.params.storeId!, input.query),
  movements: (input: In<undefined, StockMovementsQuery>) =>
    reportService.movements(input.principal, input.params.storeId!, input.params.itemId!, input.query),
  valuation: (input: In<undefined, StockValuationQuery>) => reportService.valuation(input.principal, input.params.storeId!, input.query),
  cogs: (input: In<undefined, StockCogsQuery>) => reportService.cogs(input.principal, input.params.storeId!, input.query),

  settings: (input: In) => settingsService.get(input.principal),
  updateSettings: (input: In<InventorySettings>) => settingsService.update(input.principal, input.body, requestId(input)),

  reviewItems: async (input: In<undefined, InventoryReviewItemsQuery>) => ({
    reviewItems: await reviewService.list(input.principal, input.params.storeId!, input.query),
  }),
  resolveReviewItem: (input: In<ResolveInventoryReviewItemRequest>) =>
    reviewService.resolve(input.principal, input.params.storeId!, input.params.reviewItemId!, input.body, requestId(input)),

  verify: (input: In<StockVerifyRequest>) => ledgerService.verifyStore(input.principal, input.params.storeId!, input.body.repair, requestId(input)),
}
