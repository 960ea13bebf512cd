import { io, type Socket } from 'socket.io-client'
import {
  FACT_NAMES,
  PROTOCOL_VERSION,
  type Ack,
  type CatchUpResult,
  type ClientToServerEvents,
  type FactEnvelope,
  type ServerToClientEvents,
  type JobProgress,
  type StoreSnapshot,
} from '@pos/protocols'

/** The typed Socket.IO client of the wire contract in `@pos/protocols`. */
export type PosSocket = Socket<ServerToClientEvents, ClientToServerEvents>

export type FeedConnection = 'connecting' | 'live' | 'reconnecting' | 'refused'

export interface StoreStreamHandlers {
  /** A catch-up answer after (re)subscribing: facts missed since `lastSeq()`, or a snapshot. */
  onCatchUp(result: CatchUpResult): void
  /** Live facts, in order, after the catch-up they follow. */
  onFacts(facts: FactEnvelope[]): void
  onSnapshot(snapshot: StoreSnapshot): void
  onConnection(state: FeedConnection, error?: { code: string; message: string }): void
}

export interface StoreStreamOptions extends StoreStreamHandlers {
  storeId: string
  /** The current access token (read again at every reconnect, so a refreshed token is used). */
  token(): string | null
  /** Called when the server refused an expired token at a reconnect; resolves once a fresh one is there. */
  renewToken(expired: string | null): Promise<string | null>
  /** The last fact sequence the page has applied. */
  lastSeq(): number
  /** Defaults to this page's origin. */
  url?: string
}

const factNames = new Set<string>(FACT_NAMES)

/**
 * Watches one store over the socket as a manager or owner: connects with the user token and
 * the store, subscribes (`store.subscribe`) from the last fact the page has, and then passes
 * on live facts. Facts pushed while a subscription is being answered are held back and
 * delivered after the catch-up, so the page always applies them in sequence order.
 */
export function watchStore(options: StoreStreamOptions): () => void {
  const socket: PosSocket = io(options.url ?? window.location.origin, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: (cb) => cb({ protocolVersion: PROTOCOL_VERSION, token: options.token() ?? '', storeId: options.storeId }),
  })
  let held: FactEnvelope[] | null = []
  let closed = false

  const subscribe = () => {
    held = []
    socket.emit('store.subscribe', { storeId: options.storeId, lastStoreSeq: options.lastSeq() }, (ack: Ack<CatchUpResult>) => {
      if (!ack.ok) {
        options.onConnection('refused', ack.error)
        socket.disconnect()
        return
      }
      options.onCatchUp(ack.data)
      const pending = held ?? []
      held = null
      if (pending.length > 0) options.onFacts(pending)
      options.onConnection('live')
    })
  }

  socket.on('connect', subscribe)
  socket.on('disconnect', (reason) => {
    // A server-side disconnect is not retried by Socket.IO: reconnect by hand.
    if (reason === 'io server disconnect') socket.connect()
    options.onConnection('reconnecting')
  })
  socket.on('connect_error', (error) => {
    const data = (error as Error & { data?: { code?: string; message?: string } }).data
    if (data?.code === 'E_AUTH_TOKEN_EXPIRED') {
      // A refused handshake is not retried by Socket.IO: retry once the session has a new token.
      options.onConnection('reconnecting')
      void options.renewToken(options.token()).then((token) => {
        if (token && !closed) socket.connect()
      })
    } else if (data?.code) options.onConnection('refused', { code: data.code, message: data.message ?? error.message })
    else options.onConnection('reconnecting')
  })
  socket.onAny((event: string, payload: unknown) => {
    if (!factNames.has(event)) return
    const fact = payload as FactEnvelope
    if (held) held.push(fact)
    else options.onFacts([fact])
  })
  socket.on('sync.snapshot', (snapshot) => options.onSnapshot(snapshot))

  options.onConnection('connecting')
  return () => {
    closed = true
    socket.removeAllListeners()
    socket.disconnect()
  }
}

/**
 * The signed-in user's own socket (no store): background jobs report their progress to it
 * (`job.progress`). Resolves once connected, so an upload started after it cannot miss a report.
 */
export function watchJobs(options: { token(): string | null; url?: string; onProgress(progress: JobProgress): void }): { ready: Promise<void>; close(): void } {
  const socket: PosSocket = io(options.url ?? window.location.origin, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: (cb) => cb({ protocolVersion: PROTOCOL_VERSION, token: options.token() ?? '' }),
  })
  socket.on('job.progress', (progress) => options.onProgress(progress))
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', (error) => reject(error))
  })
  return {
    ready,
    close: () => {
      socket.removeAllListeners()
      socket.disconnect()
    },
  }
}
