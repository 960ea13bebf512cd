import { describe, expect, it } from 'vitest'
import { initialTransition, transition, type AnyStateMachine } from 'xstate'
import { saleMachine, shiftMachine, storeMachine, terminalMachine } from '@pos/state-machines'
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

describe('replaying sales and shifts (actors the server starts from their id only)', () => {
  const SALE = '0190a000-0000-7000-8000-0000000000f1'
  const SHIFT = '0190a000-0000-7000-8000-0000000000f2'
  const serverSaleInput = inputFromContext('sale', { saleId: SALE })
  const saleEvents = [
    {
      type: 'sale.start',
      storeId: STORE,
      terminalId: T1,
      cashierId: MANAGER,
      supplierStateCode: '29',
      pricesIncludeTax: true,
      composition: false,
      limits: { maxLineDiscountPercent: '10', maxBillDiscountPercent: '5', priceOverride: false },
    },
    { type: 'sale.addLine', line: { lineId: 'l1', itemId: 'item-1', sku: 'SHMP-1', name: 'Shampoo', hsn: '3305', quantity: '2', unitPricePaise: 11_800, ratePercent: '18' } },
    { type: 'sale.startTender' },
    { type: 'sale.addTender', tender: { tenderId: 't1', method: 'cash', amountPaise: 25_000 } },
    { type: 'sale.complete', invoiceNumber: 'S1T1/2526/000001' },
  ]

  it('a sale starts in `new` with the placeholders of the server, and replays to `completed`', () => {
    expect(serverSaleInput).toMatchObject({ saleId: SALE, storeId: '', terminalId: '', cashierId: '' })
    const entries = journal(saleMachine, serverSaleInput, saleEvents)
    const replay = replayHistory(machineFor('sale')!, 'sale', entries)
    expect(replay.start.value).toBe('new')
    expect(replay.firstMismatch).toBeNull()
    expect(replay.steps.map((s) => s.value)).toEqual([{ cart: 'active' }, { cart: 'active' }, 'tendering', 'tendering', 'completed'])
    expect(replay.steps.at(-1)!.context).toEqual(entries.at(-1)!.contextAfter)
    // The input read back from the last recorded context is still the server's (id only).
    expect(inputFromContext('sale', entries.at(-1)!.contextAfter)).toEqual(serverSaleInput)
  })

  it('a shift replays from its id to closed', () => {
    const entries = journal(shiftMachine, { shiftId: SHIFT }, [
      { type: 'shift.open', storeId: STORE, terminalId: T1, openedBy: MANAGER, cashCount: { '50000': 4 } },
      { type: 'shift.moveCash', movementId: 'm1', direction: 'out', amountPaise: 50_000, reason: 'safe drop', by: MANAGER },
      { type: 'shift.close', by: MANAGER, cashCount: { '50000': 3 }, unsyncedCommands: 0 },
    ])
    expect(inputFromContext('shift', entries[0]!.contextAfter)).toEqual({ shiftId: SHIFT })
    const replay = replayHistory(machineFor('shift')!, 'shift', entries)
    expect(replay.firstMismatch).toBeNull()
    expect(replay.steps.at(-1)!.value).toEqual(entries.at(-1)!.stateAfter)
    expect(replay.steps.at(-1)!.context).toEqual(entries.at(-1)!.contextAfter)
  })

  it('reports the first step where a tampered sale journal differs', () => {
    const entries = journal(saleMachine, serverSaleInput, saleEvents)
    const tampered = entries.map((e) => (e.seq === 2 ? { ...e, contextAfter: { ...(e.contextAfter as object), billDiscountPaise: 100 } } : e))
    expect(replayHistory(saleMachine, 'sale', tampered).firstMismatch).toBe(2)
  })
})
