import { assign, setup } from 'xstate'

/**
 * Version of the store machine's persisted shape (state names, context, event
 * meaning). Stored with every snapshot; bump it on any incompatible change.
 */
export const STORE_MACHINE_VERSION = 1

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

/** The `store.closed` fact of a close; `forced` says whether unsynced outboxes were overridden. */
function closedFact(event: StoreEvent, forced: boolean): StoreFact {
  if (event.type !== 'store.close') throw new Error(`store machine invariant: closing on ${event.type}`)
  return { type: 'store.closed', data: { at: event.at, by: event.by, forced, reason: event.reason ?? null } }
}

/**
 * The store actor (one per store): the business day (`closed` ⇄ `open`) and the
 * live roster of its terminals (presence, cashier, outbox depth).
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
 * Effects are named placeholders the host provides: `emitFact` (params: {@link StoreFact}),
 * `schedule` (params: {@link StoreSchedule}) and `cancelSchedule` (params: {@link StoreCancelSchedule}).
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
  },
}).createMachine({
  id: 'store',
  description: 'One store: its business day and the live roster of its terminals.',
  // XState's pure transition() also builds a throwaway actor without input: the factory must
  // not throw then (it would cost a thrown and swallowed exception on every transition).
  context: ({ input }) => ({
    storeId: input?.storeId ?? '',
    status: 'closed',
    terminals: {},
    openedAt: null,
    presenceGraceMs: input?.presenceGraceMs ?? DEFAULT_PRESENCE_GRACE_MS,
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
