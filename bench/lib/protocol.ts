/** Messages between the bench coordinator (bench/run.ts) and the load generator (bench/loadgen.ts). */
import type { Summary } from './stats.js'

export interface LoadClient {
  /** Stable identity of the client across scenarios (its clientSeq state is kept under it). */
  key: string
  auth: Record<string, unknown>
}

export interface LoadSpec {
  id: string
  label: string
  /** Socket i connects to urls[i % urls.length]. */
  urls: string[]
  clients: LoadClient[]
  warmupMs: number
  measureMs: number
  /** Each socket sends at most this many commands per second (closed loop, one in flight). */
  ratePerSocket: number
  ackTimeoutMs: number
  connectBatch: number
  connectTimeoutMs: number
  primeTimeoutMs: number
  /** 'change': each report flips the outbox depth (a fact is pushed to the store room); 'same': depth 0 always. */
  depthMode: 'change' | 'same'
  /** Number commands per terminal (clientSeq) as real terminals do. */
  clientSeq: boolean
}

export interface PerUrl {
  url: string
  sockets: number
  acked: number
  latencyMs: Summary | null
}

export interface LoadResult {
  label: string
  sockets: number
  connected: number
  connectFailed: number
  connectErrors: Record<string, number>
  connectMs: number
  primeMs: number
  primeFailed: number
  windowMs: number
  acked: number
  throughputPerS: number
  offeredCapPerS: number
  latencyMs: Summary | null
  /** Failed acks in the window, by error code (rate limits included as E_RATE_LIMITED). */
  errors: Record<string, number>
  timeouts: number
  clientSeqResyncs: number
  disconnects: number
  /** Commands still awaiting their ack when the window closed (abandoned, not counted). */
  unfinishedAtWindowEnd: number
  /** Server pushes (facts) received by all sockets during the window. */
  pushesReceived: number
  loadgenCpuMs: number
  perUrl: PerUrl[]
}

export type ToLoadgen = { type: 'run'; spec: LoadSpec } | { type: 'exit' }
export type FromLoadgen =
  | { type: 'ready' }
  /** The measurement window opens or closes (the coordinator samples server CPU then). */
  | { type: 'window'; id: string; edge: 'start' | 'end' }
  | { type: 'result'; id: string; result: LoadResult }
  | { type: 'error'; id: string; message: string }
