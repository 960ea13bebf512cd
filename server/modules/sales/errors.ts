import { defineErrors } from '#core/errors'

/** The sales module's refusals (the sale and shift machines' own codes are in @pos/state-machines). */
export const salesErrors = defineErrors({
  cashierInvalid: {
    code: 'E_SALE_CASHIER_INVALID',
    status: 403,
    message: 'The cashier is not an active member of this store',
  },
  cashierNotSignedIn: {
    code: 'E_SALE_CASHIER_NOT_SIGNED_IN',
    status: 409,
    message: 'This cashier is not the one signed in on the terminal',
  },
  limitsMismatch: {
    code: 'E_SALE_LIMITS_MISMATCH',
    status: 409,
    message: "The limits differ from the cashier role's; refresh the sales setup",
  },
  setupMismatch: {
    code: 'E_SALE_SETUP_MISMATCH',
    status: 409,
    message: "The store's state, composition or price mode differs from what the terminal stated; refresh the sales setup",
  },
  approverNotAllowed: {
    code: 'E_SALE_APPROVER_NOT_ALLOWED',
    status: 403,
    message: 'Approvals come from a manager of the store',
  },
  noOpenShift: { code: 'E_SALE_NO_OPEN_SHIFT', status: 409, message: 'Open a shift on this terminal first' },
  seriesExhausted: {
    code: 'E_SALE_SERIES_EXHAUSTED',
    status: 409,
    message: "The terminal's document series is full for this financial year; give the terminal a shorter invoice prefix",
  },
  storeCreditInsufficient: {
    code: 'E_SALE_STORE_CREDIT_INSUFFICIENT',
    status: 409,
    message: "The customer's store credit does not cover this tender",
  },
  cashLimitDay: {
    code: 'E_SALE_CASH_LIMIT_DAY',
    status: 409,
    message: 'This buyer would pay ₹2,00,000 or more in cash today (Income-tax Act s.269ST)',
  },
  soldAtInvalid: {
    code: 'E_SALE_SOLD_AT_INVALID',
    status: 422,
    message: 'The offline sale time is in the future',
  },
  terminalNotFound: { code: 'E_SALE_TERMINAL_NOT_FOUND', status: 404, message: 'No such terminal in this store' },
  sessionRefused: {
    code: 'E_SALE_CASHIER_NOT_SIGNED_IN',
    status: 409,
    message: 'The terminal did not take the sign-in: another cashier is signed in, or it is not paired',
  },
  shiftAlreadyOpen: { code: 'E_SHIFT_ALREADY_OPEN', status: 409, message: 'This terminal already has an open shift' },
  shiftCashierInvalid: { code: 'E_SHIFT_CASHIER_INVALID', status: 403, message: 'The cashier is not an active member of this store' },
  shiftUnsynced: {
    code: 'E_SHIFT_UNSYNCED',
    status: 409,
    message: "The terminal still has unsynced commands; a manager's override with a reason is needed",
  },
  overrideNeedsManager: {
    code: 'E_SHIFT_OVERRIDE_NEEDS_MANAGER',
    status: 403,
    message: 'Only a manager closes a shift from the back office or overrides the sync check',
  },
})
