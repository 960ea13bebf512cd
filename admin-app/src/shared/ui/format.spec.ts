import { describe, expect, it } from 'vitest'
import { formatAgo, formatDateTime, formatTime } from './format.ts'

describe('time formatting', () => {
  it('shows times in the store zone', () => {
    expect(formatTime('2026-04-01T08:35:09.000Z', 'Asia/Kolkata')).toBe('14:05:09')
    expect(formatDateTime('2026-04-01T08:35:09.000Z', 'Asia/Kolkata')).toMatch(/^1 Apr 2026, 14:05:09$/)
    expect(formatTime(null, 'Asia/Kolkata')).toBe('—')
  })

  it('says how long ago', () => {
    const now = Date.parse('2026-04-01T10:00:00.000Z')
    expect(formatAgo('2026-04-01T09:59:58.000Z', now)).toBe('just now')
    expect(formatAgo('2026-04-01T09:59:18.000Z', now)).toBe('42 s ago')
    expect(formatAgo('2026-04-01T09:55:00.000Z', now)).toBe('5 min ago')
    expect(formatAgo('2026-04-01T07:00:00.000Z', now)).toBe('3 h ago')
    expect(formatAgo(null, now)).toBe('never')
  })
})
