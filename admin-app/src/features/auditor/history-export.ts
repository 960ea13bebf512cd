import type { JournalEntry } from '@pos/protocols'
import { eventTypeOf, type HistoryFilter } from './history-filter.ts'

/** Names for the ids in a history (users and devices of the tenant), when known. */
export interface SenderNames {
  users: ReadonlyMap<string, string>
  devices: ReadonlyMap<string, string>
}

export const CSV_COLUMNS = [
  'seq',
  'at',
  'event_type',
  'sender_user_id',
  'sender_user',
  'sender_device_id',
  'sender_device',
  'command_id',
  'state_before',
  'state_after',
  'event',
  'context_after',
  'actions',
] as const

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with a quote mark.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  let text = typeof value === 'string' ? value : JSON.stringify(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The history as CSV: a header row, then one row per transition (CRLF line ends). */
export function historyToCsv(entries: readonly JournalEntry[], names: SenderNames): string {
  const rows = entries.map((entry) =>
    [
      entry.seq,
      entry.at,
      eventTypeOf(entry),
      entry.senderUserId,
      entry.senderUserId ? (names.users.get(entry.senderUserId) ?? '') : '',
      entry.senderDeviceId,
      entry.senderDeviceId ? (names.devices.get(entry.senderDeviceId) ?? '') : '',
      entry.commandId,
      entry.stateBefore,
      entry.stateAfter,
      entry.event,
      entry.contextAfter,
      entry.actions,
    ]
      .map(csvCell)
      .join(',')
  )
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n'
}

/** The history as JSON: which actor, the filter applied, and the entries exactly as the server sent them. */
export function historyToJson(kind: string, actorId: string, entries: readonly JournalEntry[], filter: HistoryFilter, exportedAt: string): string {
  return JSON.stringify({ kind, actorId, exportedAt, filter, entries }, null, 2)
}

/** A file name for an export: `store-<id>-history.csv`. */
export function exportFileName(kind: string, actorId: string, extension: 'json' | 'csv'): string {
  return `${kind}-${actorId.replace(/[^A-Za-z0-9_-]/g, '_')}-history.${extension}`
}
