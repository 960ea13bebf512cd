import type { StoreApplyStock, StoreDispatchTransfer, StoreReceiveTransfer } from '@pos/state-machines'
import type { ActorKind, StepContext } from '#core/actors/types'
import { applyStockMovements } from '../services/stock_service.js'
import { transferService } from '../services/transfer_service.js'

/**
 * The store machine's stock effects, run by the actor host inside the command's
 * durable step (same transaction as the journal entry). The store actor's id is
 * its store, so every movement and fact here belongs to that store. An AppError
 * thrown here refuses the command and nothing is written.
 */
export const storeStockEffects: NonNullable<ActorKind['effects']> = {
  async applyStock(step: StepContext, params: StoreApplyStock) {
    await applyStockMovements(step, {
      storeId: step.ref.actorId,
      kind: params.kind,
      lines: params.lines.map((line) => ({
        itemId: line.itemId,
        quantity: line.quantity,
        unitCostPaise: line.unitCostPaise ?? undefined,
        batchId: line.batchId ?? null,
      })),
      reason: params.reason,
      reference: params.reference ?? { type: 'stock_command', id: step.request.commandId },
    })
  },

  dispatchTransfer(step: StepContext, params: StoreDispatchTransfer) {
    return transferService.dispatch(step, params)
  },

  receiveTransfer(step: StepContext, params: StoreReceiveTransfer) {
    return transferService.receive(step, params)
  },
}
