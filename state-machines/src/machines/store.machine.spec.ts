import { undescribed } from './machine-descriptions.testing.ts'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createActor, initialTransition, transition, type SnapshotFrom } from 'xstate'
import {
  DEFAULT_PRESENCE_GRACE_MS,
  STORE_STOCK_LINES_MAX,
  stockCommandProblem,
  storeMachine,
  type StoreApplyStock,
  type StoreDispatchTransfer,
  type StoreReceiveTransfer,
  type StoreCancelSchedule,
  type StoreContext,
  type StoreEvent,
  type StoreFact,
  type StoreSchedule,
  type StoreTerminalEntry,
} from './store.machine.ts'

type Snapshot = SnapshotFrom<typeof storeMachine>
/** Events a terminal reports about itself (everything with a terminal and a time, but the grace timer). */
type Report = Exclude<Extract<StoreEvent, { terminalId: string; at: string }>, { type: 'terminal.graceExpired' }>
type HostAction = { type: string; params: unknown }

const STORE = 'store-1'
const T1 = 'terminal-1'
const T2 = 'terminal-2'
const AT = '2025-04-01T03:30:00.000Z'
const LATER = '2025-04-01T03:31:00.000Z'
const MANAGER = 'user-manager'
/** The grace period of the snapshots `given` builds: not the default, so it can only come from the context. */
const GRACE = 45_000

const row = (over: Partial<StoreTerminalEntry> = {}): StoreTerminalEntry => ({
  terminalId: T1,
  name: 'Counter 1',
  presence: 'offline',
  cashierId: null,
  outboxDepth: 0,
  lastSeenAt: null,
  ...over,
})

/** A snapshot in the given state, as the host would resolve it from storage. */
function given(value: 'closed' | 'open', over: Partial<StoreContext> = {}): Snapshot {
  const context: StoreContext = {
    storeId: STORE,
    status: value,
    terminals: {},
    openedAt: value === 'open' ? AT : null,
    presenceGraceMs: GRACE,
    stockCommands: 0,
    lastStockAt: null,
    ...over,
  }
  return storeMachine.resolveState({ value, context })
}

/** The pure transition, with actions reduced to what the host reads: type and params. */
function step(snapshot: Snapshot, event: StoreEvent) {
  const [next, actions] = transition(storeMachine, snapshot, event)
  return { next, actions: actions.map(({ type, params }): HostAction => ({ type, params })) }
}

const fact = (params: StoreFact): HostAction => ({ type: 'emitFact', params })
const presenceFact = (data: StoreTerminalEntry) => fact({ type: 'terminal.presenceChanged', data })
/** The grace timer the host must persist when `terminalId` drops. */
const graceTimer = (terminalId: string, delayMs: number): HostAction => ({
  type: 'schedule',
  params: {
    key: `presence-grace:${terminalId}`,
    delayMs,
    event: { type: 'terminal.graceExpired', terminalId },
  } satisfies StoreSchedule,
})
const cancelGraceTimer = (terminalId: string): HostAction => ({
  type: 'cancelSchedule',
  params: { key: `presence-grace:${terminalId}` } satisfies StoreCancelSchedule,
})
/** What the host's timer delivers once the grace period is over (the host puts in `at`). */
const graceExpired = (terminalId: string, at: string): StoreEvent => ({ type: 'terminal.graceExpired', terminalId, at })

/** Refused: the very same snapshot (what the host checks), nothing mutated, no actions. */
function assertRefused(snapshot: Snapshot, event: StoreEvent) {
  const before = structuredClone({ value: snapshot.value, context: snapshot.context })
  const { next, actions } = step(snapshot, event)
  assert.equal(next, snapshot)
  assert.deepEqual({ value: next.value, context: next.context }, before)
  assert.deepEqual(actions, [])
}

describe('store machine', () => {
  it('starts closed with an empty roster, from its input, with no actions (grace period 30 s by default)', () => {
    const [snapshot, actions] = initialTransition(storeMachine, { storeId: STORE })
    assert.equal(snapshot.value, 'closed')
    assert.deepEqual(snapshot.context, {
      storeId: STORE,
      status: 'closed',
      terminals: {},
      openedAt: null,
      presenceGraceMs: 30_000,
      stockCommands: 0,
      lastStockAt: null,
    })
    assert.equal(DEFAULT_PRESENCE_GRACE_MS, 30_000)
    assert.deepEqual(actions, [])
  })

  it('takes the grace period from its input', () => {
    const [snapshot] = initialTransition(storeMachine, { storeId: STORE, presenceGraceMs: 5_000 })
    assert.equal(snapshot.context.presenceGraceMs, 5_000)
  })

  it('describes every state and every transition', () => {
    assert.deepEqual(undescribed(storeMachine), [])
  })

  describe('business day', () => {
    it('store.open: closed → open, records openedAt, emits store.opened', () => {
      const { next, actions } = step(given('closed'), { type: 'store.open', at: AT, by: MANAGER })
      assert.equal(next.value, 'open')
      assert.deepEqual(next.context, {
        storeId: STORE,
        status: 'open',
        terminals: {},
        openedAt: AT,
        presenceGraceMs: GRACE,
        stockCommands: 0,
        lastStockAt: null,
      })
      assert.deepEqual(actions, [fact({ type: 'store.opened', data: { at: AT, by: MANAGER } })])
    })

    it('refuses store.open while open and store.close while closed', () => {
      assertRefused(given('open'), { type: 'store.open', at: LATER, by: MANAGER })
      assertRefused(given('closed'), { type: 'store.close', at: LATER, by: MANAGER })
    })

    it('store.close with every outbox empty: open → closed, emits store.closed (not forced)', () => {
      const open = given('open', { terminals: { [T1]: row({ presence: 'online' }) } })
      const { next, actions } = step(open, { type: 'store.close', at: LATER, by: MANAGER })
      assert.equal(next.value, 'closed')
      assert.deepEqual(next.context, {
        storeId: STORE,
        status: 'closed',
        terminals: { [T1]: row({ presence: 'online' }) },
        openedAt: null,
        presenceGraceMs: GRACE,
        stockCommands: 0,
        lastStockAt: null,
      })
      assert.deepEqual(actions, [fact({ type: 'store.closed', data: { at: LATER, by: MANAGER, forced: false, reason: null } })])
    })

    it('store.close with force but nothing pending closes normally and keeps the reason', () => {
      const { next, actions } = step(given('open'), { type: 'store.close', at: LATER, by: MANAGER, force: true, reason: 'end of day' })
      assert.equal(next.value, 'closed')
      assert.deepEqual(actions, [fact({ type: 'store.closed', data: { at: LATER, by: MANAGER, forced: false, reason: 'end of day' } })])
    })

    describe('while a terminal still has unsynced commands (even an offline one)', () => {
      const pending = given('open', {
        terminals: { [T1]: row({ presence: 'online' }), [T2]: row({ terminalId: T2, name: 'Counter 2', outboxDepth: 3 }) },
      })

      it('refuses a plain close', () => assertRefused(pending, { type: 'store.close', at: LATER, by: MANAGER }))
      it('refuses force without a reason', () => assertRefused(pending, { type: 'store.close', at: LATER, by: MANAGER, force: true }))
      it('refuses force with a blank reason', () =>
        assertRefused(pending, { type: 'store.close', at: LATER, by: MANAGER, force: true, reason: '   ' }))
      it('refuses a reason without force', () =>
        assertRefused(pending, { type: 'store.close', at: LATER, by: MANAGER, force: false, reason: 'network down' }))

      it('closes when forced with a reason, and says so in store.closed', () => {
        const event: StoreEvent = { type: 'store.close', at: LATER, by: MANAGER, force: true, reason: 'Counter 2 tablet broke' }
        const { next, actions } = step(pending, event)
        assert.equal(next.value, 'closed')
        assert.equal(next.context.status, 'closed')
        assert.equal(next.context.openedAt, null)
        assert.deepEqual(next.context.terminals, pending.context.terminals)
        assert.deepEqual(actions, [
          fact({ type: 'store.closed', data: { at: LATER, by: MANAGER, forced: true, reason: 'Counter 2 tablet broke' } }),
        ])
      })
    })
  })

  describe('terminal roster', () => {
    for (const value of ['closed', 'open'] as const) {
      it(`terminal.register adds an offline row and publishes it (while ${value}, state unchanged)`, () => {
        const { next, actions } = step(given(value), { type: 'terminal.register', terminalId: T1, name: 'Counter 1' })
        assert.equal(next.value, value)
        assert.deepEqual(next.context.terminals, { [T1]: row() })
        assert.deepEqual(actions, [presenceFact(row())])
      })
    }

    it('terminal.register of a known terminal under a new name renames it, keeping its presence', () => {
      const known = given('open', { terminals: { [T1]: row({ presence: 'reconnecting', outboxDepth: 2, lastSeenAt: AT }) } })
      const { next, actions } = step(known, { type: 'terminal.register', terminalId: T1, name: 'Billing desk' })
      const renamed = row({ name: 'Billing desk', presence: 'reconnecting', outboxDepth: 2, lastSeenAt: AT })
      assert.deepEqual(next.context.terminals, { [T1]: renamed })
      assert.deepEqual(actions, [presenceFact(renamed)])
    })

    it('terminal.register of a known terminal under the same name is not taken', () => {
      assertRefused(given('open', { terminals: { [T1]: row() } }), { type: 'terminal.register', terminalId: T1, name: 'Counter 1' })
    })

    /**
     * Each report: a row it applies to, the event, the row it yields and the host effects
     * after its fact; then the same report again (from the row it yields, later in time).
     */
    const reports: Array<{ label: string; event: Report; from: StoreTerminalEntry; to: StoreTerminalEntry; effects: HostAction[] }> = [
      {
        label: 'terminal.connected (offline → online, no timer to cancel)',
        event: { type: 'terminal.connected', terminalId: T1, at: AT },
        from: row(),
        to: row({ presence: 'online', lastSeenAt: AT }),
        effects: [],
      },
      {
        label: 'terminal.connected (reconnecting → online, cancels the grace timer)',
        event: { type: 'terminal.connected', terminalId: T1, at: LATER },
        from: row({ presence: 'reconnecting', cashierId: 'user-asha', lastSeenAt: AT }),
        to: row({ presence: 'online', cashierId: 'user-asha', lastSeenAt: LATER }),
        effects: [cancelGraceTimer(T1)],
      },
      {
        label: 'terminal.disconnected (online → reconnecting, schedules the grace timer)',
        event: { type: 'terminal.disconnected', terminalId: T1, at: AT },
        from: row({ presence: 'online', cashierId: 'user-asha' }),
        to: row({ presence: 'reconnecting', cashierId: 'user-asha', lastSeenAt: AT }),
        effects: [graceTimer(T1, GRACE)],
      },
      {
        label: 'terminal.outboxReported',
        event: { type: 'terminal.outboxReported', terminalId: T1, depth: 7, at: AT },
        from: row({ presence: 'reconnecting' }),
        to: row({ presence: 'reconnecting', outboxDepth: 7, lastSeenAt: AT }),
        effects: [],
      },
      {
        label: 'terminal.cashierChanged (user-asha)',
        event: { type: 'terminal.cashierChanged', terminalId: T1, cashierId: 'user-asha', at: AT },
        from: row({ presence: 'online' }),
        to: row({ presence: 'online', cashierId: 'user-asha', lastSeenAt: AT }),
        effects: [],
      },
      {
        label: 'terminal.cashierChanged (null)',
        event: { type: 'terminal.cashierChanged', terminalId: T1, cashierId: null, at: AT },
        from: row({ presence: 'online', cashierId: 'user-asha' }),
        to: row({ presence: 'online', cashierId: null, lastSeenAt: AT }),
        effects: [],
      },
    ]

    for (const { label, event, from, to, effects } of reports) {
      describe(label, () => {
        for (const value of ['closed', 'open'] as const) {
          it(`updates the row and publishes it, with exactly the effects expected (while ${value}, state unchanged)`, () => {
            const other = row({ terminalId: T2, name: 'Counter 2', presence: 'online' })
            const { next, actions } = step(given(value, { terminals: { [T1]: from, [T2]: other } }), event)
            assert.equal(next.value, value)
            assert.deepEqual(next.context.terminals, { [T1]: to, [T2]: other })
            assert.deepEqual(actions, [presenceFact(to), ...effects])
          })
        }

        it('refuses it for a terminal the store does not know', () => {
          assertRefused(given('open', { terminals: { [T2]: row({ terminalId: T2 }) } }), event)
        })

        it('repeated later: only lastSeenAt moves, no fact, no timer', () => {
          const { next, actions } = step(given('open', { terminals: { [T1]: to } }), { ...event, at: '2025-04-01T03:35:00.000Z' })
          assert.equal(next.value, 'open')
          assert.deepEqual(next.context.terminals, { [T1]: { ...to, lastSeenAt: '2025-04-01T03:35:00.000Z' } })
          assert.deepEqual(actions, [])
        })

        it('repeated with the same time: changes nothing, not taken', () => {
          assertRefused(given('open', { terminals: { [T1]: to } }), event)
        })
      })
    }
  })

  describe('presence grace period', () => {
    const online = row({ presence: 'online', cashierId: 'user-asha', outboxDepth: 2, lastSeenAt: AT })
    const reconnecting = row({ presence: 'reconnecting', cashierId: 'user-asha', outboxDepth: 2, lastSeenAt: AT })
    const offline = row({ presence: 'offline', cashierId: 'user-asha', outboxDepth: 2, lastSeenAt: AT })
    const other = row({ terminalId: T2, name: 'Counter 2', presence: 'reconnecting', lastSeenAt: AT })

    it('terminal.disconnected of an online terminal: reconnecting, published, then the grace timer with the context delay', () => {
      const { next, actions } = step(given('open', { terminals: { [T1]: online } }), {
        type: 'terminal.disconnected',
        terminalId: T1,
        at: LATER,
      })
      const dropped = { ...online, presence: 'reconnecting' as const, lastSeenAt: LATER }
      assert.deepEqual(next.context.terminals, { [T1]: dropped })
      assert.deepEqual(actions, [
        presenceFact(dropped),
        {
          type: 'schedule',
          params: { key: 'presence-grace:terminal-1', delayMs: 45_000, event: { type: 'terminal.graceExpired', terminalId: 'terminal-1' } },
        },
      ])
    })

    it('the grace timer takes the delay of the context (another store, another delay)', () => {
      const elsewhere = given('closed', { presenceGraceMs: 1_500, terminals: { [T2]: row({ terminalId: T2, presence: 'online' }) } })
      const { actions } = step(elsewhere, { type: 'terminal.disconnected', terminalId: T2, at: LATER })
      assert.deepEqual(actions.at(-1), graceTimer(T2, 1_500))
    })

    it('terminal.disconnected of an offline terminal: only lastSeenAt moves; no fact, no timer', () => {
      const { next, actions } = step(given('open', { terminals: { [T1]: offline } }), {
        type: 'terminal.disconnected',
        terminalId: T1,
        at: LATER,
      })
      assert.deepEqual(next.context.terminals, { [T1]: { ...offline, lastSeenAt: LATER } })
      assert.deepEqual(actions, [])
    })

    it('terminal.disconnected while reconnecting: only lastSeenAt moves; the timer is not re-armed', () => {
      const { next, actions } = step(given('open', { terminals: { [T1]: reconnecting } }), {
        type: 'terminal.disconnected',
        terminalId: T1,
        at: LATER,
      })
      assert.deepEqual(next.context.terminals, { [T1]: { ...reconnecting, lastSeenAt: LATER } })
      assert.deepEqual(actions, [])
    })

    for (const value of ['closed', 'open'] as const) {
      it(`terminal.graceExpired while reconnecting: offline, published, lastSeenAt kept at the disconnect (while ${value})`, () => {
        const { next, actions } = step(given(value, { terminals: { [T1]: reconnecting, [T2]: other } }), graceExpired(T1, LATER))
        assert.equal(next.value, value)
        assert.deepEqual(next.context.terminals, { [T1]: offline, [T2]: other })
        assert.equal(next.context.terminals[T1]?.lastSeenAt, AT)
        assert.deepEqual(actions, [presenceFact(offline)])
      })
    }

    it('refuses terminal.graceExpired for an online terminal (reconnected in time, timer already cancelled)', () => {
      assertRefused(given('open', { terminals: { [T1]: online, [T2]: other } }), graceExpired(T1, LATER))
    })

    it('refuses terminal.graceExpired for an offline terminal (expired already)', () => {
      assertRefused(given('open', { terminals: { [T1]: offline, [T2]: other } }), graceExpired(T1, LATER))
    })

    it('refuses terminal.graceExpired for a terminal the store does not know', () => {
      assertRefused(given('open', { terminals: { [T2]: other } }), graceExpired(T1, LATER))
    })

    it('terminal.connected within the grace period: online, published, and the grace timer is cancelled', () => {
      const { next, actions } = step(given('open', { terminals: { [T1]: reconnecting, [T2]: other } }), {
        type: 'terminal.connected',
        terminalId: T1,
        at: LATER,
      })
      const back = { ...online, lastSeenAt: LATER }
      assert.deepEqual(next.context.terminals, { [T1]: back, [T2]: other })
      assert.deepEqual(actions, [presenceFact(back), { type: 'cancelSchedule', params: { key: 'presence-grace:terminal-1' } }])
      // Had the host delivered the timer anyway, it would be refused.
      assertRefused(next, graceExpired(T1, LATER))
    })

    it('terminal.connected from offline: online and published, and nothing to cancel (no cancelSchedule)', () => {
      const { next, actions } = step(given('open', { terminals: { [T1]: offline } }), {
        type: 'terminal.connected',
        terminalId: T1,
        at: LATER,
      })
      const back = { ...online, lastSeenAt: LATER }
      assert.deepEqual(next.context.terminals, { [T1]: back })
      assert.deepEqual(actions, [presenceFact(back)])
    })

    it('a whole drop: online → reconnecting → offline → online, each published once, one timer armed', () => {
      let snapshot = given('open', { terminals: { [T1]: online } })
      const all: HostAction[] = []
      const events: StoreEvent[] = [
        { type: 'terminal.disconnected', terminalId: T1, at: LATER },
        { type: 'terminal.disconnected', terminalId: T1, at: '2025-04-01T03:31:10.000Z' },
        graceExpired(T1, '2025-04-01T03:31:45.000Z'),
        { type: 'terminal.connected', terminalId: T1, at: '2025-04-01T03:40:00.000Z' },
      ]
      for (const event of events) {
        const { next, actions } = step(snapshot, event)
        assert.notEqual(next, snapshot, event.type)
        snapshot = next
        all.push(...actions)
      }
      assert.deepEqual(all, [
        presenceFact({ ...online, presence: 'reconnecting', lastSeenAt: LATER }),
        graceTimer(T1, GRACE),
        presenceFact({ ...online, presence: 'offline', lastSeenAt: '2025-04-01T03:31:10.000Z' }),
        presenceFact({ ...online, presence: 'online', lastSeenAt: '2025-04-01T03:40:00.000Z' }),
      ])
    })
  })

  describe('persisted snapshot round trip', () => {
    const atWork = (): Snapshot => {
      let [snapshot] = initialTransition(storeMachine, { storeId: STORE })
      const events: StoreEvent[] = [
        { type: 'terminal.register', terminalId: T1, name: 'Counter 1' },
        { type: 'store.open', at: AT, by: MANAGER },
        { type: 'terminal.connected', terminalId: T1, at: AT },
        { type: 'terminal.outboxReported', terminalId: T1, depth: 4, at: AT },
      ]
      for (const event of events) [snapshot] = transition(storeMachine, snapshot, event)
      return snapshot
    }
    const expected = { value: 'open', context: atWork().context }

    it('getPersistedSnapshot → JSON → resolveState continues with the same guards and facts', () => {
      const stored = JSON.parse(JSON.stringify(storeMachine.getPersistedSnapshot(atWork())))
      const restored = storeMachine.resolveState(stored)
      assert.deepEqual({ value: restored.value, context: restored.context }, expected)

      assertRefused(restored, { type: 'store.close', at: LATER, by: MANAGER })
      const { next: drained } = step(restored, { type: 'terminal.outboxReported', terminalId: T1, depth: 0, at: LATER })
      const { next, actions } = step(drained, { type: 'store.close', at: LATER, by: MANAGER })
      assert.equal(next.value, 'closed')
      assert.deepEqual(actions, [fact({ type: 'store.closed', data: { at: LATER, by: MANAGER, forced: false, reason: null } })])
    })

    it('the host form { value, context } → JSON → resolveState restores the same state', () => {
      const snapshot = atWork()
      const stored = JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context }))
      const restored = storeMachine.resolveState(stored)
      assert.deepEqual({ value: restored.value, context: restored.context }, expected)
      assert.equal(restored.status, 'active')
    })

    it('createActor from the restored snapshot runs on, and the host-provided effects receive their params', () => {
      const effects: HostAction[] = []
      const hosted = storeMachine.provide({
        actions: {
          emitFact: (_, params) => void effects.push({ type: 'emitFact', params }),
          schedule: (_, params) => void effects.push({ type: 'schedule', params }),
          cancelSchedule: (_, params) => void effects.push({ type: 'cancelSchedule', params }),
        },
      })
      const snapshot = JSON.parse(JSON.stringify(storeMachine.getPersistedSnapshot(atWork())))
      const actor = createActor(hosted, { snapshot, input: { storeId: STORE } })
      actor.start()
      actor.send({ type: 'store.close', at: LATER, by: MANAGER })
      assert.equal(actor.getSnapshot().value, 'open')
      actor.send({ type: 'terminal.disconnected', terminalId: T1, at: LATER })
      actor.send({ type: 'store.close', at: LATER, by: MANAGER, force: true, reason: 'outbox lost with the tablet' })
      actor.stop()

      assert.equal(actor.getSnapshot().value, 'closed')
      assert.deepEqual(effects, [
        presenceFact(row({ presence: 'reconnecting', outboxDepth: 4, lastSeenAt: LATER })),
        graceTimer(T1, 30_000),
        fact({ type: 'store.closed', data: { at: LATER, by: MANAGER, forced: true, reason: 'outbox lost with the tablet' } }),
      ])
    })

    describe('in the middle of a grace period', () => {
      /** T1 dropped at LATER under a 12 s grace period from the input; T2 is online. */
      const dropped = (): { snapshot: Snapshot; actions: HostAction[] } => {
        let [snapshot] = initialTransition(storeMachine, { storeId: STORE, presenceGraceMs: 12_000 })
        const actions: HostAction[] = []
        const events: StoreEvent[] = [
          { type: 'terminal.register', terminalId: T1, name: 'Counter 1' },
          { type: 'terminal.register', terminalId: T2, name: 'Counter 2' },
          { type: 'store.open', at: AT, by: MANAGER },
          { type: 'terminal.connected', terminalId: T1, at: AT },
          { type: 'terminal.connected', terminalId: T2, at: AT },
          { type: 'terminal.disconnected', terminalId: T1, at: LATER },
        ]
        for (const event of events) {
          const result = step(snapshot, event)
          snapshot = result.next
          actions.splice(0, actions.length, ...result.actions)
        }
        return { snapshot, actions }
      }
      const restoredForms = {
        getPersistedSnapshot: () =>
          storeMachine.resolveState(JSON.parse(JSON.stringify(storeMachine.getPersistedSnapshot(dropped().snapshot)))),
        '{ value, context }': () => {
          const { value, context } = dropped().snapshot
          return storeMachine.resolveState(JSON.parse(JSON.stringify({ value, context })))
        },
      }
      const reconnecting = row({ presence: 'reconnecting', lastSeenAt: LATER })
      const t2 = row({ terminalId: T2, name: 'Counter 2', presence: 'online', lastSeenAt: AT })

      it('the drop armed the timer with the input grace period', () => {
        assert.deepEqual(dropped().actions, [presenceFact(reconnecting), graceTimer(T1, 12_000)])
      })

      for (const [form, restore] of Object.entries(restoredForms)) {
        describe(`restored via ${form}`, () => {
          it('restores the reconnecting row and the grace period', () => {
            const restored = restore()
            assert.equal(restored.value, 'open')
            assert.equal(restored.status, 'active')
            assert.deepEqual(restored.context.terminals, { [T1]: reconnecting, [T2]: t2 })
            assert.equal(restored.context.presenceGraceMs, 12_000)
          })

          it('the timer firing after the restore makes the terminal offline', () => {
            const { next, actions } = step(restore(), graceExpired(T1, '2025-04-01T03:31:12.000Z'))
            assert.deepEqual(next.context.terminals, { [T1]: row({ presence: 'offline', lastSeenAt: LATER }), [T2]: t2 })
            assert.deepEqual(actions, [presenceFact(row({ presence: 'offline', lastSeenAt: LATER }))])
          })

          it('a reconnect after the restore cancels the timer; the next drop re-arms it with the restored grace period', () => {
            const back = step(restore(), { type: 'terminal.connected', terminalId: T1, at: '2025-04-01T03:31:05.000Z' })
            assert.deepEqual(back.actions, [
              presenceFact(row({ presence: 'online', lastSeenAt: '2025-04-01T03:31:05.000Z' })),
              cancelGraceTimer(T1),
            ])
            assertRefused(back.next, graceExpired(T1, '2025-04-01T03:31:12.000Z'))

            const again = step(back.next, { type: 'terminal.disconnected', terminalId: T1, at: '2025-04-01T03:32:00.000Z' })
            assert.deepEqual(again.actions, [
              presenceFact(row({ presence: 'reconnecting', lastSeenAt: '2025-04-01T03:32:00.000Z' })),
              graceTimer(T1, 12_000),
            ])
          })

          it('the timer of another terminal is refused (T2 is online)', () => {
            assertRefused(restore(), graceExpired(T2, '2025-04-01T03:31:12.000Z'))
          })
        })
      }
    })
  })
  describe('stock commands', () => {
    const ITEM = 'item-rice'
    const ITEM2 = 'item-dal'
    const OTHER_STORE = 'store-2'
    const TRANSFER = 'transfer-1'
    const receipt = (over: Partial<Extract<StoreEvent, { type: 'stock.record' }>> = {}): StoreEvent => ({
      type: 'stock.record',
      at: LATER,
      by: MANAGER,
      kind: 'receipt',
      lines: [{ itemId: ITEM, quantity: '12.5', unitCostPaise: 4_150, batchId: null }],
      reference: { type: 'supplier_bill', id: 'B-204' },
      ...over,
    })
    const adjustment = (over: Partial<Extract<StoreEvent, { type: 'stock.record' }>> = {}): StoreEvent =>
      receipt({ kind: 'adjustment', lines: [{ itemId: ITEM, quantity: '-2' }], reason: 'count on shelf', reference: null, ...over })
    const dispatch = (over: Partial<Extract<StoreEvent, { type: 'transfer.dispatch' }>> = {}): StoreEvent => ({
      type: 'transfer.dispatch',
      at: LATER,
      by: MANAGER,
      transferId: TRANSFER,
      toStoreId: OTHER_STORE,
      lines: [
        { itemId: ITEM, quantity: '5' },
        { itemId: ITEM2, quantity: '0.250' },
      ],
      note: 'weekly top-up',
      ...over,
    })
    const receive = (over: Partial<Extract<StoreEvent, { type: 'transfer.receive' }>> = {}): StoreEvent => ({
      type: 'transfer.receive',
      at: LATER,
      by: MANAGER,
      transferId: TRANSFER,
      lines: [{ itemId: ITEM, quantity: '3' }],
      ...over,
    })

    for (const value of ['closed', 'open'] as const) {
      it(`stock.record (receipt) while ${value}: counts the command, keeps the state, asks the host for applyStock`, () => {
        const before = given(value, { stockCommands: 4, lastStockAt: AT })
        const { next, actions } = step(before, receipt())
        assert.equal(next.value, value)
        assert.deepEqual(next.context, { ...before.context, stockCommands: 5, lastStockAt: LATER })
        assert.deepEqual(actions, [
          {
            type: 'applyStock',
            params: {
              kind: 'receipt',
              lines: [{ itemId: ITEM, quantity: '12.5', unitCostPaise: 4_150, batchId: null }],
              reason: null,
              reference: { type: 'supplier_bill', id: 'B-204' },
              by: MANAGER,
            } satisfies StoreApplyStock,
          },
        ])
      })
    }

    it('the context never holds on-hand: only the count and time of stock commands change', () => {
      const before = given('open', { terminals: { [T1]: row({ presence: 'online' }) } })
      const { next } = step(before, receipt({ lines: Array.from({ length: 50 }, (_, i) => ({ itemId: `item-${i}`, quantity: '1', unitCostPaise: 100 })) }))
      assert.deepEqual(Object.keys(next.context).sort(), Object.keys(before.context).sort())
      assert.deepEqual({ ...next.context, stockCommands: 0, lastStockAt: null }, before.context)
    })

    it('stock.record (adjustment) takes a signed quantity and passes the reason', () => {
      const { actions } = step(given('open'), adjustment())
      assert.deepEqual(actions, [
        {
          type: 'applyStock',
          params: { kind: 'adjustment', lines: [{ itemId: ITEM, quantity: '-2' }], reason: 'count on shelf', reference: null, by: MANAGER },
        },
      ])
    })

    it('stock.record (wastage) with a reason is taken', () => {
      const { next, actions } = step(given('closed'), receipt({ kind: 'wastage', lines: [{ itemId: ITEM, quantity: '0.5' }], reason: 'expired' }))
      assert.equal(next.context.stockCommands, 1)
      assert.equal((actions[0]?.params as StoreApplyStock).kind, 'wastage')
    })

    const refusedRecords: Record<string, StoreEvent> = {
      'no lines': receipt({ lines: [] }),
      [`more than ${STORE_STOCK_LINES_MAX} lines`]: receipt({
        lines: Array.from({ length: STORE_STOCK_LINES_MAX + 1 }, (_, i) => ({ itemId: `item-${i}`, quantity: '1', unitCostPaise: 1 })),
      }),
      'a zero quantity': receipt({ lines: [{ itemId: ITEM, quantity: '0.000', unitCostPaise: 100 }] }),
      'four decimals': receipt({ lines: [{ itemId: ITEM, quantity: '1.0005', unitCostPaise: 100 }] }),
      'a quantity as a number': receipt({ lines: [{ itemId: ITEM, quantity: 5 as unknown as string, unitCostPaise: 100 }] }),
      'an exponent': receipt({ lines: [{ itemId: ITEM, quantity: '1e3', unitCostPaise: 100 }] }),
      'a negative receipt': receipt({ lines: [{ itemId: ITEM, quantity: '-1', unitCostPaise: 100 }] }),
      'a receipt without a unit cost': receipt({ lines: [{ itemId: ITEM, quantity: '1' }] }),
      'a fractional unit cost': receipt({ lines: [{ itemId: ITEM, quantity: '1', unitCostPaise: 10.5 }] }),
      'a negative unit cost': adjustment({ lines: [{ itemId: ITEM, quantity: '1', unitCostPaise: -1 }] }),
      'an adjustment without a reason': adjustment({ reason: null }),
      'an adjustment with a blank reason': adjustment({ reason: '   ' }),
      'a zero adjustment': adjustment({ lines: [{ itemId: ITEM, quantity: '-0' }] }),
      'wastage without a reason': receipt({ kind: 'wastage', lines: [{ itemId: ITEM, quantity: '1' }], reason: undefined }),
      'negative wastage': receipt({ kind: 'wastage', lines: [{ itemId: ITEM, quantity: '-1' }], reason: 'spilt' }),
      'a sale (not the store’s to record)': receipt({ kind: 'sale' as never, reason: 'x' }),
    }
    for (const [label, event] of Object.entries(refusedRecords)) {
      it(`refuses stock.record with ${label} (same snapshot, no actions)`, () => {
        assertRefused(given('open'), event)
        assert.notEqual(stockCommandProblem(given('open').context, event), null)
      })
    }

    it('transfer.dispatch: counts the command and asks the host for dispatchTransfer', () => {
      const { next, actions } = step(given('open'), dispatch())
      assert.equal(next.context.stockCommands, 1)
      assert.deepEqual(actions, [
        {
          type: 'dispatchTransfer',
          params: {
            transferId: TRANSFER,
            toStoreId: OTHER_STORE,
            lines: [
              { itemId: ITEM, quantity: '5' },
              { itemId: ITEM2, quantity: '0.250' },
            ],
            note: 'weekly top-up',
            by: MANAGER,
          } satisfies StoreDispatchTransfer,
        },
      ])
    })

    const refusedDispatches: Record<string, StoreEvent> = {
      'to this very store': dispatch({ toStoreId: STORE }),
      'to no store': dispatch({ toStoreId: '' }),
      'an item twice': dispatch({ lines: [{ itemId: ITEM, quantity: '1' }, { itemId: ITEM, quantity: '2' }] }),
      'a negative quantity': dispatch({ lines: [{ itemId: ITEM, quantity: '-1' }] }),
      'no lines': dispatch({ lines: [] }),
      'no transfer id': dispatch({ transferId: ' ' }),
    }
    for (const [label, event] of Object.entries(refusedDispatches)) {
      it(`refuses transfer.dispatch ${label}`, () => assertRefused(given('open'), event))
    }

    it('transfer.receive: counts the command and asks the host for receiveTransfer', () => {
      const { next, actions } = step(given('closed', { stockCommands: 2 }), receive())
      assert.equal(next.value, 'closed')
      assert.equal(next.context.stockCommands, 3)
      assert.deepEqual(actions, [
        {
          type: 'receiveTransfer',
          params: { transferId: TRANSFER, lines: [{ itemId: ITEM, quantity: '3' }], by: MANAGER } satisfies StoreReceiveTransfer,
        },
      ])
    })

    const refusedReceipts: Record<string, StoreEvent> = {
      'a zero quantity': receive({ lines: [{ itemId: ITEM, quantity: '0' }] }),
      'an item twice': receive({ lines: [{ itemId: ITEM, quantity: '1' }, { itemId: ITEM, quantity: '1' }] }),
      'no lines': receive({ lines: [] }),
    }
    for (const [label, event] of Object.entries(refusedReceipts)) {
      it(`refuses transfer.receive with ${label}`, () => assertRefused(given('open'), event))
    }

    it('a restored snapshot keeps counting stock commands', () => {
      const { next } = step(given('open'), receipt())
      const restored = storeMachine.resolveState(JSON.parse(JSON.stringify({ value: next.value, context: next.context })))
      const again = step(restored, adjustment({ at: '2025-04-01T04:00:00.000Z' }))
      assert.deepEqual([again.next.context.stockCommands, again.next.context.lastStockAt], [2, '2025-04-01T04:00:00.000Z'])
    })

    it('the host-provided stock effects receive their params from a live actor', () => {
      const received: HostAction[] = []
      const hosted = storeMachine.provide({
        actions: {
          applyStock: (_, params) => void received.push({ type: 'applyStock', params }),
          dispatchTransfer: (_, params) => void received.push({ type: 'dispatchTransfer', params }),
          receiveTransfer: (_, params) => void received.push({ type: 'receiveTransfer', params }),
        },
      })
      const actor = createActor(hosted, { input: { storeId: STORE } })
      actor.start()
      actor.send(adjustment())
      actor.send(dispatch({ toStoreId: STORE }))
      actor.send(receive())
      actor.stop()
      assert.deepEqual(received.map((action) => action.type), ['applyStock', 'receiveTransfer'])
      assert.equal(actor.getSnapshot().context.stockCommands, 2)
    })
  })
})
