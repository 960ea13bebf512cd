import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createActor, initialTransition, transition, type SnapshotFrom, type StateValue } from 'xstate'
import { terminalMachine, type TerminalContext, type TerminalEvent, type TerminalFact } from './terminal.machine.ts'

type Snapshot = SnapshotFrom<typeof terminalMachine>
type Connection = 'offline' | 'online'
type Session = 'signedOut' | 'signedIn'

const STORE = 'store-1'
const T1 = 'terminal-1'
const DEVICE = 'device-1'
const ASHA = 'user-asha'
const RAVI = 'user-ravi'
const AT = '2025-04-01T03:30:00.000Z'
const LATER = '2025-04-01T03:31:00.000Z'

const unpairedContext: TerminalContext = {
  terminalId: T1,
  storeId: STORE,
  deviceId: null,
  cashierId: null,
  outboxDepth: 0,
  lastSeenAt: null,
}

const pairedValue = (connection: Connection, session: Session): StateValue => ({ paired: { connection, session } })

/** A paired terminal in the given regions, as the host would resolve it from storage. */
function paired(connection: Connection, session: Session, over: Partial<TerminalContext> = {}): Snapshot {
  const context: TerminalContext = {
    ...unpairedContext,
    deviceId: DEVICE,
    cashierId: session === 'signedIn' ? ASHA : null,
    lastSeenAt: AT,
    ...over,
  }
  return terminalMachine.resolveState({ value: pairedValue(connection, session), context })
}

const unpaired = (): Snapshot => terminalMachine.resolveState({ value: 'unpaired', context: unpairedContext })

/** The pure transition, with actions reduced to what the host reads: type and params. */
function step(snapshot: Snapshot, event: TerminalEvent) {
  const [next, actions] = transition(terminalMachine, snapshot, event)
  return { next, actions: actions.map(({ type, params }) => ({ type, params })) }
}

const fact = (params: TerminalFact) => ({ type: 'emitFact', params })

/** Refused: the very same snapshot (what the host checks), nothing mutated, no actions. */
function assertRefused(snapshot: Snapshot, event: TerminalEvent) {
  const before = structuredClone({ value: snapshot.value, context: snapshot.context })
  const { next, actions } = step(snapshot, event)
  assert.equal(next, snapshot)
  assert.deepEqual({ value: next.value, context: next.context }, before)
  assert.deepEqual(actions, [])
}

describe('terminal machine', () => {
  it('starts unpaired, from its input, with no actions', () => {
    const [snapshot, actions] = initialTransition(terminalMachine, { terminalId: T1, storeId: STORE })
    assert.equal(snapshot.value, 'unpaired')
    assert.deepEqual(snapshot.context, unpairedContext)
    assert.deepEqual(actions, [])
  })

  describe('pairing', () => {
    it('terminal.paired: unpaired → paired, offline and signed out, no fact', () => {
      const { next, actions } = step(unpaired(), { type: 'terminal.paired', deviceId: DEVICE, at: AT })
      assert.deepEqual(next.value, pairedValue('offline', 'signedOut'))
      assert.deepEqual(next.context, { ...unpairedContext, deviceId: DEVICE, lastSeenAt: AT })
      assert.deepEqual(actions, [])
    })

    it('refuses pairing an already paired terminal (revoke first)', () => {
      assertRefused(paired('online', 'signedIn'), { type: 'terminal.paired', deviceId: 'device-2', at: LATER })
    })

    it('refuses revoking an unpaired terminal', () => {
      assertRefused(unpaired(), { type: 'terminal.revoked', at: LATER })
    })

    const whileUnpaired: TerminalEvent[] = [
      { type: 'terminal.connected', at: AT },
      { type: 'terminal.disconnected', at: AT },
      { type: 'terminal.outboxReported', depth: 1, at: AT },
      { type: 'cashier.signIn', cashierId: ASHA, at: AT },
      { type: 'cashier.signOut', at: AT },
    ]
    for (const event of whileUnpaired) {
      it(`refuses ${event.type} while unpaired`, () => assertRefused(unpaired(), event))
    }

    it('terminal.revoked while online and signed in: ends the session, then the connection; clears device and cashier', () => {
      const { next, actions } = step(paired('online', 'signedIn', { outboxDepth: 2 }), { type: 'terminal.revoked', at: LATER })
      assert.equal(next.value, 'unpaired')
      assert.deepEqual(next.context, { ...unpairedContext, outboxDepth: 2, lastSeenAt: AT })
      assert.deepEqual(actions, [
        fact({ type: 'cashier.signedOut', data: { terminalId: T1, cashierId: ASHA, at: LATER } }),
        fact({ type: 'terminal.disconnected', data: { terminalId: T1, at: LATER } }),
      ])
    })

    it('terminal.revoked while offline and signed out: no fact; pairing again starts fresh regions', () => {
      const { next, actions } = step(paired('offline', 'signedOut'), { type: 'terminal.revoked', at: LATER })
      assert.equal(next.value, 'unpaired')
      assert.deepEqual(actions, [])
      const again = step(next, { type: 'terminal.paired', deviceId: 'device-2', at: LATER })
      assert.deepEqual(again.next.value, pairedValue('offline', 'signedOut'))
      assert.equal(again.next.context.deviceId, 'device-2')
      assert.deepEqual(again.actions, [])
    })
  })

  describe('connection region', () => {
    for (const session of ['signedOut', 'signedIn'] as const) {
      it(`terminal.connected: offline → online, emits terminal.connected (session ${session} untouched)`, () => {
        const { next, actions } = step(paired('offline', session), { type: 'terminal.connected', at: LATER })
        assert.deepEqual(next.value, pairedValue('online', session))
        assert.deepEqual(next.context, paired('offline', session, { lastSeenAt: LATER }).context)
        assert.deepEqual(actions, [fact({ type: 'terminal.connected', data: { terminalId: T1, at: LATER } })])
      })

      it(`terminal.disconnected: online → offline, emits terminal.disconnected (session ${session} untouched)`, () => {
        const { next, actions } = step(paired('online', session), { type: 'terminal.disconnected', at: LATER })
        assert.deepEqual(next.value, pairedValue('offline', session))
        assert.deepEqual(next.context, paired('online', session, { lastSeenAt: LATER }).context)
        assert.deepEqual(actions, [fact({ type: 'terminal.disconnected', data: { terminalId: T1, at: LATER } })])
      })
    }

    const repeats: Array<[Connection, 'terminal.connected' | 'terminal.disconnected']> = [
      ['online', 'terminal.connected'],
      ['offline', 'terminal.disconnected'],
    ]
    for (const [connection, type] of repeats) {
      it(`${type} while already ${connection}, later: only lastSeenAt moves, no fact`, () => {
        const { next, actions } = step(paired(connection, 'signedOut'), { type, at: LATER })
        assert.deepEqual(next.value, pairedValue(connection, 'signedOut'))
        assert.equal(next.context.lastSeenAt, LATER)
        assert.deepEqual(actions, [])
      })

      it(`${type} while already ${connection}, same time: changes nothing, not taken`, () => {
        assertRefused(paired(connection, 'signedOut'), { type, at: AT })
      })
    }
  })

  describe('outbox depth', () => {
    for (const connection of ['offline', 'online'] as const) {
      it(`terminal.outboxReported with a new depth while ${connection}: stored, emits terminal.outboxChanged`, () => {
        const { next, actions } = step(paired(connection, 'signedIn'), { type: 'terminal.outboxReported', depth: 5, at: LATER })
        assert.deepEqual(next.value, pairedValue(connection, 'signedIn'))
        assert.deepEqual(next.context, paired(connection, 'signedIn', { outboxDepth: 5, lastSeenAt: LATER }).context)
        assert.deepEqual(actions, [fact({ type: 'terminal.outboxChanged', data: { terminalId: T1, depth: 5, at: LATER } })])
      })
    }

    it('the same depth later: only lastSeenAt moves, no fact', () => {
      const { next, actions } = step(paired('online', 'signedOut', { outboxDepth: 5 }), {
        type: 'terminal.outboxReported',
        depth: 5,
        at: LATER,
      })
      assert.deepEqual(next.context, paired('online', 'signedOut', { outboxDepth: 5, lastSeenAt: LATER }).context)
      assert.deepEqual(actions, [])
    })

    it('the same depth at the same time: changes nothing, not taken', () => {
      assertRefused(paired('online', 'signedOut', { outboxDepth: 5 }), { type: 'terminal.outboxReported', depth: 5, at: AT })
    })
  })

  describe('session region', () => {
    for (const connection of ['offline', 'online'] as const) {
      it(`cashier.signIn: signedOut → signedIn, emits cashier.signedIn (${connection}, connection untouched)`, () => {
        const { next, actions } = step(paired(connection, 'signedOut'), { type: 'cashier.signIn', cashierId: RAVI, at: LATER })
        assert.deepEqual(next.value, pairedValue(connection, 'signedIn'))
        assert.deepEqual(next.context, paired(connection, 'signedOut', { cashierId: RAVI, lastSeenAt: LATER }).context)
        assert.deepEqual(actions, [fact({ type: 'cashier.signedIn', data: { terminalId: T1, cashierId: RAVI, at: LATER } })])
      })

      it(`cashier.signOut: signedIn → signedOut, emits cashier.signedOut with who it was (${connection})`, () => {
        const { next, actions } = step(paired(connection, 'signedIn'), { type: 'cashier.signOut', at: LATER })
        assert.deepEqual(next.value, pairedValue(connection, 'signedOut'))
        assert.deepEqual(next.context, paired(connection, 'signedOut', { lastSeenAt: LATER }).context)
        assert.deepEqual(actions, [fact({ type: 'cashier.signedOut', data: { terminalId: T1, cashierId: ASHA, at: LATER } })])
      })
    }

    it('refuses cashier.signIn as another cashier while signed in', () => {
      assertRefused(paired('online', 'signedIn'), { type: 'cashier.signIn', cashierId: RAVI, at: LATER })
    })

    it('refuses cashier.signIn as the same cashier while signed in', () => {
      assertRefused(paired('online', 'signedIn'), { type: 'cashier.signIn', cashierId: ASHA, at: LATER })
    })

    it('refuses cashier.signOut while signed out', () => {
      assertRefused(paired('online', 'signedOut'), { type: 'cashier.signOut', at: LATER })
    })
  })

  describe('persisted snapshot round trip', () => {
    const atWork = (): Snapshot => {
      let [snapshot] = initialTransition(terminalMachine, { terminalId: T1, storeId: STORE })
      const events: TerminalEvent[] = [
        { type: 'terminal.paired', deviceId: DEVICE, at: AT },
        { type: 'terminal.connected', at: AT },
        { type: 'cashier.signIn', cashierId: ASHA, at: AT },
        { type: 'terminal.outboxReported', depth: 3, at: AT },
      ]
      for (const event of events) [snapshot] = transition(terminalMachine, snapshot, event)
      return snapshot
    }
    const expected = {
      value: pairedValue('online', 'signedIn'),
      context: { ...unpairedContext, deviceId: DEVICE, cashierId: ASHA, outboxDepth: 3, lastSeenAt: AT },
    }

    it('getPersistedSnapshot → JSON → resolveState continues in both regions', () => {
      const stored = JSON.parse(JSON.stringify(terminalMachine.getPersistedSnapshot(atWork())))
      const restored = terminalMachine.resolveState(stored)
      assert.deepEqual({ value: restored.value, context: restored.context }, expected)

      assertRefused(restored, { type: 'cashier.signIn', cashierId: RAVI, at: LATER })
      const { next, actions } = step(restored, { type: 'cashier.signOut', at: LATER })
      assert.deepEqual(next.value, pairedValue('online', 'signedOut'))
      assert.deepEqual(actions, [fact({ type: 'cashier.signedOut', data: { terminalId: T1, cashierId: ASHA, at: LATER } })])
    })

    it('the host form { value, context } → JSON → resolveState restores the same state', () => {
      const snapshot = atWork()
      const restored = terminalMachine.resolveState(JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context })))
      assert.deepEqual({ value: restored.value, context: restored.context }, expected)
      assert.equal(restored.status, 'active')
    })

    it('createActor from the restored snapshot runs on, and the host-provided emitFact receives the facts', () => {
      const facts: TerminalFact[] = []
      const hosted = terminalMachine.provide({ actions: { emitFact: (_, params) => void facts.push(params) } })
      const snapshot = JSON.parse(JSON.stringify(terminalMachine.getPersistedSnapshot(atWork())))
      const actor = createActor(hosted, { snapshot, input: { terminalId: T1, storeId: STORE } })
      actor.start()
      actor.send({ type: 'terminal.outboxReported', depth: 0, at: LATER })
      actor.send({ type: 'terminal.revoked', at: LATER })
      actor.stop()

      assert.equal(actor.getSnapshot().value, 'unpaired')
      assert.deepEqual(facts, [
        { type: 'terminal.outboxChanged', data: { terminalId: T1, depth: 0, at: LATER } },
        { type: 'cashier.signedOut', data: { terminalId: T1, cashierId: ASHA, at: LATER } },
        { type: 'terminal.disconnected', data: { terminalId: T1, at: LATER } },
      ])
    })
  })
})
