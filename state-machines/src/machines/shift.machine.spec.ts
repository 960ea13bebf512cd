import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { initialTransition, transition } from 'xstate'
import { undescribed } from './machine-descriptions.testing.ts'
import { SHIFT_ERRORS, countCash, shiftMachine, shiftRefusalReason, type ShiftEvent, type ShiftSnapshot } from './shift.machine.ts'

const AT = '2026-06-01T03:30:00.000Z'
const LATER = '2026-06-01T13:30:00.000Z'
const OPEN: ShiftEvent = {
  type: 'shift.open',
  at: AT,
  storeId: 'store-1',
  terminalId: 'terminal-1',
  openedBy: 'cashier-1',
  // ₹2,000 float: 3 × ₹500 + 4 × ₹100 + 10 × ₹10.
  cashCount: { '50000': 3, '10000': 4, '1000': 10, '200': 0 },
}
const close = (over: Partial<Extract<ShiftEvent, { type: 'shift.close' }>> = {}): ShiftEvent => ({
  type: 'shift.close',
  at: LATER,
  by: 'cashier-1',
  cashCount: { '50000': 5 },
  unsyncedCommands: 0,
  ...over,
})

function run(snapshot: ShiftSnapshot, ...events: ShiftEvent[]) {
  for (const event of events) {
    const [next] = transition(shiftMachine, snapshot, event)
    assert.notEqual(next, snapshot, `${event.type} should be taken: ${shiftRefusalReason(snapshot, event)}`)
    snapshot = next
  }
  return snapshot
}

function assertRefused(snapshot: ShiftSnapshot, event: ShiftEvent, code: string) {
  const [next, actions] = transition(shiftMachine, snapshot, event)
  assert.equal(next, snapshot)
  assert.deepEqual(actions, [])
  assert.equal(shiftRefusalReason(snapshot, event), code)
}

const fresh = () => initialTransition(shiftMachine, { shiftId: 'shift-1' })[0]
const opened = () => run(fresh(), OPEN)

describe('shift machine', () => {
  it('describes every state and transition, and each error', () => {
    assert.deepEqual(undescribed(shiftMachine), [])
    for (const code of Object.keys(SHIFT_ERRORS)) assert.match(code, /^E_SHIFT_[A-Z_]+$/)
  })

  it('counts a drawer by denomination and refuses unknown notes or bad counts', () => {
    assert.equal(countCash({ '50000': 3, '10000': 4, '1000': 10 }), 200_000)
    assert.equal(countCash({ '50': 3 }), 150)
    assert.equal(countCash({ '30000': 1 }), undefined)
    assert.equal(countCash({ '050000': 1 }), undefined)
    assert.equal(countCash({ '10000': -1 }), undefined)
    assert.equal(countCash({ '10000': 1.5 }), undefined)
  })

  it('opens with the counted float, then publishes shift.opened and asks the host to record it', () => {
    const [next, actions] = transition(shiftMachine, fresh(), OPEN)
    assert.equal(next.value, 'open')
    assert.equal(next.context.openingFloatPaise, 200_000)
    assert.deepEqual(next.context.openingCount, { '50000': 3, '10000': 4, '1000': 10 })
    assert.deepEqual(
      actions.map((a) => a.type),
      ['recordShiftOpen', 'emitFact'],
    )
    assert.deepEqual(actions[1]!.params, {
      type: 'shift.opened',
      data: { shiftId: 'shift-1', terminalId: 'terminal-1', openedBy: 'cashier-1', openingFloatPaise: 200_000, at: AT },
    })
    assertRefused(fresh(), { ...OPEN, cashCount: { '7': 1 } } as ShiftEvent, 'E_SHIFT_COUNT_INVALID')
    assertRefused(fresh(), { ...OPEN, openedBy: '' } as ShiftEvent, 'E_SHIFT_OPEN_INVALID')
    assertRefused(opened(), OPEN, 'E_SHIFT_WRONG_STATE')
  })

  it('cash in and out need a positive amount, a reason and a new id, from the shift own terminal', () => {
    const moved = run(opened(), { type: 'shift.moveCash', at: AT, movementId: 'm1', direction: 'out', amountPaise: 50_000, reason: ' safe drop ', by: 'cashier-1' })
    assert.deepEqual(moved.context.movements, [{ movementId: 'm1', direction: 'out', amountPaise: 50_000, reason: 'safe drop', by: 'cashier-1', at: AT }])
    const move = { type: 'shift.moveCash', at: AT, movementId: 'm2', direction: 'in', amountPaise: 100, reason: 'change', by: 'cashier-1' } as const
    assertRefused(moved, { ...move, movementId: 'm1' }, 'E_SHIFT_MOVEMENT_ID_TAKEN')
    assertRefused(moved, { ...move, amountPaise: 0 }, 'E_SHIFT_AMOUNT_INVALID')
    assertRefused(moved, { ...move, reason: ' ' }, 'E_SHIFT_REASON_REQUIRED')
    assertRefused(moved, { ...move, origin: { storeId: 'store-1', terminalId: 'terminal-2' } }, 'E_SHIFT_OTHER_ORIGIN')
    assertRefused(fresh(), move, 'E_SHIFT_WRONG_STATE')
  })

  it('closing with unsynced commands needs an override with a reason; then the count is kept and the host closes', () => {
    assertRefused(opened(), close({ unsyncedCommands: 3 }), 'E_SHIFT_UNSYNCED')
    assertRefused(opened(), close({ unsyncedCommands: 3, override: { by: 'manager-1', reason: ' ' } }), 'E_SHIFT_UNSYNCED')
    const [closed, actions] = transition(shiftMachine, opened(), close({ unsyncedCommands: 3, override: { by: 'manager-1', reason: 'tablet broken' }, tenderCounts: { card: 1000 } }))
    assert.equal(closed.value, 'closed')
    assert.equal(closed.status, 'done')
    assert.deepEqual(closed.context.closing, {
      closedBy: 'cashier-1',
      closedAt: LATER,
      cashCount: { '50000': 5 },
      countedCashPaise: 250_000,
      tenderCounts: { card: 1000 },
      unsyncedCommands: 3,
      override: { by: 'manager-1', reason: 'tablet broken' },
    })
    assert.deepEqual(actions.map((a) => a.type), ['closeShift', 'emitFact'])
    assertRefused(closed, close(), 'E_SHIFT_WRONG_STATE')
  })

  it('a synced terminal closes without an override; a back-office close names only the store', () => {
    const closed = run(opened(), close({ origin: { storeId: 'store-1' } }))
    assert.equal(closed.context.closing?.override, null)
    assertRefused(opened(), close({ origin: { storeId: 'store-2' } }), 'E_SHIFT_OTHER_ORIGIN')
  })
})
