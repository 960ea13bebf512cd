import { describe, expect, it } from 'vitest'
import { storeIdSchema, terminalIdSchema, userIdSchema, type FactEnvelope, type Terminal } from '@pos/protocols'
import { FEED_LENGTH, applyCatchUp, applyFacts, dayAndHour, initialFeed, rosterRows } from './store-feed.ts'

const STORE = storeIdSchema.parse('0190a000-0000-7000-8000-0000000000a1')
const T1 = terminalIdSchema.parse('0190a000-0000-7000-8000-0000000000b1')
const T2 = terminalIdSchema.parse('0190a000-0000-7000-8000-0000000000b2')
const CASHIER = userIdSchema.parse('0190a000-0000-7000-8000-0000000000e1')
const TZ = 'Asia/Kolkata'

const terminals: Terminal[] = [
  { id: T1, storeId: STORE, name: 'Counter 1', invoicePrefix: 'S1T', kind: 'terminal' },
  { id: T2, storeId: STORE, name: 'Kitchen', invoicePrefix: 'S1K', kind: 'station' },
]

const presence = (seq: number, at: string, row: Partial<FactEnvelope<'terminal.presenceChanged'>['data']>): FactEnvelope => ({
  storeId: STORE,
  seq,
  at,
  type: 'terminal.presenceChanged',
  data: { terminalId: T1, name: 'Counter 1', presence: 'online', cashierId: null, outboxDepth: 0, lastSeenAt: at, ...row },
})

describe('store feed', () => {
  it('starts with every terminal offline', () => {
    const feed = initialFeed(STORE, terminals, '2026-04-01')
    expect(rosterRows(feed).map((r) => [r.name, r.presence, r.kind])).toEqual([
      ['Counter 1', 'offline', 'terminal'],
      ['Kitchen', 'offline', 'station'],
    ])
  })

  it('applies presence, outbox and cashier facts to the roster', () => {
    let feed = initialFeed(STORE, terminals, '2026-04-01')
    feed = applyFacts(feed, [presence(1, '2026-04-01T04:00:00.000Z', { presence: 'online' })], TZ)
    feed = applyFacts(feed, [{ storeId: STORE, seq: 2, at: '2026-04-01T04:01:00.000Z', type: 'terminal.outboxChanged', data: { terminalId: T1, depth: 4, at: '2026-04-01T04:01:00.000Z' } }], TZ)
    feed = applyFacts(feed, [{ storeId: STORE, seq: 3, at: '2026-04-01T04:02:00.000Z', type: 'cashier.signedIn', data: { terminalId: T1, cashierId: CASHIER, at: '2026-04-01T04:02:00.000Z' } }], TZ)
    const row = feed.roster[T1]!
    expect([row.presence, row.outboxDepth, row.cashierId, row.lastSeenAt]).toEqual(['online', 4, CASHIER, '2026-04-01T04:00:00.000Z'])
    expect(feed.lastSeq).toBe(3)
    expect(feed.feed.map((f) => f.seq)).toEqual([3, 2, 1])
  })

  it('ignores repeats and applies out-of-order facts in sequence order', () => {
    let feed = initialFeed(STORE, terminals, '2026-04-01')
    feed = applyFacts(
      feed,
      [presence(2, '2026-04-01T04:05:00.000Z', { presence: 'reconnecting' }), presence(1, '2026-04-01T04:00:00.000Z', { presence: 'online' })],
      TZ
    )
    expect(feed.roster[T1]!.presence).toBe('reconnecting')
    feed = applyFacts(feed, [presence(1, '2026-04-01T04:00:00.000Z', { presence: 'online' })], TZ)
    expect(feed.roster[T1]!.presence).toBe('reconnecting')
    expect(feed.feed).toHaveLength(2)
  })

  it('ignores facts of another store', () => {
    const feed = applyFacts(initialFeed(STORE, terminals, '2026-04-01'), [{ ...presence(1, '2026-04-01T04:00:00.000Z', {}), storeId: 'other' }], TZ)
    expect(feed.lastSeq).toBe(0)
    expect(feed.roster[T1]!.presence).toBe('offline')
  })

  it('follows the business day', () => {
    let feed = initialFeed(STORE, terminals, '2026-04-01')
    feed = applyFacts(feed, [{ storeId: STORE, seq: 1, at: '2026-04-01T03:30:00.000Z', type: 'store.opened', data: { at: '2026-04-01T03:30:00.000Z', by: null } }], TZ)
    expect(feed.status).toBe('open')
    feed = applyFacts(feed, [{ storeId: STORE, seq: 2, at: '2026-04-01T15:30:00.000Z', type: 'store.closed', data: { at: '2026-04-01T15:30:00.000Z', by: null, forced: false, reason: null } }], TZ)
    expect(feed.status).toBe('closed')
  })

  it("counts today's facts by the store's local hour", () => {
    expect(dayAndHour('2026-04-01T18:45:00.000Z', TZ)).toEqual({ day: '2026-04-02', hour: 0 })
    let feed = initialFeed(STORE, terminals, '2026-04-01')
    feed = applyFacts(
      feed,
      [
        presence(1, '2026-03-31T23:00:00.000Z', {}), // 04:30 IST on 1 April
        presence(2, '2026-04-01T04:00:00.000Z', {}), // 09:30 IST
        presence(3, '2026-04-01T04:20:00.000Z', {}), // 09:50 IST
        presence(4, '2026-04-01T18:45:00.000Z', {}), // 00:15 IST on 2 April: another day
      ],
      TZ
    )
    expect(feed.activity.byHour[4]).toBe(1)
    expect(feed.activity.byHour[9]).toBe(2)
    expect(feed.activity.byHour.reduce((a, b) => a + b, 0)).toBe(3)
  })

  it('keeps the latest facts only', () => {
    const facts = Array.from({ length: FEED_LENGTH + 5 }, (_, i) => presence(i + 1, '2026-04-01T04:00:00.000Z', {}))
    const feed = applyFacts(initialFeed(STORE, terminals, '2026-04-01'), facts, TZ)
    expect(feed.feed).toHaveLength(FEED_LENGTH)
    expect(feed.feed[0]!.seq).toBe(FEED_LENGTH + 5)
  })

  it('takes a snapshot, then the facts after it', () => {
    const feed = applyCatchUp(
      initialFeed(STORE, terminals, '2026-04-01'),
      {
        storeId: STORE,
        latestSeq: 701,
        facts: [presence(701, '2026-04-01T04:00:00.000Z', { presence: 'reconnecting' })],
        snapshot: {
          storeId: STORE,
          seq: 700,
          status: 'open',
          terminals: [{ terminalId: T1, name: 'Counter 1', presence: 'online', cashierId: CASHIER, outboxDepth: 2, lastSeenAt: '2026-04-01T03:59:00.000Z' }],
        },
      },
      TZ
    )
    expect(feed.status).toBe('open')
    expect(feed.lastSeq).toBe(701)
    expect(feed.roster[T1]!.presence).toBe('reconnecting')
    expect(feed.roster[T1]!.kind).toBe('terminal')
  })
})
