/**
 * The money and policy rules of a sale, as pure functions over the sale's context: what every
 * command does to the cart, the tenders and the approvals, and why a command is refused.
 *
 * The sale machine (`sale.machine.ts`) decides *when* a command is accepted (its lifecycle);
 * {@link applySaleEvent} decides *whether the context allows it and what it becomes*. The
 * machine's guards and its one `assign` both call {@link applySaleEvent}, so a guard can never
 * pass for a change the action would not make. The host calls the same function (through
 * `saleRefusalReason`) to put a stable `E_*` code in the ack of a refused command.
 *
 * Money is integer paise, quantities and percentages exact decimal strings; the tax figures come
 * only from `computeInvoice` (domain doc §3.3) and its one half-up rounding.
 *
 * @module
 */
import { validateGstin } from '../gst/gstin.ts'
import { GST_STATES } from '../gst/state-codes.ts'
import { formatInvoiceNumber, validateInvoiceNumber } from '../invoice/invoice-number.ts'
import { allocateLargestRemainder } from '../tax/allocation.ts'
import { computeCreditNote } from '../tax/credit-note.calculator.ts'
import { formatDecimal, parseDecimal } from '../tax/decimal.ts'
import { TaxInputError } from '../tax/errors.ts'
import type { TaxErrorCode } from '../tax/errors.ts'
import { computeInvoice } from '../tax/invoice.calculator.ts'
import type { CreditNoteLine, CreditNoteTotals, InvoiceComputation, LineDiscount, LineReturn } from '../tax/types.ts'

/**
 * Income-tax Act s.269ST: nobody may receive ₹2,00,000 or more in cash for one transaction
 * (domain doc §10.3). A cash tender that would bring the sale's cash to this amount is refused.
 */
export const CASH_RECEIPT_LIMIT_PAISE = 20_000_000

/** How a tender is paid. Only `cash` may exceed the amount due (change is given in cash only). */
export type TenderMethod = 'cash' | 'card' | 'upi' | 'store_credit'

/** What a manager's approval unlocks. */
export type ApprovalScope = 'discount' | 'priceOverride' | 'void'

/**
 * What the signed-in cashier's role may do without a manager. Percentages are decimal strings
 * (`"10"`, `"2.5"`); an unreadable or negative percentage counts as `"0"` (the strictest).
 */
export interface SaleLimits {
  /** The largest line discount, as a percentage of the line's gross. */
  maxLineDiscountPercent: string
  /** The largest bill discount, as a percentage of the bill after line discounts. */
  maxBillDiscountPercent: string
  /** Whether the cashier may change a unit price. */
  priceOverride: boolean
}

/** What the host passes to start a fresh sale actor. */
export interface SaleInput {
  saleId: string
  storeId: string
  terminalId: string
  cashierId: string
  /** The store's state code: the first two characters of its GSTIN (`"29"`). */
  supplierStateCode: string
  /** `true` for MRP retail (prices include GST), `false` when tax is added on top. */
  pricesIncludeTax: boolean
  /** `true` for a composition dealer: a bill of supply, no tax, no inter-state supply. */
  composition?: boolean
  /** The cashier role's limits; a manager's approval unlocks more. */
  limits: SaleLimits
}

/**
 * A line as the terminal or the server resolved it from the catalogue (by search, by a plain
 * barcode, or from a scale label), carried by `sale.addLine`.
 */
export interface SaleLineInput {
  /** Client-generated, unique in the sale. */
  lineId: string
  itemId: string
  sku: string
  name: string
  /** HSN or SAC code. */
  hsn: string
  /** Decimal string greater than zero, at most 3 decimals (`"2"`, `"1.25"` kg). */
  quantity: string
  /** Catalogue price per unit in paise, tax-inclusive or not per `pricesIncludeTax`. */
  unitPricePaise: number
  /** GST rate in percent, exact decimal string (`"18"`). */
  ratePercent: string
  /** Ad valorem cess in percent, when the item carries one. */
  cessPercent?: string
  /**
   * Set when the line was read from a price- or weight-embedded scale label (the `kind` of the
   * barcode reading). Such a line is never merged with another, and its quantity is the label's.
   */
  embedded?: 'weight' | 'price'
}

/** An exact fraction (a discount rate): `numerator / denominator`, both safe integers, denominator > 0. */
export interface Fraction {
  numerator: number
  denominator: number
}

/**
 * A manager's approval of a discount above the cashier's limit, kept with the discount. It
 * covers the discount's rate as approved (`maxRate`, discount ÷ base) and no more: if a later cart
 * change raises the rate (fewer units under a fixed amount off), the change is refused unless the
 * rate still fits the cashier's own limit.
 */
export interface DiscountApproval {
  approverId: string
  /** When the approval was given. */
  at: string
  /** The discount rate the approver saw (a percentage discount `p` is `p / 100`). */
  maxRate: Fraction
}

/** A line of the cart. */
export interface SaleLine extends SaleLineInput {
  /** The line's discount, given at the time of supply (so it reduces the taxable value). */
  discount?: LineDiscount
  /** The catalogue price, kept while `unitPricePaise` is overridden. */
  originalUnitPricePaise?: number
  /** Present when the discount is above the cashier's limit and a manager approved it. */
  discountApproval?: DiscountApproval
}

/** The buyer. A GSTIN makes the sale B2B. */
export interface SaleCustomer {
  phone?: string
  /** Upper case, validated (format and check character). */
  gstin?: string
  name?: string
  /** The GSTIN's state code. */
  stateCode?: string
}

/** One payment toward the sale. */
export interface SaleTender {
  /** Client-generated, unique in the sale. */
  tenderId: string
  method: TenderMethod
  /** Greater than zero. A cash tender may exceed the amount due; the excess is change. */
  amountPaise: number
  /** The payment's reference (UPI RRN, card approval code, store-credit note), when there is one. */
  reference?: string
}

/** The command that consumed an approval. */
export interface ApprovalUse {
  type: 'sale.discountLine' | 'sale.discountBill' | 'sale.overridePrice' | 'sale.void'
  /** The line, for a line command. */
  lineId?: string
}

/**
 * A manager's approval. It unlocks the NEXT command of its scope that needs it, once: that
 * command records itself in `usedFor`. A command within the cashier's limits does not use it.
 */
export interface SaleApproval {
  approverId: string
  scope: ApprovalScope
  at: string
  /** `null` while unused. */
  usedFor: ApprovalUse | null
}

/** The sale actor's context: its input (composition settled to a boolean), then the sale itself. */
export interface SaleContext extends Required<SaleInput> {
  /** In display order (the order also breaks ties of the bill-discount allocation). */
  lines: SaleLine[]
  /** The bill discount in paise, spread over the lines by the largest-remainder method. */
  billDiscountPaise: number
  /** Present when the bill discount is above the cashier's limit and a manager approved it. */
  billDiscountApproval: DiscountApproval | null
  customer: SaleCustomer | null
  /** The supplier's state for a counter sale; the B2B customer's state once a GSTIN is attached. */
  placeOfSupplyStateCode: string
  tenders: SaleTender[]
  /** Cash to hand back: what was tendered beyond the grand total (never more than the cash tendered). */
  changeDuePaise: number
  /** `computeInvoice` of the current cart; `null` while the cart is empty. */
  computation: InvoiceComputation | null
  approvals: SaleApproval[]
  /** Assigned by the host at completion (the server's series or the terminal's offline series). */
  invoiceNumber: string | null
  /** When the sale was parked; `null` unless parked. */
  parkedAt: string | null
  voidReason: string | null
  voidedAt: string | null
  completedAt: string | null
  /** Goods brought back after completion, one entry per return (credit note), in order. */
  returns: SaleReturn[]
}

/** How the money of a return goes back: to the sale's own tenders, or all to store credit. */
export type RefundMethod = 'original' | 'store_credit'

/** One part of a refund. */
export interface SaleRefund {
  method: TenderMethod
  amountPaise: number
  /** The original tender it reverses, for a refund to the original tenders. */
  tenderId?: string
  /** The original tender's reference (the card or UPI payment to refund through the gateway). */
  reference?: string
}

/** One return against the completed sale: what the credit note credits and how it is refunded. */
export interface SaleReturn {
  /** Client-generated, unique in the sale. */
  returnId: string
  /** The terminal that took the goods back (its drawer pays cash refunds); any terminal of the store. */
  terminalId: string
  at: string
  reason: string
  /** `computeCreditNote` lines: the original lines' rates, the remainder method on a final return. */
  lines: CreditNoteLine[]
  totals: CreditNoteTotals
  /** Σ amounts = the credit note's grand total, capped at what the sale has not refunded yet. */
  refunds: SaleRefund[]
  /** The phone that store credit is given to, when a part is refunded to store credit. */
  storeCreditPhone?: string
}

/**
 * Where a command came from, as the host saw it: the sender's store and, for a terminal, its
 * terminal. When present it must be the sale's own (a return may come from any terminal of
 * the store, so only the store is checked for it and for approvals).
 */
export interface SaleOrigin {
  storeId: string
  terminalId?: string
}

/** A line discount, or `null` to remove it. */
export type LineDiscountChange = LineDiscount | null

/**
 * Commands the sale actor accepts. `at` is an ISO-8601 timestamp the host (or terminal) puts in;
 * `origin`, when the host sets it, is who sent the command (see {@link SaleOrigin}).
 */
export type SaleEvent = SaleCommand & { readonly origin?: SaleOrigin }

/** The commands of a sale, without their origin. */
export type SaleCommand =
  | ({ type: 'sale.start'; at: string } & Omit<SaleInput, 'saleId'>)
  | { type: 'sale.addLine'; line: SaleLineInput }
  | { type: 'sale.removeLine'; lineId: string }
  | { type: 'sale.changeQuantity'; lineId: string; quantity: string }
  | { type: 'sale.overridePrice'; lineId: string; unitPricePaise: number }
  | { type: 'sale.discountLine'; lineId: string; discount: LineDiscountChange }
  | { type: 'sale.discountBill'; amountPaise: number }
  | { type: 'sale.approve'; approverId: string; scope: ApprovalScope; at: string }
  | {
      type: 'sale.attachCustomer'
      phone?: string
      gstin?: string
      name?: string
      /**
       * An explicit place of supply (domain doc §2.2), when it is not the default: for example
       * the store's own state for a B2B buyer from another state taking goods over the counter,
       * or the delivery state of a B2C home delivery.
       */
      placeOfSupplyStateCode?: string
    }
  | { type: 'sale.park'; at: string }
  | { type: 'sale.resume'; at: string }
  | { type: 'sale.startTender' }
  | { type: 'sale.backToCart' }
  | { type: 'sale.addTender'; tender: SaleTender }
  | { type: 'sale.removeTender'; tenderId: string }
  | {
      type: 'sale.complete'
      invoiceNumber: string
      at: string
      /** When the terminal completed the sale, for a sale completed offline (then the time of supply). */
      soldAt?: string
    }
  | { type: 'sale.void'; reason: string; at: string }
  | {
      type: 'sale.return'
      returnId: string
      /** The terminal taking the goods back. */
      terminalId: string
      lines: LineReturn[]
      refund: RefundMethod
      /** Store credit goes to this phone (else the sale customer's). */
      phone?: string
      reason: string
      at: string
    }

/** Why the sale refused a command, declared as data: a stable code and a human message. */
export const SALE_ERRORS = {
  E_SALE_WRONG_STATE: 'The sale does not accept this command in its current state.',
  E_SALE_COMMAND_INVALID: 'The command is malformed (a missing or ill-typed field).',
  E_SALE_NO_CHANGE: 'The command would change nothing.',
  E_SALE_LINE_ID_TAKEN: 'A line with this id is already on the sale.',
  E_SALE_LINE_UNKNOWN: 'No line with this id is on the sale.',
  E_SALE_SCALE_LINE_QUANTITY: 'The quantity of a scale-label line is the label\'s; remove the line and scan again.',
  E_SALE_DISCOUNT_OVER_LIMIT: "A line discount is above the cashier's limit and no manager approval covers it.",
  E_SALE_BILL_DISCOUNT_OVER_LIMIT: "The bill discount is above the cashier's limit and no manager approval covers it.",
  E_SALE_PRICE_OVERRIDE_NEEDS_APPROVAL: "The cashier's role may not change prices; a manager's approval is needed.",
  E_SALE_APPROVER_INVALID: 'An approval needs an approver other than the cashier, a known scope and a time.',
  E_SALE_GSTIN_INVALID: 'The GSTIN is not valid (format, state code or check character).',
  E_SALE_STATE_CODE_INVALID: 'The place of supply must be a current GST state code.',
  E_SALE_CUSTOMER_EMPTY: 'A customer needs a phone number, a GSTIN or a name.',
  E_SALE_CART_EMPTY: 'The cart is empty.',
  E_SALE_TENDERS_RECORDED: 'Tenders are recorded against this bill; remove them before changing the cart.',
  E_SALE_TENDER_ID_TAKEN: 'A tender with this id is already on the sale.',
  E_SALE_TENDER_UNKNOWN: 'No tender with this id is on the sale.',
  E_SALE_TENDER_AMOUNT_INVALID: 'A tender is a positive integer number of paise.',
  E_SALE_ALREADY_PAID: 'The sale is fully paid; no further tender is taken.',
  E_SALE_TENDER_EXCEEDS_DUE: 'Card, UPI and store credit cannot exceed the amount still due (no change on them).',
  E_SALE_CASH_LIMIT: 'Cash of ₹2,00,000 or more cannot be received for one sale (Income-tax Act s.269ST).',
  E_SALE_NOT_FULLY_PAID: 'The tenders do not cover the grand total.',
  E_SALE_INVOICE_NUMBER_INVALID: 'The invoice number breaks GST Rule 46(b) (1-16 of A-Z, 0-9, / and -).',
  E_SALE_VOID_REASON_REQUIRED: 'A void needs a reason.',
  E_SALE_VOID_NEEDS_APPROVAL: "Tenders are recorded: a void needs a manager's approval.",
  E_SALE_START_INVALID: 'A sale starts with its store, terminal, cashier, a current GST state code and the cashier limits.',
  E_SALE_OTHER_ORIGIN: "The command comes from another store or terminal than the sale's.",
  E_SALE_RETURN_REASON_REQUIRED: 'A return needs a reason.',
  E_SALE_RETURN_ID_TAKEN: 'A return with this id is already recorded on the sale.',
  E_SALE_RETURN_PHONE_REQUIRED: "Store credit needs the customer's phone number.",
  E_SALE_NOTHING_TO_REFUND: 'Everything paid on this sale has been refunded already.',
} as const

/** A stable sale error code (`E_SALE_<REASON>`), the same string on the wire. */
export type SaleErrorCode = keyof typeof SALE_ERRORS

/** Why a command is refused: a sale rule, or a tax input rule of `computeInvoice`. */
export type SaleRefusalCode = SaleErrorCode | TaxErrorCode

/** The result of {@link applySaleEvent}. */
export type SaleDecision =
  | { readonly ok: true; readonly context: SaleContext }
  | { readonly ok: false; readonly code: SaleRefusalCode; readonly lineId?: string }

/** Money owed, paid and handed back, derived from the context (for displays and the machine). */
export interface TenderSummary {
  /** The rounded grand total; 0 for an empty cart. */
  grandTotalPaise: number
  /** Σ tenders. */
  tenderedPaise: number
  /** Σ cash tenders (what s.269ST counts). */
  cashPaise: number
  /** `max(0, grandTotal − tendered)`. */
  remainingDuePaise: number
  /** `max(0, tendered − grandTotal)`: change, in cash. */
  changeDuePaise: number
}

/** The context of a fresh sale: an empty cart, a counter sale in the store's own state. */
export function initialSaleContext(input: SaleInput): SaleContext {
  return {
    saleId: input.saleId,
    storeId: input.storeId,
    terminalId: input.terminalId,
    cashierId: input.cashierId,
    supplierStateCode: input.supplierStateCode,
    pricesIncludeTax: input.pricesIncludeTax,
    composition: input.composition === true,
    limits: input.limits,
    lines: [],
    billDiscountPaise: 0,
    billDiscountApproval: null,
    customer: null,
    placeOfSupplyStateCode: input.supplierStateCode,
    tenders: [],
    changeDuePaise: 0,
    computation: null,
    approvals: [],
    invoiceNumber: null,
    parkedAt: null,
    voidReason: null,
    voidedAt: null,
    completedAt: null,
    returns: [],
  }
}

/** Whether the sale knows its store, terminal and cashier (started with its input, or by `sale.start`). */
export function isStarted(context: Pick<SaleContext, 'storeId'>): boolean {
  return context.storeId !== ''
}

/** The grand total, what was tendered, what remains and the change. */
export function tenderSummary(context: Pick<SaleContext, 'computation' | 'tenders'>): TenderSummary {
  const grandTotalPaise = context.computation?.totals.grandTotalPaise ?? 0
  const tenderedPaise = sum(context.tenders.map((tender) => tender.amountPaise))
  const cashPaise = sum(context.tenders.filter((tender) => tender.method === 'cash').map((tender) => tender.amountPaise))
  return {
    grandTotalPaise,
    tenderedPaise,
    cashPaise,
    remainingDuePaise: Math.max(0, grandTotalPaise - tenderedPaise),
    changeDuePaise: Math.max(0, tenderedPaise - grandTotalPaise),
  }
}

/**
 * The line that a `sale.addLine` of `line` merges into: the first line of the same item that is
 * not from a scale label, has no price override, and has the same catalogue price, HSN and rates.
 * `undefined` when the new line must stand alone (a scale label, a changed price or rate).
 */
export function mergeTarget(lines: readonly SaleLine[], line: SaleLineInput): SaleLine | undefined {
  if (line.embedded !== undefined) return undefined
  return lines.find(
    (existing) =>
      existing.itemId === line.itemId &&
      existing.embedded === undefined &&
      existing.originalUnitPricePaise === undefined &&
      existing.unitPricePaise === line.unitPricePaise &&
      existing.hsn === line.hsn &&
      existing.ratePercent === line.ratePercent &&
      (existing.cessPercent ?? '0') === (line.cessPercent ?? '0'),
  )
}

/**
 * Applies one command to the context, or says why it cannot. Pure; never throws for bad input
 * (a `TaxInputError` of `computeInvoice` becomes a refusal with its code).
 *
 * It does not know the machine's state: which commands a state accepts is the machine's
 * business. Every cart change recomputes `computation` and re-checks every discount against the
 * cashier's limits (or the approval that covers it).
 */
export function applySaleEvent(context: SaleContext, event: SaleEvent): SaleDecision {
  if (typeof event !== 'object' || event === null) return refuse('E_SALE_COMMAND_INVALID')
  if (event.type !== 'sale.start' && !fromOwnOrigin(context, event)) return refuse('E_SALE_OTHER_ORIGIN')
  switch (event.type) {
    case 'sale.start':
      return startSale(context, event)
    case 'sale.addLine':
      return addLine(context, event.line)
    case 'sale.removeLine': {
      const index = lineIndex(context, event.lineId)
      if (index < 0) return refuse('E_SALE_LINE_UNKNOWN')
      return recompute(context, { lines: context.lines.filter((_, i) => i !== index) })
    }
    case 'sale.changeQuantity':
      return changeQuantity(context, event.lineId, event.quantity)
    case 'sale.overridePrice':
      return overridePrice(context, event.lineId, event.unitPricePaise)
    case 'sale.discountLine':
      return discountLine(context, event.lineId, event.discount)
    case 'sale.discountBill':
      return discountBill(context, event.amountPaise)
    case 'sale.approve': {
      const scopes: readonly unknown[] = ['discount', 'priceOverride', 'void']
      if (!isText(event.approverId) || event.approverId === context.cashierId || !scopes.includes(event.scope) || !isText(event.at)) {
        return refuse('E_SALE_APPROVER_INVALID')
      }
      const approval: SaleApproval = { approverId: event.approverId, scope: event.scope, at: event.at, usedFor: null }
      return accept({ ...context, approvals: [...context.approvals, approval] })
    }
    case 'sale.attachCustomer':
      return attachCustomer(context, event)
    case 'sale.park':
      if (!isText(event.at)) return refuse('E_SALE_COMMAND_INVALID')
      if (context.lines.length === 0) return refuse('E_SALE_CART_EMPTY')
      return accept({ ...context, parkedAt: event.at })
    case 'sale.resume':
      if (!isText(event.at)) return refuse('E_SALE_COMMAND_INVALID')
      return accept({ ...context, parkedAt: null })
    case 'sale.startTender':
      return context.computation === null ? refuse('E_SALE_CART_EMPTY') : accept(context)
    case 'sale.backToCart':
      return context.tenders.length > 0 ? refuse('E_SALE_TENDERS_RECORDED') : accept(context)
    case 'sale.addTender':
      return addTender(context, event.tender)
    case 'sale.removeTender': {
      if (!context.tenders.some((tender) => tender.tenderId === event.tenderId)) return refuse('E_SALE_TENDER_UNKNOWN')
      return withTenders(context, context.tenders.filter((tender) => tender.tenderId !== event.tenderId))
    }
    case 'sale.complete':
      if (!isText(event.at)) return refuse('E_SALE_COMMAND_INVALID')
      if (context.computation === null) return refuse('E_SALE_CART_EMPTY')
      if (tenderSummary(context).remainingDuePaise > 0) return refuse('E_SALE_NOT_FULLY_PAID')
      if (event.soldAt !== undefined && !isTimestamp(event.soldAt)) return refuse('E_SALE_COMMAND_INVALID')
      if (!validateInvoiceNumber(event.invoiceNumber).ok) return refuse('E_SALE_INVOICE_NUMBER_INVALID')
      return accept({ ...context, invoiceNumber: event.invoiceNumber, completedAt: event.soldAt ?? event.at })
    case 'sale.void':
      return voidSale(context, event.reason, event.at)
    case 'sale.return':
      return returnGoods(context, event)
    default:
      return refuse('E_SALE_COMMAND_INVALID')
  }
}

/**
 * The origin rule: a command the host marked with its sender's store (and terminal) must come
 * from the sale's store, and a cart command from the sale's own terminal. A return and an
 * approval may come from anywhere in the store.
 */
function fromOwnOrigin(context: SaleContext, event: SaleEvent): boolean {
  const origin = event.origin
  if (origin === undefined) return true
  if (typeof origin !== 'object' || origin === null || origin.storeId !== context.storeId) return false
  if (event.type === 'sale.return' || event.type === 'sale.approve') return true
  return origin.terminalId === undefined || origin.terminalId === context.terminalId
}

function startSale(context: SaleContext, event: Extract<SaleEvent, { type: 'sale.start' }>): SaleDecision {
  if (isStarted(context)) return refuse('E_SALE_WRONG_STATE')
  const limits = event.limits as Partial<SaleLimits> | undefined
  const wellFormed =
    isTimestamp(event.at) &&
    isText(event.storeId) &&
    isText(event.terminalId) &&
    isText(event.cashierId) &&
    typeof event.supplierStateCode === 'string' &&
    Object.hasOwn(GST_STATES, event.supplierStateCode) &&
    typeof event.pricesIncludeTax === 'boolean' &&
    (event.composition === undefined || typeof event.composition === 'boolean') &&
    typeof limits === 'object' &&
    limits !== null &&
    typeof limits.maxLineDiscountPercent === 'string' &&
    typeof limits.maxBillDiscountPercent === 'string' &&
    typeof limits.priceOverride === 'boolean'
  if (!wellFormed) return refuse('E_SALE_START_INVALID')
  return accept(
    initialSaleContext({
      saleId: context.saleId,
      storeId: event.storeId,
      terminalId: event.terminalId,
      cashierId: event.cashierId,
      supplierStateCode: event.supplierStateCode,
      pricesIncludeTax: event.pricesIncludeTax,
      composition: event.composition === true,
      limits: {
        maxLineDiscountPercent: event.limits.maxLineDiscountPercent,
        maxBillDiscountPercent: event.limits.maxBillDiscountPercent,
        priceOverride: event.limits.priceOverride,
      },
    }),
  )
}

/**
 * A return: the credit note by `computeCreditNote` on the invoiced lines (their own rates; the
 * last return on a line is the line less everything credited before), refunded to the original
 * tenders in proportion to what each paid (cash net of change, largest remainder) or all to store
 * credit, never more in total than the sale was paid.
 */
function returnGoods(context: SaleContext, event: Extract<SaleEvent, { type: 'sale.return' }>): SaleDecision {
  const { computation } = context
  if (computation === null || context.completedAt === null) return refuse('E_SALE_WRONG_STATE')
  if (!isText(event.returnId) || !isText(event.terminalId) || !isTimestamp(event.at) || !Array.isArray(event.lines)) {
    return refuse('E_SALE_COMMAND_INVALID')
  }
  if (event.refund !== 'original' && event.refund !== 'store_credit') return refuse('E_SALE_COMMAND_INVALID')
  if (event.phone !== undefined && !isText(event.phone)) return refuse('E_SALE_COMMAND_INVALID')
  if (!isText(event.reason)) return refuse('E_SALE_RETURN_REASON_REQUIRED')
  if (context.returns.some((each) => each.returnId === event.returnId)) return refuse('E_SALE_RETURN_ID_TAKEN')

  let note
  try {
    note = computeCreditNote(
      computation,
      event.lines.map((line) => ({ lineId: line.lineId, quantity: line.quantity })),
      context.returns.flatMap((each) => each.lines),
    )
  } catch (error) {
    if (!(error instanceof TaxInputError)) throw error
    return refuse(error.code, error.lineId)
  }

  const paid = computation.totals.grandTotalPaise
  const refunded = sum(context.returns.flatMap((each) => each.refunds.map((refund) => refund.amountPaise)))
  const amount = Math.min(note.totals.grandTotalPaise, paid - refunded)
  if (amount <= 0 && note.totals.grandTotalPaise > 0) return refuse('E_SALE_NOTHING_TO_REFUND')
  const refunds = event.refund === 'store_credit' ? [{ method: 'store_credit' as const, amountPaise: amount }] : refundToTenders(context, amount)
  const phone = event.phone?.trim() || context.customer?.phone
  const needsPhone = refunds.some((refund) => refund.method === 'store_credit' && refund.amountPaise > 0)
  if (needsPhone && phone === undefined) return refuse('E_SALE_RETURN_PHONE_REQUIRED')

  const entry: SaleReturn = {
    returnId: event.returnId,
    terminalId: event.terminalId,
    at: event.at,
    reason: event.reason.trim(),
    lines: note.lines.map((line) => ({ ...line })),
    totals: note.totals,
    refunds: refunds.filter((refund) => refund.amountPaise > 0),
    ...(needsPhone && phone !== undefined ? { storeCreditPhone: phone } : {}),
  }
  return accept({ ...context, returns: [...context.returns, entry] })
}

/** `amount` split over the sale's tenders in proportion to what each one kept (cash net of change). */
function refundToTenders(context: SaleContext, amount: number): SaleRefund[] {
  let change = context.changeDuePaise
  const kept = context.tenders.map((tender) => tender.amountPaise)
  // Change came out of the cash tendered; take it off the last cash tenders first.
  for (let i = context.tenders.length - 1; i >= 0 && change > 0; i--) {
    if (context.tenders[i]!.method !== 'cash') continue
    const off = Math.min(change, kept[i]!)
    kept[i] = kept[i]! - off
    change -= off
  }
  if (kept.every((value) => value === 0)) return [{ method: 'cash', amountPaise: amount }]
  const shares = allocateLargestRemainder(BigInt(amount), kept.map((value) => BigInt(value)))
  return context.tenders.map((tender, i) => ({
    method: tender.method,
    amountPaise: Number(shares[i] ?? 0n),
    tenderId: tender.tenderId,
    ...(tender.reference === undefined ? {} : { reference: tender.reference }),
  }))
}

/** The kinds of document a terminal numbers, each in its own series per financial year. */
export type DocumentSeries = 'tax_invoice' | 'bill_of_supply' | 'credit_note'

/**
 * A document number of a terminal's series (GST Rule 46(b): at most 16 characters). A tax
 * invoice is `PREFIX/FY/SEQ` (`B1T2/2627/000042`); a bill of supply `PREFIX/BFY/SEQ` and a credit
 * note `PREFIX/CFY/SEQ` (`B1T2/C2627/00007`), so the three series of one terminal never share a
 * number. The sequence is zero-padded to fill the 16 characters, so a series keeps one length.
 *
 * @param series - the document kind
 * @param prefix - the terminal's invoice prefix (`[A-Z1-9][A-Z0-9]{0,5}`)
 * @param fyLabel - `financialYearOf(date).label`, for example `"2627"`
 * @param seq - the position in the series, from 1
 * @throws InvoiceNumberingError when the number would not fit (E_INVOICE_SEQUENCE_OVERFLOW) or is invalid
 */
export function documentNumber(series: DocumentSeries, prefix: string, fyLabel: string, seq: number): string {
  const marker = series === 'tax_invoice' ? '' : series === 'bill_of_supply' ? 'B' : 'C'
  const width = 16 - prefix.length - 6 - marker.length
  const plain = formatInvoiceNumber({ prefix, fyLabel, seq, width: Math.max(width, 1) })
  return marker === '' ? plain : `${prefix}/${marker}${plain.slice(prefix.length + 1)}`
}

/** The calendar date in India (UTC+05:30, no daylight saving) of an ISO-8601 timestamp: `YYYY-MM-DD`. */
export function indianDate(isoTimestamp: string): string {
  return new Date(Date.parse(isoTimestamp) + 330 * 60_000).toISOString().slice(0, 10)
}

function isTimestamp(value: unknown): value is string {
  return isText(value) && Number.isFinite(Date.parse(value))
}

function addLine(context: SaleContext, line: SaleLineInput): SaleDecision {
  if (typeof line !== 'object' || line === null) return refuse('E_SALE_COMMAND_INVALID')
  const wellFormed =
    isText(line.lineId) &&
    isText(line.itemId) &&
    typeof line.sku === 'string' &&
    typeof line.name === 'string' &&
    (line.embedded === undefined || line.embedded === 'weight' || line.embedded === 'price')
  if (!wellFormed) return refuse('E_SALE_COMMAND_INVALID')
  if (lineIndex(context, line.lineId) >= 0) return refuse('E_SALE_LINE_ID_TAKEN')
  const quantity = quantityOf(line.quantity)
  if (!quantity.ok) return quantity

  const target = mergeTarget(context.lines, line)
  if (target !== undefined) {
    const merged = addQuantities(target.quantity, quantity.value)
    return recompute(context, { lines: context.lines.map((each) => (each === target ? { ...each, quantity: merged } : each)) })
  }
  // Only the known fields are kept, so a stray field of the command never reaches the stored line.
  const added: SaleLine = {
    lineId: line.lineId,
    itemId: line.itemId,
    sku: line.sku,
    name: line.name,
    hsn: line.hsn,
    quantity: quantity.value,
    unitPricePaise: line.unitPricePaise,
    ratePercent: line.ratePercent,
    ...(line.cessPercent === undefined ? {} : { cessPercent: line.cessPercent }),
    ...(line.embedded === undefined ? {} : { embedded: line.embedded }),
  }
  return recompute(context, { lines: [...context.lines, added] })
}

function changeQuantity(context: SaleContext, lineId: string, quantityText: string): SaleDecision {
  const index = lineIndex(context, lineId)
  const line = context.lines[index]
  if (line === undefined) return refuse('E_SALE_LINE_UNKNOWN')
  if (line.embedded !== undefined) return refuse('E_SALE_SCALE_LINE_QUANTITY', lineId)
  const quantity = quantityOf(quantityText, lineId)
  if (!quantity.ok) return quantity
  if (quantity.value === line.quantity) return refuse('E_SALE_NO_CHANGE', lineId)
  return recompute(context, { lines: replaceLine(context.lines, index, { ...line, quantity: quantity.value }) })
}

function overridePrice(context: SaleContext, lineId: string, unitPricePaise: number): SaleDecision {
  const index = lineIndex(context, lineId)
  const line = context.lines[index]
  if (line === undefined) return refuse('E_SALE_LINE_UNKNOWN')
  if (unitPricePaise === line.unitPricePaise) return refuse('E_SALE_NO_CHANGE', lineId)
  const original = line.originalUnitPricePaise ?? line.unitPricePaise
  const { originalUnitPricePaise: _previous, ...rest } = line
  if (unitPricePaise === original) {
    // Back to the catalogue price: nothing to authorise.
    return recompute(context, { lines: replaceLine(context.lines, index, { ...rest, unitPricePaise }) })
  }
  const changed: SaleLine = { ...rest, unitPricePaise, originalUnitPricePaise: original }
  if (context.limits.priceOverride) return recompute(context, { lines: replaceLine(context.lines, index, changed) })
  const approval = useApproval(context.approvals, 'priceOverride', { type: 'sale.overridePrice', lineId })
  if (approval === undefined) return refuse('E_SALE_PRICE_OVERRIDE_NEEDS_APPROVAL', lineId)
  return recompute(context, { lines: replaceLine(context.lines, index, changed), approvals: approval.approvals })
}

function discountLine(context: SaleContext, lineId: string, discount: LineDiscountChange): SaleDecision {
  const index = lineIndex(context, lineId)
  const line = context.lines[index]
  if (line === undefined) return refuse('E_SALE_LINE_UNKNOWN')
  if (discount !== null && !isLineDiscount(discount)) return refuse('E_TAX_DISCOUNT_INVALID', lineId)
  if (sameJson(discount ?? undefined, line.discount)) return refuse('E_SALE_NO_CHANGE', lineId)

  // A new discount stands on its own: an approval of the previous one does not carry over.
  const { discount: _old, discountApproval: _oldApproval, ...bare } = line
  const changed: SaleLine =
    discount === null
      ? bare
      : { ...bare, discount: 'percent' in discount ? { percent: discount.percent } : { amountPaise: discount.amountPaise } }
  const lines = replaceLine(context.lines, index, changed)
  const computed = computeCart({ ...context, lines })
  if (!computed.ok) return computed
  const computedLine = computed.value?.lines[index]
  if (discount === null || computedLine === undefined) return finish({ ...context, lines }, computed.value)

  const rate = lineDiscountRate(discount, computedLine.grossPaise)
  if (atMost(rate, percentLimit(context.limits.maxLineDiscountPercent))) return finish({ ...context, lines }, computed.value)
  const approval = useApproval(context.approvals, 'discount', { type: 'sale.discountLine', lineId })
  if (approval === undefined) return refuse('E_SALE_DISCOUNT_OVER_LIMIT', lineId)
  const approved: SaleLine = { ...changed, discountApproval: approvalOf(approval.used, rate) }
  return finish({ ...context, lines: replaceLine(context.lines, index, approved), approvals: approval.approvals }, computed.value)
}

function discountBill(context: SaleContext, amountPaise: number): SaleDecision {
  if (!isPaise(amountPaise)) return refuse('E_TAX_BILL_DISCOUNT_INVALID')
  if (amountPaise === context.billDiscountPaise) return refuse('E_SALE_NO_CHANGE')
  const next: SaleContext = { ...context, billDiscountPaise: amountPaise, billDiscountApproval: null }
  const computed = computeCart(next)
  if (!computed.ok) return computed
  if (computed.value === null || amountPaise === 0) return finish(next, computed.value)

  const rate = fraction(BigInt(amountPaise), BigInt(billBase(computed.value)))
  if (atMost(rate, percentLimit(context.limits.maxBillDiscountPercent))) return finish(next, computed.value)
  const approval = useApproval(context.approvals, 'discount', { type: 'sale.discountBill' })
  if (approval === undefined) return refuse('E_SALE_BILL_DISCOUNT_OVER_LIMIT')
  return finish({ ...next, billDiscountApproval: approvalOf(approval.used, rate), approvals: approval.approvals }, computed.value)
}

function attachCustomer(context: SaleContext, event: Extract<SaleEvent, { type: 'sale.attachCustomer' }>): SaleDecision {
  const fields = [event.phone, event.gstin, event.name, event.placeOfSupplyStateCode]
  if (fields.some((field) => field !== undefined && typeof field !== 'string')) return refuse('E_SALE_COMMAND_INVALID')
  const phone = event.phone?.trim() || undefined
  const name = event.name?.trim() || undefined
  // validateGstin wants upper case without spaces; people type GSTINs in either case.
  const gstin = event.gstin?.trim().toUpperCase() || undefined
  if (phone === undefined && name === undefined && gstin === undefined) return refuse('E_SALE_CUSTOMER_EMPTY')

  let stateCode: string | undefined
  if (gstin !== undefined) {
    const validation = validateGstin(gstin)
    if (!validation.ok) return refuse('E_SALE_GSTIN_INVALID')
    stateCode = validation.stateCode
  }
  const explicit = event.placeOfSupplyStateCode
  if (explicit !== undefined && !Object.hasOwn(GST_STATES, explicit)) return refuse('E_SALE_STATE_CODE_INVALID')

  const customer: SaleCustomer = {
    ...(phone === undefined ? {} : { phone }),
    ...(gstin === undefined ? {} : { gstin }),
    ...(name === undefined ? {} : { name }),
    ...(stateCode === undefined ? {} : { stateCode }),
  }
  const placeOfSupplyStateCode = explicit ?? stateCode ?? context.supplierStateCode
  if (sameJson(customer, context.customer) && placeOfSupplyStateCode === context.placeOfSupplyStateCode) {
    return refuse('E_SALE_NO_CHANGE')
  }
  return recompute(context, { customer, placeOfSupplyStateCode })
}

function addTender(context: SaleContext, tender: SaleTender): SaleDecision {
  if (typeof tender !== 'object' || tender === null) return refuse('E_SALE_COMMAND_INVALID')
  const methods: readonly unknown[] = ['cash', 'card', 'upi', 'store_credit']
  const wellFormed =
    isText(tender.tenderId) && methods.includes(tender.method) && (tender.reference === undefined || isText(tender.reference))
  if (!wellFormed) return refuse('E_SALE_COMMAND_INVALID')
  if (!isPaise(tender.amountPaise) || tender.amountPaise === 0) return refuse('E_SALE_TENDER_AMOUNT_INVALID')
  if (context.tenders.some((each) => each.tenderId === tender.tenderId)) return refuse('E_SALE_TENDER_ID_TAKEN')

  const summary = tenderSummary(context)
  // Once paid in full (at most by one overpaying cash tender, the last), nothing more is taken.
  if (summary.remainingDuePaise === 0) return refuse('E_SALE_ALREADY_PAID')
  if (tender.method === 'cash') {
    if (summary.cashPaise + tender.amountPaise >= CASH_RECEIPT_LIMIT_PAISE) return refuse('E_SALE_CASH_LIMIT')
  } else if (tender.amountPaise > summary.remainingDuePaise) {
    return refuse('E_SALE_TENDER_EXCEEDS_DUE')
  }
  const kept: SaleTender = {
    tenderId: tender.tenderId,
    method: tender.method,
    amountPaise: tender.amountPaise,
    ...(tender.reference === undefined ? {} : { reference: tender.reference }),
  }
  return withTenders(context, [...context.tenders, kept])
}

function voidSale(context: SaleContext, reason: string, at: string): SaleDecision {
  if (!isText(at)) return refuse('E_SALE_COMMAND_INVALID')
  if (!isText(reason)) return refuse('E_SALE_VOID_REASON_REQUIRED')
  const voided: SaleContext = { ...context, voidReason: reason.trim(), voidedAt: at, parkedAt: null }
  if (context.tenders.length === 0) return accept(voided)
  const approval = useApproval(context.approvals, 'void', { type: 'sale.void' })
  if (approval === undefined) return refuse('E_SALE_VOID_NEEDS_APPROVAL')
  return accept({ ...voided, approvals: approval.approvals })
}

/** Replaces the tenders and the change that follows from them. */
function withTenders(context: SaleContext, tenders: SaleTender[]): SaleDecision {
  return accept({ ...context, tenders, changeDuePaise: tenderSummary({ ...context, tenders }).changeDuePaise })
}

/** A cart change: recompute the invoice, then check every discount. */
function recompute(context: SaleContext, change: Partial<SaleContext>): SaleDecision {
  const next = { ...context, ...change }
  const computed = computeCart(next)
  return computed.ok ? finish(next, computed.value) : computed
}

/** Accepts the cart if every discount still fits the cashier's limits or its approval. */
function finish(next: SaleContext, computation: InvoiceComputation | null): SaleDecision {
  if (computation !== null) {
    const lineLimit = percentLimit(next.limits.maxLineDiscountPercent)
    for (const [index, line] of next.lines.entries()) {
      const computedLine = computation.lines[index]
      if (line.discount === undefined || computedLine === undefined) continue
      if (!covered(lineDiscountRate(line.discount, computedLine.grossPaise), lineLimit, line.discountApproval)) {
        return refuse('E_SALE_DISCOUNT_OVER_LIMIT', line.lineId)
      }
    }
    const billRate = fraction(BigInt(next.billDiscountPaise), BigInt(billBase(computation)))
    if (!covered(billRate, percentLimit(next.limits.maxBillDiscountPercent), next.billDiscountApproval ?? undefined)) {
      return refuse('E_SALE_BILL_DISCOUNT_OVER_LIMIT')
    }
  }
  return accept({ ...next, computation })
}

/**
 * `computeInvoice` of the cart, or the tax rule it breaks. An empty cart has no computation, and
 * then a bill discount must be zero (it cannot exceed the lines' sum, which is zero).
 */
function computeCart(context: SaleContext): { ok: true; value: InvoiceComputation | null } | { ok: false; code: SaleRefusalCode; lineId?: string } {
  try {
    return {
      ok: true,
      value: computeInvoice({
        supplierStateCode: context.supplierStateCode,
        placeOfSupplyStateCode: context.placeOfSupplyStateCode,
        pricesIncludeTax: context.pricesIncludeTax,
        composition: context.composition,
        lines: context.lines.map((line) => ({
          id: line.lineId,
          hsn: line.hsn,
          quantity: line.quantity,
          unitPricePaise: line.unitPricePaise,
          ratePercent: line.ratePercent,
          ...(line.cessPercent === undefined ? {} : { cessPercent: line.cessPercent }),
          ...(line.discount === undefined ? {} : { discount: line.discount }),
        })),
        billDiscountPaise: context.billDiscountPaise,
      }),
    }
  } catch (error) {
    if (!(error instanceof TaxInputError)) throw error
    // computeInvoice checks the state codes and composition before it looks at the lines.
    if (error.code === 'E_TAX_NO_LINES' && context.lines.length === 0) {
      return context.billDiscountPaise === 0 ? { ok: true, value: null } : refuse('E_TAX_BILL_DISCOUNT_EXCEEDS_NET')
    }
    return refuse(error.code, error.lineId)
  }
}

/** The first unused approval of `scope`, marked as used by `use`; `undefined` when none is left. */
function useApproval(approvals: readonly SaleApproval[], scope: ApprovalScope, use: ApprovalUse) {
  const index = approvals.findIndex((approval) => approval.scope === scope && approval.usedFor === null)
  const approval = approvals[index]
  if (approval === undefined) return undefined
  const used: SaleApproval = { ...approval, usedFor: use }
  return { used, approvals: approvals.map((each, i) => (i === index ? used : each)) }
}

function approvalOf(approval: SaleApproval, rate: Exact): DiscountApproval {
  return { approverId: approval.approverId, at: approval.at, maxRate: { numerator: Number(rate.n), denominator: Number(rate.d) } }
}

/** An exact non-negative fraction while comparing rates. */
interface Exact {
  readonly n: bigint
  readonly d: bigint
}

/** Thousandths of a percent: `"12.5"` % is 12500 / 100000. */
const PERCENT_DENOMINATOR = 100_000n

function fraction(n: bigint, d: bigint): Exact {
  return d === 0n ? { n: 0n, d: 1n } : { n, d }
}

function atMost(a: Exact, b: Exact): boolean {
  return a.n * b.d <= b.n * a.d
}

/** Within the cashier's limit, or within what a manager approved. */
function covered(rate: Exact, limit: Exact, approval: DiscountApproval | undefined): boolean {
  if (atMost(rate, limit)) return true
  return approval !== undefined && atMost(rate, { n: BigInt(approval.maxRate.numerator), d: BigInt(approval.maxRate.denominator) })
}

/** A limit percentage; unreadable or negative counts as 0 %. */
function percentLimit(text: string): Exact {
  const parsed = typeof text === 'string' ? parseDecimal(text) : undefined
  return { n: parsed === undefined || parsed < 0n ? 0n : parsed, d: PERCENT_DENOMINATOR }
}

/**
 * A line discount's rate. A percentage is taken as entered (not as rounded to paise, which on a
 * tiny gross could exceed it); an amount is measured against the line's gross.
 */
function lineDiscountRate(discount: LineDiscount, grossPaise: number): Exact {
  if ('percent' in discount) return { n: parseDecimal(discount.percent) ?? 0n, d: PERCENT_DENOMINATOR }
  return fraction(BigInt(discount.amountPaise), BigInt(grossPaise))
}

/** What the bill discount is spread over: Σ (gross − line discount). */
function billBase(computation: InvoiceComputation): number {
  return sum(computation.lines.map((line) => line.grossPaise - line.discountPaise))
}

function quantityOf(text: unknown, lineId?: string): { ok: true; value: string } | { ok: false; code: SaleRefusalCode; lineId?: string } {
  const parsed = typeof text === 'string' ? parseDecimal(text) : undefined
  if (parsed === undefined) return refuse('E_TAX_QUANTITY_INVALID', lineId)
  if (parsed <= 0n) return refuse('E_TAX_QUANTITY_NOT_POSITIVE', lineId)
  return { ok: true, value: formatDecimal(parsed) }
}

function addQuantities(a: string, b: string): string {
  return formatDecimal((parseDecimal(a) ?? 0n) + (parseDecimal(b) ?? 0n))
}

function isLineDiscount(value: unknown): value is LineDiscount {
  if (typeof value !== 'object' || value === null) return false
  const keys = Object.keys(value)
  if (keys.length !== 1) return false
  if ('percent' in value) return typeof value.percent === 'string'
  return 'amountPaise' in value && typeof value.amountPaise === 'number'
}

function lineIndex(context: SaleContext, lineId: string): number {
  return context.lines.findIndex((line) => line.lineId === lineId)
}

function replaceLine(lines: readonly SaleLine[], index: number, line: SaleLine): SaleLine[] {
  return lines.map((each, i) => (i === index ? line : each))
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function isPaise(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

/** Equality of plain JSON data (key order as built here). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function accept(context: SaleContext): SaleDecision {
  return { ok: true, context }
}

function refuse(code: SaleRefusalCode, lineId?: string): { ok: false; code: SaleRefusalCode; lineId?: string } {
  return lineId === undefined ? { ok: false, code } : { ok: false, code, lineId }
}
