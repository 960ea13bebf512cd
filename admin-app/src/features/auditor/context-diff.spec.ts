import { describe, expect, it } from 'vitest'
import { diffContext, jsonEqual } from './context-diff.ts'

describe('diffContext', () => {
  it('finds nothing between equal values, whatever the key order', () => {
    expect(diffContext({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([])
    expect(jsonEqual({ a: null }, { a: null })).toBe(true)
  })

  it('reports a changed leaf with its full path', () => {
    const before = { status: 'closed', terminals: { t1: { presence: 'offline', outboxDepth: 0 } } }
    const after = { status: 'open', terminals: { t1: { presence: 'online', outboxDepth: 0 } } }
    expect(diffContext(before, after)).toEqual([
      { path: 'status', kind: 'changed', before: 'closed', after: 'open' },
      { path: 'terminals.t1.presence', kind: 'changed', before: 'offline', after: 'online' },
    ])
  })

  it('reports added and removed keys with their values', () => {
    const entry = { terminalId: 't2', presence: 'offline' }
    expect(diffContext({ terminals: {} }, { terminals: { t2: entry } })).toEqual([{ path: 'terminals.t2', kind: 'added', after: entry }])
    expect(diffContext({ a: 1, b: 2 }, { a: 1 })).toEqual([{ path: 'b', kind: 'removed', before: 2 }])
  })

  it('treats undefined like an absent key, as JSON does', () => {
    expect(diffContext({ a: 1, b: undefined }, { a: 1 })).toEqual([])
  })

  it('compares arrays index by index', () => {
    expect(diffContext({ lines: [{ q: '1' }] }, { lines: [{ q: '2' }, { q: '1' }] })).toEqual([
      { path: 'lines[0].q', kind: 'changed', before: '1', after: '2' },
      { path: 'lines[1]', kind: 'added', after: { q: '1' } },
    ])
    expect(diffContext([1, 2, 3], [1])).toEqual([
      { path: '[1]', kind: 'removed', before: 2 },
      { path: '[2]', kind: 'removed', before: 3 },
    ])
  })

  it('reports a change of type as a change, not a recursion', () => {
    expect(diffContext({ openedAt: null }, { openedAt: '2026-04-01T03:30:00.000Z' })).toEqual([
      { path: 'openedAt', kind: 'changed', before: null, after: '2026-04-01T03:30:00.000Z' },
    ])
    expect(diffContext({ x: [1] }, { x: { 0: 1 } })).toEqual([{ path: 'x', kind: 'changed', before: [1], after: { 0: 1 } }])
  })

  it('diffs whole values at the top', () => {
    expect(diffContext(undefined, { a: 1 })).toEqual([{ path: '', kind: 'added', after: { a: 1 } }])
    expect(diffContext(1, 2)).toEqual([{ path: '', kind: 'changed', before: 1, after: 2 }])
  })
})
