/**
 * Actor machines: pure XState v5 machines the server hosts as virtual actors and the
 * terminal runs offline. Effects are named placeholder actions (`emitFact`, `schedule`, `cancelSchedule`, and
 * domain writes such as the store's `applyStock`) that the host
 * provides; time arrives in events (`at`); nothing here uses delayed transitions, because
 * XState does not re-arm them from a persisted snapshot (timers are host rows).
 */
import { STORE_MACHINE_VERSION, storeMachine } from './store.machine.ts'
import { TERMINAL_MACHINE_VERSION, terminalMachine } from './terminal.machine.ts'
import { SALE_MACHINE_VERSION, saleMachine } from './sale.machine.ts'
import { SHIFT_MACHINE_VERSION, shiftMachine } from './shift.machine.ts'

export {
  DEFAULT_PRESENCE_GRACE_MS,
  STORE_MACHINE_VERSION,
  STORE_STOCK_LINES_MAX,
  storeMachine,
  stockCommandProblem,
  type StoreApplyStock,
  type StoreDispatchTransfer,
  type StoreReceiveTransfer,
  type StoreStockKind,
  type StoreStockLine,
  type StoreStockReference,
  type StoreTransferLine,
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

export {
  SALE_MACHINE_VERSION,
  saleMachine,
  saleActorInput,
  saleRefusalReason,
  type RecordInvoiceParams,
  type RecordReturnParams,
  type SaleCompletedData,
  type SaleCompletedLine,
  type SaleFact,
  type SaleLineChange,
  type SaleSnapshot,
} from './sale.machine.ts'
export {
  CASH_RECEIPT_LIMIT_PAISE,
  SALE_ERRORS,
  applySaleEvent,
  documentNumber,
  indianDate,
  initialSaleContext,
  isStarted,
  mergeTarget,
  tenderSummary,
  type DocumentSeries,
  type RefundMethod,
  type SaleCommand,
  type SaleOrigin,
  type SaleRefund,
  type SaleReturn,
  type ApprovalScope,
  type ApprovalUse,
  type DiscountApproval,
  type Fraction,
  type LineDiscountChange,
  type SaleApproval,
  type SaleContext,
  type SaleCustomer,
  type SaleDecision,
  type SaleErrorCode,
  type SaleEvent,
  type SaleInput,
  type SaleLimits,
  type SaleLine,
  type SaleLineInput,
  type SaleRefusalCode,
  type SaleTender,
  type TenderMethod,
  type TenderSummary,
} from './sale.rules.ts'

export {
  DENOMINATIONS_PAISE,
  SHIFT_ERRORS,
  SHIFT_MACHINE_VERSION,
  applyShiftEvent,
  countCash,
  initialShiftContext,
  shiftMachine,
  shiftRefusalReason,
  type CashCount,
  type ShiftCashMovement,
  type ShiftClosing,
  type ShiftContext,
  type ShiftDecision,
  type ShiftErrorCode,
  type ShiftEvent,
  type ShiftFact,
  type ShiftInput,
  type ShiftOrigin,
  type ShiftOverride,
  type ShiftSnapshot,
} from './shift.machine.ts'

/** Every actor machine, keyed by actor kind (the server and the audit viewer look machines up by kind). */
export const MACHINES = {
  store: storeMachine,
  terminal: terminalMachine,
  sale: saleMachine,
  shift: shiftMachine,
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
  sale: SALE_MACHINE_VERSION,
  shift: SHIFT_MACHINE_VERSION,
}
