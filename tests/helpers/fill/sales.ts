import { randomUUID } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TenantFixture } from '../fixtures.js'
import type { CatalogFill } from './catalog.js'

/** One row in every sales table (see fillEveryTable): a shift with one sale, returned, and its Z report. */
export async function fillSales(trx: TransactionClientContract, t: TenantFixture, catalog: CatalogFill) {
  const tenant = t.tenantId
  const shiftId = randomUUID()
  const invoiceId = randomUUID()
  const creditNoteId = randomUUID()
  const at = new Date('2026-06-01T05:00:00Z')
  const figures = { taxable_paise: 11429, cgst_paise: 286, sgst_paise: 285, igst_paise: 0, cess_paise: 0, total_paise: 12000 }
  await trx.table('invoice_series').insert({ tenant_id: tenant, terminal_id: t.terminalId, doc_type: 'tax_invoice', fy_label: '2627', prefix: 'S1T', next_seq: 2 })
  await trx.table('shifts').insert({
    id: shiftId,
    tenant_id: tenant,
    store_id: t.storeId,
    terminal_id: t.terminalId,
    status: 'closed',
    opened_by: t.cashier.id,
    opened_at: at,
    opening_float_paise: 100000,
    closed_by: t.cashier.id,
    closed_at: at,
    counted_cash_paise: 100000,
  })
  await trx.table('shift_cash_movements').insert({ id: randomUUID(), tenant_id: tenant, shift_id: shiftId, direction: 'in', amount_paise: 500, reason: 'change', by_user: t.cashier.id, at })
  await trx.table('invoices').insert({
    id: invoiceId,
    tenant_id: tenant,
    store_id: t.storeId,
    terminal_id: t.terminalId,
    shift_id: shiftId,
    sale_id: randomUUID(),
    doc_type: 'tax_invoice',
    number: 'S1T/2627/0000001',
    fy_label: '2627',
    seq: 1,
    cashier_id: t.cashier.id,
    supplier_state_code: '29',
    place_of_supply_state_code: '29',
    supply_type: 'intra',
    prices_include_tax: true,
    gross_paise: 12000,
    discount_paise: 0,
    ...figures,
    round_off_paise: 0,
    grand_total_paise: 12000,
    issued_at: at,
  })
  await trx.table('invoice_lines').insert({
    tenant_id: tenant,
    invoice_id: invoiceId,
    line_no: 1,
    line_id: 'l1',
    item_id: catalog.itemId,
    sku: 'RICE',
    name: 'Basmati Rice (loose)',
    hsn: '1006',
    quantity: '1',
    unit_price_paise: 12000,
    rate_percent: '5',
    gross_paise: 12000,
    discount_paise: 0,
    bill_discount_paise: 0,
    ...figures,
  })
  await trx.table('invoice_tenders').insert({ tenant_id: tenant, invoice_id: invoiceId, position: 1, tender_id: 't1', method: 'cash', amount_paise: 12000 })
  await trx.table('credit_notes').insert({
    id: creditNoteId,
    tenant_id: tenant,
    store_id: t.storeId,
    terminal_id: t.terminalId,
    shift_id: shiftId,
    invoice_id: invoiceId,
    sale_id: randomUUID(),
    return_id: randomUUID(),
    number: 'S1T/C2627/000001',
    fy_label: '2627',
    seq: 1,
    reason: 'damaged',
    supply_type: 'intra',
    ...figures,
    round_off_paise: 0,
    grand_total_paise: 12000,
    issued_at: at,
  })
  await trx.table('credit_note_lines').insert({
    tenant_id: tenant,
    credit_note_id: creditNoteId,
    line_no: 1,
    invoice_id: invoiceId,
    invoice_line_no: 1,
    line_id: 'l1',
    item_id: catalog.itemId,
    hsn: '1006',
    quantity: '1',
    rate_percent: '5',
    ...figures,
    is_final_return: true,
  })
  await trx.table('refunds').insert({ tenant_id: tenant, store_id: t.storeId, terminal_id: t.terminalId, shift_id: shiftId, credit_note_id: creditNoteId, method: 'store_credit', amount_paise: 12000, status: 'paid' })
  await trx.table('store_credit_ledger').insert({ tenant_id: tenant, store_id: t.storeId, customer_phone: '+919876543210', amount_paise: 12000, kind: 'refund', credit_note_id: creditNoteId })
  await trx.table('sale_voids').insert({ tenant_id: tenant, sale_id: randomUUID(), store_id: t.storeId, terminal_id: t.terminalId, shift_id: shiftId, cashier_id: t.cashier.id, reason: 'left', total_paise: 0, voided_at: at })
  await trx.table('z_reports').insert({ tenant_id: tenant, store_id: t.storeId, terminal_id: t.terminalId, shift_id: shiftId, report_json: '{}', sha256: 'a'.repeat(64) })
}
