import { assign, setup } from 'xstate'
import type { SnapshotFrom } from 'xstate'

/**
 * Version of the shift machine's persisted shape (state names, context, event meaning). Stored
 * with every snapshot; bump it on any incompatible change.
 */
export const SHIFT_MACHINE_VERSION = 1

/** Indian notes and coins a drawer is counted in, in paise, largest first (₹2000 … 50 paise). */
export const DENOMINATIONS_PAISE = [200_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50] as const

/** A drawer count: how many of each denomination (the key is the denomination in paise, `"50000"` for ₹500). */
export type CashCount = Record<string, number>

/** Cash put into or taken out of the drawer during the shift, outside sales and refunds. */
export interface ShiftCashMovement {
  /** Client-generated, unique in the shift. */
  movementId: string
  direction: 'in' | 'out'
  amountPaise: number
  reason: string
  /** Who moved it (the signed-in cashier, or a manager). */
  by: string
  at: string
}

/** A manager's decision to close although the terminal still has unsynced commands. */
export interface ShiftOverride {
  by: string
  reason: string
}

/** What was counted at the close. */
export interface ShiftClosing {
  closedBy: string
  closedAt: string
  cashCount: CashCount
  countedCashPaise: number
  /** Totals the cashier read off the card terminal and the UPI app, when entered. */
  tenderCounts: { card?: number; upi?: number }
  /** Commands the terminal had not synced when the close was decided. */
  unsyncedCommands: number
  override: ShiftOverride | null
}

/** The shift actor's context. */
export interface ShiftContext {
  shiftId: string
  storeId: string
  terminalId: string
  openedBy: string
  openedAt: string
  openingCount: CashCount
  openingFloatPaise: number
  movements: ShiftCashMovement[]
  closing: ShiftClosing | null
}

/** What the host passes to a fresh shift actor: its id (the rest comes with `shift.open`). */
export interface ShiftInput {
  shiftId: string
}

/**
 * Where a command came from, as the host saw it. When present it must be the shift's store, and
 * the shift's own terminal when it names one (a manager closing from the back office names none).
 */
export interface ShiftOrigin {
  storeId: string
  terminalId?: string
}

/** Commands the shift actor accepts. `at` is an ISO-8601 timestamp the host puts in. */
export type ShiftEvent = (
  | { type: 'shift.open'; at: string; storeId: string; terminalId: string; openedBy: string; cashCount: CashCount }
  | { type: 'shift.moveCash'; at: string; movementId: string; direction: 'in' | 'out'; amountPaise: number; reason: string; by: string }
  | {
      type: 'shift.close'
      at: string
      by: string
      cashCount: CashCount
      tenderCounts?: { card?: number; upi?: number }
      /** Commands still unsynced on the terminal (its own report, or the store's last known depth). */
      unsyncedCommands: number
      /** Only a manager may override (the host checks the role). */
      override?: ShiftOverride
    }
) & { readonly origin?: ShiftOrigin }

/** Why the shift refused a command: a stable code and a message. */
export const SHIFT_ERRORS = {
  E_SHIFT_WRONG_STATE: 'The shift does not accept this command in its current state.',
  E_SHIFT_OPEN_INVALID: 'A shift opens with its store, terminal, who opens it and the counted float.',
  E_SHIFT_COUNT_INVALID: 'A cash count gives a whole, non-negative number for known denominations only.',
  E_SHIFT_AMOUNT_INVALID: 'A cash movement is a positive whole number of paise.',
  E_SHIFT_REASON_REQUIRED: 'Cash in or out needs a reason.',
  E_SHIFT_MOVEMENT_ID_TAKEN: 'A cash movement with this id is already recorded.',
  E_SHIFT_UNSYNCED: "The terminal still has unsynced commands; a manager's override with a reason is needed.",
  E_SHIFT_OTHER_ORIGIN: "The command comes from another store or terminal than the shift's.",
  E_SHIFT_COMMAND_INVALID: 'The command is malformed (a missing or ill-typed field).',
} as const

/** A stable shift error code. */
export type ShiftErrorCode = keyof typeof SHIFT_ERRORS

/** The result of {@link applyShiftEvent}. */
export type ShiftDecision = { readonly ok: true; readonly context: ShiftContext } | { readonly ok: false; readonly code: ShiftErrorCode }

/** Facts the shift machine asks the host to publish. */
export type ShiftFact =
  | { type: 'shift.opened'; data: { shiftId: string; terminalId: string; openedBy: string; openingFloatPaise: number; at: string } }
  | { type: 'shift.cashMoved'; data: { shiftId: string; terminalId: string } & ShiftCashMovement }
  | {
      type: 'shift.closed'
      data: { shiftId: string; terminalId: string; closedBy: string; countedCashPaise: number; overridden: boolean; at: string }
    }

/** The value of a drawer count in paise, or `undefined` when the count is malformed. */
export function countCash(count: CashCount): number | undefined {
  if (typeof count !== 'object' || count === null || Array.isArray(count)) return undefined
  let total = 0
  for (const [key, value] of Object.entries(count)) {
    const denomination = Number(key)
    if (!(DENOMINATIONS_PAISE as readonly number[]).includes(denomination) || String(denomination) !== key) return undefined
    if (!Number.isSafeInteger(value) || value < 0) return undefined
    total += denomination * value
  }
  return Number.isSafeInteger(total) ? total : undefined
}

/** The context of a fresh shift: only its id. */
export function initialShiftContext(input: ShiftInput): ShiftContext {
  return {
    shiftId: input.shiftId,
    storeId: '',
    terminalId: '',
    openedBy: '',
    openedAt: '',
    openingCount: {},
    openingFloatPaise: 0,
    movements: [],
    closing: null,
  }
}

/**
 * Applies one command to the shift's context, or says why it cannot. Pure; never throws for bad
 * input. Which commands a state accepts is the machine's business.
 */
export function applyShiftEvent(context: ShiftContext, event: ShiftEvent): ShiftDecision {
  if (typeof event !== 'object' || event === null) return refuse('E_SHIFT_COMMAND_INVALID')
  if (event.type !== 'shift.open' && event.origin !== undefined) {
    const origin = event.origin
    if (origin.storeId !== context.storeId || (origin.terminalId !== undefined && origin.terminalId !== context.terminalId)) {
      return refuse('E_SHIFT_OTHER_ORIGIN')
    }
  }
  switch (event.type) {
    case 'shift.open': {
      if (context.storeId !== '') return refuse('E_SHIFT_WRONG_STATE')
      if (![event.at, event.storeId, event.terminalId, event.openedBy].every(isText)) return refuse('E_SHIFT_OPEN_INVALID')
      const float = countCash(event.cashCount)
      if (float === undefined) return refuse('E_SHIFT_COUNT_INVALID')
      return accept({
        ...context,
        storeId: event.storeId,
        terminalId: event.terminalId,
        openedBy: event.openedBy,
        openedAt: event.at,
        openingCount: normalisedCount(event.cashCount),
        openingFloatPaise: float,
      })
    }
    case 'shift.moveCash': {
      if (![event.at, event.movementId, event.by].every(isText) || (event.direction !== 'in' && event.direction !== 'out')) {
        return refuse('E_SHIFT_COMMAND_INVALID')
      }
      if (!Number.isSafeInteger(event.amountPaise) || event.amountPaise <= 0) return refuse('E_SHIFT_AMOUNT_INVALID')
      if (!isText(event.reason)) return refuse('E_SHIFT_REASON_REQUIRED')
      if (context.movements.some((each) => each.movementId === event.movementId)) return refuse('E_SHIFT_MOVEMENT_ID_TAKEN')
      const movement: ShiftCashMovement = {
        movementId: event.movementId,
        direction: event.direction,
        amountPaise: event.amountPaise,
        reason: event.reason.trim(),
        by: event.by,
        at: event.at,
      }
      return accept({ ...context, movements: [...context.movements, movement] })
    }
    case 'shift.close': {
      if (!isText(event.at) || !isText(event.by)) return refuse('E_SHIFT_COMMAND_INVALID')
      if (!Number.isSafeInteger(event.unsyncedCommands) || event.unsyncedCommands < 0) return refuse('E_SHIFT_COMMAND_INVALID')
      const counted = countCash(event.cashCount)
      if (counted === undefined) return refuse('E_SHIFT_COUNT_INVALID')
      const tenderCounts = event.tenderCounts ?? {}
      for (const value of [tenderCounts.card, tenderCounts.upi]) {
        if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) return refuse('E_SHIFT_COUNT_INVALID')
      }
      const override = event.override
      const overridden = override !== undefined && isText(override.by) && isText(override.reason)
      if (event.unsyncedCommands > 0 && !overridden) return refuse('E_SHIFT_UNSYNCED')
      return accept({
        ...context,
        closing: {
          closedBy: event.by,
          closedAt: event.at,
          cashCount: normalisedCount(event.cashCount),
          countedCashPaise: counted,
          tenderCounts: {
            ...(tenderCounts.card === undefined ? {} : { card: tenderCounts.card }),
            ...(tenderCounts.upi === undefined ? {} : { upi: tenderCounts.upi }),
          },
          unsyncedCommands: event.unsyncedCommands,
          override: overridden ? { by: override.by, reason: override.reason.trim() } : null,
        },
      })
    }
    default:
      return refuse('E_SHIFT_COMMAND_INVALID')
  }
}

/** The count with its denominations in the fixed order and zero counts left out. */
function normalisedCount(count: CashCount): CashCount {
  const out: CashCount = {}
  for (const denomination of DENOMINATIONS_PAISE) {
    const value = count[String(denomination)]
    if (value !== undefined && value > 0) out[String(denomination)] = value
  }
  return out
}

/**
 * A register session of one terminal: opened with a counted float, cash put in or taken out with
 * a reason, closed with the drawer counted by denomination. Sales, refunds and the Z report are
 * the host's (it derives them from its records of the shift); the machine keeps what only the
 * drawer knows.
 *
 * - One shift actor per session (its id is the client-generated shift id). The host keeps at
 *   most one open shift per terminal.
 * - The close is refused while the terminal has unsynced commands (`unsyncedCommands > 0`)
 *   unless a manager overrides with a non-blank reason; the host decides the count it passes
 *   (the terminal's own report, or the store's last known outbox depth for a back-office close).
 * - A command the host marks with its origin must come from the shift's store and terminal.
 *
 * Effects are named placeholders the host provides: `emitFact` (params: {@link ShiftFact}),
 * `recordShiftOpen`, `recordCashMovement` and `closeShift` (the host's writes and its Z report).
 * No clock, no randomness: time arrives in events.
 */
export const shiftMachine = setup({
  types: {
    context: {} as ShiftContext,
    events: {} as ShiftEvent,
    input: {} as ShiftInput,
  },
  actions: {
    /** Host effect: journal the fact with the step and push it after commit. */
    emitFact: (_, _fact: ShiftFact) => {},
    /** Host effect: store the shift (refusing a second open shift on the terminal). */
    recordShiftOpen: () => {},
    /** Host effect: store the cash movement. */
    recordCashMovement: () => {},
    /** Host effect: store the close, compute expected against counted, and the Z report. */
    closeShift: () => {},
    apply: assign(({ context, event }) => {
      const decision = applyShiftEvent(context, event)
      if (!decision.ok) throw new Error(`shift machine invariant: ${event.type} passed its guard but is refused (${decision.code})`)
      return decision.context
    }),
  },
  guards: {
    /** The shift rules accept the command on this context. */
    allowed: ({ context, event }) => applyShiftEvent(context, event).ok,
  },
}).createMachine({
  id: 'shift',
  description: "One register session of a terminal: the float, cash in and out, and the drawer's count at the close.",
  context: ({ input }) => initialShiftContext(input ?? { shiftId: '' }),
  initial: 'new',
  states: {
    new: {
      description: 'Known by its id only; waits for the float to be counted.',
      on: {
        'shift.open': {
          guard: 'allowed',
          target: 'open',
          actions: [
            'apply',
            'recordShiftOpen',
            {
              type: 'emitFact',
              params: ({ context }) => ({
                type: 'shift.opened',
                data: {
                  shiftId: context.shiftId,
                  terminalId: context.terminalId,
                  openedBy: context.openedBy,
                  openingFloatPaise: context.openingFloatPaise,
                  at: context.openedAt,
                },
              }),
            },
          ],
          description: 'The cashier counts the float into the drawer and the terminal starts selling in this shift.',
        },
      },
    },
    open: {
      description: 'Selling: sales and refunds of the terminal belong to this shift.',
      on: {
        'shift.moveCash': {
          guard: 'allowed',
          actions: [
            'apply',
            'recordCashMovement',
            {
              type: 'emitFact',
              params: ({ context }) => {
                const movement = context.movements.at(-1)
                if (movement === undefined) throw new Error('shift machine invariant: a cash movement was recorded')
                return { type: 'shift.cashMoved', data: { shiftId: context.shiftId, terminalId: context.terminalId, ...movement } }
              },
            },
          ],
          description: 'Cash put in (change from the bank) or taken out (a payout, a safe drop), with a reason.',
        },
        'shift.close': {
          guard: 'allowed',
          target: 'closed',
          actions: [
            'apply',
            'closeShift',
            {
              type: 'emitFact',
              params: ({ context }) => {
                const closing = context.closing
                if (closing === null) throw new Error('shift machine invariant: a closed shift has its count')
                return {
                  type: 'shift.closed',
                  data: {
                    shiftId: context.shiftId,
                    terminalId: context.terminalId,
                    closedBy: closing.closedBy,
                    countedCashPaise: closing.countedCashPaise,
                    overridden: closing.override !== null,
                    at: closing.closedAt,
                  },
                }
              },
            },
          ],
          description:
            'The drawer is counted by denomination and the shift ends; refused while the terminal has unsynced commands ' +
            "unless a manager overrides with a reason.",
        },
      },
    },
    closed: {
      type: 'final',
      description: 'Counted and closed; its Z report is fixed.',
    },
  },
})

/** A shift snapshot. */
export type ShiftSnapshot = SnapshotFrom<typeof shiftMachine>

/**
 * Why the shift would refuse `event` in `snapshot`: `null` when it would be taken,
 * `E_SHIFT_WRONG_STATE` when the state does not take the command, otherwise the rule it breaks.
 */
export function shiftRefusalReason(snapshot: ShiftSnapshot, event: ShiftEvent): ShiftErrorCode | null {
  if (snapshot.can(event)) return null
  const stateAccepts = snapshot.status === 'active' && snapshot._nodes.some((node) => node.ownEvents.includes(event.type))
  const decision = applyShiftEvent(snapshot.context, event)
  return !stateAccepts || decision.ok ? 'E_SHIFT_WRONG_STATE' : decision.code
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}

function accept(context: ShiftContext): ShiftDecision {
  return { ok: true, context }
}

function refuse(code: ShiftErrorCode): ShiftDecision {
  return { ok: false, code }
}
