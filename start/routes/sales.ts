/*
 * The sales module's HTTP routes, declared on the shared route table: the read side of
 * invoices, credit notes, shifts and Z reports, and the cashier's sign-in on a terminal.
 * Selling itself (carts, completion, returns, shifts) goes over the socket to the actors.
 */
import * as p from '@pos/protocols'
import { api } from '#start/api'
import { salesController } from '#modules/sales/index'

api.route({
  method: 'get',
  path: '/stores/:storeId/sales/summary',
  tag: 'sales',
  summary: "A store's sales on one day (Asia/Kolkata): invoices and value, by tender, by hour, and returns",
  auth: 'user',
  minRole: 'manager',
  query: p.salesSummaryQuerySchema,
  response: p.salesSummarySchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: salesController.salesSummary,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/invoices',
  tag: 'sales',
  summary: "A store's invoices, newest first (managers: all; a terminal: its own; a cashier: their own sales)",
  auth: 'user-or-device',
  query: p.invoiceListQuerySchema,
  response: p.invoiceListSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: salesController.listInvoices,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/invoices/lookup',
  tag: 'sales',
  summary: 'One invoice of the store by its number, with lines and tenders',
  auth: 'user-or-device',
  query: p.invoiceLookupQuerySchema,
  response: p.invoiceSchema,
  errors: ['E_NOT_FOUND', 'E_TENANCY_STORE_NOT_FOUND'],
  handle: salesController.invoiceByNumber,
})

api.route({
  method: 'get',
  path: '/invoices/:invoiceId',
  tag: 'sales',
  summary: 'An invoice with its lines (own rate, tax and cost) and tenders',
  auth: 'user-or-device',
  response: p.invoiceSchema,
  errors: ['E_NOT_FOUND'],
  handle: salesController.invoice,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/credit-notes',
  tag: 'sales',
  summary: "A store's credit notes, newest first",
  auth: 'user-or-device',
  query: p.creditNoteListQuerySchema,
  response: p.creditNoteListSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: salesController.listCreditNotes,
})

api.route({
  method: 'get',
  path: '/credit-notes/:creditNoteId',
  tag: 'sales',
  summary: 'A credit note with its lines (referencing the invoice lines) and refunds',
  auth: 'user-or-device',
  response: p.creditNoteSchema,
  errors: ['E_NOT_FOUND'],
  handle: salesController.creditNote,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/shifts',
  tag: 'sales',
  summary: "A store's register shifts, newest first",
  auth: 'user-or-device',
  query: p.shiftListQuerySchema,
  response: p.shiftListSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: salesController.listShifts,
})

api.route({
  method: 'get',
  path: '/shifts/:shiftId',
  tag: 'sales',
  summary: 'A shift with its cash movements',
  auth: 'user-or-device',
  response: p.shiftSchema,
  errors: ['E_NOT_FOUND'],
  handle: salesController.shift,
})

api.route({
  method: 'get',
  path: '/shifts/:shiftId/z-report',
  tag: 'sales',
  summary: "A closed shift's Z report: the stored JSON, its SHA-256, and whether the records still reproduce it",
  auth: 'user-or-device',
  response: p.zReportResponseSchema,
  errors: ['E_NOT_FOUND'],
  handle: salesController.zReport,
})

api.route({
  method: 'post',
  path: '/terminals/:terminalId/cashier-session',
  tag: 'sales',
  summary: 'The signed-in user (cashier or above) becomes the cashier of a terminal of their store',
  auth: 'user',
  minRole: 'cashier',
  response: p.cashierSessionResponseSchema,
  errors: ['E_SALE_TERMINAL_NOT_FOUND', 'E_SALE_CASHIER_INVALID', 'E_SALE_CASHIER_NOT_SIGNED_IN'],
  handle: salesController.signIn,
})

api.route({
  method: 'delete',
  path: '/terminals/:terminalId/cashier-session',
  tag: 'sales',
  summary: "The terminal's cashier signs out (the cashier, a manager, or the terminal itself)",
  auth: 'user-or-device',
  response: p.cashierSessionResponseSchema,
  errors: ['E_SALE_TERMINAL_NOT_FOUND', 'E_SALE_CASHIER_NOT_SIGNED_IN'],
  handle: salesController.signOut,
})
