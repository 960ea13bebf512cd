import type {
  StockAdjustmentRequest,
  StockCommandResponse,
  StockMovementKind,
  StockReceiptRequest,
  StockTransferDispatchRequest,
  StockTransferDispatchResponse,
  StockTransferReceiveRequest,
  StockWastageRequest,
} from '@pos/protocols'
import { actorCommands } from '#core/actors/dispatcher'
import type { CommandOutcome } from '#core/actors/types'
import { withTenant } from '#core/db/tenancy'
import { AppError } from '#core/errors'
import type { Principal } from '#core/http/principal'
import { storeActorRef } from '#core/modules'
import { sha256Hex } from '#core/secrets'
import { requireStore, tenancyErrors } from '#modules/tenancy/index'
import { inventoryErrors } from '../errors.js'
import { stockRepository } from '../repositories/stock_repository.js'
import { formatQuantity, fromNumeric } from './quantity.js'
import { stockEvents, type StockEvent } from './stock_events.js'

type User = Extract<Principal, { kind: 'user' }>

/** HTTP statuses of the answers a store actor can give (its own, the runtime's, the stock effects'). */
const STATUS: Record<string, number> = {
  E_VALIDATION: 422,
  E_NOT_FOUND: 404,
  E_ACTOR_EVENT_REJECTED: 422,
  E_COMMAND_ID_REUSED: 409,
  E_COMMAND_OUT_OF_ORDER: 409,
  E_ACTOR_UNAVAILABLE: 503,
  E_ACTOR_FAILED: 500,
  [tenancyErrors.definitions.storeNotFound.code]: tenancyErrors.definitions.storeNotFound.status,
  ...Object.fromEntries(Object.values(inventoryErrors.definitions).map((definition) => [definition.code, definition.status])),
}

/** The actor's refusal as the HTTP error it is (same code, message and details). */
export function refusal(error: Extract<CommandOutcome, { ok: false }>['error']) {
  return new AppError(error.code as AppError['code'], error.message, STATUS[error.code] ?? 400, error.details)
}

/**
 * Sends one stock command to the store actor (which serialises the store's stock
 * commands and journals them) and answers with the movements it wrote. The
 * commandId makes it idempotent: a repeat gets the stored result and the same
 * movements.
 */
async function send(principal: User, storeId: string, commandType: string, commandId: string, event: StockEvent, body: unknown): Promise<StockCommandResponse> {
  await withTenant(principal.tenantId, (trx) => requireStore(trx, principal, storeId))
  const outcome = await actorCommands.dispatch({
    ref: storeActorRef(principal.tenantId, storeId),
    commandId,
    commandType,
    payloadHash: sha256Hex(JSON.stringify({ commandType, storeId, body })),
    event,
    sender: { userId: principal.userId, deviceId: null },
  })
  if (!outcome.ok) throw refusal(outcome.error)
  const rows = await withTenant(principal.tenantId, (trx) => stockRepository.movementsOfCommand(trx, principal.tenantId, commandId))
  return {
    ...outcome.data,
    movements: rows.map((row: Record<string, any>) => ({
      movementId: row.id,
      itemId: row.item_id,
      kind: row.kind as StockMovementKind,
      quantity: formatQuantity(fromNumeric(row.quantity)),
      onHand: formatQuantity(fromNumeric(row.on_hand_after)),
      costPaise: Number(row.total_cost_paise),
    })),
  }
}

export const stockCommandService = {
  receive(principal: User, storeId: string, body: StockReceiptRequest) {
    return send(principal, storeId, 'stock.receive', body.commandId, stockEvents.receipt(principal.userId, body), body)
  },

  adjust(principal: User, storeId: string, body: StockAdjustmentRequest) {
    return send(principal, storeId, 'stock.adjust', body.commandId, stockEvents.adjustment(principal.userId, body), body)
  },

  waste(principal: User, storeId: string, body: StockWastageRequest) {
    return send(principal, storeId, 'stock.waste', body.commandId, stockEvents.wastage(principal.userId, body), body)
  },

  async dispatchTransfer(principal: User, storeId: string, body: StockTransferDispatchRequest): Promise<StockTransferDispatchResponse> {
    if (body.toStoreId === storeId) throw inventoryErrors.transferSameStore()
    const transferId: string = body.commandId
    const result = await send(principal, storeId, 'transfer.dispatch', body.commandId, stockEvents.dispatch(principal.userId, transferId, body), body)
    return { ...result, transferId }
  },

  receiveTransfer(principal: User, storeId: string, transferId: string, body: StockTransferReceiveRequest) {
    return send(principal, storeId, 'transfer.receive', body.commandId, stockEvents.receive(principal.userId, transferId, body), { transferId, ...body })
  },
}
