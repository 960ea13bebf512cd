import { z } from 'zod'

/** The kinds of stock movement in the ledger. Incoming kinds open FIFO cost layers; outgoing kinds consume them. */
export const STOCK_MOVEMENT_KINDS = ['receipt', 'sale', 'return', 'adjustment', 'wastage', 'transfer_out', 'transfer_in'] as const
export const stockMovementKindSchema = z.enum(STOCK_MOVEMENT_KINDS)
export type StockMovementKind = z.infer<typeof stockMovementKindSchema>

/** An item (sellable variant) id. */
export const stockItemIdSchema = z.uuid()

const QUANTITY = /^-?(0|[1-9][0-9]{0,10})(\.[0-9]{1,3})?$/
const isZero = (text: string) => /^-?0(\.0{1,3})?$/.test(text)

/**
 * A stock quantity as a decimal string: up to 11 integer digits and 3 decimals
 * (numeric(14,3) in SQL; loose goods are weighed to the gram). Never a number:
 * floats do not carry 0.1 exactly.
 */
export const stockQuantitySchema = z.string().regex(QUANTITY, 'a decimal string with at most 3 decimals')
export type StockQuantity = z.infer<typeof stockQuantitySchema>

/** A quantity above zero (received, sold, wasted, transferred). */
export const positiveStockQuantitySchema = stockQuantitySchema.refine((text) => !text.startsWith('-') && !isZero(text), 'must be above zero')

/** A signed, non-zero quantity (an adjustment: negative takes stock away). */
export const signedStockQuantitySchema = stockQuantitySchema.refine((text) => !isZero(text), 'must not be zero')

/** A cost per unit in integer paise. */
export const stockUnitCostPaiseSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** What caused a movement: `{ type: 'invoice', id }`, `{ type: 'transfer', id }`, a supplier bill... */
export const stockReferenceSchema = z.strictObject({
  type: z.string().regex(/^[a-z][a-z_]{1,40}$/),
  id: z.string().trim().min(1).max(100),
})
export type StockReference = z.infer<typeof stockReferenceSchema>

/** Why stock was adjusted or written off (required for both, kept on the movement). */
export const stockReasonSchema = z.string().trim().min(3).max(500)

/** The tenant's negative-stock policy: refuse an outgoing movement that would take stock below zero, or allow it and open a review item. */
export const NEGATIVE_STOCK_POLICIES = ['refuse', 'allow-with-review'] as const
export const negativeStockPolicySchema = z.enum(NEGATIVE_STOCK_POLICIES)
export type NegativeStockPolicy = z.infer<typeof negativeStockPolicySchema>

/** At most this many lines per stock command (a large delivery is several receipts). */
export const STOCK_LINES_MAX = 500

/** Lines whose item ids are all different. */
export const stockLinesDistinct = <T extends { itemId: string }>(lines: T[]) => new Set(lines.map((line) => line.itemId)).size === lines.length
