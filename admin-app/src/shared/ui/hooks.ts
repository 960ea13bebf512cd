import { useEffect, useRef, useState } from 'react'
import { ApiError } from '../api/http.ts'

/** The current time, updated every `intervalMs` (for "42 s ago" labels). */
export function useNow(intervalMs = 5000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs)
    return () => window.clearInterval(timer)
  }, [intervalMs])
  return now
}

export type Loadable<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; error: ApiError | Error }

/**
 * Loads data for a screen; `deps` decide when to load again, `reload()` forces it. A load
 * that finishes after the screen moved on is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loadable<T> & { reload: () => void } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' })
  const [round, setRound] = useState(0)
  const loadedRound = useRef<number | null>(null)
  useEffect(() => {
    let current = true
    // A reload keeps showing the data it refreshes (forms below it stay mounted); new deps do not.
    const reloading = loadedRound.current !== null && loadedRound.current !== round
    loadedRound.current = round
    if (!reloading) setState({ status: 'loading' })
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'failed', error: error instanceof Error ? error : new Error(String(error)) })
    )
    return () => {
      current = false
    }
  }, [...deps, round])
  return { ...state, reload: () => setRound((n) => n + 1) }
}
