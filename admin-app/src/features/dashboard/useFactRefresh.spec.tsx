import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderHook } from '@testing-library/react'
import type { FactEnvelope } from '@pos/protocols'
import { useFactRefresh } from './useFactRefresh.ts'

const fact = (seq: number, type: string) => ({ storeId: 's', seq, at: '2026-04-01T05:00:00Z', type, data: {} }) as unknown as FactEnvelope
const TYPES = new Set(['invoice.issued'])

describe('useFactRefresh', () => {
  afterEach(() => vi.useRealTimers())

  it('refreshes once per burst of matching facts, and not for other facts', () => {
    vi.useFakeTimers()
    const refresh = vi.fn()
    const { rerender } = renderHook(({ facts, lastSeq }) => useFactRefresh(facts, lastSeq, TYPES, refresh, 100), {
      initialProps: { facts: [] as FactEnvelope[], lastSeq: 0 },
    })
    rerender({ facts: [fact(1, 'terminal.connected')], lastSeq: 1 })
    vi.advanceTimersByTime(200)
    expect(refresh).not.toHaveBeenCalled()

    rerender({ facts: [fact(2, 'invoice.issued'), fact(1, 'terminal.connected')], lastSeq: 2 })
    rerender({ facts: [fact(3, 'invoice.issued'), fact(2, 'invoice.issued'), fact(1, 'terminal.connected')], lastSeq: 3 })
    vi.advanceTimersByTime(100)
    expect(refresh).toHaveBeenCalledTimes(1)

    // The same facts again (a re-render) are not new.
    rerender({ facts: [fact(3, 'invoice.issued'), fact(2, 'invoice.issued'), fact(1, 'terminal.connected')], lastSeq: 3 })
    vi.advanceTimersByTime(200)
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('with a predicate, refreshes only for the facts it says need it (an item not known yet)', () => {
    vi.useFakeTimers()
    const refresh = vi.fn()
    const known = new Set(['soap'])
    const stock = (seq: number, itemId: string) => ({ ...fact(seq, 'stock.changed'), data: { itemId } }) as unknown as FactEnvelope
    const needs = (f: FactEnvelope) => !known.has(String((f.data as { itemId: string }).itemId))
    const { rerender } = renderHook(({ facts, lastSeq }) => useFactRefresh(facts, lastSeq, new Set(['stock.changed']), refresh, 100, needs), {
      initialProps: { facts: [] as FactEnvelope[], lastSeq: 0 },
    })
    rerender({ facts: [stock(1, 'soap')], lastSeq: 1 })
    vi.advanceTimersByTime(200)
    expect(refresh).not.toHaveBeenCalled()

    rerender({ facts: [stock(2, 'rice'), stock(1, 'soap')], lastSeq: 2 })
    vi.advanceTimersByTime(100)
    expect(refresh).toHaveBeenCalledTimes(1)
  })
})
