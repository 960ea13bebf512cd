/*
 * A terminal selling over its socket, as the terminal app does: the cashier signs in with their
 * own session, a shift is opened, and each sale is sale.start … sale.complete with the terminal's
 * own next invoice number (from the `sales.setup` query).
 */
import type { Socket } from 'socket.io-client'
import { io } from 'socket.io-client'
import { PROTOCOL_VERSION } from '@pos/protocols'
import type { E2eItem, E2eTenant } from './fixtures.ts'
import { uuidv7 } from './ids.ts'

type Ack = { ok: boolean; data?: any; error?: { code: string; message: string } }

export async function must(socket: Socket, name: string, payload: Record<string, unknown>): Promise<Ack> {
  const ack = (await socket.timeout(10_000).emitWithAck(name, { commandId: uuidv7(), ...payload })) as Ack
  if (!ack.ok) throw new Error(`${name} refused: ${JSON.stringify(ack.error)}`)
  return ack
}

/** A user's socket on a store (a manager's, for stock commands). */
export function userSocket(baseUrl: string, token: string, storeId: string): Promise<Socket> {
  const socket = io(baseUrl, { path: '/socket.io', transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION, token, storeId }, reconnection: false })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

/** Signs the cashier in on the terminal (its socket connected) and opens a shift with ₹2,000. */
export async function startSelling(till: Socket, baseUrl: string, tenant: E2eTenant, cashierToken: string) {
  await must(till, 'terminal.reportOutbox', { depth: 0 })
  const response = await fetch(`${baseUrl}/api/v1/terminals/${tenant.till.terminalId}/cashier-session`, { method: 'POST', headers: { authorization: `Bearer ${cashierToken}` } })
  if (response.status !== 200) throw new Error(`cashier sign-in: ${response.status} ${await response.text()}`)
  await must(till, 'shift.open', { shiftId: uuidv7(), cashierId: tenant.cashier.id, cashCount: { '50000': 4 } })
}

export interface SaleSpec {
  lines: Array<{ item: E2eItem; quantity: string }>
  tender: { method: 'cash' | 'upi' | 'card'; amountPaise: number; reference?: string }
  /** Propose another number than the series' next (the server renumbers it and opens a review item). */
  invoiceNumber?: (next: string) => string
  /** Called after the last line, before tendering (the cart is on the dashboard then). */
  beforeTender?: () => Promise<void>
}

/** One whole sale; resolves with the sale id and the completion ack. */
export async function sell(till: Socket, tenant: E2eTenant, spec: SaleSpec) {
  const setup = (await till.timeout(10_000).emitWithAck('sales.setup', { storeId: tenant.storeId })) as Ack
  if (!setup.ok) throw new Error(`sales.setup refused: ${JSON.stringify(setup.error)}`)
  const saleId = uuidv7()
  await must(till, 'sale.start', {
    saleId,
    cashierId: tenant.cashier.id,
    supplierStateCode: setup.data.supplierStateCode,
    pricesIncludeTax: setup.data.pricesIncludeTax,
    composition: setup.data.composition,
    limits: setup.data.limits.cashier,
  })
  for (const [index, { item, quantity }] of spec.lines.entries()) {
    await must(till, 'sale.addLine', {
      saleId,
      line: { lineId: `l${index + 1}`, itemId: item.itemId, sku: item.sku, name: item.name, hsn: item.hsn, quantity, unitPricePaise: item.unitPricePaise, ratePercent: item.ratePercent },
    })
  }
  await spec.beforeTender?.()
  await must(till, 'sale.startTender', { saleId })
  await must(till, 'sale.addTender', { saleId, tender: { tenderId: 't1', ...spec.tender } })
  const next = String(setup.data.terminal.nextNumbers.taxInvoice)
  const complete = await must(till, 'sale.complete', { saleId, invoiceNumber: spec.invoiceNumber ? spec.invoiceNumber(next) : next })
  return { saleId, complete, proposed: next }
}
