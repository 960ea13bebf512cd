import type { FactEnvelope, InvoiceSummary } from '@pos/protocols'

/*
 * The selling side of a store's live picture, folded from its facts: each terminal's open cart
 * (from `sale.*`) and the invoices issued since the page opened (from `invoice.issued`). Totals
 * of the day come from the server's summary, refreshed when a fact says they changed, so they
 * are right after a reload too.
 */

export interface CartView {
  saleId: string
  terminalId: string
  grandTotalPaise: number
  lines: number
  status: 'cart' | 'parked' | 'tendering'
}

export interface RecentInvoice {
  id: string
  saleId: string
  terminalId: string
  number: string
  grandTotalPaise: number
  at: string
  offline: boolean
}

export interface SalesPicture {
  /** The open sale of each terminal (a terminal sells one cart at a time; a parked one stays listed until resumed or replaced). */
  carts: Record<string, CartView>
  /** Which terminal each sale seen started on (later sale facts name only the sale). */
  saleTerminal: Record<string, string>
  /** Invoices from facts, newest first. */
  invoices: RecentInvoice[]
}

export const RECENT_INVOICES = 10

/** Fact types after which the day's summary or the recent invoices are out of date. */
export const SALES_REFRESH_FACTS = new Set(['invoice.issued', 'creditNote.issued'])
/** Fact types after which the low-stock list may be out of date. */
export const STOCK_REFRESH_FACTS = new Set(['stock.low', 'stock.changed'])

export const emptySalesPicture = (): SalesPicture => ({ carts: {}, saleTerminal: {}, invoices: [] })

type Data = Record<string, unknown>

function updateCart(picture: SalesPicture, saleId: string, change: (cart: CartView) => CartView | null): SalesPicture {
  const terminalId = picture.saleTerminal[saleId]
  if (!terminalId) return picture
  const current = picture.carts[terminalId]
  if (!current || current.saleId !== saleId) return picture
  const next = change(current)
  const carts = { ...picture.carts }
  if (next) carts[terminalId] = next
  else delete carts[terminalId]
  return { ...picture, carts }
}

/** Applies one fact of the store (facts of other kinds leave the picture as it is). */
export function applySalesFact(picture: SalesPicture, fact: FactEnvelope): SalesPicture {
  const data = fact.data as Data
  const saleId = typeof data.saleId === 'string' ? data.saleId : ''
  switch (fact.type) {
    case 'sale.started': {
      const terminalId = String(data.terminalId)
      return {
        ...picture,
        saleTerminal: { ...picture.saleTerminal, [saleId]: terminalId },
        carts: { ...picture.carts, [terminalId]: { saleId, terminalId, grandTotalPaise: 0, lines: 0, status: 'cart' } },
      }
    }
    case 'sale.lineAdded':
      return updateCart(picture, saleId, (cart) => ({ ...cart, grandTotalPaise: Number(data.grandTotalPaise), lines: cart.lines + 1 }))
    case 'sale.lineRemoved':
      return updateCart(picture, saleId, (cart) => ({ ...cart, grandTotalPaise: Number(data.grandTotalPaise), lines: Math.max(0, cart.lines - 1) }))
    case 'sale.lineChanged':
    case 'sale.billDiscountChanged':
    case 'sale.customerAttached':
      return updateCart(picture, saleId, (cart) => ({ ...cart, grandTotalPaise: Number(data.grandTotalPaise) }))
    case 'sale.parked':
      return updateCart(picture, saleId, (cart) => ({ ...cart, status: 'parked' }))
    case 'sale.resumed': {
      // A resumed sale may come back on a terminal whose slot another cart took meanwhile.
      const terminalId = picture.saleTerminal[saleId]
      return terminalId ? updateCart(picture, saleId, (cart) => ({ ...cart, status: 'cart' })) : picture
    }
    case 'sale.tenderAdded':
      return updateCart(picture, saleId, (cart) => ({ ...cart, status: 'tendering' }))
    case 'sale.completed':
    case 'sale.voided':
      return updateCart(picture, saleId, () => null)
    case 'invoice.issued': {
      const invoice: RecentInvoice = {
        id: String(data.invoiceId),
        saleId,
        terminalId: String(data.terminalId),
        number: String(data.number),
        grandTotalPaise: Number(data.grandTotalPaise),
        at: fact.at,
        offline: data.offline === true,
      }
      const cleared = updateCart(picture, saleId, () => null)
      return { ...cleared, invoices: mergeInvoices([invoice], cleared.invoices) }
    }
    default:
      return picture
  }
}

/** An invoice of the server's list, as the dashboard shows it. */
export const recentOf = (invoice: InvoiceSummary): RecentInvoice => ({
  id: invoice.id,
  saleId: invoice.saleId,
  terminalId: invoice.terminalId,
  number: invoice.number,
  grandTotalPaise: invoice.totals.grandTotalPaise,
  at: invoice.issuedAt,
  offline: invoice.offline,
})

/** Both lists as one, newest first, each invoice once (the later list wins a tie), at most RECENT_INVOICES. */
export function mergeInvoices(a: readonly RecentInvoice[], b: readonly RecentInvoice[]): RecentInvoice[] {
  const byId = new Map<string, RecentInvoice>()
  for (const invoice of [...b, ...a]) byId.set(invoice.id, invoice)
  return [...byId.values()].sort((x, y) => y.at.localeCompare(x.at) || y.number.localeCompare(x.number)).slice(0, RECENT_INVOICES)
}
