import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { useLoad } from './hooks.ts'

afterEach(cleanup)

/** A load whose answers the test hands out one by one. */
function controlled<T>() {
  const pending: Array<{ resolve: (v: T) => void; reject: (e: Error) => void }> = []
  const load = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }))
  return { load, pending }
}

describe('useLoad', () => {
  it('goes from loading to the data', async () => {
    const source = controlled<string>()
    const { result } = renderHook(() => useLoad(source.load, []))
    expect(result.current.status).toBe('loading')
    await act(async () => source.pending[0]!.resolve('stores'))
    expect(result.current).toMatchObject({ status: 'ready', data: 'stores' })
  })

  it('keeps showing the data while it reloads, then shows the new data', async () => {
    const source = controlled<string>()
    const { result } = renderHook(() => useLoad(source.load, []))
    await act(async () => source.pending[0]!.resolve('three users'))
    act(() => result.current.reload())
    expect(result.current).toMatchObject({ status: 'ready', data: 'three users' })
    await waitFor(() => expect(source.pending).toHaveLength(2))
    await act(async () => source.pending[1]!.resolve('four users'))
    expect(result.current).toMatchObject({ status: 'ready', data: 'four users' })
  })

  it('starts over when its inputs change, and drops an answer that came too late', async () => {
    const source = controlled<string>()
    const { result, rerender } = renderHook(({ id }) => useLoad(source.load, [id]), { initialProps: { id: 'store-1' } })
    await act(async () => source.pending[0]!.resolve('store 1'))
    rerender({ id: 'store-2' })
    expect(result.current.status).toBe('loading')
    rerender({ id: 'store-3' })
    await act(async () => source.pending[1]!.resolve('store 2, late'))
    expect(result.current.status).toBe('loading')
    await act(async () => source.pending[2]!.resolve('store 3'))
    expect(result.current).toMatchObject({ status: 'ready', data: 'store 3' })
  })

  it('reports a failure', async () => {
    const source = controlled<string>()
    const { result } = renderHook(() => useLoad(source.load, []))
    await act(async () => source.pending[0]!.reject(new Error('offline')))
    expect(result.current.status).toBe('failed')
    expect(result.current.status === 'failed' && result.current.error.message).toBe('offline')
  })
})
