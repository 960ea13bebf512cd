import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine, type StateValue } from 'xstate'
import { MACHINES, saleActorInput } from '@pos/state-machines'
import type { JournalEntry } from '@pos/protocols'
import { jsonEqual } from './context-diff.ts'

/*
 * Replays an actor's journal in the browser with the same pure machine the server runs
 * (`@pos/state-machines`): XState's `transition()` from the actor's start, one recorded event
 * after another, checking each step against what the server recorded.
 */

/** The machine of an actor kind, or null for a kind the app has no machine for. */
export function machineFor(kind: string): AnyStateMachine | null {
  return (MACHINES as Record<string, AnyStateMachine>)[kind] ?? null
}

/**
 * The keys of each kind's context that come from its input (and never change afterwards),
 * so the input can be read back from any recorded context of the actor.
 */
const INPUT_KEYS: Record<string, readonly string[]> = {
  store: ['storeId', 'presenceGraceMs'],
  terminal: ['terminalId', 'storeId'],
}

/**
 * Kinds the server starts knowing only their id (the first command says the rest): their input
 * is the id and the same placeholders the server's actor kind uses (`server/modules/sales/actors`).
 */
const ID_ONLY_INPUTS: Record<string, (context: Record<string, unknown>) => Record<string, unknown>> = {
  sale: (context) => ({ ...saleActorInput(String(context.saleId)) }),
  shift: (context) => ({ shiftId: context.shiftId }),
}

/** The input the host started the actor with, read back from a context it recorded. */
export function inputFromContext(kind: string, context: unknown): Record<string, unknown> {
  const source = (context ?? {}) as Record<string, unknown>
  const idOnly = ID_ONLY_INPUTS[kind]
  if (idOnly) return idOnly(source)
  const keys = INPUT_KEYS[kind] ?? []
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]))
}

/** JSON as the journal stores it: `undefined` fields dropped, dates as strings. */
const asJson = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)))

export interface ReplayAction {
  type: string
  params: unknown
}

export interface ReplayStep {
  seq: number
  event: Record<string, unknown>
  /** The replayed state and context after this event. */
  value: StateValue
  context: unknown
  actions: ReplayAction[]
  /** The machine did not take the recorded event (the server did): a divergence. */
  refused: boolean
  matchesState: boolean
  matchesContext: boolean
  matchesActions: boolean
}

export interface Replay {
  kind: string
  /** Where the replay started: the machine's initial state from the read-back input, or a recorded entry. */
  start: { value: StateValue; context: unknown; from: 'input' | { seq: number } }
  steps: ReplayStep[]
  /** Seq of the first step that differs from the server's record; null when every step matches. */
  firstMismatch: number | null
}

const stepMatches = (step: ReplayStep) => !step.refused && step.matchesState && step.matchesContext && step.matchesActions

/**
 * Replays `entries` (oldest first, consecutive) of an actor. From seq 1 the replay starts at
 * the machine's initial state, with the input read back from the first recorded context.
 * A history that starts later (a page, or a pruned journal) starts from its first entry's
 * recorded state and context, and replays the entries after it.
 */
export function replayHistory(machine: AnyStateMachine, kind: string, entries: readonly JournalEntry[]): Replay {
  const first = entries[0]
  if (!first) {
    const [initial] = initialTransition(machine, {} as never)
    return { kind, start: { value: initial.value, context: asJson(initial.context), from: 'input' }, steps: [], firstMismatch: null }
  }
  let snapshot: AnyMachineSnapshot
  let rest: readonly JournalEntry[]
  let from: Replay['start']['from']
  if (first.seq === 1) {
    snapshot = initialTransition(machine, inputFromContext(kind, first.contextAfter) as never)[0]
    rest = entries
    from = 'input'
  } else {
    snapshot = machine.resolveState({ value: first.stateAfter as StateValue, context: first.contextAfter as never })
    rest = entries.slice(1)
    from = { seq: first.seq }
  }
  const start = { value: snapshot.value, context: asJson(snapshot.context), from }

  const steps: ReplayStep[] = []
  let firstMismatch: number | null = null
  for (const entry of rest) {
    const [next, actions] = transition(machine, snapshot, entry.event as never)
    const replayedActions = actions.map((action) => ({ type: action.type, params: asJson((action as { params?: unknown }).params ?? null) }))
    const step: ReplayStep = {
      seq: entry.seq,
      event: entry.event,
      value: next.value,
      context: asJson(next.context),
      actions: replayedActions,
      refused: next === snapshot,
      matchesState: jsonEqual(next.value, entry.stateAfter),
      matchesContext: jsonEqual(asJson(next.context), entry.contextAfter),
      matchesActions: jsonEqual(replayedActions, entry.actions),
    }
    steps.push(step)
    if (firstMismatch === null && !stepMatches(step)) firstMismatch = entry.seq
    snapshot = next
  }
  return { kind, start, steps, firstMismatch }
}

/** The replayed state and context after `index` steps (0: the start). */
export function replayAt(replay: Replay, index: number): { value: StateValue; context: unknown } {
  if (index <= 0) return replay.start
  const step = replay.steps[Math.min(index, replay.steps.length) - 1]!
  return { value: step.value, context: step.context }
}
