/*
 * The inventory part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 */
import { z } from 'zod'
import { storeIdSchema } from '../ids.ts'
import { command } from '../socket/envelope.ts'
import {
  stockAdjustmentLineSchema,
  stockReceiptLineSchema,
  stockWastageLineSchema,
  stockTransferLineSchema,
} from './http.ts'
import {
  stockLinesDistinct,
  STOCK_LINES_MAX,
  stockItemIdSchema,
  stockMovementKindSchema,
  stockQuantitySchema,
  stockReasonSchema,
  stockReferenceSchema,
} from './values.ts'

export * from './values.ts'
export * from './http.ts'

/**
 * Error codes of the inventory module. `E_STOCK_INSUFFICIENT` is the stock
 * contract's refusal (shared with the sales flow); the others are E_INVENTORY_*.
 */
export const inventoryErrorCodes = [
  'E_STOCK_INSUFFICIENT',
  'E_INVENTORY_ITEM_NOT_FOUND',
  'E_INVENTORY_QUANTITY_INVALID',
  'E_INVENTORY_REASON_REQUIRED',
  'E_INVENTORY_UNIT_COST_REQUIRED',
  'E_INVENTORY_TRANSFER_NOT_FOUND',
  'E_INVENTORY_TRANSFER_SAME_STORE',
  'E_INVENTORY_TRANSFER_DESTINATION_NOT_FOUND',
  'E_INVENTORY_TRANSFER_OVER_RECEIVED',
  'E_INVENTORY_TRANSFER_CLOSED',
  'E_INVENTORY_REVIEW_NOT_FOUND',
  'E_INVENTORY_REVIEW_RESOLVED',
] as const

const lines = <S extends z.ZodType>(line: S) => z.array(line).min(1).max(STOCK_LINES_MAX)

/** Client→server inventory commands (imperative names); managers and owners of the store. */
export const inventoryCommandSchemas = {
  /** Goods received into the store. */
  'stock.receive': command({
    storeId: storeIdSchema,
    lines: lines(stockReceiptLineSchema),
    reference: stockReferenceSchema.optional(),
    note: z.string().trim().min(1).max(500).optional(),
  }),
  /** A stock count correction (negative quantities take stock away), with the reason. */
  'stock.adjust': command({ storeId: storeIdSchema, reason: stockReasonSchema, lines: lines(stockAdjustmentLineSchema) }),
  /** Stock written off (expired, damaged), with the reason. */
  'stock.waste': command({ storeId: storeIdSchema, reason: stockReasonSchema, lines: lines(stockWastageLineSchema) }),
  /** Stock sent to another store of the tenant; the transfer's id is the commandId. */
  'transfer.dispatch': command({
    storeId: storeIdSchema,
    toStoreId: storeIdSchema,
    lines: lines(stockTransferLineSchema).refine(stockLinesDistinct, 'each item at most once'),
    note: z.string().trim().min(1).max(500).optional(),
  }),
  /** What arrived of a transfer at the receiving store (`storeId`); the rest stays in transit. */
  'transfer.receive': command({
    storeId: storeIdSchema,
    transferId: z.uuid(),
    lines: lines(stockTransferLineSchema).refine(stockLinesDistinct, 'each item at most once'),
  }),
} satisfies Record<string, z.ZodType>

/** `stock.changed`: one movement changed an item's on-hand in the store. */
export const stockChangedFactSchema = z.object({
  itemId: stockItemIdSchema,
  /** On-hand after the movement. */
  onHand: stockQuantitySchema,
  /** The movement's signed quantity. */
  delta: stockQuantitySchema,
  kind: stockMovementKindSchema,
  movementId: z.uuid(),
})
export type StockChangedFact = z.infer<typeof stockChangedFactSchema>

/** `stock.low`: an item went from above its reorder level to at or below it. */
export const stockLowFactSchema = z.object({
  itemId: stockItemIdSchema,
  onHand: stockQuantitySchema,
  reorderLevel: stockQuantitySchema,
})
export type StockLowFact = z.infer<typeof stockLowFactSchema>

/** Server→client inventory facts (past-tense names). */
export const inventoryFactSchemas = {
  'stock.changed': stockChangedFactSchema,
  'stock.low': stockLowFactSchema,
} satisfies Record<string, z.ZodType>

/** Client→server inventory queries answered over the socket: request and response schemas. */
export const inventoryQuerySchemas = {
  /** On-hand of up to 200 items in a store (any principal of the store: terminals check stock). */
  'stock.levels': {
    request: z.strictObject({ storeId: storeIdSchema, itemIds: z.array(stockItemIdSchema).min(1).max(200) }),
    response: z.object({
      levels: z.array(
        z.object({ itemId: stockItemIdSchema, onHand: stockQuantitySchema, reorderLevel: stockQuantitySchema, low: z.boolean() })
      ),
    }),
  },
} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
