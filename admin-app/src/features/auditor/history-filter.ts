import type { JournalEntry } from '@pos/protocols'

/** What the auditor narrows a history to; empty fields do not filter. */
export interface HistoryFilter {
  eventType: string
  userId: string
  deviceId: string
  /** ISO instants (inclusive from, exclusive to), or ''. */
  from: string
  to: string
}

export const NO_FILTER: HistoryFilter = { eventType: '', userId: '', deviceId: '', from: '', to: '' }

/** The special sender values of the user and device filters. */
export const SYSTEM_SENDER = '(none)'

export const eventTypeOf = (entry: JournalEntry) => String(entry.event.type ?? '')

/** The entries that pass every set filter, in their order. */
export function filterEntries(entries: readonly JournalEntry[], filter: HistoryFilter): JournalEntry[] {
  const from = filter.from ? Date.parse(filter.from) : null
  const to = filter.to ? Date.parse(filter.to) : null
  const sender = (wanted: string, actual: string | null) => !wanted || (wanted === SYSTEM_SENDER ? actual === null : actual === wanted)
  return entries.filter((entry) => {
    if (filter.eventType && eventTypeOf(entry) !== filter.eventType) return false
    if (!sender(filter.userId, entry.senderUserId)) return false
    if (!sender(filter.deviceId, entry.senderDeviceId)) return false
    const at = Date.parse(entry.at)
    if (from !== null && at < from) return false
    if (to !== null && at >= to) return false
    return true
  })
}

/** The distinct values a history offers for each filter, sorted. */
export function filterOptions(entries: readonly JournalEntry[]) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort()
  return {
    eventTypes: sorted(entries.map(eventTypeOf)),
    userIds: sorted(entries.map((e) => e.senderUserId ?? SYSTEM_SENDER)),
    deviceIds: sorted(entries.map((e) => e.senderDeviceId ?? SYSTEM_SENDER)),
  }
}
