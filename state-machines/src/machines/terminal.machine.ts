import { assign, setup } from 'xstate'

/**
 * Version of the terminal machine's persisted shape (state names, context, event
 * meaning). Stored with every snapshot; bump it on any incompatible change.
 */
export const TERMINAL_MACHINE_VERSION = 1

/** The terminal actor's context. */
export interface TerminalContext {
  terminalId: string
  storeId: string
  /** The paired device; null while unpaired. */
  deviceId: string | null
  /** The signed-in cashier; null while signed out. */
  cashierId: string | null
  /** Commands waiting in the terminal's offline outbox, as last reported. */
  outboxDepth: number
  /** `at` of the last event that came from the terminal (not set by a revocation). */
  lastSeenAt: string | null
}

/** What the host passes to start a fresh terminal actor. */
export interface TerminalInput {
  terminalId: string
  storeId: string
}

/** Events the terminal actor accepts. `at` is an ISO-8601 timestamp the host puts in. */
export type TerminalEvent =
  | { type: 'terminal.paired'; deviceId: string; at: string }
  | { type: 'terminal.revoked'; at: string }
  | { type: 'terminal.connected'; at: string }
  | { type: 'terminal.disconnected'; at: string }
  | { type: 'terminal.outboxReported'; depth: number; at: string }
  | { type: 'cashier.signIn'; cashierId: string; at: string }
  | { type: 'cashier.signOut'; at: string }

/** Facts the terminal machine asks the host to publish, as params of the `emitFact` action. */
export type TerminalFact =
  | { type: 'terminal.connected'; data: { terminalId: string; at: string } }
  | { type: 'terminal.disconnected'; data: { terminalId: string; at: string } }
  | { type: 'cashier.signedIn'; data: { terminalId: string; cashierId: string; at: string } }
  | { type: 'cashier.signedOut'; data: { terminalId: string; cashierId: string; at: string } }
  | { type: 'terminal.outboxChanged'; data: { terminalId: string; depth: number; at: string } }

/** In `signedIn`, the cashier is set by the transition's action before entry and cleared only after exit. */
function signedInCashier(context: TerminalContext): string {
  if (context.cashierId === null) throw new Error(`terminal machine invariant: ${context.terminalId} is signed in without a cashier`)
  return context.cashierId
}

/**
 * The terminal actor (one per terminal): pairing with a device, and while paired two
 * independent regions, the connection (`offline` ⇄ `online`) and the cashier session
 * (`signedOut` ⇄ `signedIn`). A terminal sells offline, so signing in does not need a
 * connection.
 *
 * - Connection and session facts are entry/exit actions of `online` and `signedIn`, so a
 *   revocation that ends both emits `cashier.signedOut` then `terminal.disconnected`.
 * - `cashier.signIn` while signed in is refused, even for the same cashier: a handover is
 *   an explicit sign-out then sign-in, two facts in the audit trail.
 * - A repeated presence report (connected while online, disconnected while offline, the
 *   same outbox depth) only moves `lastSeenAt`, without a fact; with the same `at` too it
 *   is not taken. Pairing twice or revoking an unpaired terminal is refused.
 *
 * Effects are named placeholders: the host provides `emitFact` (params: {@link TerminalFact}).
 */
export const terminalMachine = setup({
  types: {
    context: {} as TerminalContext,
    events: {} as TerminalEvent,
    input: {} as TerminalInput,
  },
  actions: {
    /** Host effect: append the fact to the store's event sequence and push it after commit. */
    emitFact: (_, _fact: TerminalFact) => {},
    touchLastSeen: assign({ lastSeenAt: ({ event }) => event.at }),
    pair: assign({
      deviceId: ({ event }) => (event.type === 'terminal.paired' ? event.deviceId : null),
      lastSeenAt: ({ event }) => event.at,
    }),
    unpair: assign({ deviceId: null, cashierId: null }),
    signIn: assign({
      cashierId: ({ event }) => (event.type === 'cashier.signIn' ? event.cashierId : null),
      lastSeenAt: ({ event }) => event.at,
    }),
    signOut: assign({ cashierId: null, lastSeenAt: ({ event }) => event.at }),
    storeOutboxDepth: assign({
      outboxDepth: ({ context, event }) => (event.type === 'terminal.outboxReported' ? event.depth : context.outboxDepth),
      lastSeenAt: ({ event }) => event.at,
    }),
  },
  guards: {
    movesLastSeen: ({ context, event }) => event.at !== context.lastSeenAt,
    depthChanges: ({ context, event }) => event.type === 'terminal.outboxReported' && event.depth !== context.outboxDepth,
  },
}).createMachine({
  id: 'terminal',
  description: 'One terminal: its paired device, its connection and its cashier session.',
  // XState's pure transition() also builds a throwaway actor without input: the factory must
  // not throw then (it would cost a thrown and swallowed exception on every transition).
  context: ({ input }) => ({
    terminalId: input?.terminalId ?? '',
    storeId: input?.storeId ?? '',
    deviceId: null,
    cashierId: null,
    outboxDepth: 0,
    lastSeenAt: null,
  }),
  initial: 'unpaired',
  states: {
    unpaired: {
      description: 'No device holds a key for this terminal; it cannot connect or sell.',
      on: {
        'terminal.paired': {
          target: 'paired',
          actions: 'pair',
          description: 'A manager paired a device: it starts offline with nobody signed in.',
        },
      },
    },
    paired: {
      description: 'A device holds this terminal\'s key. Connection and cashier session change independently.',
      type: 'parallel',
      on: {
        'terminal.revoked': {
          target: 'unpaired',
          actions: 'unpair',
          description: "A manager revoked the device's key: the session ends and the terminal is disconnected.",
        },
        'terminal.outboxReported': [
          {
            guard: 'depthChanges',
            actions: [
              'storeOutboxDepth',
              {
                type: 'emitFact',
                params: ({ context, event }) => ({
                  type: 'terminal.outboxChanged',
                  data: { terminalId: context.terminalId, depth: event.depth, at: event.at },
                }),
              },
            ],
            description: 'The outbox depth changed (online or offline); the store needs it to close the day.',
          },
          {
            guard: 'movesLastSeen',
            actions: 'touchLastSeen',
            description: 'The same outbox depth again: only lastSeenAt moves; no fact.',
          },
        ],
      },
      states: {
        connection: {
          description: 'Whether a socket of this terminal is connected.',
          initial: 'offline',
          states: {
            offline: {
              description: 'No socket connected; the terminal keeps selling into its outbox.',
              on: {
                'terminal.connected': {
                  target: 'online',
                  actions: 'touchLastSeen',
                  description: 'A socket of the paired device connected.',
                },
                'terminal.disconnected': {
                  guard: 'movesLastSeen',
                  actions: 'touchLastSeen',
                  description: 'Disconnected while already offline: only lastSeenAt moves; no fact.',
                },
              },
            },
            online: {
              description: 'A socket is connected; the outbox can drain.',
              entry: {
                type: 'emitFact',
                params: ({ context, event }) => ({ type: 'terminal.connected', data: { terminalId: context.terminalId, at: event.at } }),
              },
              exit: {
                type: 'emitFact',
                params: ({ context, event }) => ({ type: 'terminal.disconnected', data: { terminalId: context.terminalId, at: event.at } }),
              },
              on: {
                'terminal.disconnected': {
                  target: 'offline',
                  actions: 'touchLastSeen',
                  description: 'The socket closed.',
                },
                'terminal.connected': {
                  guard: 'movesLastSeen',
                  actions: 'touchLastSeen',
                  description: 'Connected while already online: only lastSeenAt moves; no fact.',
                },
              },
            },
          },
        },
        session: {
          description: 'Who is signed in to sell on this terminal.',
          initial: 'signedOut',
          states: {
            signedOut: {
              description: 'Nobody is signed in; no sales.',
              on: {
                'cashier.signIn': {
                  target: 'signedIn',
                  actions: 'signIn',
                  description: 'A cashier signed in (online or offline).',
                },
              },
            },
            signedIn: {
              description: 'A cashier is signed in. Signing in again, as anyone, is refused until they sign out.',
              entry: {
                type: 'emitFact',
                params: ({ context, event }) => ({
                  type: 'cashier.signedIn',
                  data: { terminalId: context.terminalId, cashierId: signedInCashier(context), at: event.at },
                }),
              },
              exit: {
                type: 'emitFact',
                params: ({ context, event }) => ({
                  type: 'cashier.signedOut',
                  data: { terminalId: context.terminalId, cashierId: signedInCashier(context), at: event.at },
                }),
              },
              on: {
                'cashier.signOut': {
                  target: 'signedOut',
                  actions: 'signOut',
                  description: 'The cashier signed out.',
                },
              },
            },
          },
        },
      },
    },
  },
})
