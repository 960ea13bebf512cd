import { and, assign, not, setup } from 'xstate'
import type { SnapshotFrom } from 'xstate'
import type { InvoiceLine, InvoiceTotals, DocumentKind, SupplyType } from '../tax/types.ts'
import { applySaleEvent, initialSaleContext, isStarted, mergeTarget, tenderSummary } from './sale.rules.ts'
import type {
  SaleContext,
  SaleReturn,
  SaleCustomer,
  SaleEvent,
  SaleInput,
  SaleLine,
  SaleRefusalCode,
  SaleTender,
} from './sale.rules.ts'

/**
 * Version of the sale machine's persisted shape (state names, context, event meaning). Stored
 * with every snapshot; bump it on any incompatible change.
 */
export const SALE_MACHINE_VERSION = 1

/** What changed on a line, in a `sale.lineChanged` fact (`quantity` also for a merged re-scan). */
export type SaleLineChange = 'quantity' | 'price' | 'discount'

/** A line of the `sale.completed` fact: the cart line with the tax figures it was invoiced at. */
export interface SaleCompletedLine extends Omit<InvoiceLine, 'id'> {
  lineId: string
  itemId: string
  sku: string
  name: string
  unitPricePaise: number
  /** The catalogue price, when the unit price was overridden. */
  originalUnitPricePaise?: number
}

/** Data of the `sale.completed` fact: everything the host needs to store the invoice. */
export interface SaleCompletedData {
  saleId: string
  storeId: string
  terminalId: string
  cashierId: string
  invoiceNumber: string
  at: string
  documentKind: DocumentKind
  supplyType: SupplyType
  supplierStateCode: string
  placeOfSupplyStateCode: string
  /** Without the phone number (personal data; it stays in the context for the host to store encrypted). */
  customer: Omit<SaleCustomer, 'phone'> | null
  lines: SaleCompletedLine[]
  totals: InvoiceTotals
  tenders: SaleTender[]
  changeDuePaise: number
}

/**
 * Facts the sale machine asks the host to publish, as params of the `emitFact` action. Cart
 * facts carry the new `grandTotalPaise` (0 for an empty cart) so a live display needs no
 * recomputation. No fact carries the customer's phone number.
 */
export type SaleFact =
  | { type: 'sale.started'; data: { saleId: string; terminalId: string; cashierId: string; at: string } }
  | { type: 'sale.lineAdded'; data: { saleId: string; line: SaleLine; grandTotalPaise: number } }
  | { type: 'sale.lineRemoved'; data: { saleId: string; lineId: string; grandTotalPaise: number } }
  | { type: 'sale.lineChanged'; data: { saleId: string; change: SaleLineChange; line: SaleLine; grandTotalPaise: number } }
  | { type: 'sale.billDiscountChanged'; data: { saleId: string; billDiscountPaise: number; grandTotalPaise: number } }
  | {
      type: 'sale.customerAttached'
      data: { saleId: string; customer: Omit<SaleCustomer, 'phone'>; placeOfSupplyStateCode: string; grandTotalPaise: number }
    }
  | { type: 'sale.parked'; data: { saleId: string; at: string } }
  | { type: 'sale.resumed'; data: { saleId: string; at: string } }
  | { type: 'sale.tenderAdded'; data: { saleId: string; tender: SaleTender; remainingDuePaise: number; changeDuePaise: number } }
  | { type: 'sale.tenderRemoved'; data: { saleId: string; tenderId: string; remainingDuePaise: number; changeDuePaise: number } }
  | { type: 'sale.completed'; data: SaleCompletedData }
  | { type: 'sale.voided'; data: { saleId: string; reason: string; at: string; approverId: string | null; tenders: SaleTender[] } }
  | { type: 'sale.returned'; data: { saleId: string; invoiceNumber: string } & SaleReturn }

/** Params of the host's `recordInvoice` effect (the server writes the invoice in the completing step). */
export interface RecordInvoiceParams {
  /** The terminal completed the sale offline: it already happened, so stock may go negative (with review). */
  offline: boolean
}

/** Params of the host's `recordReturn` effect (the server writes the credit note in the same step). */
export interface RecordReturnParams {
  returnId: string
}

/** The line `lineId` of the context (after the transition's `apply`, which guarantees it). */
function lineOf(context: SaleContext, lineId: string): SaleLine {
  const line = context.lines.find((each) => each.lineId === lineId)
  if (line === undefined) throw new Error(`sale machine invariant: line ${lineId} is on sale ${context.saleId}`)
  return line
}

const grandTotal = (context: SaleContext) => context.computation?.totals.grandTotalPaise ?? 0

function lineChanged(context: SaleContext, lineId: string, change: SaleLineChange): SaleFact {
  return { type: 'sale.lineChanged', data: { saleId: context.saleId, change, line: lineOf(context, lineId), grandTotalPaise: grandTotal(context) } }
}

function withoutPhone(customer: SaleCustomer): Omit<SaleCustomer, 'phone'> {
  const { phone: _phone, ...rest } = customer
  return rest
}

function completedFact(context: SaleContext): SaleFact {
  const { computation, invoiceNumber, completedAt } = context
  if (computation === null || invoiceNumber === null || completedAt === null) {
    throw new Error(`sale machine invariant: sale ${context.saleId} completes with a computation, a number and a time`)
  }
  const lines = computation.lines.map(({ id, ...figures }): SaleCompletedLine => {
    const line = lineOf(context, id)
    return {
      lineId: id,
      itemId: line.itemId,
      sku: line.sku,
      name: line.name,
      unitPricePaise: line.unitPricePaise,
      ...(line.originalUnitPricePaise === undefined ? {} : { originalUnitPricePaise: line.originalUnitPricePaise }),
      ...figures,
    }
  })
  return {
    type: 'sale.completed',
    data: {
      saleId: context.saleId,
      storeId: context.storeId,
      terminalId: context.terminalId,
      cashierId: context.cashierId,
      invoiceNumber,
      at: completedAt,
      documentKind: computation.documentKind,
      supplyType: computation.supplyType,
      supplierStateCode: context.supplierStateCode,
      placeOfSupplyStateCode: context.placeOfSupplyStateCode,
      customer: context.customer === null ? null : withoutPhone(context.customer),
      lines,
      totals: computation.totals,
      tenders: context.tenders,
      changeDuePaise: context.changeDuePaise,
    },
  }
}

function returnedFact(context: SaleContext): SaleFact {
  const entry = context.returns.at(-1)
  if (entry === undefined || context.invoiceNumber === null) {
    throw new Error(`sale machine invariant: sale ${context.saleId} records a return after an invoice`)
  }
  return { type: 'sale.returned', data: { saleId: context.saleId, invoiceNumber: context.invoiceNumber, ...entry } }
}

function voidedFact(context: SaleContext): SaleFact {
  const approval = context.approvals.find((each) => each.usedFor?.type === 'sale.void')
  return {
    type: 'sale.voided',
    data: {
      saleId: context.saleId,
      reason: context.voidReason ?? '',
      at: context.voidedAt ?? '',
      approverId: approval?.approverId ?? null,
      tenders: context.tenders,
    },
  }
}

/**
 * The sale actor (one per sale), run by the server (authoritative) and by the terminal
 * (optimistic, offline): the cart, the tenders and the end of the sale.
 *
 * States: `new` → `cart` (`active` ⇄ `parked`) → `tendering` → `completed` (returns);
 * `voided` (final) from `cart` or `tendering`. A sale created with its full input (the terminal)
 * skips `new`; a host that knows only the sale's id (the server) waits there for `sale.start`. The money and policy rules live in `sale.rules.ts`
 * ({@link applySaleEvent}); every guard here is "the rules accept it" (plus, where one command has
 * two meanings, which one), and the one `apply` action takes the context the rules computed. A
 * refused command is not taken: same snapshot, no actions, and `saleRefusalReason` says why.
 *
 * Decisions:
 * - Every cart change (line, quantity, price, discount, customer) recomputes `computation` with
 *   `computeInvoice`; a `TaxInputError` refuses the command with the tax error's code.
 * - `sale.addLine` of an item already on the cart merges its quantity into that line, unless
 *   either line comes from a scale label (`embedded`), the existing line's price was
 *   overridden, or the catalogue price, HSN or rates differ (then it is a new line). A
 *   scale-label line's quantity cannot be changed by hand.
 * - Approvals (`sale.approve`, from a user other than the cashier; the host checks the
 *   approver's role and credentials) unlock the NEXT command of their scope that needs one,
 *   once: per-action approval keeps each privileged step tied to one approver in the audit log.
 *   A command within the cashier's limits leaves the approval unused for later.
 * - Discount limits hold for the whole sale, not only when the discount is given: a cart change
 *   that pushes a discount's rate over the cashier's limit (an amount off on fewer units, a line
 *   discount shrinking the bill a bill discount is measured on) is refused unless the rate stays
 *   within what a manager approved for that discount. A line discount is measured against the
 *   line's gross; the bill discount against Σ (gross − line discount).
 * - A B2B GSTIN sets the place of supply to the GSTIN's state (IGST for another state) unless
 *   `sale.attachCustomer` names the place of supply (domain doc §2.2: goods taken over the
 *   counter are supplied in the store's state); a composition dealer's inter-state supply is
 *   refused (`E_TAX_COMPOSITION_INTERSTATE`).
 * - The cart is fixed while tenders are recorded: `sale.backToCart` is refused until they are
 *   removed (the host refunds or reverses an electronic tender it removes).
 * - Tenders (domain doc §10.4): card, UPI and store credit at most the remaining due; cash may
 *   overpay (change), and once the sale is paid in full no further tender is taken, so only the
 *   last tender can overpay. Cash reaching ₹2,00,000 in the sale (s.269ST, counted on cash
 *   handed over, change included) is refused; per-customer-per-day totals are the host's check.
 *   Completion needs tendered − change = grand total and a Rule 46 invoice number, which the
 *   host assigns (server series, or the terminal's offline series).
 * - A void needs a non-blank reason, and once tenders are recorded a `void` approval.
 *
 * - Returns (`sale.return`, from any terminal of the store) are credit notes computed by
 *   `computeCreditNote` on the invoiced lines, refunded to the original tenders in proportion or
 *   to store credit; they keep the sale in `completed`.
 * - A command the host marks with its origin must come from the sale's store (and, for the cart,
 *   its terminal): `E_SALE_OTHER_ORIGIN`.
 *
 * Effects are named placeholders the host provides: `emitFact` (params: {@link SaleFact}),
 * `checkStart` (the host checks the store, terminal, cashier and limits against its records),
 * `recordInvoice` ({@link RecordInvoiceParams}), `recordVoid` and `recordReturn`
 * ({@link RecordReturnParams}): the server's domain writes in the same durable step.
 * No delayed transitions, no clock, no randomness: time arrives in events (`at`).
 */
/**
 * The input of a sale actor known only by its id: placeholders that `sale.start`
 * replaces with the store's setup, the terminal, the cashier and the role's limits.
 * The server's sale actors start from it, and so does every replay of their journal.
 */
export function saleActorInput(saleId: string): SaleInput {
  return {
    saleId,
    storeId: '',
    terminalId: '',
    cashierId: '',
    supplierStateCode: '00',
    pricesIncludeTax: true,
    limits: { maxLineDiscountPercent: '0', maxBillDiscountPercent: '0', priceOverride: false },
  }
}

/** Only for XState's internal input-less actor (see the context factory); never a real sale. */
const PLACEHOLDER_INPUT: SaleInput = saleActorInput('')

export const saleMachine = setup({
  types: {
    context: {} as SaleContext,
    events: {} as SaleEvent,
    input: {} as SaleInput,
  },
  actions: {
    /** Host effect: journal the fact with the step and push it after commit. */
    emitFact: (_, _fact: SaleFact) => {},
    /** Host effect: the store, terminal, cashier and limits of `sale.start` are the host's own (or it refuses). */
    checkStart: () => {},
    /** Host effect: store the invoice, its lines, tenders and stock movements (or refuse). */
    recordInvoice: (_, _params: RecordInvoiceParams) => {},
    /** Host effect: record the void (and reverse any tenders). */
    recordVoid: () => {},
    /** Host effect: store the credit note, refunds and the stock coming back. */
    recordReturn: (_, _params: RecordReturnParams) => {},
    /** The context the sale rules computed for this command (the guard checked they accept it). */
    apply: assign(({ context, event }) => {
      const decision = applySaleEvent(context, event)
      if (!decision.ok) throw new Error(`sale machine invariant: ${event.type} passed its guard but is refused (${decision.code})`)
      return decision.context
    }),
  },
  guards: {
    /** The sale rules accept the command on this context. */
    allowed: ({ context, event }) => applySaleEvent(context, event).ok,
    /** `sale.addLine` of an item already on the cart, merged into its line. */
    mergesLine: ({ context, event }) => event.type === 'sale.addLine' && mergeTarget(context.lines, event.line) !== undefined,
    /** Money has been taken: at least one tender is recorded. */
    hasTenders: ({ context }) => context.tenders.length > 0,
    /** The sale knows its store, terminal and cashier. */
    started: ({ context }) => isStarted(context),
  },
}).createMachine({
  id: 'sale',
  description: 'One sale: a cart, paid by one or more tenders, completed with an invoice number or voided.',
  // XState's pure transition() also builds a throwaway actor without input: the factory must
  // not throw then (it would cost a thrown and swallowed exception on every transition).
  context: ({ input }) => initialSaleContext(input ?? PLACEHOLDER_INPUT),
  initial: 'new',
  states: {
    new: {
      description: 'Known by its id only: the server hosting a sale the terminal has not started yet.',
      always: {
        guard: 'started',
        target: 'cart',
        description: 'Created with its store, terminal and cashier (the terminal): straight to the cart.',
      },
      on: {
        'sale.start': {
          guard: 'allowed',
          target: 'cart',
          actions: [
            'apply',
            'checkStart',
            {
              type: 'emitFact',
              params: ({ context, event }) => ({
                type: 'sale.started',
                data: { saleId: context.saleId, terminalId: context.terminalId, cashierId: context.cashierId, at: event.at },
              }),
            },
          ],
          description: "The terminal starts the sale: its store, terminal, cashier, the store's state and the cashier's limits.",
        },
      },
    },
    cart: {
      description: 'The bill is being built; nothing has been paid.',
      initial: 'active',
      on: {
        'sale.void': {
          guard: 'allowed',
          target: 'voided',
          actions: ['apply', 'recordVoid', { type: 'emitFact', params: ({ context }) => voidedFact(context) }],
          description: 'The cashier abandons the bill (active or parked) with a reason; no money was taken, so no approval.',
        },
      },
      states: {
        active: {
          description: 'The cashier adds and changes lines, discounts and the customer.',
          on: {
            'sale.addLine': [
              {
                guard: and(['allowed', 'mergesLine']),
                actions: [
                  'apply',
                  {
                    type: 'emitFact',
                    params: ({ context, event }) => {
                      const target = mergeTarget(context.lines, event.line)
                      return lineChanged(context, target?.lineId ?? event.line.lineId, 'quantity')
                    },
                  },
                ],
                description: 'The same item again (not a scale label, same price): its quantity is added to the existing line.',
              },
              {
                guard: 'allowed',
                actions: [
                  'apply',
                  {
                    type: 'emitFact',
                    params: ({ context, event }) => ({
                      type: 'sale.lineAdded',
                      data: { saleId: context.saleId, line: lineOf(context, event.line.lineId), grandTotalPaise: grandTotal(context) },
                    }),
                  },
                ],
                description: 'A new line, as the terminal or server resolved the item (search, barcode or scale label); taxes recomputed.',
              },
            ],
            'sale.removeLine': {
              guard: 'allowed',
              actions: [
                'apply',
                {
                  type: 'emitFact',
                  params: ({ context, event }) => ({
                    type: 'sale.lineRemoved',
                    data: { saleId: context.saleId, lineId: event.lineId, grandTotalPaise: grandTotal(context) },
                  }),
                },
              ],
              description: 'A line comes off the bill, unless the bill discount would then exceed what is left.',
            },
            'sale.changeQuantity': {
              guard: 'allowed',
              actions: ['apply', { type: 'emitFact', params: ({ context, event }) => lineChanged(context, event.lineId, 'quantity') }],
              description: 'A new quantity for a line (not a scale-label line); discounts must still fit their limits.',
            },
            'sale.overridePrice': {
              guard: 'allowed',
              actions: ['apply', { type: 'emitFact', params: ({ context, event }) => lineChanged(context, event.lineId, 'price') }],
              description:
                "A new unit price: allowed by the cashier's role or by a manager's priceOverride approval (used up); " +
                'back to the catalogue price needs neither.',
            },
            'sale.discountLine': {
              guard: 'allowed',
              actions: ['apply', { type: 'emitFact', params: ({ context, event }) => lineChanged(context, event.lineId, 'discount') }],
              description: "A line discount (percent or amount) or its removal; above the cashier's limit it uses a manager's discount approval.",
            },
            'sale.discountBill': {
              guard: 'allowed',
              actions: [
                'apply',
                {
                  type: 'emitFact',
                  params: ({ context }) => ({
                    type: 'sale.billDiscountChanged',
                    data: { saleId: context.saleId, billDiscountPaise: context.billDiscountPaise, grandTotalPaise: grandTotal(context) },
                  }),
                },
              ],
              description: "A bill discount in paise (0 removes it), spread over the lines; above the cashier's limit it uses a discount approval.",
            },
            'sale.approve': {
              guard: 'allowed',
              actions: 'apply',
              description: 'A manager (not the cashier) approves the next discount or price override above the cashier\'s limits, or a void.',
            },
            'sale.attachCustomer': {
              guard: 'allowed',
              actions: [
                'apply',
                {
                  type: 'emitFact',
                  params: ({ context }) => ({
                    type: 'sale.customerAttached',
                    data: {
                      saleId: context.saleId,
                      customer: withoutPhone(context.customer ?? {}),
                      placeOfSupplyStateCode: context.placeOfSupplyStateCode,
                      grandTotalPaise: grandTotal(context),
                    },
                  }),
                },
              ],
              description: "The buyer; a valid GSTIN makes the sale B2B and moves the place of supply to the GSTIN's state (IGST if another state).",
            },
            'sale.park': {
              guard: 'allowed',
              target: 'parked',
              actions: [
                'apply',
                { type: 'emitFact', params: ({ context, event }) => ({ type: 'sale.parked', data: { saleId: context.saleId, at: event.at } }) },
              ],
              description: 'The customer steps away: a non-empty bill is put aside so the till can serve the next one.',
            },
            'sale.startTender': {
              guard: 'allowed',
              target: '#sale.tendering',
              actions: 'apply',
              description: 'The bill is final; payment starts. Refused for an empty cart.',
            },
          },
        },
        parked: {
          description: 'Put aside; nothing changes until it is resumed (or voided).',
          on: {
            'sale.resume': {
              guard: 'allowed',
              target: 'active',
              actions: [
                'apply',
                { type: 'emitFact', params: ({ context, event }) => ({ type: 'sale.resumed', data: { saleId: context.saleId, at: event.at } }) },
              ],
              description: 'The customer is back: the bill is editable again.',
            },
          },
        },
      },
    },
    tendering: {
      description: 'Taking payment against the fixed bill, in one or more tenders.',
      on: {
        'sale.backToCart': {
          guard: 'allowed',
          target: '#sale.cart.active',
          actions: 'apply',
          description: 'Back to editing the bill; only while no tender is recorded (the cart is fixed once money is taken).',
        },
        'sale.addTender': {
          guard: 'allowed',
          actions: [
            'apply',
            {
              type: 'emitFact',
              params: ({ context, event }) => ({
                type: 'sale.tenderAdded',
                data: {
                  saleId: context.saleId,
                  tender: context.tenders.find((each) => each.tenderId === event.tender.tenderId) ?? event.tender,
                  remainingDuePaise: tenderSummary(context).remainingDuePaise,
                  changeDuePaise: context.changeDuePaise,
                },
              }),
            },
          ],
          description:
            'A payment: card, UPI or store credit up to the remaining due; cash may overpay (change), ' +
            "but the sale's cash stays below ₹2,00,000 (s.269ST).",
        },
        'sale.removeTender': {
          guard: 'allowed',
          actions: [
            'apply',
            {
              type: 'emitFact',
              params: ({ context, event }) => ({
                type: 'sale.tenderRemoved',
                data: {
                  saleId: context.saleId,
                  tenderId: event.tenderId,
                  remainingDuePaise: tenderSummary(context).remainingDuePaise,
                  changeDuePaise: context.changeDuePaise,
                },
              }),
            },
          ],
          description: 'A tender is taken back (failed, refunded or entered by mistake); the host reverses its money.',
        },
        'sale.approve': {
          guard: 'allowed',
          actions: 'apply',
          description: 'A manager (not the cashier) approves, typically the void of a bill that has tenders.',
        },
        'sale.complete': {
          guard: 'allowed',
          target: 'completed',
          // The host's writes first, the fact last: a fact takes the store's event sequence, which
          // the host holds until commit, so the step's long work is done before it is taken.
          actions: [
            'apply',
            { type: 'recordInvoice', params: ({ event }) => ({ offline: event.soldAt !== undefined }) },
            { type: 'emitFact', params: ({ context }) => completedFact(context) },
          ],
          description: 'Paid in full (tendered − change = grand total): the sale is invoiced under the number the host assigned.',
        },
        'sale.void': [
          {
            guard: and(['allowed', not('hasTenders')]),
            target: 'voided',
            actions: ['apply', 'recordVoid', { type: 'emitFact', params: ({ context }) => voidedFact(context) }],
            description: 'Abandoned before any money was taken: a reason is enough.',
          },
          {
            guard: 'allowed',
            target: 'voided',
            actions: ['apply', 'recordVoid', { type: 'emitFact', params: ({ context }) => voidedFact(context) }],
            description: "Abandoned with tenders recorded: a reason and a manager's void approval (used up); the fact lists the tenders to reverse.",
          },
        ],
      },
    },
    completed: {
      description: 'Invoiced and paid. Goods may come back: each return is a credit note against the invoiced lines.',
      on: {
        'sale.return': {
          guard: 'allowed',
          actions: [
            'apply',
            { type: 'recordReturn', params: ({ event }) => ({ returnId: event.returnId }) },
            { type: 'emitFact', params: ({ context }) => returnedFact(context) },
          ],
          description:
            "Goods come back (whole or part, by line and quantity): credited at the original lines' rates, never more than a line, " +
            'refunded to the original tenders or to store credit.',
        },
      },
    },
    voided: {
      type: 'final',
      description: 'Abandoned; no invoice. Any tenders listed in sale.voided are reversed by the host.',
    },
  },
})

/** A sale snapshot. */
export type SaleSnapshot = SnapshotFrom<typeof saleMachine>

/**
 * Why the sale would refuse `event` in `snapshot`, for the `E_*` code of the host's ack:
 * `null` when it would be taken, `E_SALE_WRONG_STATE` when the state does not accept the command
 * at all (for example a cart change while tendering, or anything after the end), otherwise the
 * sale or tax rule it breaks.
 */
export function saleRefusalReason(snapshot: SaleSnapshot, event: SaleEvent): SaleRefusalCode | null {
  if (snapshot.can(event)) return null
  // `_nodes` (typed on MachineSnapshot) are the active state nodes; one of them must list the command.
  const stateAccepts = snapshot.status === 'active' && snapshot._nodes.some((node) => node.ownEvents.includes(event.type))
  const decision = applySaleEvent(snapshot.context, event)
  return !stateAccepts || decision.ok ? 'E_SALE_WRONG_STATE' : decision.code
}
