import { v7 as uuidv7 } from 'uuid'
import { withTenant, type Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { commonErrors } from '#core/errors'
import { actorCommands } from '#core/actors/dispatcher'
import { sha256Hex } from '#core/secrets'
import { formatDecimal, parseDecimal } from '@pos/state-machines'
import type { CreditNote, Invoice, InvoiceSummary, SalesSummary, Shift } from '@pos/protocols'
import { assertStoreAccess } from '#modules/tenancy/index'
import { salesErrors } from '../errors.js'
import { documentRepository, summaryRepository, type DocumentScope } from '../repositories/document_repository.js'
import { salesRepository } from '../repositories/sales_repository.js'
import { shiftRepository } from '../repositories/shift_repository.js'
import { sellingRole } from './setup_service.js'
import { zReportOf } from './shift_service.js'

type Row = Record<string, any>

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString())
const n = (value: unknown) => Number(value)
const decimal = (value: unknown) => formatDecimal(parseDecimal(String(value)) ?? 0n)

/**
 * What a caller sees of a store's documents: managers and owners everything, a terminal device
 * its own terminal's, a cashier their own sales.
 */
function scopeOf(principal: Principal, storeId: string): DocumentScope {
  assertStoreAccess(principal, storeId)
  if (principal.kind === 'device') return { terminalId: principal.terminalId }
  if (principal.role === 'owner' || principal.role === 'manager') return { all: true }
  if (principal.role === 'cashier') return { cashierId: principal.userId }
  // A station sees no sales documents.
  throw commonErrors.notFound()
}

function visible(scope: DocumentScope, row: Row) {
  if ('terminalId' in scope) return row.terminal_id === scope.terminalId
  if ('cashierId' in scope) return row.cashier_id === scope.cashierId
  return true
}

function taxFigures(row: Row) {
  return {
    taxablePaise: n(row.taxable_paise),
    cgstPaise: n(row.cgst_paise),
    sgstPaise: n(row.sgst_paise),
    igstPaise: n(row.igst_paise),
    cessPaise: n(row.cess_paise),
    totalPaise: n(row.total_paise),
  }
}

function invoiceSummary(row: Row): InvoiceSummary {
  return {
    id: row.id,
    storeId: row.store_id,
    terminalId: row.terminal_id,
    shiftId: row.shift_id,
    saleId: row.sale_id,
    documentKind: row.doc_type,
    number: row.number,
    fyLabel: row.fy_label,
    status: row.status,
    cashierId: row.cashier_id,
    customer: { phone: row.customer_phone, gstin: row.customer_gstin, name: row.customer_name },
    b2b: row.b2b,
    supplierStateCode: row.supplier_state_code,
    placeOfSupplyStateCode: row.place_of_supply_state_code,
    supplyType: row.supply_type,
    totals: {
      ...taxFigures(row),
      grossPaise: n(row.gross_paise),
      discountPaise: n(row.discount_paise),
      roundOffPaise: n(row.round_off_paise),
      grandTotalPaise: n(row.grand_total_paise),
    },
    changePaise: n(row.change_paise),
    issuedAt: iso(row.issued_at)!,
    offline: row.offline,
    proposedNumber: row.proposed_number,
  } as InvoiceSummary
}

async function fullInvoice(trx: Tx, row: Row): Promise<Invoice> {
  const lines = await documentRepository.invoiceLines(trx, row.id)
  const tenders = await documentRepository.invoiceTenders(trx, row.id)
  return {
    ...invoiceSummary(row),
    lines: lines.map((line) => ({
      ...taxFigures(line),
      lineNo: line.line_no,
      lineId: line.line_id,
      itemId: line.item_id,
      sku: line.sku,
      name: line.name,
      hsn: line.hsn,
      quantity: decimal(line.quantity),
      unitPricePaise: n(line.unit_price_paise),
      originalUnitPricePaise: line.original_unit_price_paise === null ? null : n(line.original_unit_price_paise),
      ratePercent: decimal(line.rate_percent),
      cessPercent: decimal(line.cess_percent),
      grossPaise: n(line.gross_paise),
      discountPaise: n(line.discount_paise),
      billDiscountPaise: n(line.bill_discount_paise),
      cogsPaise: line.cogs_paise === null ? null : n(line.cogs_paise),
    })),
    tenders: tenders.map((tender) => ({
      tenderId: tender.tender_id,
      method: tender.method,
      amountPaise: n(tender.amount_paise),
      reference: tender.reference,
      changePaise: n(tender.change_paise),
    })),
  }
}

async function fullCreditNote(trx: Tx, row: Row): Promise<CreditNote> {
  const lines = await documentRepository.creditNoteLines(trx, row.id)
  const refunds = await documentRepository.refunds(trx, row.id)
  return {
    ...creditNoteSummary(row),
    lines: lines.map((line) => ({
      ...taxFigures(line),
      lineNo: line.line_no,
      invoiceLineNo: line.invoice_line_no,
      lineId: line.line_id,
      itemId: line.item_id,
      hsn: line.hsn,
      quantity: decimal(line.quantity),
      ratePercent: decimal(line.rate_percent),
      cessPercent: decimal(line.cess_percent),
      isFinalReturn: line.is_final_return,
    })),
    refunds: refunds.map((refund) => ({ method: refund.method, amountPaise: n(refund.amount_paise), reference: refund.reference, status: refund.status })),
  }
}

function creditNoteSummary(row: Row): Omit<CreditNote, 'lines' | 'refunds'> {
  return {
    id: row.id,
    storeId: row.store_id,
    terminalId: row.terminal_id,
    shiftId: row.shift_id,
    invoiceId: row.invoice_id,
    invoiceNumber: row.invoice_number,
    saleId: row.sale_id,
    returnId: row.return_id,
    number: row.number,
    fyLabel: row.fy_label,
    reason: row.reason,
    supplyType: row.supply_type,
    totals: { ...taxFigures(row), roundOffPaise: n(row.round_off_paise), grandTotalPaise: n(row.grand_total_paise) },
    issuedAt: iso(row.issued_at)!,
  } as Omit<CreditNote, 'lines' | 'refunds'>
}

function shiftOf(row: Row, movements: Row[] = []): Shift {
  return {
    id: row.id,
    storeId: row.store_id,
    terminalId: row.terminal_id,
    status: row.status,
    openedBy: row.opened_by,
    openedAt: iso(row.opened_at)!,
    openingFloatPaise: n(row.opening_float_paise),
    closedBy: row.closed_by,
    closedAt: iso(row.closed_at),
    countedCashPaise: row.counted_cash_paise === null ? null : n(row.counted_cash_paise),
    overrideReason: row.override_reason,
    movements: movements.map((m) => ({ id: m.id, direction: m.direction, amountPaise: n(m.amount_paise), reason: m.reason, by: m.by_user, at: iso(m.at)! })),
  } as Shift
}

/** Invoices, credit notes, shifts and Z reports, as the caller may see them. */
export const documentService = {
  /** A store's sales on one Asia/Kolkata day (today by default), for its managers and owners. */
  async salesSummary(principal: Principal, storeId: string, query: { date?: string }): Promise<SalesSummary> {
    assertStoreAccess(principal, storeId)
    return withTenant(principal.tenantId, async (trx) => {
      const date = query.date ?? (await summaryRepository.today(trx))
      // One connection: the three aggregates run one after another.
      const hours = await summaryRepository.invoicesByHour(trx, storeId, date)
      const tenders = await summaryRepository.tenders(trx, storeId, date)
      const returns = await summaryRepository.returns(trx, storeId, date)
      const byHour = Array.from({ length: 24 }, () => ({ count: 0, valuePaise: 0 }))
      for (const h of hours) byHour[h.hour] = { count: h.count, valuePaise: h.value }
      const byTender = { cash: 0, card: 0, upi: 0, store_credit: 0 }
      for (const t of tenders) if (t.method in byTender) byTender[t.method as keyof typeof byTender] = t.value
      return {
        storeId,
        date,
        timeZone: 'Asia/Kolkata',
        sales: { count: hours.reduce((a, h) => a + h.count, 0), valuePaise: hours.reduce((a, h) => a + h.value, 0) },
        byTender,
        byHour,
        returns: { count: returns.count, valuePaise: returns.value },
      } as SalesSummary
    })
  },

  async listInvoices(principal: Principal, storeId: string, query: Parameters<typeof documentRepository.listInvoices>[3]) {
    const scope = scopeOf(principal, storeId)
    return withTenant(principal.tenantId, async (trx) => {
      const rows = await documentRepository.listInvoices(trx, storeId, scope, query)
      return { invoices: rows.map(invoiceSummary), nextBefore: rows.length === query.limit ? rows.at(-1)!.id : null }
    })
  },

  async invoice(principal: Principal, invoiceId: string): Promise<Invoice> {
    return withTenant(principal.tenantId, async (trx) => {
      const row = await documentRepository.invoice(trx, { id: invoiceId })
      if (!row) throw commonErrors.notFound()
      if (!visible(scopeOf(principal, row.store_id), row)) throw commonErrors.notFound()
      return fullInvoice(trx, row)
    })
  },

  async invoiceByNumber(principal: Principal, storeId: string, number: string): Promise<Invoice> {
    const scope = scopeOf(principal, storeId)
    return withTenant(principal.tenantId, async (trx) => {
      const row = await documentRepository.invoice(trx, { storeId, number })
      if (!row || !visible(scope, row)) throw commonErrors.notFound()
      return fullInvoice(trx, row)
    })
  },

  async listCreditNotes(principal: Principal, storeId: string, query: Parameters<typeof documentRepository.listCreditNotes>[3]) {
    const scope = scopeOf(principal, storeId)
    return withTenant(principal.tenantId, async (trx) => {
      const rows = await documentRepository.listCreditNotes(trx, storeId, scope, query)
      return { creditNotes: rows.map(creditNoteSummary), nextBefore: rows.length === query.limit ? rows.at(-1)!.id : null }
    })
  },

  async creditNote(principal: Principal, creditNoteId: string): Promise<CreditNote> {
    return withTenant(principal.tenantId, async (trx) => {
      const row = await documentRepository.creditNote(trx, creditNoteId)
      if (!row) throw commonErrors.notFound()
      if (!visible(scopeOf(principal, row.store_id), { terminal_id: row.terminal_id, cashier_id: row.invoice_cashier_id })) throw commonErrors.notFound()
      return fullCreditNote(trx, row)
    })
  },

  async listShifts(principal: Principal, storeId: string, query: { terminalId?: string; status?: string; before?: string; limit: number }) {
    const scope = scopeOf(principal, storeId)
    return withTenant(principal.tenantId, async (trx) => {
      const filters = 'terminalId' in scope ? { ...query, terminalId: scope.terminalId } : query
      let rows = await shiftRepository.list(trx, storeId, filters)
      if ('cashierId' in scope) rows = rows.filter((row) => row.opened_by === scope.cashierId)
      return { shifts: rows.map((row) => shiftOf(row)), nextBefore: rows.length === query.limit ? rows.at(-1)!.id : null }
    })
  },

  async shift(principal: Principal, shiftId: string): Promise<Shift> {
    return withTenant(principal.tenantId, async (trx) => {
      const row = await shiftRepository.find(trx, shiftId)
      if (!row || !visible(scopeOf(principal, row.store_id), { terminal_id: row.terminal_id, cashier_id: row.opened_by })) throw commonErrors.notFound()
      return shiftOf(row, await shiftRepository.movements(trx, shiftId))
    })
  },

  /** The stored Z report of a shift, and whether the shift's records still give exactly its bytes. */
  async zReport(principal: Principal, shiftId: string) {
    return withTenant(principal.tenantId, async (trx) => {
      const shift = await shiftRepository.find(trx, shiftId)
      if (!shift || !visible(scopeOf(principal, shift.store_id), { terminal_id: shift.terminal_id, cashier_id: shift.opened_by })) throw commonErrors.notFound()
      const stored = await shiftRepository.zReport(trx, shiftId)
      if (!stored) throw commonErrors.notFound()
      const again = await zReportOf(trx, shiftId)
      return {
        id: stored.id,
        shiftId,
        generatedAt: iso(stored.generated_at)!,
        sha256: stored.sha256,
        json: stored.report_json,
        report: JSON.parse(stored.report_json),
        reproducible: again.json === stored.report_json && sha256Hex(again.json) === stored.sha256,
      }
    })
  },

  /**
   * The signed-in user becomes the terminal's cashier: the terminal app signs the cashier in with
   * their own credentials and calls this with their session, so the terminal actor knows who sells.
   */
  async signIn(principal: Extract<Principal, { kind: 'user' }>, terminalId: string) {
    const terminal = await withTenant(principal.tenantId, async (trx) => {
      const row = await salesRepository.terminal(trx, terminalId)
      if (!row || row.kind !== 'terminal') throw salesErrors.terminalNotFound()
      assertStoreAccess(principal, row.store_id)
      if ((await sellingRole(trx, principal.userId, row.store_id)) === null) throw salesErrors.cashierInvalid()
      return row
    })
    await session(principal, terminal, { type: 'cashier.signIn', cashierId: principal.userId }, principal.userId)
    return { terminalId, cashierId: principal.userId }
  },

  /** The terminal's cashier signs out (the cashier, a manager of the store, or the terminal device itself). */
  async signOut(principal: Principal, terminalId: string) {
    const terminal = await withTenant(principal.tenantId, async (trx) => {
      const row = await salesRepository.terminal(trx, terminalId)
      if (!row) throw salesErrors.terminalNotFound()
      if (principal.kind === 'device' && principal.terminalId !== terminalId) throw salesErrors.terminalNotFound()
      assertStoreAccess(principal, row.store_id)
      return row
    })
    await session(principal, terminal, { type: 'cashier.signOut' }, null)
    return { terminalId, cashierId: null }
  },
}

/** Sends a sign-in or sign-out to the terminal actor, then tells the store actor's roster. */
async function session(principal: Principal, terminal: { id: string; store_id: string }, event: { type: string; cashierId?: string }, cashierId: string | null) {
  const sender = { userId: principal.kind === 'user' ? principal.userId : null, deviceId: principal.kind === 'device' ? principal.deviceId : null }
  const outcome = await actorCommands.dispatch({
    ref: { tenantId: principal.tenantId, kind: 'terminal', actorId: terminal.id },
    commandId: uuidv7(),
    commandType: event.type,
    payloadHash: sha256Hex(JSON.stringify(event)),
    event,
    sender,
  })
  if (!outcome.ok) throw salesErrors.sessionRefused({ reason: outcome.error.code })
  const roster = { type: 'terminal.cashierChanged', terminalId: terminal.id, cashierId }
  // The roster is a display: a store that does not know the terminal yet simply does not show it.
  await actorCommands.dispatch({
    ref: { tenantId: principal.tenantId, kind: 'store', actorId: terminal.store_id },
    commandId: uuidv7(),
    commandType: roster.type,
    payloadHash: sha256Hex(JSON.stringify(roster)),
    event: roster,
    sender,
  })
}
