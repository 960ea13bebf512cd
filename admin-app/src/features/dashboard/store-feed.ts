import type { CatchUpResult, FactEnvelope, StoreSnapshot, Terminal, TerminalPresence } from '@pos/protocols'
import { applySalesFact, emptySalesPicture, type SalesPicture } from './sales-picture.ts'

/*
 * The live picture of one store, folded from its facts: the terminal roster, the business
 * day, the latest facts, and facts per hour today. Facts carry a gapless per-store `seq`;
 * a fact at or below the last applied one is a repeat (catch-up overlapping live pushes)
 * and is ignored, so applying facts is idempotent.
 */

export const FEED_LENGTH = 50

export interface RosterRow extends TerminalPresence {
  kind: 'terminal' | 'station' | null
}

export interface StoreFeed {
  storeId: string
  /** The last fact sequence applied (0: none yet). */
  lastSeq: number
  status: 'open' | 'closed' | null
  roster: Record<string, RosterRow>
  /** Newest first. */
  feed: FactEnvelope[]
  /** Facts per hour of `day` (the store's calendar day, YYYY-MM-DD), from the facts this page has seen. */
  activity: { day: string; byHour: number[] }
  /** Open carts per terminal and invoices issued, from the sales facts. */
  sales: SalesPicture
}

/** The store's calendar day and hour of an instant, in its time zone. */
export function dayAndHour(iso: string, timeZone: string): { day: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso))
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00'
  return { day: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) }
}

/** A store's picture before any fact: every terminal it has, offline, with nobody signed in. */
export function initialFeed(storeId: string, terminals: readonly Terminal[], today: string): StoreFeed {
  const roster: Record<string, RosterRow> = {}
  for (const t of terminals) {
    roster[t.id] = { terminalId: t.id, name: t.name, kind: t.kind, presence: 'offline', cashierId: null, outboxDepth: 0, lastSeenAt: null }
  }
  return { storeId, lastSeq: 0, status: null, roster, feed: [], activity: { day: today, byHour: Array(24).fill(0) }, sales: emptySalesPicture() }
}

function withRow(feed: StoreFeed, terminalId: string, change: (row: RosterRow) => RosterRow): StoreFeed {
  const row: RosterRow = feed.roster[terminalId] ?? {
    terminalId: terminalId as RosterRow['terminalId'],
    name: 'Terminal',
    kind: null,
    presence: 'offline' as const,
    cashierId: null,
    outboxDepth: 0,
    lastSeenAt: null,
  }
  return { ...feed, roster: { ...feed.roster, [terminalId]: change(row) } }
}

function applyOne(feed: StoreFeed, fact: FactEnvelope, timeZone: string): StoreFeed {
  let next: StoreFeed = { ...feed, lastSeq: fact.seq, feed: [fact, ...feed.feed].slice(0, FEED_LENGTH), sales: applySalesFact(feed.sales, fact) }
  const { day, hour } = dayAndHour(fact.at, timeZone)
  if (day === next.activity.day) {
    const byHour = [...next.activity.byHour]
    byHour[hour] = (byHour[hour] ?? 0) + 1
    next = { ...next, activity: { day, byHour } }
  }
  const data = fact.data as Record<string, unknown>
  switch (fact.type) {
    case 'terminal.presenceChanged': {
      const row = fact.data as TerminalPresence
      return withRow(next, row.terminalId, (current) => ({ ...current, ...row }))
    }
    case 'terminal.outboxChanged':
      return withRow(next, String(data.terminalId), (row) => ({ ...row, outboxDepth: Number(data.depth) }))
    case 'cashier.signedIn':
      return withRow(next, String(data.terminalId), (row) => ({ ...row, cashierId: String(data.cashierId) as RosterRow['cashierId'] }))
    case 'cashier.signedOut':
      return withRow(next, String(data.terminalId), (row) => (row.cashierId === data.cashierId ? { ...row, cashierId: null } : row))
    case 'store.opened':
      return { ...next, status: 'open' }
    case 'store.closed':
      return { ...next, status: 'closed' }
    default:
      return next
  }
}

/** Applies facts of this store in sequence order; repeats and other stores' facts are ignored. */
export function applyFacts(feed: StoreFeed, facts: readonly FactEnvelope[], timeZone: string): StoreFeed {
  let next = feed
  for (const fact of [...facts].sort((a, b) => a.seq - b.seq)) {
    if (fact.storeId !== feed.storeId || fact.seq <= next.lastSeq) continue
    next = applyOne(next, fact, timeZone)
  }
  return next
}

/** Replaces the roster and day with a snapshot (sent when too many facts were missed). */
export function applySnapshot(feed: StoreFeed, snapshot: StoreSnapshot): StoreFeed {
  if (snapshot.storeId !== feed.storeId || snapshot.seq < feed.lastSeq) return feed
  const roster = { ...feed.roster }
  for (const raw of snapshot.terminals as TerminalPresence[]) {
    roster[raw.terminalId] = { ...(roster[raw.terminalId] ?? { kind: null }), ...raw }
  }
  const status = snapshot.status === 'open' || snapshot.status === 'closed' ? snapshot.status : null
  return { ...feed, roster, status, lastSeq: snapshot.seq }
}

/** A catch-up answer: the snapshot first when there is one, then the facts after it. */
export function applyCatchUp(feed: StoreFeed, result: CatchUpResult, timeZone: string): StoreFeed {
  const base = result.snapshot ? applySnapshot(feed, result.snapshot) : feed
  return applyFacts(base, result.facts, timeZone)
}

/** Roster rows in a stable order: online first, then by name. */
export function rosterRows(feed: StoreFeed): RosterRow[] {
  const rank = { online: 0, reconnecting: 1, offline: 2 } as const
  return Object.values(feed.roster).sort((a, b) => rank[a.presence] - rank[b.presence] || a.name.localeCompare(b.name))
}
