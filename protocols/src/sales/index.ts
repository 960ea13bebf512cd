/*
 * The sales part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 *
 * A sale is an actor whose id the terminal generates (UUID v7). Every cart
 * command names it; the store and terminal come from the sending device, never
 * from the payload. Money is integer paise; quantities and percentages are
 * decimal strings.
 */
import { z } from 'zod'
import { storeIdSchema, terminalIdSchema, userIdSchema } from '../ids.ts'
import { stateCodeSchema } from '../http/tenancy.ts'
import { nonNegativePaiseSchema, paiseSchema } from '../money.ts'
import { command } from '../socket/envelope.ts'

export * from './http.ts'

/** Error codes of the sales module (E_<MODULE>_<REASON>): the sale and shift rules, then the server's checks. */
export const salesErrorCodes = [
  // The tax engine's input errors (state-machines TAX_ERRORS), answered when a cart or a return breaks one.
  'E_TAX_STATE_CODE_INVALID',
  'E_TAX_COMPOSITION_INTERSTATE',
  'E_TAX_NO_LINES',
  'E_TAX_LINE_ID_INVALID',
  'E_TAX_LINE_ID_DUPLICATE',
  'E_TAX_HSN_INVALID',
  'E_TAX_QUANTITY_INVALID',
  'E_TAX_QUANTITY_NOT_POSITIVE',
  'E_TAX_UNIT_PRICE_INVALID',
  'E_TAX_RATE_INVALID',
  'E_TAX_CESS_INVALID',
  'E_TAX_DISCOUNT_INVALID',
  'E_TAX_DISCOUNT_EXCEEDS_GROSS',
  'E_TAX_BILL_DISCOUNT_INVALID',
  'E_TAX_BILL_DISCOUNT_EXCEEDS_NET',
  'E_TAX_AMOUNT_TOO_LARGE',
  'E_TAX_STORED_LINE_INVALID',
  'E_TAX_RETURN_LINE_UNKNOWN',
  'E_TAX_RETURN_LINE_DUPLICATE',
  'E_TAX_RETURN_EXCEEDS_SOLD',
  'E_TAX_CREDIT_EXCEEDS_LINE',
  // The shared sale machine's refusals (state-machines SALE_ERRORS).
  'E_SALE_WRONG_STATE',
  'E_SALE_COMMAND_INVALID',
  'E_SALE_NO_CHANGE',
  'E_SALE_LINE_ID_TAKEN',
  'E_SALE_LINE_UNKNOWN',
  'E_SALE_SCALE_LINE_QUANTITY',
  'E_SALE_DISCOUNT_OVER_LIMIT',
  'E_SALE_BILL_DISCOUNT_OVER_LIMIT',
  'E_SALE_PRICE_OVERRIDE_NEEDS_APPROVAL',
  'E_SALE_APPROVER_INVALID',
  'E_SALE_GSTIN_INVALID',
  'E_SALE_STATE_CODE_INVALID',
  'E_SALE_CUSTOMER_EMPTY',
  'E_SALE_CART_EMPTY',
  'E_SALE_TENDERS_RECORDED',
  'E_SALE_TENDER_ID_TAKEN',
  'E_SALE_TENDER_UNKNOWN',
  'E_SALE_TENDER_AMOUNT_INVALID',
  'E_SALE_ALREADY_PAID',
  'E_SALE_TENDER_EXCEEDS_DUE',
  'E_SALE_CASH_LIMIT',
  'E_SALE_NOT_FULLY_PAID',
  'E_SALE_INVOICE_NUMBER_INVALID',
  'E_SALE_VOID_REASON_REQUIRED',
  'E_SALE_VOID_NEEDS_APPROVAL',
  'E_SALE_START_INVALID',
  'E_SALE_OTHER_ORIGIN',
  'E_SALE_RETURN_REASON_REQUIRED',
  'E_SALE_RETURN_ID_TAKEN',
  'E_SALE_RETURN_PHONE_REQUIRED',
  'E_SALE_NOTHING_TO_REFUND',
  // The server's checks in the durable step.
  'E_SALE_CASHIER_INVALID',
  'E_SALE_CASHIER_NOT_SIGNED_IN',
  'E_SALE_LIMITS_MISMATCH',
  'E_SALE_SETUP_MISMATCH',
  'E_SALE_APPROVER_NOT_ALLOWED',
  'E_SALE_NO_OPEN_SHIFT',
  'E_SALE_SERIES_EXHAUSTED',
  'E_SALE_STORE_CREDIT_INSUFFICIENT',
  'E_SALE_CASH_LIMIT_DAY',
  'E_SALE_SOLD_AT_INVALID',
  'E_SALE_TERMINAL_NOT_FOUND',
  // The shift machine's refusals (state-machines SHIFT_ERRORS).
  'E_SHIFT_WRONG_STATE',
  'E_SHIFT_OPEN_INVALID',
  'E_SHIFT_COUNT_INVALID',
  'E_SHIFT_AMOUNT_INVALID',
  'E_SHIFT_REASON_REQUIRED',
  'E_SHIFT_MOVEMENT_ID_TAKEN',
  'E_SHIFT_UNSYNCED',
  'E_SHIFT_OTHER_ORIGIN',
  'E_SHIFT_COMMAND_INVALID',
  // The server's shift checks.
  'E_SHIFT_ALREADY_OPEN',
  'E_SHIFT_CASHIER_INVALID',
  'E_SHIFT_OVERRIDE_NEEDS_MANAGER',
] as const

/** A client-generated sale, return, shift or line-level id: a UUID v7 for actors and documents. */
export const saleIdSchema = z.uuid({ version: 'v7' })
/** A client id inside one sale (line, tender): short, URL-safe. */
export const clientKeySchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)
/** A quantity: a positive decimal with at most 3 places. */
export const quantitySchema = z
  .string()
  .regex(/^[0-9]{1,11}(\.[0-9]{1,3})?$/)
  .refine((value) => /[1-9]/.test(value), 'must be greater than zero')
/** A percentage as a decimal string with at most 3 places (`"18"`, `"0.25"`). */
export const percentSchema = z.string().regex(/^[0-9]{1,3}(\.[0-9]{1,3})?$/)
/** HSN (goods) or SAC (services): 4, 6 or 8 digits. */
export const hsnSchema = z.string().regex(/^[0-9]{4}([0-9]{2}){0,2}$/)
/** A phone number as typed: ten to fifteen digits, an optional leading +. */
export const phoneSchema = z.string().trim().regex(/^[+]?[0-9]{10,15}$/)
const reasonSchema = z.string().trim().min(3).max(500)

/** What the cashier may do without a manager. */
export const saleLimitsSchema = z.strictObject({
  maxLineDiscountPercent: percentSchema,
  maxBillDiscountPercent: percentSchema,
  priceOverride: z.boolean(),
})
export type SaleLimitsWire = z.infer<typeof saleLimitsSchema>

/** A cart line as the terminal resolved it (by search, barcode or scale label). */
export const saleLineInputSchema = z.strictObject({
  lineId: clientKeySchema,
  itemId: z.uuid(),
  sku: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  hsn: hsnSchema,
  quantity: quantitySchema,
  unitPricePaise: nonNegativePaiseSchema,
  ratePercent: percentSchema,
  cessPercent: percentSchema.optional(),
  /** The line came from a price- or weight-embedded scale label. */
  embedded: z.enum(['weight', 'price']).optional(),
})

export const tenderMethodSchema = z.enum(['cash', 'card', 'upi', 'store_credit'])

export const saleTenderSchema = z
  .strictObject({
    tenderId: clientKeySchema,
    method: tenderMethodSchema,
    amountPaise: nonNegativePaiseSchema.min(1),
    /** UPI RRN, card approval code: required for UPI and card. */
    reference: z.string().trim().min(1).max(64).optional(),
  })
  .refine((tender) => !(tender.method === 'upi' || tender.method === 'card') || tender.reference !== undefined, {
    message: 'UPI and card tenders carry their payment reference',
    path: ['reference'],
  })

/** Notes and coins: the count of each denomination, keyed by its value in paise. */
export const cashCountSchema = z.partialRecord(
  z.enum(['200000', '50000', '20000', '10000', '5000', '2000', '1000', '500', '200', '100', '50']),
  z.number().int().min(0).max(100_000),
)

const saleRef = { saleId: saleIdSchema }

/** Client→server sales commands (imperative names). */
export const salesCommandSchemas = {
  /**
   * The terminal starts a sale with what it believes (its store's state, composition, price
   * mode, the signed-in cashier and that role's limits); the server checks each against its
   * records and refuses a mismatch. `offline`: the sale is replayed from the offline outbox.
   */
  'sale.start': command({
    ...saleRef,
    cashierId: userIdSchema,
    supplierStateCode: stateCodeSchema,
    pricesIncludeTax: z.boolean(),
    composition: z.boolean(),
    limits: saleLimitsSchema,
    offline: z.boolean().optional(),
  }),
  'sale.addLine': command({ ...saleRef, line: saleLineInputSchema, barcode: z.string().min(1).max(64).optional() }),
  'sale.removeLine': command({ ...saleRef, lineId: clientKeySchema }),
  'sale.changeQuantity': command({ ...saleRef, lineId: clientKeySchema, quantity: quantitySchema }),
  'sale.overridePrice': command({ ...saleRef, lineId: clientKeySchema, unitPricePaise: nonNegativePaiseSchema }),
  'sale.discountLine': command({
    ...saleRef,
    lineId: clientKeySchema,
    discount: z.union([z.strictObject({ percent: percentSchema }), z.strictObject({ amountPaise: nonNegativePaiseSchema })]).nullable(),
  }),
  'sale.discountBill': command({ ...saleRef, amountPaise: nonNegativePaiseSchema }),
  /** From a manager's own session (not the terminal): unlocks the next privileged step of its scope, once. */
  'sale.approve': command({ ...saleRef, storeId: storeIdSchema, scope: z.enum(['discount', 'priceOverride', 'void']) }),
  'sale.attachCustomer': command({
    ...saleRef,
    phone: phoneSchema.optional(),
    gstin: z.string().trim().length(15).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    placeOfSupplyStateCode: stateCodeSchema.optional(),
  }),
  'sale.park': command(saleRef),
  'sale.resume': command(saleRef),
  'sale.startTender': command(saleRef),
  'sale.backToCart': command(saleRef),
  'sale.addTender': command({ ...saleRef, tender: saleTenderSchema }),
  'sale.removeTender': command({ ...saleRef, tenderId: clientKeySchema }),
  /**
   * Completion with the number the terminal gave it from its own series. `soldAt`: when the
   * terminal completed it offline (the time of supply); the server then never refuses for stock.
   */
  'sale.complete': command({ ...saleRef, invoiceNumber: z.string().min(1).max(16), soldAt: z.iso.datetime().optional() }),
  'sale.void': command({ ...saleRef, reason: reasonSchema }),
  /** Goods back against a completed sale, at a terminal of its store (online: the original lives on the server). */
  'sale.return': command({
    ...saleRef,
    returnId: saleIdSchema,
    lines: z.array(z.strictObject({ lineId: clientKeySchema, quantity: quantitySchema })).min(1).max(200),
    refund: z.enum(['original', 'store_credit']),
    phone: phoneSchema.optional(),
    reason: reasonSchema,
  }),
  /** The terminal's cashier opens a register session with the counted float. */
  'shift.open': command({ shiftId: saleIdSchema, cashierId: userIdSchema, cashCount: cashCountSchema }),
  'shift.moveCash': command({
    shiftId: saleIdSchema,
    movementId: saleIdSchema,
    cashierId: userIdSchema,
    direction: z.enum(['in', 'out']),
    amountPaise: nonNegativePaiseSchema.min(1),
    reason: reasonSchema,
  }),
  /**
   * The close: from the terminal (its cashier, with its own count of unsynced commands), or from
   * a manager's session (`storeId`; the store's last known outbox depth counts, and
   * `overrideReason` closes anyway).
   */
  'shift.close': command({
    shiftId: saleIdSchema,
    cashCount: cashCountSchema,
    tenderCounts: z.strictObject({ card: nonNegativePaiseSchema.optional(), upi: nonNegativePaiseSchema.optional() }).optional(),
    cashierId: userIdSchema.optional(),
    unsyncedCommands: z.number().int().min(0).max(1_000_000).optional(),
    storeId: storeIdSchema.optional(),
    overrideReason: reasonSchema.optional(),
  }),
} satisfies Record<string, z.ZodType>

const saleLineSchema = z.looseObject({
  lineId: z.string(),
  itemId: z.string(),
  sku: z.string(),
  name: z.string(),
  hsn: z.string(),
  quantity: z.string(),
  unitPricePaise: z.number().int(),
  ratePercent: z.string(),
})
const tenderSchema = z.looseObject({ tenderId: z.string(), method: tenderMethodSchema, amountPaise: z.number().int() })
const totalsSchema = z.looseObject({
  taxablePaise: paiseSchema,
  cgstPaise: paiseSchema,
  sgstPaise: paiseSchema,
  igstPaise: paiseSchema,
  cessPaise: paiseSchema,
  totalPaise: paiseSchema,
  roundOffPaise: paiseSchema,
  grandTotalPaise: paiseSchema,
})
const saleFact = <S extends z.ZodRawShape>(shape: S) => z.looseObject({ saleId: z.string(), ...shape })

/** Server→client sales facts (past-tense names). */
export const salesFactSchemas = {
  'sale.started': saleFact({ terminalId: terminalIdSchema, cashierId: userIdSchema, at: z.string() }),
  'sale.lineAdded': saleFact({ line: saleLineSchema, grandTotalPaise: paiseSchema }),
  'sale.lineRemoved': saleFact({ lineId: z.string(), grandTotalPaise: paiseSchema }),
  'sale.lineChanged': saleFact({ change: z.enum(['quantity', 'price', 'discount']), line: saleLineSchema, grandTotalPaise: paiseSchema }),
  'sale.billDiscountChanged': saleFact({ billDiscountPaise: paiseSchema, grandTotalPaise: paiseSchema }),
  'sale.customerAttached': saleFact({ customer: z.looseObject({}), placeOfSupplyStateCode: z.string(), grandTotalPaise: paiseSchema }),
  'sale.parked': saleFact({ at: z.string() }),
  'sale.resumed': saleFact({ at: z.string() }),
  'sale.tenderAdded': saleFact({ tender: tenderSchema, remainingDuePaise: paiseSchema, changeDuePaise: paiseSchema }),
  'sale.tenderRemoved': saleFact({ tenderId: z.string(), remainingDuePaise: paiseSchema, changeDuePaise: paiseSchema }),
  /** The sale as the terminal numbered it; `invoice.issued` is the stored invoice (authoritative number). */
  'sale.completed': saleFact({ invoiceNumber: z.string(), at: z.string(), lines: z.array(z.looseObject({})), totals: totalsSchema }),
  'sale.voided': saleFact({ reason: z.string(), at: z.string(), approverId: z.string().nullable(), tenders: z.array(tenderSchema) }),
  'sale.returned': saleFact({ returnId: z.string(), invoiceNumber: z.string(), totals: totalsSchema, refunds: z.array(z.looseObject({})) }),
  /** The stored invoice: its number (the series' next), totals and whether the server found differences. */
  'invoice.issued': z.looseObject({
    invoiceId: z.uuid(),
    saleId: z.string(),
    terminalId: terminalIdSchema,
    number: z.string(),
    proposedNumber: z.string(),
    documentKind: z.enum(['tax_invoice', 'bill_of_supply']),
    grandTotalPaise: paiseSchema,
    offline: z.boolean(),
    reviewItemIds: z.array(z.uuid()),
  }),
  'creditNote.issued': z.looseObject({
    creditNoteId: z.uuid(),
    invoiceId: z.uuid(),
    saleId: z.string(),
    returnId: z.string(),
    terminalId: terminalIdSchema,
    number: z.string(),
    grandTotalPaise: paiseSchema,
    refunds: z.array(z.looseObject({ method: tenderMethodSchema, amountPaise: paiseSchema })),
  }),
  'shift.opened': z.looseObject({ shiftId: z.string(), terminalId: terminalIdSchema, openedBy: z.string(), openingFloatPaise: paiseSchema, at: z.string() }),
  'shift.cashMoved': z.looseObject({ shiftId: z.string(), terminalId: terminalIdSchema, direction: z.enum(['in', 'out']), amountPaise: paiseSchema, reason: z.string() }),
  'shift.closed': z.looseObject({ shiftId: z.string(), terminalId: terminalIdSchema, closedBy: z.string(), countedCashPaise: paiseSchema, overridden: z.boolean() }),
  /** The Z report was generated and stored with its SHA-256. */
  'shift.zReported': z.looseObject({
    shiftId: z.string(),
    terminalId: terminalIdSchema,
    zReportId: z.uuid(),
    sha256: z.string(),
    cashDifferencePaise: paiseSchema,
  }),
} satisfies Record<string, z.ZodType>

/** A terminal's setup for selling: what `sale.start` must state, and its series' next numbers. */
export const terminalSalesSetupSchema = z.object({
  storeId: storeIdSchema,
  supplierStateCode: stateCodeSchema,
  composition: z.boolean(),
  pricesIncludeTax: z.boolean(),
  limits: z.object({ owner: saleLimitsSchema, manager: saleLimitsSchema, cashier: saleLimitsSchema }),
  terminal: z
    .object({
      terminalId: terminalIdSchema,
      invoicePrefix: z.string(),
      cashierId: userIdSchema.nullable(),
      openShiftId: z.string().nullable(),
      /** The next number of each series of the current financial year. */
      nextNumbers: z.object({ fyLabel: z.string(), taxInvoice: z.string(), billOfSupply: z.string(), creditNote: z.string() }),
    })
    .nullable(),
})
export type TerminalSalesSetup = z.infer<typeof terminalSalesSetupSchema>

/** Client→server sales queries answered over the socket: request and response schemas. */
export const salesQuerySchemas = {
  'sales.setup': { request: z.strictObject({ storeId: storeIdSchema }), response: terminalSalesSetupSchema },
} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
