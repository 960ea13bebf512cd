import type { StoreDispatchTransfer, StoreReceiveTransfer } from '@pos/state-machines'
import type { StockTransfer, StockTransfersQuery } from '@pos/protocols'
import { roundHalfUp } from '@pos/state-machines'
import type { StepContext } from '#core/actors/types'
import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { requireStore } from '#modules/tenancy/index'
import { inventoryErrors } from '../errors.js'
import { transferRepository, type CostSliceJson, type TransferLineRow, type TransferRow } from '../repositories/transfer_repository.js'
import { formatQuantity, fromNumeric, paise, toThousandths } from './quantity.js'
import { applyStockMovements, type StockLayerInput } from './stock_service.js'

/**
 * The value of units `from` to `to` of a slice, as a share of the value the slice
 * left with: round(value × to / qty) − round(value × from / qty). The pieces of a
 * slice (what arrives now, later, or is still in transit) add up to its value.
 */
function sliceShare(slice: CostSliceJson, from: bigint, to: bigint) {
  const quantity = fromNumeric(slice.quantity)
  const value = BigInt(slice.costPaise)
  return roundHalfUp(value * to, quantity) - roundHalfUp(value * from, quantity)
}

/** The pieces of a line's slices between `from` and `to` (thousandths along the line, slices in order). */
function piecesBetween(slices: CostSliceJson[], from: bigint, to: bigint) {
  const pieces: Array<{ slice: CostSliceJson; quantity: bigint; valuePaise: bigint }> = []
  let start = 0n
  for (const slice of slices) {
    const end = start + fromNumeric(slice.quantity)
    const a = from > start ? from : start
    const b = to < end ? to : end
    if (b > a) pieces.push({ slice, quantity: b - a, valuePaise: sliceShare(slice, a - start, b - start) })
    start = end
  }
  return pieces
}

function toTransfer(row: TransferRow, lines: TransferLineRow[]): StockTransfer {
  return {
    id: row.id,
    fromStoreId: row.from_store_id,
    toStoreId: row.to_store_id,
    status: row.status,
    note: row.note,
    dispatchedAt: new Date(row.dispatched_at).toISOString(),
    receivedAt: row.received_at ? new Date(row.received_at).toISOString() : null,
    lines: lines.map((line) => {
      const dispatched = fromNumeric(line.quantity_dispatched)
      const received = fromNumeric(line.quantity_received)
      const inTransit = piecesBetween(line.cost_slices, received, dispatched)
      return {
        itemId: line.item_id,
        quantityDispatched: formatQuantity(dispatched),
        quantityReceived: formatQuantity(received),
        quantityInTransit: formatQuantity(dispatched - received),
        dispatchedValuePaise: Number(line.dispatched_value_paise),
        inTransitValuePaise: paise(inTransit.reduce((sum, piece) => sum + piece.valuePaise, 0n)),
      }
    }),
  } as StockTransfer
}

/** Value of what the store has dispatched that is not yet received elsewhere. */
export function inTransitValue(lines: TransferLineRow[]) {
  let total = 0n
  for (const line of lines) {
    for (const piece of piecesBetween(line.cost_slices, fromNumeric(line.quantity_received), fromNumeric(line.quantity_dispatched))) total += piece.valuePaise
  }
  return total
}

export const transferService = {
  /**
   * The store actor's `dispatchTransfer` effect: the stock leaves this store now
   * (transfer_out movements at FIFO cost, by the tenant's negative-stock policy)
   * and the transfer records, per line, the cost slices it left with.
   */
  async dispatch(step: StepContext, params: StoreDispatchTransfer) {
    const fromStoreId = step.ref.actorId
    const transferId = params.transferId.toLowerCase()
    if (params.toStoreId === fromStoreId) throw inventoryErrors.transferSameStore()
    if (!(await transferRepository.storeExists(step.trx, params.toStoreId))) throw inventoryErrors.transferDestinationNotFound()
    const { movements } = await applyStockMovements(step, {
      storeId: fromStoreId,
      kind: 'transfer_out',
      lines: params.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity })),
      reason: params.note,
      reference: { type: 'transfer', id: transferId },
    })
    await transferRepository.insert(
      step.trx,
      {
        id: transferId,
        tenantId: step.ref.tenantId,
        fromStoreId,
        toStoreId: params.toStoreId.toLowerCase(),
        note: params.note,
        by: params.by ?? step.request.sender.userId,
        at: step.at,
      },
      movements.map((movement) => ({
        itemId: movement.itemId,
        quantity: formatQuantity(-fromNumeric(movement.quantity)),
        valuePaise: movement.costPaise,
        slices: movement.slices.map(({ unitCostPaise, quantity, costPaise, batchId }) => ({ unitCostPaise, quantity, costPaise, batchId })),
        movementId: movement.movementId,
      }))
    )
  },

  /**
   * The store actor's `receiveTransfer` effect (the receiving store's actor): what
   * arrived enters at the cost it left with (one layer per source slice it spans),
   * oldest slices first. More than is still in transit is refused, nothing written.
   */
  async receive(step: StepContext, params: StoreReceiveTransfer) {
    const toStoreId = step.ref.actorId
    const transferId = params.transferId.toLowerCase()
    const transfer = await transferRepository.lockIncoming(step.trx, transferId, toStoreId)
    if (!transfer) throw inventoryErrors.transferNotFound()
    if (transfer.status === 'received') throw inventoryErrors.transferClosed()
    const lines = new Map((await transferRepository.lines(step.trx, [transferId])).map((line) => [line.item_id, line]))

    const over: Array<{ itemId: string; requested: string; inTransit: string }> = []
    const arriving = params.lines.map((line) => {
      const itemId = line.itemId.toLowerCase()
      const quantity = toThousandths(line.quantity) ?? 0n
      const stored = lines.get(itemId)
      const received = stored ? fromNumeric(stored.quantity_received) : 0n
      const inTransit = stored ? fromNumeric(stored.quantity_dispatched) - received : 0n
      if (quantity <= 0n || quantity > inTransit) over.push({ itemId, requested: line.quantity, inTransit: formatQuantity(inTransit) })
      return { itemId, quantity, received, stored }
    })
    if (over.length > 0) throw inventoryErrors.transferOverReceived({ lines: over })

    await applyStockMovements(step, {
      storeId: toStoreId,
      kind: 'transfer_in',
      lines: arriving.map(({ itemId, quantity, received, stored }) => ({
        itemId,
        quantity: formatQuantity(quantity),
        layers: piecesBetween(stored!.cost_slices, received, received + quantity).map(
          (piece): StockLayerInput => ({
            quantity: formatQuantity(piece.quantity),
            unitCostPaise: piece.slice.unitCostPaise,
            batchId: piece.slice.batchId,
            costPaise: paise(piece.valuePaise),
          })
        ),
      })),
      reference: { type: 'transfer', id: transferId },
    })
    await transferRepository.setReceived(
      step.trx,
      transferId,
      arriving.map(({ itemId, quantity, received }) => ({ itemId, received: formatQuantity(received + quantity) }))
    )
    const receivedNow = new Map(arriving.map(({ itemId, quantity, received }) => [itemId, received + quantity]))
    const complete = [...lines.values()].every((line) => (receivedNow.get(line.item_id) ?? fromNumeric(line.quantity_received)) === fromNumeric(line.quantity_dispatched))
    await transferRepository.setStatus(step.trx, transferId, complete ? 'received' : 'partially_received', complete ? step.at : null, step.at)
  },

  async get(principal: Principal, storeId: string, transferId: string): Promise<StockTransfer> {
    return withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      const transfer = await transferRepository.find(trx, transferId)
      if (!transfer || (transfer.from_store_id !== storeId && transfer.to_store_id !== storeId)) throw inventoryErrors.transferNotFound()
      return toTransfer(transfer, await transferRepository.lines(trx, [transferId]))
    })
  },

  async list(principal: Principal, storeId: string, query: StockTransfersQuery): Promise<StockTransfer[]> {
    return withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      const transfers = await transferRepository.list(trx, storeId, query)
      const lines = await transferRepository.lines(
        trx,
        transfers.map((transfer) => transfer.id)
      )
      return transfers.map((transfer) => toTransfer(transfer, lines.filter((line) => line.transfer_id === transfer.id)))
    })
  },
}

