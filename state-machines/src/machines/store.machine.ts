import { assign, setup } from 'xstate'
import { parseDecimal } from '../tax/decimal.ts'

/**
 * Version of the store machine's persisted shape (state names, context, event
 * meaning). Stored with every snapshot; bump it on any incompatible change.
 */
export const STORE_MACHINE_VERSION = 2

/**
 * Whether a terminal is connected: `online` (a socket is connected), `reconnecting` (its
 * socket dropped less than the grace period ago) or `offline` (gone, or never connected).
 */
export type StorePresence = 'online' | 'reconnecting' | 'offline'

/** The grace period a dropped terminal stays `reconnecting` when the input does not say. */
export const DEFAULT_PRESENCE_GRACE_MS = 30_000

/**
 * One terminal as the store sees it: a row of the store's live terminal roster, and the
 * data of its `terminal.presenceChanged` fact (the wire's `terminalPresenceSchema`).
 */
export interface StoreTerminalEntry {
  terminalId: string
  name: string
  presence: StorePresence
  /** The cashier signed in on the terminal, as the terminal last reported. */
  cashierId: string | null
  /** Commands waiting in the terminal's offline outbox, as last reported. */
  outboxDepth: number
  /**
   * `at` of the last report about this terminal (register aside): connected, disconnected,
   * outbox, cashier. The grace timer does not move it, so an offline row still says when
   * the terminal was last heard of.
   */
  lastSeenAt: string | null
}

/** The store actor's context. `status` mirrors the state value for readers of the context alone. */
export interface StoreContext {
  storeId: string
  status: 'closed' | 'open'
  terminals: Record<string, StoreTerminalEntry>
  /** Start of the current business day; null while closed. */
  openedAt: string | null
  /** How long a dropped terminal stays `reconnecting` before it is `offline`, in milliseconds. */
  presenceGraceMs: number
  /**
   * Stock commands this store has applied (receipts, adjustments, write-offs, transfers).
   * On-hand itself is not here: a store has up to 100k items, and their stock_levels rows
   * in Postgres are the live truth; the actor serialises and journals the commands.
   */
  stockCommands: number
  /** `at` of the last stock command; null before the first. */
  lastStockAt: string | null
}

/** What the host passes to start a fresh store actor. */
export interface StoreInput {
  storeId: string
  /** The grace period of a dropped terminal; {@link DEFAULT_PRESENCE_GRACE_MS} when absent. */
  presenceGraceMs?: number
}

/**
 * Events the store actor accepts. `at` is an ISO-8601 timestamp the host puts in;
 * `by` is the user who asked (null for system events).
 */
export type StoreEvent =
  | { type: 'store.open'; at: string; by: string | null }
  | { type: 'store.close'; at: string; by: string | null; force?: boolean; reason?: string }
  | { type: 'terminal.register'; terminalId: string; name: string }
  | { type: 'terminal.connected'; terminalId: string; at: string }
  | { type: 'terminal.disconnected'; terminalId: string; at: string }
  | { type: 'terminal.outboxReported'; terminalId: string; depth: number; at: string }
  | { type: 'terminal.cashierChanged'; terminalId: string; cashierId: string | null; at: string }
  /** The grace timer of a dropped terminal fired (the host sends it; see {@link StoreSchedule}). */
  | { type: 'terminal.graceExpired'; terminalId: string; at: string }
  /** A manager records received, counted or written-off stock. */
  | {
      type: 'stock.record'
      at: string
      by: string | null
      kind: StoreStockKind
      lines: StoreStockLine[]
      reason?: string | null
      reference?: StoreStockReference | null
    }
  /** A manager sends stock from this store to another store of the tenant. */
  | { type: 'transfer.dispatch'; at: string; by: string | null; transferId: string; toStoreId: string; lines: StoreTransferLine[]; note?: string | null }
  /** A manager of this (the receiving) store records what arrived of a transfer. */
  | { type: 'transfer.receive'; at: string; by: string | null; transferId: string; lines: StoreTransferLine[] }

/** Facts the store machine asks the host to publish, as params of the `emitFact` action. */
export type StoreFact =
  | { type: 'terminal.presenceChanged'; data: StoreTerminalEntry }
  | { type: 'store.opened'; data: { at: string; by: string | null } }
  | { type: 'store.closed'; data: { at: string; by: string | null; forced: boolean; reason: string | null } }

/**
 * Params of the `schedule` action: the host persists `event` and sends it to this store
 * actor after `delayMs` (adding `at`), across restarts. Scheduling a `key` again replaces it.
 */
export interface StoreSchedule {
  key: string
  delayMs: number
  event: { type: 'terminal.graceExpired'; terminalId: string }
}

/** Params of the `cancelSchedule` action: the host deletes the pending timer `key`, if any. */
export interface StoreCancelSchedule {
  key: string
}

/** Stock kinds a store records by itself (sales, returns and transfers have their own flows). */
export type StoreStockKind = 'receipt' | 'adjustment' | 'wastage'

/** One line of a stock command: quantities are decimal strings with at most 3 decimals. */
export interface StoreStockLine {
  itemId: string
  /** Above zero, except for an adjustment, where the sign gives the direction. */
  quantity: string
  /** Receipts: cost per unit in paise (required). Positive adjustments: optional. */
  unitCostPaise?: number | null
  batchId?: string | null
}

/** One line of a transfer: an item (at most once per transfer) and a quantity above zero. */
export interface StoreTransferLine {
  itemId: string
  quantity: string
}

/** What caused a stock command, e.g. a supplier bill: `{ type: 'supplier_bill', id: 'B-204' }`. */
export interface StoreStockReference {
  type: string
  id: string
}

/** At most this many lines per stock command. */
export const STORE_STOCK_LINES_MAX = 500

/** Params of the `applyStock` action: the host appends the movements (and their FIFO costs) in the step. */
export interface StoreApplyStock {
  kind: StoreStockKind
  lines: StoreStockLine[]
  reason: string | null
  reference: StoreStockReference | null
  by: string | null
}

/** Params of the `dispatchTransfer` action: the host records the transfer and moves the stock out. */
export interface StoreDispatchTransfer {
  transferId: string
  toStoreId: string
  lines: StoreTransferLine[]
  note: string | null
  by: string | null
}

/** Params of the `receiveTransfer` action: the host moves what arrived in, at the cost it left the other store. */
export interface StoreReceiveTransfer {
  transferId: string
  lines: StoreTransferLine[]
  by: string | null
}

type TerminalEvent = Extract<StoreEvent, { terminalId: string }>

/** The timer key of a terminal's presence grace period (one per terminal). */
const presenceGraceKey = (terminalId: string) => `presence-grace:${terminalId}`

/** The roster row an event would produce; undefined for an unknown terminal (only `terminal.register` adds one). */
function nextEntry(context: StoreContext, event: StoreEvent): StoreTerminalEntry | undefined {
  if (!('terminalId' in event)) return undefined
  const current = context.terminals[event.terminalId]
  switch (event.type) {
    case 'terminal.register':
      return current
        ? { ...current, name: event.name }
        : { terminalId: event.terminalId, name: event.name, presence: 'offline', cashierId: null, outboxDepth: 0, lastSeenAt: null }
    case 'terminal.connected':
      return current && { ...current, presence: 'online', lastSeenAt: event.at }
    case 'terminal.disconnected':
      return current && { ...current, presence: current.presence === 'online' ? 'reconnecting' : current.presence, lastSeenAt: event.at }
    case 'terminal.graceExpired':
      return current && (current.presence === 'reconnecting' ? { ...current, presence: 'offline' } : current)
    case 'terminal.outboxReported':
      return current && { ...current, outboxDepth: event.depth, lastSeenAt: event.at }
    case 'terminal.cashierChanged':
      return current && { ...current, cashierId: event.cashierId, lastSeenAt: event.at }
  }
}

/** Everything but `lastSeenAt`: a change here is worth a fact; `lastSeenAt` alone is not. */
function rowChanged(before: StoreTerminalEntry | undefined, after: StoreTerminalEntry): boolean {
  return (
    before === undefined ||
    before.name !== after.name ||
    before.presence !== after.presence ||
    before.cashierId !== after.cashierId ||
    before.outboxDepth !== after.outboxDepth
  )
}

function presenceFact(context: StoreContext, event: TerminalEvent): StoreFact {
  const entry = context.terminals[event.terminalId]
  if (!entry) throw new Error(`store machine invariant: terminal ${event.terminalId} was stored by the previous action`)
  return { type: 'terminal.presenceChanged', data: entry }
}

/** A decimal string of at most 3 decimals, as thousandths; undefined when it is not one. */
function thousandths(quantity: unknown): bigint | undefined {
  return typeof quantity === 'string' && quantity.length <= 16 ? parseDecimal(quantity, 3) : undefined
}

const isCost = (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
const blank = (text: string | null | undefined) => (text ?? '').trim() === ''

function linesWithin<T>(lines: T[] | undefined): lines is T[] {
  return Array.isArray(lines) && lines.length > 0 && lines.length <= STORE_STOCK_LINES_MAX
}

/**
 * Why a stock command cannot be taken, from what the machine can check without the
 * database; null when it can. The host still checks what needs rows: items of the
 * tenant, enough stock, the transfer and what is left of it.
 */
export function stockCommandProblem(context: StoreContext, event: StoreEvent): string | null {
  switch (event.type) {
    case 'stock.record': {
      if (!linesWithin(event.lines)) return `between 1 and ${STORE_STOCK_LINES_MAX} lines`
      if (event.kind !== 'receipt' && event.kind !== 'adjustment' && event.kind !== 'wastage') return 'an unknown stock kind'
      if (event.kind !== 'receipt' && blank(event.reason)) return `a ${event.kind} needs a reason`
      for (const line of event.lines) {
        const quantity = thousandths(line.quantity)
        if (quantity === undefined || quantity === 0n) return 'each quantity is a non-zero decimal of at most 3 places'
        if (event.kind !== 'adjustment' && quantity < 0n) return `${event.kind} quantities are above zero`
        if (event.kind === 'receipt' && !isCost(line.unitCostPaise)) return 'each received line has a cost per unit in paise'
        if (line.unitCostPaise != null && !isCost(line.unitCostPaise)) return 'a cost per unit is whole paise, not negative'
      }
      return null
    }
    case 'transfer.dispatch':
    case 'transfer.receive': {
      if (!linesWithin(event.lines)) return `between 1 and ${STORE_STOCK_LINES_MAX} lines`
      if (blank(event.transferId)) return 'a transfer id'
      if (new Set(event.lines.map((line) => line.itemId)).size !== event.lines.length) return 'each item at most once per transfer'
      for (const line of event.lines) {
        const quantity = thousandths(line.quantity)
        if (quantity === undefined || quantity <= 0n) return 'each quantity is a decimal above zero of at most 3 places'
      }
      if (event.type === 'transfer.dispatch' && (blank(event.toStoreId) || event.toStoreId === context.storeId)) {
        return 'a transfer goes to another store'
      }
      return null
    }
    default:
      return 'not a stock command'
  }
}

/** The `store.closed` fact of a close; `forced` says whether unsynced outboxes were overridden. */
function closedFact(event: StoreEvent, forced: boolean): StoreFact {
  if (event.type !== 'store.close') throw new Error(`store machine invariant: closing on ${event.type}`)
  return { type: 'store.closed', data: { at: event.at, by: event.by, forced, reason: event.reason ?? null } }
}

/**
 * The store actor (one per store): the business day (`closed` ⇄ `open`), the
 * live roster of its terminals (presence, cashier, outbox depth), and the serial
 * order of its stock commands.
 *
 * - Events about a terminal the store has not registered are refused (no transition).
 * - A roster change emits `terminal.presenceChanged` with the terminal's new row. An event
 *   that only moves `lastSeenAt` (a repeated report) updates the row without a fact; an
 *   event that changes nothing at all is not taken, so the snapshot stays the same object.
 * - Presence: `offline` → `online` on connect. A disconnect of an `online` terminal makes it
 *   `reconnecting` and schedules `terminal.graceExpired` after `presenceGraceMs` (timer key
 *   `presence-grace:<terminalId>`); reconnecting in time makes it `online` again and cancels
 *   the timer, otherwise the timer makes it `offline` (`lastSeenAt` stays the disconnect's).
 *   A grace timer is pending exactly while the terminal is `reconnecting`, so coming online
 *   from `offline` cancels nothing, and a repeated disconnect does not re-arm the timer (the
 *   grace period runs from the first drop). A `terminal.graceExpired` for a terminal that is
 *   not `reconnecting` is refused.
 * - Closing is refused while any registered terminal (online or not) reports a non-empty
 *   outbox, unless `force: true` comes with a non-blank `reason`.
 *
 * - Stock commands (`stock.record`, `transfer.dispatch`, `transfer.receive`) are taken in both
 *   states when well formed ({@link stockCommandProblem}); each counts in `stockCommands` and
 *   asks the host for its stock effect. On-hand per item is not in the context (see
 *   {@link StoreContext.stockCommands}).
 *
 * Effects are named placeholders the host provides: `emitFact` (params: {@link StoreFact}),
 * `schedule` (params: {@link StoreSchedule}), `cancelSchedule` (params: {@link StoreCancelSchedule}),
 * and the stock writes `applyStock` ({@link StoreApplyStock}), `dispatchTransfer`
 * ({@link StoreDispatchTransfer}) and `receiveTransfer` ({@link StoreReceiveTransfer}).
 * No delayed transitions (`after`): XState does not re-arm them from a persisted snapshot.
 */
export const storeMachine = setup({
  types: {
    context: {} as StoreContext,
    events: {} as StoreEvent,
    input: {} as StoreInput,
  },
  actions: {
    /** Host effect: append the fact to the store's event sequence and push it after commit. */
    emitFact: (_, _fact: StoreFact) => {},
    /**
     * Host effect: persist a timer (in the same transaction as the step) that sends
     * `event` to this actor after `delayMs`, surviving restarts; a `key` scheduled again
     * is replaced.
     */
    schedule: (_, _timer: StoreSchedule) => {},
    /** Host effect: delete the persisted timer `key` (in the same transaction), so it never fires. */
    cancelSchedule: (_, _timer: StoreCancelSchedule) => {},
    storeTerminalEntry: assign({
      terminals: ({ context, event }) => {
        const entry = nextEntry(context, event)
        return entry ? { ...context.terminals, [entry.terminalId]: entry } : context.terminals
      },
    }),
    openDay: assign({
      status: 'open' as const,
      openedAt: ({ event }) => (event.type === 'store.open' ? event.at : null),
    }),
    closeDay: assign({ status: 'closed' as const, openedAt: null }),
    /**
     * Host effect (the inventory module): in the step's transaction, append the movements,
     * keep on-hand equal to the ledger and open or consume FIFO cost layers; refuses the
     * command (rolling the step back) for unknown items or, by policy, insufficient stock.
     */
    applyStock: (_, _stock: StoreApplyStock) => {},
    /** Host effect: record the transfer and move its stock out of this store at FIFO cost. */
    dispatchTransfer: (_, _transfer: StoreDispatchTransfer) => {},
    /** Host effect: move what arrived into this store, refusing more than is still in transit. */
    receiveTransfer: (_, _transfer: StoreReceiveTransfer) => {},
    countStockCommand: assign({
      stockCommands: ({ context }) => context.stockCommands + 1,
      lastStockAt: ({ event }) => ('at' in event ? event.at : null),
    }),
  },
  guards: {
    /** The event's terminal is registered and has the given presence. */
    terminalIs: ({ context, event }, params: { presence: StorePresence }) =>
      'terminalId' in event && context.terminals[event.terminalId]?.presence === params.presence,
    /** The event changes a known terminal's row (or registers a new one). */
    changesTerminal: ({ context, event }) => {
      const entry = nextEntry(context, event)
      return entry !== undefined && rowChanged(context.terminals[entry.terminalId], entry)
    },
    /** The event only moves a known terminal's `lastSeenAt`. */
    movesLastSeen: ({ context, event }) => {
      const entry = nextEntry(context, event)
      return entry !== undefined && context.terminals[entry.terminalId]?.lastSeenAt !== entry.lastSeenAt
    },
    outboxesDrained: ({ context }) => Object.values(context.terminals).every((terminal) => terminal.outboxDepth === 0),
    forcedWithReason: ({ event }) => event.type === 'store.close' && event.force === true && (event.reason ?? '').trim() !== '',
    /** The stock command is well formed (see {@link stockCommandProblem}). */
    wellFormedStock: ({ context, event }) => stockCommandProblem(context, event) === null,
  },
}).createMachine({
  id: 'store',
  description: 'One store: its business day, the live roster of its terminals and the serial order of its stock commands.',
  // XState's pure transition() also builds a throwaway actor without input: the factory must
  // not throw then (it would cost a thrown and swallowed exception on every transition).
  context: ({ input }) => ({
    storeId: input?.storeId ?? '',
    status: 'closed',
    terminals: {},
    openedAt: null,
    presenceGraceMs: input?.presenceGraceMs ?? DEFAULT_PRESENCE_GRACE_MS,
    stockCommands: 0,
    lastStockAt: null,
  }),
  initial: 'closed',
  on: {
    'terminal.register': {
      guard: 'changesTerminal',
      actions: ['storeTerminalEntry', { type: 'emitFact', params: ({ context, event }) => presenceFact(context, event) }],
      description: 'Adds a terminal to the roster (offline, no cashier, empty outbox) or renames it; re-registering unchanged is not taken.',
    },
    'terminal.connected': [
      {
        guard: { type: 'terminalIs', params: { presence: 'reconnecting' } },
        actions: [
          'storeTerminalEntry',
          { type: 'emitFact', params: ({ context, event }) => presenceFact(context, event) },
          { type: 'cancelSchedule', params: ({ event }) => ({ key: presenceGraceKey(event.terminalId) }) },
        ],
        description: 'A dropped terminal came back within its grace period: online again, published, and its grace timer cancelled.',
      },
      {
        guard: { type: 'terminalIs', params: { presence: 'offline' } },
        actions: ['storeTerminalEntry', { type: 'emitFact', params: ({ context, event }) => presenceFact(context, event) }],
        description: 'An offline terminal came online: the roster row changes and is published (no grace timer is pending to cancel).',
      },
      {
        guard: 'movesLastSeen',
        actions: 'storeTerminalEntry',
        description: 'Connected while already online: only lastSeenAt moves; no fact.',
      },
    ],
    'terminal.disconnected': [
      {
        guard: { type: 'terminalIs', params: { presence: 'online' } },
        actions: [
          'storeTerminalEntry',
          { type: 'emitFact', params: ({ context, event }) => presenceFact(context, event) },
          {
            type: 'schedule',
            params: ({ context, event }) => ({
              key: presenceGraceKey(event.terminalId),
              delayMs: context.presenceGraceMs,
              event: { type: 'terminal.graceExpired', terminalId: event.terminalId },
            }),
          },
        ],
        description: 'An online terminal dropped: it is reconnecting (published) and its grace timer starts.',
      },
      {
        guard: 'movesLastSeen',
        actions: 'storeTerminalEntry',
        description: 'Disconnected while already reconnecting or offline: only lastSeenAt moves; no fact, no new grace timer.',
      },
    ],
    'terminal.graceExpired': {
      guard: { type: 'terminalIs', params: { presence: 'reconnecting' } },
      actions: ['storeTerminalEntry', { type: 'emitFact', params: ({ context, event }) => presenceFact(context, event) }],
      description: 'The grace period of a dropped terminal ran out: it is offline (published); lastSeenAt stays at the disconnect.',
    },
    'terminal.outboxReported': [
      {
        guard: 'changesTerminal',
        actions: ['storeTerminalEntry', { type: 'emitFact', params: ({ context, event }) => presenceFact(context, event) }],
        description: "A registered terminal's outbox depth changed; closing the day depends on it.",
      },
      {
        guard: 'movesLastSeen',
        actions: 'storeTerminalEntry',
        description: 'The same outbox depth again: only lastSeenAt moves; no fact.',
      },
    ],
    'stock.record': {
      guard: 'wellFormedStock',
      actions: [
        'countStockCommand',
        {
          type: 'applyStock',
          params: ({ event }) => {
            if (event.type !== 'stock.record') throw new Error(`store machine invariant: recording stock on ${event.type}`)
            return { kind: event.kind, lines: event.lines, reason: event.reason ?? null, reference: event.reference ?? null, by: event.by }
          },
        },
      ],
      description:
        'Received, counted or written-off stock, open or closed (deliveries and counts happen outside business hours). ' +
        'Lines must be well formed and adjustments and write-offs need a reason; the host writes the movements and may still refuse.',
    },
    'transfer.dispatch': {
      guard: 'wellFormedStock',
      actions: [
        'countStockCommand',
        {
          type: 'dispatchTransfer',
          params: ({ event }) => {
            if (event.type !== 'transfer.dispatch') throw new Error(`store machine invariant: dispatching on ${event.type}`)
            return { transferId: event.transferId, toStoreId: event.toStoreId, lines: event.lines, note: event.note ?? null, by: event.by }
          },
        },
      ],
      description: 'Stock leaves for another store of the tenant (never this one), each item once; it is in transit until received there.',
    },
    'transfer.receive': {
      guard: 'wellFormedStock',
      actions: [
        'countStockCommand',
        {
          type: 'receiveTransfer',
          params: ({ event }) => {
            if (event.type !== 'transfer.receive') throw new Error(`store machine invariant: receiving on ${event.type}`)
            return { transferId: event.transferId, lines: event.lines, by: event.by }
          },
        },
      ],
      description: 'Part or all of a transfer arrived here; the host refuses more than is still in transit, the rest stays in transit.',
    },
    'terminal.cashierChanged': [
      {
        guard: 'changesTerminal',
        actions: ['storeTerminalEntry', { type: 'emitFact', params: ({ context, event }) => presenceFact(context, event) }],
        description: 'A registered terminal reports another cashier (or none): the roster row changes and is published.',
      },
      {
        guard: 'movesLastSeen',
        actions: 'storeTerminalEntry',
        description: 'The same cashier again: only lastSeenAt moves; no fact.',
      },
    ],
  },
  states: {
    closed: {
      description: 'Outside a business day: no sales. Terminals still register and report.',
      on: {
        'store.open': {
          target: 'open',
          actions: [
            'openDay',
            { type: 'emitFact', params: ({ event }) => ({ type: 'store.opened', data: { at: event.at, by: event.by } }) },
          ],
          description: 'A manager opens the business day.',
        },
      },
    },
    open: {
      description: 'A business day is running.',
      on: {
        'store.close': [
          {
            guard: 'outboxesDrained',
            target: 'closed',
            actions: [
              'closeDay',
              { type: 'emitFact', params: ({ event }) => closedFact(event, false) },
            ],
            description: 'Every terminal has synced its outbox: the day closes normally (force is not needed, so not recorded).',
          },
          {
            guard: 'forcedWithReason',
            target: 'closed',
            actions: [
              'closeDay',
              { type: 'emitFact', params: ({ event }) => closedFact(event, true) },
            ],
            description: 'Terminals still hold unsynced commands, and the manager forces the close with a reason (recorded in the fact).',
          },
        ],
      },
    },
  },
})
