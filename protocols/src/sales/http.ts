/*
 * HTTP bodies of the sales module: invoices, credit notes, shifts and Z reports
 * (read side), and the cashier's sign-in on a terminal.
 */
import { z } from 'zod'
import { storeIdSchema, terminalIdSchema, userIdSchema } from '../ids.ts'

const paise = z.number().int()
const uuid = z.uuid()

/** Taxable value and tax, in paise. */
export const taxFiguresSchema = z.object({
  taxablePaise: paise,
  cgstPaise: paise,
  sgstPaise: paise,
  igstPaise: paise,
  cessPaise: paise,
  totalPaise: paise,
})

export const invoiceLineSchema = taxFiguresSchema.extend({
  lineNo: z.number().int(),
  lineId: z.string(),
  itemId: uuid,
  sku: z.string(),
  name: z.string(),
  hsn: z.string(),
  quantity: z.string(),
  unitPricePaise: paise,
  originalUnitPricePaise: paise.nullable(),
  ratePercent: z.string(),
  cessPercent: z.string(),
  grossPaise: paise,
  discountPaise: paise,
  billDiscountPaise: paise,
  /** FIFO cost of the goods sold, from the stock ledger. */
  cogsPaise: paise.nullable(),
})

export const invoiceTenderSchema = z.object({
  tenderId: z.string(),
  method: z.enum(['cash', 'card', 'upi', 'store_credit']),
  amountPaise: paise,
  reference: z.string().nullable(),
  changePaise: paise,
})

export const invoiceSummarySchema = z.object({
  id: uuid,
  storeId: storeIdSchema,
  terminalId: terminalIdSchema,
  shiftId: uuid.nullable(),
  saleId: uuid,
  documentKind: z.enum(['tax_invoice', 'bill_of_supply']),
  number: z.string(),
  fyLabel: z.string(),
  status: z.enum(['issued', 'cancelled']),
  cashierId: userIdSchema,
  customer: z.object({ phone: z.string().nullable(), gstin: z.string().nullable(), name: z.string().nullable() }),
  b2b: z.boolean(),
  supplierStateCode: z.string(),
  placeOfSupplyStateCode: z.string(),
  supplyType: z.enum(['intra', 'inter']),
  totals: taxFiguresSchema.extend({ grossPaise: paise, discountPaise: paise, roundOffPaise: paise, grandTotalPaise: paise }),
  changePaise: paise,
  issuedAt: z.string(),
  offline: z.boolean(),
  /** What the terminal numbered it, when the server had to number it otherwise. */
  proposedNumber: z.string().nullable(),
})
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>

export const invoiceSchema = invoiceSummarySchema.extend({
  lines: z.array(invoiceLineSchema),
  tenders: z.array(invoiceTenderSchema),
})
export type Invoice = z.infer<typeof invoiceSchema>

const limitSchema = z.coerce.number().int().min(1).max(200).default(50)

/** Filters of the invoice list; newest first, paged by `before` (the last id of a page). */
export const invoiceListQuerySchema = z.strictObject({
  terminalId: terminalIdSchema.optional(),
  shiftId: uuid.optional(),
  status: z.enum(['issued', 'cancelled']).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  before: uuid.optional(),
  limit: limitSchema,
})
export type InvoiceListQuery = z.infer<typeof invoiceListQuerySchema>

export const invoiceListSchema = z.object({ invoices: z.array(invoiceSummarySchema), nextBefore: uuid.nullable() })

/** One invoice by its number (numbers contain `/`, so they travel in the query). */
export const invoiceLookupQuerySchema = z.strictObject({ number: z.string().min(1).max(16) })

export const creditNoteSchema = z.object({
  id: uuid,
  storeId: storeIdSchema,
  terminalId: terminalIdSchema,
  shiftId: uuid.nullable(),
  invoiceId: uuid,
  invoiceNumber: z.string(),
  saleId: uuid,
  returnId: uuid,
  number: z.string(),
  fyLabel: z.string(),
  reason: z.string(),
  supplyType: z.enum(['intra', 'inter']),
  totals: taxFiguresSchema.extend({ roundOffPaise: paise, grandTotalPaise: paise }),
  issuedAt: z.string(),
  lines: z.array(
    taxFiguresSchema.extend({
      lineNo: z.number().int(),
      invoiceLineNo: z.number().int(),
      lineId: z.string(),
      itemId: uuid,
      hsn: z.string(),
      quantity: z.string(),
      ratePercent: z.string(),
      cessPercent: z.string(),
      isFinalReturn: z.boolean(),
    }),
  ),
  refunds: z.array(z.object({ method: z.enum(['cash', 'card', 'upi', 'store_credit']), amountPaise: paise, reference: z.string().nullable(), status: z.string() })),
})
export type CreditNote = z.infer<typeof creditNoteSchema>

export const creditNoteListQuerySchema = z.strictObject({
  invoiceId: uuid.optional(),
  terminalId: terminalIdSchema.optional(),
  shiftId: uuid.optional(),
  before: uuid.optional(),
  limit: limitSchema,
})
export const creditNoteListSchema = z.object({ creditNotes: z.array(creditNoteSchema.omit({ lines: true, refunds: true })), nextBefore: uuid.nullable() })

export const shiftSchema = z.object({
  id: uuid,
  storeId: storeIdSchema,
  terminalId: terminalIdSchema,
  status: z.enum(['open', 'closed']),
  openedBy: userIdSchema,
  openedAt: z.string(),
  openingFloatPaise: paise,
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  countedCashPaise: paise.nullable(),
  overrideReason: z.string().nullable(),
  movements: z.array(z.object({ id: uuid, direction: z.enum(['in', 'out']), amountPaise: paise, reason: z.string(), by: z.string(), at: z.string() })),
})
export type Shift = z.infer<typeof shiftSchema>

export const shiftListQuerySchema = z.strictObject({
  terminalId: terminalIdSchema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  before: uuid.optional(),
  limit: limitSchema,
})
export const shiftListSchema = z.object({ shifts: z.array(shiftSchema.omit({ movements: true })), nextBefore: uuid.nullable() })

/** A stored Z report: the JSON text exactly as generated, its SHA-256, and whether regenerating it now gives the same bytes. */
export const zReportResponseSchema = z.object({
  id: uuid,
  shiftId: uuid,
  generatedAt: z.string(),
  sha256: z.string(),
  json: z.string(),
  report: z.unknown(),
  reproducible: z.boolean(),
})

/** A cashier signs in on a terminal of their store with their own session. */
export const cashierSessionResponseSchema = z.object({ terminalId: terminalIdSchema, cashierId: userIdSchema.nullable() })

/** The sales summary of one store and one calendar day (Asia/Kolkata); `date` defaults to today there. */
export const salesSummaryQuerySchema = z.strictObject({
  date: z.iso.date().optional(),
})
export type SalesSummaryQuery = z.infer<typeof salesSummaryQuerySchema>

const moneyCount = z.object({ count: z.number().int(), valuePaise: paise })

/**
 * A store's sales on one day: issued invoices (count, grand totals), what was taken by tender
 * (tendered less change), invoices per hour of the day (0–23, Asia/Kolkata), and the credit notes
 * issued that day. Cancelled documents are left out.
 */
export const salesSummarySchema = z.object({
  storeId: storeIdSchema,
  date: z.string(),
  timeZone: z.literal('Asia/Kolkata'),
  sales: moneyCount,
  byTender: z.object({ cash: paise, card: paise, upi: paise, store_credit: paise }),
  byHour: z.array(moneyCount).length(24),
  returns: moneyCount,
})
export type SalesSummary = z.infer<typeof salesSummarySchema>
