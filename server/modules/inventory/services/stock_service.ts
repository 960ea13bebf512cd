import type { StepContext } from '#core/actors/types'

/** Kinds of stock movement in the ledger. Outgoing kinds consume FIFO cost layers; incoming kinds open them. */
export type MovementKind = 'receipt' | 'sale' | 'return' | 'adjustment' | 'wastage' | 'transfer_out' | 'transfer_in'

export interface StockLineInput {
  itemId: string
  /**
   * Decimal string, up to 3 places. Positive for every kind; for `adjustment`
   * the sign gives the direction (negative: stock goes down).
   */
  quantity: string
  /** Incoming kinds (receipt, return, transfer_in, a positive adjustment): cost per unit in paise. */
  unitCostPaise?: number
  batchId?: string | null
}

export interface ApplyStockInput {
  storeId: string
  kind: MovementKind
  lines: StockLineInput[]
  /** Required for adjustment and wastage. */
  reason?: string | null
  /** What caused it, e.g. { type: 'invoice', id } or { type: 'transfer', id }. */
  reference: { type: string; id: string }
  /**
   * 'tenant' (default): when stock would go below zero, the tenant's setting
   * decides (refuse with E_STOCK_INSUFFICIENT, or allow and open a review item).
   * 'allow-with-review': never refuse (an offline sale that already happened
   * stands); a review item is opened for the shortfall.
   */
  negativePolicy?: 'tenant' | 'allow-with-review'
}

export interface AppliedMovement {
  movementId: string
  itemId: string
  /** Signed: negative for stock going out. */
  quantity: string
  /** On-hand after this movement. */
  onHand: string
  /** Outgoing: FIFO cost of the goods that left (COGS). Incoming: value received. Paise. */
  costPaise: number
}

/**
 * Applies stock movements for one store inside the caller's durable step:
 * locks the items' stock_levels rows (in item id order, so concurrent steps
 * never deadlock), appends the immutable movements, keeps on-hand equal to the
 * ledger, opens or consumes FIFO cost layers, opens review items where policy
 * allows negative stock, and emits `stock.changed` (and `stock.low` when an
 * item falls to or below its reorder level) through `step.emitFact`, pushed
 * after commit. Throws AppError E_STOCK_INSUFFICIENT (nothing written) when
 * the policy refuses.
 */
export async function applyStockMovements(_step: StepContext, _input: ApplyStockInput): Promise<{ movements: AppliedMovement[]; reviewItemIds: string[] }> {
  throw new Error('applyStockMovements is being built')
}
