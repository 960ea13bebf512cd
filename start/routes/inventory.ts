/*
 * The inventory module's HTTP routes, declared on the shared route table.
 * Stock changes go to the store's actor as commands (idempotent by the body's
 * commandId); reads come straight from the ledger. Managers and owners, within
 * their store scope.
 */
import * as p from '@pos/protocols'
import type { ErrorCode } from '@pos/protocols'
import { z } from 'zod'
import { inventoryController } from '#modules/inventory/index'
import { api } from '../api.js'

const tag = 'inventory'
/** What any stock command may answer besides validation. */
const commandErrors: ErrorCode[] = [
  'E_AUTH_FORBIDDEN',
  'E_TENANCY_STORE_NOT_FOUND',
  'E_INVENTORY_ITEM_NOT_FOUND',
  'E_INVENTORY_QUANTITY_INVALID',
  'E_ACTOR_EVENT_REJECTED',
  'E_COMMAND_ID_REUSED',
  'E_ACTOR_UNAVAILABLE',
]

api.route({
  method: 'post',
  path: '/stores/:storeId/stock/receipts',
  tag,
  summary: 'Receive goods into the store (each line at a cost per unit; opens FIFO layers)',
  auth: 'user',
  minRole: 'manager',
  body: p.stockReceiptRequestSchema,
  response: p.stockCommandResponseSchema,
  status: 201,
  errors: [...commandErrors, 'E_INVENTORY_UNIT_COST_REQUIRED'],
  handle: inventoryController.receive,
})

api.route({
  method: 'post',
  path: '/stores/:storeId/stock/adjustments',
  tag,
  summary: 'Correct stock after a count (signed quantities) with a reason',
  auth: 'user',
  minRole: 'manager',
  body: p.stockAdjustmentRequestSchema,
  response: p.stockCommandResponseSchema,
  status: 201,
  errors: [...commandErrors, 'E_INVENTORY_REASON_REQUIRED', 'E_STOCK_INSUFFICIENT'],
  handle: inventoryController.adjust,
})

api.route({
  method: 'post',
  path: '/stores/:storeId/stock/wastage',
  tag,
  summary: 'Write stock off (expired, damaged) with a reason',
  auth: 'user',
  minRole: 'manager',
  body: p.stockWastageRequestSchema,
  response: p.stockCommandResponseSchema,
  status: 201,
  errors: [...commandErrors, 'E_INVENTORY_REASON_REQUIRED', 'E_STOCK_INSUFFICIENT'],
  handle: inventoryController.waste,
})

api.route({
  method: 'post',
  path: '/stores/:storeId/transfers',
  tag,
  summary: 'Dispatch stock to another store (leaves now at FIFO cost; in transit until received); the transfer id is the commandId',
  auth: 'user',
  minRole: 'manager',
  body: p.stockTransferDispatchRequestSchema,
  response: p.stockTransferDispatchResponseSchema,
  status: 201,
  errors: [...commandErrors, 'E_STOCK_INSUFFICIENT', 'E_INVENTORY_TRANSFER_SAME_STORE', 'E_INVENTORY_TRANSFER_DESTINATION_NOT_FOUND'],
  handle: inventoryController.dispatchTransfer,
})

api.route({
  method: 'post',
  path: '/stores/:storeId/transfers/:transferId/receipts',
  tag,
  summary: 'Receive all or part of a transfer at this store (at the cost it left with); the rest stays in transit',
  auth: 'user',
  minRole: 'manager',
  body: p.stockTransferReceiveRequestSchema,
  response: p.stockCommandResponseSchema,
  status: 201,
  errors: [...commandErrors, 'E_INVENTORY_TRANSFER_NOT_FOUND', 'E_INVENTORY_TRANSFER_OVER_RECEIVED', 'E_INVENTORY_TRANSFER_CLOSED'],
  handle: inventoryController.receiveTransfer,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/transfers',
  tag,
  summary: 'Transfers from or to this store, newest first',
  auth: 'user',
  minRole: 'manager',
  query: p.stockTransfersQuerySchema,
  response: z.object({ transfers: z.array(p.stockTransferSchema) }),
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: inventoryController.transfers,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/transfers/:transferId',
  tag,
  summary: 'A transfer from or to this store: per line dispatched, received, in transit, and their value',
  auth: 'user',
  minRole: 'manager',
  response: p.stockTransferSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND', 'E_INVENTORY_TRANSFER_NOT_FOUND'],
  handle: inventoryController.transfer,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/stock',
  tag,
  summary: "The store's stock levels by SKU (on-hand, reorder level, low flag), paged",
  auth: 'user',
  minRole: 'manager',
  query: p.stockLevelsQuerySchema,
  response: p.stockLevelsPageSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: inventoryController.levels,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/items/:itemId/movements',
  tag,
  summary: "An item's stock movements in the store, newest first",
  auth: 'user',
  minRole: 'manager',
  query: p.stockMovementsQuerySchema,
  response: p.stockMovementsPageSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND', 'E_INVENTORY_ITEM_NOT_FOUND'],
  handle: inventoryController.movements,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/stock/valuation',
  tag,
  summary: 'Stock valuation: per item on-hand, FIFO value of open layers, average unit cost; store totals',
  auth: 'user',
  minRole: 'manager',
  query: p.stockValuationQuerySchema,
  response: p.stockValuationSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: inventoryController.valuation,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/stock/cogs',
  tag,
  summary: 'Cost of goods of what a reference (an invoice, a transfer) took out of the store',
  auth: 'user',
  minRole: 'manager',
  query: p.stockCogsQuerySchema,
  response: p.stockCogsSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: inventoryController.cogs,
})

api.route({
  method: 'post',
  path: '/stores/:storeId/stock/verify',
  tag,
  summary: "Compare the store's on-hands with the sums of their movements; with repair, reset mismatches to the ledger (audited)",
  auth: 'user',
  minRole: 'manager',
  body: p.stockVerifyRequestSchema,
  response: p.stockVerifyResultSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: inventoryController.verify,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/review-items',
  tag,
  summary: "The store's review inbox (negative stock allowed by policy, offline conflicts)",
  auth: 'user',
  minRole: 'manager',
  query: p.inventoryReviewItemsQuerySchema,
  response: z.object({ reviewItems: z.array(p.inventoryReviewItemSchema) }),
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: inventoryController.reviewItems,
})

api.route({
  method: 'post',
  path: '/stores/:storeId/review-items/:reviewItemId/resolve',
  tag,
  summary: 'Resolve a review item (accepted, stock_adjusted or follow_up) with a note; recorded in the audit log',
  auth: 'user',
  minRole: 'manager',
  body: p.resolveInventoryReviewItemRequestSchema,
  response: p.inventoryReviewItemSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND', 'E_INVENTORY_REVIEW_NOT_FOUND', 'E_INVENTORY_REVIEW_RESOLVED'],
  handle: inventoryController.resolveReviewItem,
})

api.route({
  method: 'get',
  path: '/inventory/settings',
  tag,
  summary: "The tenant's inventory settings (negative-stock policy)",
  auth: 'user',
  minRole: 'manager',
  response: p.inventorySettingsSchema,
  handle: inventoryController.settings,
})

api.route({
  method: 'put',
  path: '/inventory/settings',
  tag,
  summary: 'Change the tenant-wide negative-stock policy (owners: it applies to every store)',
  auth: 'user',
  minRole: 'owner',
  body: p.inventorySettingsSchema,
  response: p.inventorySettingsSchema,
  errors: ['E_AUTH_FORBIDDEN'],
  handle: inventoryController.updateSettings,
})
