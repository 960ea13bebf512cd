/*
 * The load generator: a child process of bench/run.ts (IPC). For each scenario
 * it opens N real socket.io-client sockets (WebSocket transport, connected in
 * batches), primes each with one command, then every socket runs a closed loop
 * (send `terminal.reportOutbox` with a fresh UUID v7 commandId, await the ack,
 * repeat) paced to at most `ratePerSocket` commands/s. Latency is measured per
 * ack with performance.now(); acks completing inside the measurement window
 * count. The same code drives the POS nodes and the bare echo server.
 */
import type { Socket } from 'socket.io-client'
import { v7 as uuidv7 } from 'uuid'
import type { FromLoadgen, LoadResult, LoadSpec, PerUrl, ToLoadgen } from './lib/protocol.js'
import { Samples, sleep, summarize } from './lib/stats.js'
import { connectSocket } from './lib/socket.js'

const COMMAND = 'terminal.reportOutbox'

/** Next clientSeq per client key, kept across scenarios (terminals are reused). */
const nextSeq = new Map<string, number>()

interface Client {
  key: string
  url: string
  socket: Socket | null
  depth: number
  alive: boolean
}

function send(message: FromLoadgen) {
  process.send?.(message)
}

process.on('message', (raw: ToLoadgen) => {
  if (raw.type === 'exit') process.exit(0)
  if (raw.type === 'run') {
    runScenario(raw.spec).then(
      (result) => send({ type: 'result', id: raw.spec.id, result }),
      (error: Error) => send({ type: 'error', id: raw.spec.id, message: error.stack ?? String(error) })
    )
  }
})
process.on('disconnect', () => process.exit(0))
send({ type: 'ready' })


type Ack = { ok: true; data: unknown } | { ok: false; error: { code: string; message?: string; details?: { expected?: number } } }

async function runScenario(spec: LoadSpec): Promise<LoadResult> {
  const clients: Client[] = spec.clients.map((c, i) => ({ key: c.key, url: spec.urls[i % spec.urls.length]!, socket: null, depth: 0, alive: false }))
  const connectErrors: Record<string, number> = {}
  let pushes = 0
  let counting = false
  let disconnects = 0

  // 1. Connect in batches.
  const connectStart = performance.now()
  for (let i = 0; i < clients.length; i += spec.connectBatch) {
    const batch = clients.slice(i, i + spec.connectBatch)
    await Promise.all(
      batch.map(async (client, j) => {
        try {
          const socket = await connectSocket(client.url, spec.clients[i + j]!.auth, spec.connectTimeoutMs)
          client.socket = socket
          client.alive = true
          socket.onAny(() => {
            if (counting) pushes++
          })
          socket.on('disconnect', () => {
            if (client.alive) disconnects++
            client.alive = false
          })
        } catch (error) {
          const message = (error as Error).message || 'error'
          connectErrors[message] = (connectErrors[message] ?? 0) + 1
        }
      })
    )
  }
  const connectMs = performance.now() - connectStart
  const live = clients.filter((c) => c.alive)

  const errors: Record<string, number> = {}
  let timeouts = 0
  let resyncs = 0
  let acked = 0
  const samples = new Samples()
  const perUrl = new Map<string, { sockets: number; acked: number; samples: Samples }>()
  for (const url of spec.urls) perUrl.set(url, { sockets: 0, acked: 0, samples: new Samples() })
  for (const c of live) perUrl.get(c.url)!.sockets++

  const payload = (client: Client) => {
    if (spec.depthMode === 'change') client.depth = client.depth === 0 ? 1 : 0
    const body: Record<string, unknown> = { commandId: uuidv7(), depth: client.depth }
    if (spec.clientSeq) body.clientSeq = nextSeq.get(client.key) ?? 1
    return body
  }

  /** Sends one command; returns the ack (null on timeout) after updating the client's sequence. */
  const command = async (client: Client, timeoutMs: number): Promise<Ack | null> => {
    let ack: Ack | null
    try {
      ack = (await client.socket!.timeout(timeoutMs).emitWithAck(COMMAND, payload(client))) as Ack
    } catch {
      ack = null
    }
    if (spec.clientSeq) {
      const seq = nextSeq.get(client.key) ?? 1
      if (ack?.ok) nextSeq.set(client.key, seq + 1)
      else if (ack && ack.error.code === 'E_COMMAND_OUT_OF_ORDER') {
        // Another scenario (or a timed-out command that landed late) moved this terminal on.
        nextSeq.set(client.key, typeof ack.error.details?.expected === 'number' ? ack.error.details.expected : seq + 1)
      }
    }
    return ack
  }

  // 2. Prime: one command per socket (registers presence, activates actors, syncs clientSeq).
  const primeStart = performance.now()
  let primeFailed = 0
  await Promise.all(
    live.map(async (client) => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const ack = await command(client, spec.primeTimeoutMs)
        if (ack?.ok) return
        if (ack && ack.error.code === 'E_COMMAND_OUT_OF_ORDER') continue
        if (ack && ack.error.code === 'E_RATE_LIMITED') {
          await sleep(200)
          continue
        }
        break
      }
      primeFailed++
    })
  )
  const primeMs = performance.now() - primeStart
  // Let rate-limit buckets refill after the burst of the prime.
  await sleep(300)

  // 3. Closed loops, paced: warm-up, then the measurement window.
  const interval = 1000 / spec.ratePerSocket
  const loopStart = performance.now()
  const windowStart = loopStart + spec.warmupMs
  const windowEnd = windowStart + spec.measureMs
  let stop = false
  let stopNow: () => void = () => undefined
  const stopped = new Promise<'stop'>((resolve) => {
    stopNow = () => resolve('stop')
  })
  let unfinished = 0
  const cpuBefore = { usage: process.cpuUsage() }
  const windowTimer = setTimeout(() => {
    counting = true
    cpuBefore.usage = process.cpuUsage()
    send({ type: 'window', id: spec.id, edge: 'start' })
  }, spec.warmupMs)
  const stopTimer = setTimeout(() => {
    counting = false
    stop = true
    stopNow()
    send({ type: 'window', id: spec.id, edge: 'end' })
  }, spec.warmupMs + spec.measureMs)
  let cpuWindow = 0

  await Promise.all(
    live.map(async (client) => {
      await sleep(Math.random() * interval)
      const bucket = perUrl.get(client.url)!
      while (!stop && client.alive) {
        const t0 = performance.now()
        // At the end of the window, commands still in flight are abandoned (counted), not awaited.
        const ack = await Promise.race([command(client, spec.ackTimeoutMs), stopped])
        if (ack === 'stop') {
          unfinished++
          break
        }
        const t1 = performance.now()
        if (t1 >= windowStart && t1 <= windowEnd) {
          if (ack?.ok) {
            acked++
            bucket.acked++
            samples.push(t1 - t0)
            bucket.samples.push(t1 - t0)
          } else if (ack === null) {
            timeouts++
          } else if (ack.error.code === 'E_COMMAND_OUT_OF_ORDER') {
            resyncs++
          } else {
            errors[ack.error.code] = (errors[ack.error.code] ?? 0) + 1
          }
        }
        if (t1 > windowEnd && cpuWindow === 0) {
          const used = process.cpuUsage(cpuBefore.usage)
          cpuWindow = (used.user + used.system) / 1000
        }
        const wait = interval - (t1 - t0)
        if (wait > 0 && !stop) await sleep(wait)
      }
    })
  )
  clearTimeout(windowTimer)
  clearTimeout(stopTimer)
  if (cpuWindow === 0) {
    const used = process.cpuUsage(cpuBefore.usage)
    cpuWindow = (used.user + used.system) / 1000
  }

  // 4. Close.
  for (const client of clients) {
    client.alive = false
    client.socket?.close()
  }
  await sleep(200)

  const windowMs = spec.measureMs
  const per: PerUrl[] = [...perUrl].map(([url, b]) => ({ url, sockets: b.sockets, acked: b.acked, latencyMs: summarize(b.samples.values()) }))
  return {
    label: spec.label,
    sockets: clients.length,
    connected: live.length,
    connectFailed: clients.length - live.length,
    connectErrors,
    connectMs: Math.round(connectMs),
    primeMs: Math.round(primeMs),
    primeFailed,
    windowMs,
    acked,
    throughputPerS: Math.round((acked / windowMs) * 1000 * 10) / 10,
    offeredCapPerS: Math.round(live.length * spec.ratePerSocket),
    latencyMs: summarize(samples.values()),
    errors,
    timeouts,
    clientSeqResyncs: resyncs,
    disconnects,
    unfinishedAtWindowEnd: unfinished,
    pushesReceived: pushes,
    loadgenCpuMs: Math.round(cpuWindow),
    perUrl: per,
  }
}
