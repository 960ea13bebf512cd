import { z } from 'zod'
import { commandIdSchema, storeIdSchema, userIdSchema, deviceIdSchema } from '../ids.ts'
import { paiseSchema } from '../money.ts'
import {
  stockLinesDistinct,
  negativeStockPolicySchema,
  positiveStockQuantitySchema,
  signedStockQuantitySchema,
  STOCK_LINES_MAX,
  stockItemIdSchema,
  stockMovementKindSchema,
  stockQuantitySchema,
  stockReasonSchema,
  stockReferenceSchema,
  stockUnitCostPaiseSchema,
} from './values.ts'

const batchIdSchema = z.uuid().nullable().optional()
const note = z.string().trim().min(1).max(500)
const lines = <S extends z.ZodType>(line: S) => z.array(line).min(1).max(STOCK_LINES_MAX)

/** One received line: quantity above zero at a cost per unit, optionally into a batch. */
export const stockReceiptLineSchema = z.strictObject({
  itemId: stockItemIdSchema,
  quantity: positiveStockQuantitySchema,
  unitCostPaise: stockUnitCostPaiseSchema,
  batchId: batchIdSchema,
})

/**
 * Goods received into a store (a supplier delivery). `commandId` makes a retry
 * safe: the same body again returns the stored result and changes nothing.
 */
export const stockReceiptRequestSchema = z.strictObject({
  commandId: commandIdSchema,
  lines: lines(stockReceiptLineSchema),
  reference: stockReferenceSchema.optional(),
  note: note.optional(),
})
export type StockReceiptRequest = z.infer<typeof stockReceiptRequestSchema>

/** One adjusted line: negative takes stock away. A positive line is valued at `unitCostPaise`, else at the item's cost. */
export const stockAdjustmentLineSchema = z.strictObject({
  itemId: stockItemIdSchema,
  quantity: signedStockQuantitySchema,
  unitCostPaise: stockUnitCostPaiseSchema.optional(),
  batchId: batchIdSchema,
})

/** A stock count correction, with the reason. */
export const stockAdjustmentRequestSchema = z.strictObject({
  commandId: commandIdSchema,
  reason: stockReasonSchema,
  lines: lines(stockAdjustmentLineSchema),
  reference: stockReferenceSchema.optional(),
})
export type StockAdjustmentRequest = z.infer<typeof stockAdjustmentRequestSchema>

/** One written-off line (expired, damaged, spoilt). */
export const stockWastageLineSchema = z.strictObject({
  itemId: stockItemIdSchema,
  quantity: positiveStockQuantitySchema,
  batchId: batchIdSchema,
})

/** Stock written off, with the reason. */
export const stockWastageRequestSchema = z.strictObject({
  commandId: commandIdSchema,
  reason: stockReasonSchema,
  lines: lines(stockWastageLineSchema),
  reference: stockReferenceSchema.optional(),
})
export type StockWastageRequest = z.infer<typeof stockWastageRequestSchema>

/** One line of a transfer: an item (once per transfer) and a quantity above zero. */
export const stockTransferLineSchema = z.strictObject({
  itemId: stockItemIdSchema,
  quantity: positiveStockQuantitySchema,
})

/**
 * Stock sent from this store to another store of the tenant. It leaves this
 * store at once (valued at its FIFO cost) and is in transit until received.
 * The transfer's id is the `commandId`.
 */
export const stockTransferDispatchRequestSchema = z.strictObject({
  commandId: commandIdSchema,
  toStoreId: storeIdSchema,
  lines: lines(stockTransferLineSchema).refine(stockLinesDistinct, 'each item at most once'),
  note: note.optional(),
})
export type StockTransferDispatchRequest = z.infer<typeof stockTransferDispatchRequestSchema>

/** What arrived of a transfer (all or part of its lines); the rest stays in transit. */
export const stockTransferReceiveRequestSchema = z.strictObject({
  commandId: commandIdSchema,
  lines: lines(stockTransferLineSchema).refine(stockLinesDistinct, 'each item at most once'),
})
export type StockTransferReceiveRequest = z.infer<typeof stockTransferReceiveRequestSchema>

/** A movement as a stock command's answer lists it. */
export const appliedStockMovementSchema = z.object({
  movementId: z.uuid(),
  itemId: stockItemIdSchema,
  kind: stockMovementKindSchema,
  /** Signed: negative for stock going out. */
  quantity: stockQuantitySchema,
  /** On-hand after this movement. */
  onHand: stockQuantitySchema,
  /** Outgoing: the FIFO cost of what left (COGS). Incoming: the value received. */
  costPaise: paiseSchema,
})
export type AppliedStockMovement = z.infer<typeof appliedStockMovementSchema>

/** The answer to a stock command: the command result and the movements it wrote. */
export const stockCommandResponseSchema = z.object({
  commandId: z.string(),
  status: z.enum(['applied', 'duplicate']),
  actorSeq: z.number().int(),
  storeSeq: z.number().int().nullable(),
  movements: z.array(appliedStockMovementSchema),
})
export type StockCommandResponse = z.infer<typeof stockCommandResponseSchema>

/** The answer to a dispatch: also the transfer's id. */
export const stockTransferDispatchResponseSchema = stockCommandResponseSchema.extend({ transferId: z.uuid() })
export type StockTransferDispatchResponse = z.infer<typeof stockTransferDispatchResponseSchema>

const boolFlag = z.enum(['true', 'false']).transform((value) => value === 'true')

/** A page of a store's stock levels, ordered by SKU (`after`: the last SKU of the previous page). */
export const stockLevelsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().min(1).max(40).optional(),
  /** Only items at or below their reorder level. */
  lowOnly: boolFlag.optional(),
})
export type StockLevelsQuery = z.infer<typeof stockLevelsQuerySchema>

/** An item's stock in a store. Items never moved in the store show on-hand 0. */
export const stockLevelSchema = z.object({
  itemId: stockItemIdSchema,
  sku: z.string(),
  name: z.string(),
  onHand: stockQuantitySchema,
  /** The store's reorder level for the item, else the item's. */
  reorderLevel: stockQuantitySchema,
  /** On-hand is at or below the reorder level. */
  low: z.boolean(),
})
export type StockLevel = z.infer<typeof stockLevelSchema>

export const stockLevelsPageSchema = z.object({
  levels: z.array(stockLevelSchema),
  nextAfter: z.string().nullable(),
})
export type StockLevelsPage = z.infer<typeof stockLevelsPageSchema>

/** A page of an item's movements in a store, newest first (`before`: the last `position` of the previous page). */
export const stockMovementsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.string().regex(/^[0-9]{1,18}$/).optional(),
})
export type StockMovementsQuery = z.infer<typeof stockMovementsQuerySchema>

/** One ledger entry. */
export const stockMovementSchema = z.object({
  id: z.uuid(),
  /** Ledger order (ascending with time for one store and item). */
  position: z.string(),
  itemId: stockItemIdSchema,
  kind: stockMovementKindSchema,
  quantity: stockQuantitySchema,
  onHandAfter: stockQuantitySchema,
  /** Incoming: cost per unit (null when the movement opened layers of different costs). Outgoing: null. */
  unitCostPaise: paiseSchema.nullable(),
  /** Incoming: the value received. Outgoing: its cost of goods at the time (see COGS for later true-ups). */
  totalCostPaise: paiseSchema,
  reason: z.string().nullable(),
  reference: z.object({ type: z.string(), id: z.string() }),
  batchId: z.uuid().nullable(),
  commandId: z.string().nullable(),
  createdByUserId: userIdSchema.nullable(),
  createdByDeviceId: deviceIdSchema.nullable(),
  at: z.string(),
})
export type StockMovement = z.infer<typeof stockMovementSchema>

export const stockMovementsPageSchema = z.object({
  movements: z.array(stockMovementSchema),
  nextBefore: z.string().nullable(),
})
export type StockMovementsPage = z.infer<typeof stockMovementsPageSchema>

/** A page of the valuation report (per item, by SKU); the totals cover the whole store. */
export const stockValuationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  after: z.string().min(1).max(40).optional(),
})
export type StockValuationQuery = z.infer<typeof stockValuationQuerySchema>

export const stockValuationLineSchema = z.object({
  itemId: stockItemIdSchema,
  sku: z.string(),
  name: z.string(),
  onHand: stockQuantitySchema,
  /** The value of the open FIFO layers (what is on the shelf, at what it cost). */
  fifoValuePaise: paiseSchema,
  /** fifoValue / onHand, rounded half-up; null when nothing is on hand. */
  averageUnitCostPaise: paiseSchema.nullable(),
  /** Sold beyond the layers and not yet covered by a later receipt (costed provisionally at the item's cost). */
  openShortfallQuantity: stockQuantitySchema,
})
export type StockValuationLine = z.infer<typeof stockValuationLineSchema>

export const stockValuationSchema = z.object({
  storeId: storeIdSchema,
  lines: z.array(stockValuationLineSchema),
  nextAfter: z.string().nullable(),
  totals: z.object({
    items: z.number().int(),
    fifoValuePaise: paiseSchema,
    /** Value of stock dispatched from this store and not yet received elsewhere. */
    inTransitOutPaise: paiseSchema,
  }),
})
export type StockValuation = z.infer<typeof stockValuationSchema>

/** The cost of goods of everything a reference (an invoice, a transfer...) moved out of a store. */
export const stockCogsQuerySchema = z.strictObject({
  referenceType: stockReferenceSchema.shape.type,
  referenceId: stockReferenceSchema.shape.id,
})
export type StockCogsQuery = z.infer<typeof stockCogsQuerySchema>

export const stockCogsSchema = z.object({
  reference: z.object({ type: z.string(), id: z.string() }),
  movements: z.array(
    z.object({
      movementId: z.uuid(),
      itemId: stockItemIdSchema,
      kind: stockMovementKindSchema,
      quantity: stockQuantitySchema,
      /** FIFO cost, plus provisional cost of any shortfall, plus later true-ups. */
      cogsPaise: paiseSchema,
      /** Part costed provisionally at the item's cost (no layer covered it). */
      provisionalPaise: paiseSchema,
      /** Corrections made since, when receipts covered the shortfall at their actual cost. */
      trueUpPaise: paiseSchema,
      openShortfallQuantity: stockQuantitySchema,
    })
  ),
  totalPaise: paiseSchema,
})
export type StockCogs = z.infer<typeof stockCogsSchema>

/** The tenant's inventory settings (tenants.settings.inventory). */
export const inventorySettingsSchema = z.strictObject({
  negativeStock: negativeStockPolicySchema,
})
export type InventorySettings = z.infer<typeof inventorySettingsSchema>

export const STOCK_TRANSFER_STATUSES = ['in_transit', 'partially_received', 'received'] as const
export const stockTransferStatusSchema = z.enum(STOCK_TRANSFER_STATUSES)

export const stockTransferSchema = z.object({
  id: z.uuid(),
  fromStoreId: storeIdSchema,
  toStoreId: storeIdSchema,
  status: stockTransferStatusSchema,
  note: z.string().nullable(),
  dispatchedAt: z.string(),
  receivedAt: z.string().nullable(),
  lines: z.array(
    z.object({
      itemId: stockItemIdSchema,
      quantityDispatched: stockQuantitySchema,
      quantityReceived: stockQuantitySchema,
      quantityInTransit: stockQuantitySchema,
      /** FIFO cost of what was dispatched (carried to the receiving store's layers). */
      dispatchedValuePaise: paiseSchema,
      inTransitValuePaise: paiseSchema,
    })
  ),
})
export type StockTransfer = z.infer<typeof stockTransferSchema>

/** Transfers from (`outgoing`) or to (`incoming`) a store, newest first. */
export const stockTransfersQuerySchema = z.strictObject({
  direction: z.enum(['outgoing', 'incoming', 'both']).default('both'),
  status: stockTransferStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type StockTransfersQuery = z.infer<typeof stockTransfersQuerySchema>

export const INVENTORY_REVIEW_RESOLUTIONS = ['accepted', 'stock_adjusted', 'follow_up'] as const

/** A store's conflict review inbox (negative stock, oversold offline sales, ...). */
export const inventoryReviewItemsQuerySchema = z.strictObject({
  status: z.enum(['open', 'resolved']).default('open'),
  kind: z.string().regex(/^[a-z][a-z_]{1,40}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type InventoryReviewItemsQuery = z.infer<typeof inventoryReviewItemsQuerySchema>

export const inventoryReviewItemSchema = z.object({
  id: z.uuid(),
  storeId: storeIdSchema,
  kind: z.string(),
  status: z.enum(['open', 'resolved']),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  resolution: z.enum(INVENTORY_REVIEW_RESOLUTIONS).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedBy: userIdSchema.nullable(),
  resolvedAt: z.string().nullable(),
})
export type InventoryReviewItem = z.infer<typeof inventoryReviewItemSchema>

/** A manager closes a review item, saying how (recorded in the audit log). */
export const resolveInventoryReviewItemRequestSchema = z.strictObject({
  resolution: z.enum(INVENTORY_REVIEW_RESOLUTIONS),
  note: z.string().trim().min(3).max(1000),
})
export type ResolveInventoryReviewItemRequest = z.infer<typeof resolveInventoryReviewItemRequestSchema>

/** Compare every on-hand of the store with the sum of its movements; with `repair`, reset mismatches to the ledger. */
export const stockVerifyRequestSchema = z.strictObject({
  repair: z.boolean().default(false),
})
export type StockVerifyRequest = z.infer<typeof stockVerifyRequestSchema>

export const stockVerifyResultSchema = z.object({
  /** stock_levels rows compared. */
  checked: z.number().int(),
  mismatches: z.array(
    z.object({
      storeId: storeIdSchema,
      itemId: stockItemIdSchema,
      onHand: stockQuantitySchema,
      ledger: stockQuantitySchema,
    })
  ),
  repaired: z.number().int(),
})
export type StockVerifyResult = z.infer<typeof stockVerifyResultSchema>
