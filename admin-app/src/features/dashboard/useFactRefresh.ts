import { useEffect, useRef } from 'react'
import type { FactEnvelope } from '@pos/protocols'

/**
 * Calls `refresh` (at most once per `delayMs`) when facts of one of `types` arrive (and, with
 * `needs`, only those it says call for a refresh): `facts` is the page's newest-first fact list
 * and `lastSeq` the last one applied. Facts already seen when the hook mounted count too (the
 * first catch-up), so the data is refreshed after it.
 */
export function useFactRefresh(
  facts: readonly FactEnvelope[],
  lastSeq: number,
  types: ReadonlySet<string>,
  refresh: () => void,
  delayMs = 100,
  needs: (fact: FactEnvelope) => boolean = () => true
) {
  const seen = useRef(0)
  const timer = useRef<number | null>(null)
  const latest = useRef(refresh)
  latest.current = refresh
  const wanted = useRef(needs)
  wanted.current = needs

  useEffect(() => {
    const fresh = facts.filter((fact) => fact.seq > seen.current && types.has(fact.type) && wanted.current(fact))
    seen.current = Math.max(seen.current, lastSeq)
    if (fresh.length === 0 || timer.current !== null) return
    timer.current = window.setTimeout(() => {
      timer.current = null
      latest.current()
    }, delayMs)
  }, [facts, lastSeq, types, delayMs])

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current)
    },
    []
  )
}
