import type { ActorKind } from '#core/actors/types'
import { SALE_ERRORS, SALE_MACHINE_VERSION, TAX_ERRORS, saleActorInput, saleMachine, saleRefusalReason, type SaleContext, type SaleEvent, type SaleSnapshot } from '@pos/state-machines'
import { checkSaleStart } from '../services/setup_service.js'
import { recordInvoice, recordVoid } from '../services/invoice_service.js'
import { recordReturn } from '../services/return_service.js'

/**
 * The sale actor: one per sale, its id the terminal's sale id (UUID v7). The server knows only
 * the id until `sale.start` says which store, terminal and cashier it belongs to (the machine
 * waits in `new`); every later command is one durable step, and the domain writes of
 * `sale.start`, completion, void and returns are its effects, in the same transaction.
 */
export const saleActorKind: ActorKind<typeof saleMachine> = {
  kind: 'sale',
  refusal: (snapshot, event) => saleRefusal(snapshot, event),
  machine: saleMachine,
  version: SALE_MACHINE_VERSION,
  input: (ref) => saleActorInput(ref.actorId),
  storeId: (_ref, context) => (context as SaleContext | undefined)?.storeId || null,
  effects: {
    checkStart: (step) => checkSaleStart(step),
    recordInvoice: (step, params) => recordInvoice(step, params),
    recordVoid: (step) => recordVoid(step),
    recordReturn: (step, params) => recordReturn(step, params),
  },
}

/**
 * Why the sale refuses `event` (its stable code and message), for the ack of a refused command;
 * null when the machine would take it. For a runtime hook that reports a kind's own refusal
 * reason instead of the generic E_ACTOR_EVENT_REJECTED.
 */
export function saleRefusal(snapshot: SaleSnapshot, event: SaleEvent): { code: string; message: string } | null {
  const code = saleRefusalReason(snapshot, event)
  if (code === null) return null
  const messages: Record<string, string> = { ...SALE_ERRORS, ...TAX_ERRORS }
  return { code, message: messages[code] ?? code }
}
