import { describe, expect, it } from 'vitest'
import { deviceIdSchema, userIdSchema, type JournalEntry } from '@pos/protocols'
import { CSV_COLUMNS, csvCell, exportFileName, historyToCsv, historyToJson } from './history-export.ts'
import { NO_FILTER, SYSTEM_SENDER, filterEntries, filterOptions } from './history-filter.ts'

const USER = '0190a000-0000-7000-8000-0000000000d1'
const DEVICE = '0190a000-0000-7000-8000-0000000000c1'

const entry = (seq: number, type: string, at: string, sender: { user?: string; device?: string }, extra: Record<string, unknown> = {}): JournalEntry => ({
  seq,
  at,
  event: { type, ...extra },
  stateBefore: 'closed',
  stateAfter: type === 'store.open' ? 'open' : 'closed',
  contextAfter: { storeId: 's', note: 'a, "quoted" note' },
  actions: [],
  senderUserId: sender.user ? userIdSchema.parse(sender.user) : null,
  senderDeviceId: sender.device ? deviceIdSchema.parse(sender.device) : null,
  commandId: null,
})

const history = [
  entry(1, 'terminal.register', '2026-04-01T04:00:00.000Z', { device: DEVICE }),
  entry(2, 'terminal.connected', '2026-04-01T04:05:00.000Z', { device: DEVICE }),
  entry(3, 'store.open', '2026-04-01T05:00:00.000Z', { user: USER }),
  entry(4, 'terminal.graceExpired', '2026-04-01T06:00:00.000Z', {}),
]

describe('filterEntries', () => {
  it('keeps everything without a filter', () => {
    expect(filterEntries(history, NO_FILTER).map((e) => e.seq)).toEqual([1, 2, 3, 4])
  })

  it('filters by event type, user, device and time', () => {
    expect(filterEntries(history, { ...NO_FILTER, eventType: 'store.open' }).map((e) => e.seq)).toEqual([3])
    expect(filterEntries(history, { ...NO_FILTER, userId: USER }).map((e) => e.seq)).toEqual([3])
    expect(filterEntries(history, { ...NO_FILTER, deviceId: DEVICE }).map((e) => e.seq)).toEqual([1, 2])
    expect(filterEntries(history, { ...NO_FILTER, deviceId: SYSTEM_SENDER, userId: SYSTEM_SENDER }).map((e) => e.seq)).toEqual([4])
    expect(filterEntries(history, { ...NO_FILTER, from: '2026-04-01T04:05:00.000Z', to: '2026-04-01T06:00:00.000Z' }).map((e) => e.seq)).toEqual([2, 3])
  })

  it('offers the distinct values present', () => {
    expect(filterOptions(history)).toEqual({
      eventTypes: ['store.open', 'terminal.connected', 'terminal.graceExpired', 'terminal.register'],
      userIds: [SYSTEM_SENDER, USER],
      deviceIds: [SYSTEM_SENDER, DEVICE],
    })
  })
})

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(42)).toBe('42')
  })

  it('defuses spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvCell('+91 99')).toBe("'+91 99")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell(-5)).toBe('-5')
  })

  it('writes a header and one row per transition, with sender names', () => {
    const csv = historyToCsv(history, { users: new Map([[USER, 'Meena Rao']]), devices: new Map([[DEVICE, 'Counter 1']]) })
    const lines = csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe(CSV_COLUMNS.join(','))
    expect(lines).toHaveLength(5)
    expect(lines[1]!.startsWith(`1,2026-04-01T04:00:00.000Z,terminal.register,,,${DEVICE},Counter 1,,closed,closed,`)).toBe(true)
    expect(lines[3]!.startsWith(`3,2026-04-01T05:00:00.000Z,store.open,${USER},Meena Rao,,,,closed,open,`)).toBe(true)
    expect(lines[3]).toContain('"{""type"":""store.open""}"')
    expect(lines[3]).toContain('"{""storeId"":""s"",""note"":""a, \\""quoted\\"" note""}"')
  })
})

describe('JSON export', () => {
  it('keeps the entries exactly and says what was filtered', () => {
    const text = historyToJson('store', 's1', history.slice(0, 2), { ...NO_FILTER, deviceId: DEVICE }, '2026-04-02T00:00:00.000Z')
    const parsed = JSON.parse(text)
    expect(parsed.entries).toEqual(history.slice(0, 2))
    expect(parsed.filter.deviceId).toBe(DEVICE)
    expect(parsed.kind).toBe('store')
    expect(exportFileName('store', 's1', 'json')).toBe('store-s1-history.json')
    expect(exportFileName('sale', '../x', 'csv')).toBe('sale-___x-history.csv')
  })
})
