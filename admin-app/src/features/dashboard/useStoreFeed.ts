import { useEffect, useRef, useState } from 'react'
import type { Store, Terminal } from '@pos/protocols'
import { useTokenSource } from '../auth/session-context.tsx'
import { watchStore, type FeedConnection } from '../../shared/socket/pos-socket.ts'
import { applyCatchUp, applyFacts, applySnapshot, dayAndHour, initialFeed, type StoreFeed } from './store-feed.ts'

export interface StoreFeedState {
  feed: StoreFeed
  connection: FeedConnection
  error: { code: string; message: string } | null
}

/**
 * The live picture of a store: starts from its terminals (all offline), then the socket's
 * catch-up from the first fact (or a snapshot) and every live fact after it. The feed lives
 * in a ref, so the sequence the socket resumes from is always the last one applied.
 */
export function useStoreFeed(store: Store, terminals: Terminal[] | null): StoreFeedState {
  const tokens = useTokenSource()
  const feedRef = useRef<StoreFeed | null>(null)
  const [, setVersion] = useState(0)
  const [connection, setConnection] = useState<{ state: FeedConnection; error: { code: string; message: string } | null }>({
    state: 'connecting',
    error: null,
  })

  useEffect(() => {
    if (!terminals) return
    const timeZone = store.timezone
    feedRef.current = initialFeed(store.id, terminals, dayAndHour(new Date().toISOString(), timeZone).day)
    setVersion((v) => v + 1)
    const update = (change: (feed: StoreFeed) => StoreFeed) => {
      if (!feedRef.current) return
      feedRef.current = change(feedRef.current)
      setVersion((v) => v + 1)
    }
    return watchStore({
      storeId: store.id,
      token: tokens.token,
      renewToken: tokens.renewToken,
      lastSeq: () => feedRef.current?.lastSeq ?? 0,
      onCatchUp: (result) => update((feed) => applyCatchUp(feed, result, timeZone)),
      onFacts: (facts) => update((feed) => applyFacts(feed, facts, timeZone)),
      onSnapshot: (snapshot) => update((feed) => applySnapshot(feed, snapshot)),
      onConnection: (state, error) => setConnection({ state, error: error ?? null }),
    })
  }, [store.id, store.timezone, terminals, tokens])

  const feed = feedRef.current ?? initialFeed(store.id, terminals ?? [], '')
  return { feed, connection: connection.state, error: connection.error }
}
