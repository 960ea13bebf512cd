import type {
  StockAdjustmentRequest,
  StockReceiptRequest,
  StockTransferDispatchRequest,
  StockTransferReceiveRequest,
  StockWastageRequest,
} from '@pos/protocols'
import type { StoreEvent } from '@pos/state-machines'

type WithoutAt<T> = T extends unknown ? Omit<T, 'at'> : never

/** A store machine stock event as sent to the actor; the host adds `at` (its clock) in the step. */
export type StockEvent = WithoutAt<Extract<StoreEvent, { type: 'stock.record' | 'transfer.dispatch' | 'transfer.receive' }>>

type Body<T> = Omit<T, 'commandId' | 'clientSeq'>

/*
 * The store machine events of the stock commands, from the validated HTTP bodies
 * and socket payloads alike (both carry the same fields).
 */
export const stockEvents = {
  receipt: (by: string, body: Body<StockReceiptRequest>): StockEvent => ({
    type: 'stock.record',
    by,
    kind: 'receipt',
    lines: body.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity, unitCostPaise: line.unitCostPaise, batchId: line.batchId ?? null })),
    reason: body.note ?? null,
    reference: body.reference ?? null,
  }),

  adjustment: (by: string, body: Body<StockAdjustmentRequest>): StockEvent => ({
    type: 'stock.record',
    by,
    kind: 'adjustment',
    lines: body.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity, unitCostPaise: line.unitCostPaise ?? null, batchId: line.batchId ?? null })),
    reason: body.reason,
    reference: body.reference ?? null,
  }),

  wastage: (by: string, body: Body<StockWastageRequest>): StockEvent => ({
    type: 'stock.record',
    by,
    kind: 'wastage',
    lines: body.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity, batchId: line.batchId ?? null })),
    reason: body.reason,
    reference: body.reference ?? null,
  }),

  /** The transfer's id is the dispatching commandId: a retried dispatch names the same transfer. */
  dispatch: (by: string, transferId: string, body: Body<StockTransferDispatchRequest>): StockEvent => ({
    type: 'transfer.dispatch',
    by,
    transferId,
    toStoreId: body.toStoreId,
    lines: body.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity })),
    note: body.note ?? null,
  }),

  receive: (by: string, transferId: string, body: Body<StockTransferReceiveRequest>): StockEvent => ({
    type: 'transfer.receive',
    by,
    transferId,
    lines: body.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity })),
  }),
}
