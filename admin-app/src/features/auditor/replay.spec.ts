import { describe, expect, it } from 'vitest'
import { initialTransition, transition, type AnyStateMachine } from 'xstate'
import { storeMachine, terminalMachine } from '@pos/state-machines'
import type { JournalEntry } from '@pos/protocols'
import { inputFromContext, machineFor, replayAt, replayHistory } from './replay.ts'

const STORE = '0190a000-0000-7000-8000-0000000000a1'
const T1 = '0190a000-0000-7000-8000-0000000000b1'
const DEVICE = '0190a000-0000-7000-8000-0000000000c1'
const MANAGER = '0190a000-0000-7000-8000-0000000000d1'

/** A journal as the server's actor host writes it: each taken event with `at`, state before and after, context after, actions. */
function journal(machine: AnyStateMachine, input: unknown, events: Array<{ type: string; [key: string]: unknown }>): JournalEntry[] {
  let snapshot = initialTransition(machine, input as never)[0]
  const entries: JournalEntry[] = []
  events.forEach((raw, i) => {
    const event: { type: string; at: unknown; [key: string]: unknown } = { ...raw, at: raw.at ?? `2026-04-01T04:0${i}:00.000Z` }
    const [after, actions] = transition(machine, snapshot, event as never)
    if (after === snapshot) throw new Error(`fixture event ${event.type as string} is not taken`)
    entries.push(
      JSON.parse(
        JSON.stringify({
          seq: entries.length + 1,
          at: event.at,
          event,
          stateBefore: snapshot.value,
          stateAfter: after.value,
          contextAfter: after.context,
          actions: actions.map((a) => ({ type: a.type, params: (a as { params?: unknown }).params ?? null })),
          senderUserId: event.type === 'store.open' ? MANAGER : null,
          senderDeviceId: event.type === 'store.open' ? null : DEVICE,
          commandId: null,
        })
      )
    )
    snapshot = after
  })
  return entries
}

const storeEvents = [
  { type: 'terminal.register', terminalId: T1, name: 'Counter 1' },
  { type: 'terminal.connected', terminalId: T1 },
  { type: 'store.open', by: MANAGER },
  { type: 'terminal.outboxReported', terminalId: T1, depth: 3 },
  { type: 'terminal.disconnected', terminalId: T1 },
  { type: 'terminal.graceExpired', terminalId: T1 },
]

describe('replayHistory', () => {
  it('replays a store journal from its input to the same final state and context as the server', () => {
    const entries = journal(storeMachine, { storeId: STORE, presenceGraceMs: 1500 }, storeEvents)
    const replay = replayHistory(storeMachine, 'store', entries)
    expect(replay.start.from).toBe('input')
    expect(replay.start.value).toBe('closed')
    expect(replay.firstMismatch).toBeNull()
    expect(replay.steps.map((s) => s.seq)).toEqual([1, 2, 3, 4, 5, 6])
    const last = replay.steps.at(-1)!
    expect(last.value).toEqual(entries.at(-1)!.stateAfter)
    expect(last.context).toEqual(entries.at(-1)!.contextAfter)
    expect((last.context as { terminals: Record<string, { presence: string }> }).terminals[T1]!.presence).toBe('offline')
    // The grace period came from the recorded context, not from the machine's default.
    expect((replay.start.context as { presenceGraceMs: number }).presenceGraceMs).toBe(1500)
  })

  it('replays the parallel terminal machine, step by step', () => {
    const events = [
      { type: 'terminal.paired', deviceId: DEVICE },
      { type: 'terminal.connected' },
      { type: 'cashier.signIn', cashierId: MANAGER },
      { type: 'terminal.disconnected' },
    ]
    const entries = journal(terminalMachine, { terminalId: T1, storeId: STORE }, events)
    const replay = replayHistory(terminalMachine, 'terminal', entries)
    expect(replay.firstMismatch).toBeNull()
    expect(replayAt(replay, 0).value).toBe('unpaired')
    expect(replayAt(replay, 3).value).toEqual({ paired: { connection: 'online', session: 'signedIn' } })
    expect(replayAt(replay, 4).value).toEqual({ paired: { connection: 'offline', session: 'signedIn' } })
    expect(replayAt(replay, 99)).toEqual(replayAt(replay, 4))
  })

  it('points at the first step whose recorded context differs from the replay', () => {
    const entries = journal(storeMachine, { storeId: STORE, presenceGraceMs: 1500 }, storeEvents)
    const tampered = structuredClone(entries)
    ;(tampered[3]!.contextAfter as { terminals: Record<string, { outboxDepth: number }> }).terminals[T1]!.outboxDepth = 7
    const replay = replayHistory(storeMachine, 'store', tampered)
    expect(replay.firstMismatch).toBe(4)
    expect(replay.steps[3]!.matchesContext).toBe(false)
    expect(replay.steps[3]!.matchesState).toBe(true)
  })

  it('flags a recorded event the machine refuses', () => {
    const entries = journal(storeMachine, { storeId: STORE }, storeEvents.slice(0, 2))
    const forged = [...entries, { ...entries[1]!, seq: 3, event: { type: 'store.close', by: MANAGER, at: '2026-04-01T05:00:00.000Z' } }]
    const replay = replayHistory(storeMachine, 'store', forged)
    expect(replay.steps[2]!.refused).toBe(true)
    expect(replay.firstMismatch).toBe(3)
  })

  it('starts from the first recorded entry when the history does not begin at seq 1', () => {
    const entries = journal(storeMachine, { storeId: STORE, presenceGraceMs: 1500 }, storeEvents)
    const replay = replayHistory(storeMachine, 'store', entries.slice(2))
    expect(replay.start.from).toEqual({ seq: 3 })
    expect(replay.start.value).toBe('open')
    expect(replay.steps.map((s) => s.seq)).toEqual([4, 5, 6])
    expect(replay.firstMismatch).toBeNull()
  })

  it('reads the input back from a recorded context, per kind', () => {
    expect(inputFromContext('store', { storeId: STORE, presenceGraceMs: 30000, status: 'open', terminals: {} })).toEqual({
      storeId: STORE,
      presenceGraceMs: 30000,
    })
    expect(inputFromContext('terminal', { terminalId: T1, storeId: STORE, cashierId: null })).toEqual({ terminalId: T1, storeId: STORE })
    expect(machineFor('store')).toBe(storeMachine)
    expect(machineFor('payment')).toBeNull()
  })
})
