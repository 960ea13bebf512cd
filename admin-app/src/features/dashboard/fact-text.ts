import type { FactEnvelope } from '@pos/protocols'
import { formatRupees } from '../../shared/money/format-rupees.ts'

/** Names for ids, when known (a fact names terminals, users, items and sales by id). */
export interface FactNames {
  terminalName: (id: string | null) => string | null
  userName: (id: string | null) => string | null
  /** An item's name (stock facts carry only the item id). */
  itemName?: (id: string | null) => string | null
  /** The terminal a sale was started on (most `sale.*` facts carry only the sale id). */
  saleTerminal?: (saleId: string | null) => string | null
}

/** `"99.000"` → `"99"`, `"1.250"` → `"1.25"`: quantities as a person writes them. */
export function plainQuantity(value: unknown): string {
  const text = String(value)
  if (!/^-?[0-9]+(\.[0-9]+)?$/.test(text)) return text
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
}

const METHOD: Record<string, string> = { cash: 'cash', card: 'card', upi: 'UPI' }
const MOVEMENT: Record<string, string> = {
  sale: 'sold',
  return: 'returned',
  receipt: 'received',
  adjustment: 'count correction',
  wastage: 'written off',
  transfer_out: 'sent to another store',
  transfer_in: 'arrived from another store',
}

/** One line a manager can read for a fact of the live feed. */
export function describeFact(fact: FactEnvelope, names: FactNames): string {
  const data = fact.data as Record<string, unknown>
  const terminalOf = (id: unknown) => {
    if (typeof id !== 'string') return 'a terminal'
    return names.terminalName(id) ?? `terminal ${id.slice(0, 8)}`
  }
  const terminal = () => terminalOf(data.terminalId)
  // A sale's facts name its terminal only when it started; the feed remembers which it was.
  const saleTerminal = () => {
    if (typeof data.terminalId === 'string') return terminal()
    const id = typeof data.saleId === 'string' ? (names.saleTerminal?.(data.saleId) ?? null) : null
    return id ? terminalOf(id) : 'A terminal'
  }
  const user = (id: unknown) => (typeof id === 'string' ? (names.userName(id) ?? `user ${id.slice(0, 8)}`) : 'the system')
  const item = (id: unknown) => (typeof id === 'string' ? (names.itemName?.(id) ?? `item ${id.slice(0, 8)}`) : 'an item')
  const money = (paise: unknown) => (typeof paise === 'number' ? formatRupees(paise) : '—')
  const line = () => (data.line ?? {}) as Record<string, unknown>
  const bill = () => `bill ${money(data.grandTotalPaise)}`
  const totals = () => (data.totals ?? {}) as Record<string, unknown>
  switch (fact.type) {
    case 'terminal.presenceChanged':
      return `${String(data.name ?? terminal())} is ${String(data.presence)}${Number(data.outboxDepth) > 0 ? `, ${data.outboxDepth} queued` : ''}`
    case 'terminal.connected':
      return `${terminal()} connected`
    case 'terminal.disconnected':
      return `${terminal()} disconnected`
    case 'terminal.outboxChanged':
      return `${terminal()} has ${data.depth} command${data.depth === 1 ? '' : 's'} waiting to sync`
    case 'cashier.signedIn':
      return `${user(data.cashierId)} signed in on ${terminal()}`
    case 'cashier.signedOut':
      return `${user(data.cashierId)} signed out of ${terminal()}`
    case 'store.opened':
      return `Store opened by ${user(data.by)}`
    case 'store.closed':
      return `Store closed by ${user(data.by)}${data.forced ? ` (forced: ${String(data.reason)})` : ''}`
    case 'sale.started':
      return `${user(data.cashierId)} started a sale on ${terminal()}`
    case 'sale.lineAdded':
      return `${saleTerminal()} added ${plainQuantity(line().quantity)} × ${String(line().name)}, ${bill()}`
    case 'sale.lineRemoved':
      return `${saleTerminal()} removed a line, ${bill()}`
    case 'sale.lineChanged':
      return `${saleTerminal()} changed the ${String(data.change)} of ${String(line().name)}, ${bill()}`
    case 'sale.billDiscountChanged':
      return `${saleTerminal()} gave a bill discount of ${money(data.billDiscountPaise)}, ${bill()}`
    case 'sale.customerAttached':
      return `${saleTerminal()} added the customer to the bill`
    case 'sale.parked':
      return `${saleTerminal()} parked a sale`
    case 'sale.resumed':
      return `${saleTerminal()} resumed a parked sale`
    case 'sale.tenderAdded': {
      const tender = (data.tender ?? {}) as Record<string, unknown>
      const rest =
        Number(data.changeDuePaise) > 0 ? `change ${money(data.changeDuePaise)}` : Number(data.remainingDuePaise) > 0 ? `${money(data.remainingDuePaise)} still due` : 'paid in full'
      return `${saleTerminal()} took ${money(tender.amountPaise)} by ${METHOD[String(tender.method)] ?? String(tender.method)}, ${rest}`
    }
    case 'sale.tenderRemoved':
      return `${saleTerminal()} removed a payment, ${money(data.remainingDuePaise)} due`
    case 'sale.completed':
      return `${saleTerminal()} sold ${String(data.invoiceNumber)} for ${money(totals().grandTotalPaise)}`
    case 'sale.voided':
      return `${saleTerminal()} voided a sale: ${String(data.reason)}`
    case 'sale.returned':
      return `${saleTerminal()} took goods back on ${String(data.invoiceNumber)}: ${money(totals().grandTotalPaise)}`
    case 'invoice.issued': {
      const renumbered = data.proposedNumber !== undefined && data.proposedNumber !== data.number ? ` (numbered ${String(data.proposedNumber)} on the terminal)` : ''
      return `Invoice ${String(data.number)} issued for ${money(data.grandTotalPaise)} on ${terminal()}${data.offline ? ', sold offline' : ''}${renumbered}`
    }
    case 'creditNote.issued':
      return `Credit note ${String(data.number)} issued for ${money(data.grandTotalPaise)} on ${terminal()}`
    case 'shift.opened':
      return `${user(data.openedBy)} opened a shift on ${terminal()} with ${money(data.openingFloatPaise)} float`
    case 'shift.cashMoved':
      return `${terminal()}: ${money(data.amountPaise)} cash ${data.direction === 'in' ? 'put in' : 'taken out'} (${String(data.reason)})`
    case 'shift.closed':
      return `${user(data.closedBy)} closed the shift on ${terminal()}, ${money(data.countedCashPaise)} cash counted${data.overridden ? ' (closed anyway)' : ''}`
    case 'shift.zReported': {
      const diff = Number(data.cashDifferencePaise)
      const cash = diff === 0 ? 'cash matched' : diff > 0 ? `cash over by ${money(diff)}` : `cash short by ${money(-diff)}`
      return `Z report for ${terminal()}: ${cash}`
    }
    case 'stock.changed': {
      const delta = plainQuantity(data.delta)
      const how = MOVEMENT[String(data.kind)] ?? String(data.kind)
      return `${item(data.itemId)}: ${delta.startsWith('-') ? delta.replace('-', '−') : `+${delta}`} (${how}), ${plainQuantity(data.onHand)} on hand`
    }
    case 'stock.low':
      return `${item(data.itemId)} is low: ${plainQuantity(data.onHand)} left (reorder at ${plainQuantity(data.reorderLevel)})`
    default:
      return fact.type
  }
}
