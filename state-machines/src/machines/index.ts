/**
 * Actor machines: pure XState v5 machines the server hosts as virtual actors and the
 * terminal runs offline. Effects are named placeholder actions (`emitFact`) that the host
 * provides; time arrives in events (`at`); nothing here uses delayed transitions, because
 * XState does not re-arm them from a persisted snapshot (timers are host rows).
 */
import { STORE_MACHINE_VERSION, storeMachine } from './store.machine.ts'
import { TERMINAL_MACHINE_VERSION, terminalMachine } from './terminal.machine.ts'

export {
  DEFAULT_PRESENCE_GRACE_MS,
  STORE_MACHINE_VERSION,
  storeMachine,
  type StoreCancelSchedule,
  type StoreContext,
  type StoreEvent,
  type StoreFact,
  type StoreInput,
  type StorePresence,
  type StoreSchedule,
  type StoreTerminalEntry,
} from './store.machine.ts'
export {
  TERMINAL_MACHINE_VERSION,
  terminalMachine,
  type TerminalContext,
  type TerminalEvent,
  type TerminalFact,
  type TerminalInput,
} from './terminal.machine.ts'

/** Every actor machine, keyed by actor kind (the server and the audit viewer look machines up by kind). */
export const MACHINES = {
  store: storeMachine,
  terminal: terminalMachine,
} as const

/** An actor kind that has a machine. */
export type MachineKind = keyof typeof MACHINES

/**
 * The persisted-shape version of each kind's machine, stored with its snapshots. A snapshot
 * stored under another version must be migrated first, never resolved as is.
 */
export const MACHINE_VERSION: { readonly [K in MachineKind]: number } = {
  store: STORE_MACHINE_VERSION,
  terminal: TERMINAL_MACHINE_VERSION,
}
