/*
 * The actor-runtime bench (npm run bench). Started by scripts/tasks/bench.mjs
 * with a fresh, migrated `pos_bench` database and Redis db 13 in the
 * environment. It measures; it never fails on a speed goal.
 *
 *  1. Fixtures straight into Postgres (owner role, tenant set per transaction):
 *     stores of 10 terminals with known device keys; one "ops" tenant with an
 *     owner user and plain stores.
 *  2. Command round-trip and throughput for 50, 200 and 1,000 terminal sockets,
 *     on one node and on two nodes (half the sockets each, interleaved so that a
 *     store's terminals sit on both nodes), each right after the same load against
 *     a bare Socket.IO echo server (one echo process per node) — ratio reported.
 *  3. Actor activation from snapshot (bench/activation.ts, in-process on the real
 *     ActorHost), and the first command to a cold actor on a fresh node vs. the
 *     next (warm) ones, end to end through Socket.IO.
 *  4. Resident memory per idle actor on a fresh node (GC forced via the inspector).
 *
 * Results: bench/results/actors-<timestamp>.json and stdout; a summary on stderr.
 * Flags: --quick (small sizes and short windows), --depth=change|same,
 * --rate=<commands/s per socket>, --measure=<s>, --warmup=<s>, --sizes=50,200,1000.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { SignJWT } from 'jose'
import pg from 'pg'
import type { Socket } from 'socket.io-client'
import { v7 as uuidv7 } from 'uuid'
import type { ActivationSpec } from './activation.js'
import { createLoadFixture, createOpsFixture, journalStats, type LoadFixture, type OpsFixture } from './lib/fixtures.js'
import { connectSocket } from './lib/socket.js'
import { connectInspector } from './lib/inspector.js'
import { cpuMs, freePort, machineCpu, rssKb, settle, startChild, stopAll, type Child } from './lib/procs.js'
import type { FromLoadgen, LoadClient, LoadResult, LoadSpec } from './lib/protocol.js'
import { Samples, round, sleep, summarize } from './lib/stats.js'

const PROTOCOL_VERSION = 1
const ROOT = fileURLToPath(new URL('../', import.meta.url))
const TS = '--import=@poppinss/ts-exec'

// ---------------------------------------------------------------- configuration

const argv = process.argv.slice(2)
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const quick = argv.includes('--quick')
const cfg = {
  mode: quick ? 'quick' : 'full',
  sizes: (flag('sizes') ?? (quick ? '20,50,100' : '50,200,1000')).split(',').map(Number),
  terminalsPerStore: 10,
  storesPerTenant: 5,
  warmupMs: Number(flag('warmup') ?? (quick ? 1 : 2)) * 1000,
  measureMs: Number(flag('measure') ?? (quick ? 3 : 10)) * 1000,
  ratePerSocket: Number(flag('rate') ?? 15),
  ackTimeoutMs: 30_000,
  connectBatch: 100,
  connectTimeoutMs: 20_000,
  primeTimeoutMs: 90_000,
  depthMode: (flag('depth') ?? 'change') as 'change' | 'same',
  clientSeq: true,
  activation: { actors: Number(flag('activation-actors') ?? (quick ? 4 : 6)), transitions: quick ? 200 : 1000, passes: 3 },
  memory: {
    warmupActors: quick ? 50 : 100,
    actors: Number(flag('memory-actors') ?? (quick ? 500 : 2000)),
    userSockets: quick ? 20 : 40,
    idleCpuMs: quick ? 4_000 : 10_000,
  },
  watchdogMs: quick ? 5 * 60_000 : 12 * 60_000,
  /** Phases to leave out: roundtrip, activation, memory (activation and memory share a node). */
  skip: new Set((flag('skip') ?? '').split(',').filter(Boolean)),
  /** Write V8 CPU profiles of the POS nodes to bench/results/profiles/ (for finding bottlenecks). */
  cpuProf: argv.includes('--cpu-prof'),
  /** Log every exception thrown inside the fresh node during its warm-up (diagnosis of failing commands). */
  traceExceptions: argv.includes('--trace-exceptions'),
}

const env = process.env
const required = ['DATABASE_URL', 'DATABASE_OWNER_URL', 'REDIS_URL', 'JWT_SECRET', 'APP_KEY']
for (const name of required) if (!env[name]) throw new Error(`bench/run.ts: ${name} is not set (run it with npm run bench)`)
const ownerUrl = env.DATABASE_OWNER_URL!
const adminUrl = env.BENCH_DATABASE_ADMIN_URL ?? ownerUrl
const databaseName = new URL(ownerUrl).pathname.slice(1)

const log = (message: string) => console.error(`[bench] ${message}`)

// ---------------------------------------------------------------- load generator

class Loadgen {
  #proc: ChildProcess
  #listeners = new Set<(m: FromLoadgen) => void>()

  #onExit = new Set<() => void>()

  private constructor(proc: ChildProcess) {
    this.#proc = proc
    proc.on('message', (m: FromLoadgen) => {
      for (const listener of this.#listeners) listener(m)
    })
    proc.once('exit', () => {
      for (const exited of this.#onExit) exited()
    })
  }

  get pid() {
    return this.#proc.pid!
  }

  static async start() {
    const proc = fork(join(ROOT, 'bench/loadgen.ts'), [], { cwd: ROOT, execArgv: [TS], stdio: ['ignore', 2, 2, 'ipc'] })
    const gen = new Loadgen(proc)
    await gen.#next((m) => m.type === 'ready', 60_000)
    return gen
  }

  #next(match: (m: FromLoadgen) => boolean, timeoutMs: number) {
    return new Promise<FromLoadgen>((resolve, reject) => {
      const finish = () => {
        clearTimeout(timer)
        this.#listeners.delete(listener)
        this.#onExit.delete(exited)
      }
      const timer = setTimeout(() => {
        finish()
        reject(new Error('load generator did not answer in time'))
      }, timeoutMs)
      const listener = (m: FromLoadgen) => {
        if (!match(m)) return
        finish()
        resolve(m)
      }
      const exited = () => {
        finish()
        reject(new Error('load generator exited'))
      }
      this.#listeners.add(listener)
      this.#onExit.add(exited)
    })
  }

  async run(spec: LoadSpec, onWindow: (edge: 'start' | 'end') => void): Promise<LoadResult> {
    const windowListener = (m: FromLoadgen) => {
      if (m.type === 'window' && m.id === spec.id) onWindow(m.edge)
    }
    this.#listeners.add(windowListener)
    try {
      const bound = spec.clients.length * 200 + spec.primeTimeoutMs + spec.warmupMs + spec.measureMs + spec.ackTimeoutMs + 60_000
      const done = this.#next((m) => (m.type === 'result' || m.type === 'error') && m.id === spec.id, bound)
      this.#proc.send({ type: 'run', spec })
      const answer = await done
      if (answer.type === 'error') throw new Error(`load generator failed: ${answer.message}`)
      return (answer as Extract<FromLoadgen, { type: 'result' }>).result
    } finally {
      this.#listeners.delete(windowListener)
    }
  }

  stop() {
    if (this.#proc.connected) this.#proc.send({ type: 'exit' })
    setTimeout(() => this.#proc.kill('SIGKILL'), 2_000).unref()
  }
}

// ---------------------------------------------------------------- processes

const serverEnv = (nodeId: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...env,
  NODE_ID: nodeId,
  HOST: '127.0.0.1',
  PORT: String(port),
  ...extra,
})

async function startNode(nodeId: string, options: { inspectPort?: number } = {}) {
  const port = await freePort()
  const args = [
    ...(options.inspectPort ? [`--inspect=127.0.0.1:${options.inspectPort}`] : []),
    // Named *.json so that bench/results/.gitignore rules cover them (open in Chrome DevTools → Performance).
    ...(cfg.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'bench/results')}`, `--cpu-prof-name=profile-${nodeId}-${Date.now()}.cpuprofile.json`] : []),
    TS,
    'bin/server.ts',
  ]
  return startChild({ name: `node ${nodeId}`, root: ROOT, args, env: serverEnv(nodeId, port), port })
}

async function startEcho(name: string) {
  const port = await freePort()
  return startChild({ name: `echo ${name}`, root: ROOT, args: [TS, 'bench/echo_server.ts'], env: { ...env, PORT: String(port) }, port })
}

// ---------------------------------------------------------------- CPU accounting

interface CpuMark {
  at: number
  machine: { idle: number; total: number }
  procs: Map<number, number>
}

async function postgresPids(admin: pg.Client): Promise<number[]> {
  const { rows } = await admin.query(`select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [databaseName])
  return rows.map((r: { pid: number }) => r.pid)
}

async function markCpu(admin: pg.Client, pids: number[]): Promise<CpuMark> {
  const all = [...pids, ...(await postgresPids(admin))]
  const procs = new Map<number, number>()
  for (const pid of all) {
    const ms = cpuMs(pid)
    if (ms !== null) procs.set(pid, ms)
  }
  return { at: performance.now(), machine: machineCpu(), procs }
}

/** CPU in the window, as % of ONE core: per role, and the whole machine (all cores). */
function cpuBetween(start: CpuMark, end: CpuMark, roles: { servers: number[]; loadgen: number }) {
  const ms = end.at - start.at
  const used = (pid: number) => (end.procs.get(pid) ?? 0) - (start.procs.get(pid) ?? 0)
  const servers = roles.servers.reduce((sum, pid) => sum + used(pid), 0)
  let postgres = 0
  for (const pid of end.procs.keys()) {
    if (roles.servers.includes(pid) || pid === roles.loadgen) continue
    postgres += used(pid)
  }
  const total = end.machine.total - start.machine.total
  const idle = end.machine.idle - start.machine.idle
  const cores = os.cpus().length
  const machineBusyCores = total > 0 ? ((total - idle) / total) * cores : 0
  const ours = (servers + postgres + used(roles.loadgen)) / ms
  return {
    windowMs: Math.round(ms),
    serverCpuMs: Math.round(servers),
    postgresCpuMs: Math.round(postgres),
    serverPctOfOneCore: Math.round((servers / ms) * 100),
    postgresBenchBackendsPctOfOneCore: Math.round((postgres / ms) * 100),
    loadgenPctOfOneCore: Math.round((used(roles.loadgen) / ms) * 100),
    machineBusyPct: total > 0 ? Math.round(((total - idle) / total) * 100) : null,
    /** Busy CPU on the machine that is none of the above (other work sharing the machine), % of one core. */
    otherLoadPctOfOneCore: total > 0 ? Math.max(0, Math.round((machineBusyCores - ours) * 100)) : null,
  }
}

// ---------------------------------------------------------------- user sockets (activation, memory)


type Ack = { ok: true; data: any } | { ok: false; error: { code: string; message: string } }

async function ackOf(socket: Socket, name: string, payload: Record<string, unknown>): Promise<{ ack: Ack | null; ms: number }> {
  const t0 = performance.now()
  try {
    const ack = (await socket.timeout(10_000).emitWithAck(name, payload)) as Ack
    return { ack, ms: performance.now() - t0 }
  } catch {
    return { ack: null, ms: performance.now() - t0 }
  }
}

/** Runs `jobs` over the sockets: each socket one command at a time, at most `rate`/s. */
async function paced(sockets: Socket[], jobs: Array<[string, Record<string, unknown>]>, rate: number) {
  let next = 0
  const samples = new Samples()
  const errors: Record<string, number> = {}
  const interval = 1000 / rate
  const start = performance.now()
  await Promise.all(
    sockets.map(async (socket) => {
      while (next < jobs.length) {
        const [name, payload] = jobs[next++]!
        const { ack, ms } = await ackOf(socket, name, payload)
        if (ack?.ok) samples.push(ms)
        else {
          const code = ack ? ack.error.code : 'TIMEOUT'
          errors[code] = (errors[code] ?? 0) + 1
        }
        if (interval > ms) await sleep(interval - ms)
      }
    })
  )
  const ms = performance.now() - start
  return { ms, ok: samples.length, errors, latency: summarize(samples.values()), perS: round((samples.length / ms) * 1000, 1) }
}

async function ownerToken(ops: OpsFixture) {
  const key = new TextEncoder().encode(env.JWT_SECRET!)
  // Mirrors server/modules/identity/services/token_service.ts (issuer, audience, claims).
  return new SignJWT({ tid: ops.tenantId, role: 'owner', stores: '*', typ: 'access' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(ops.userId)
    .setIssuer('pos-platform')
    .setAudience('pos-api')
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('30m')
    .sign(key)
}

// ---------------------------------------------------------------- phases

interface ScenarioRecord extends LoadResult {
  target: 'pos' | 'echo'
  nodes: number
  cpu: ReturnType<typeof cpuBetween> | null
  cpuMsPerCommand?: { server: number; postgres: number }
  settleMs?: number
  /** Two nodes: share of sockets whose store actor is owned by the other node (their commands are forwarded). */
  forwardedShare?: number | null
  owners?: Record<string, number>
  fenceEpochsPerStore?: { min: number; max: number } | null
}

async function runScenario(
  loadgen: Loadgen,
  admin: pg.Client,
  target: 'pos' | 'echo',
  servers: Child[],
  clients: LoadClient[]
): Promise<ScenarioRecord> {
  const label = `${target} ${servers.length}n ${clients.length}s`
  const spec: LoadSpec = {
    id: randomUUID(),
    label,
    urls: servers.map((s) => s.url),
    clients,
    warmupMs: cfg.warmupMs,
    measureMs: cfg.measureMs,
    ratePerSocket: cfg.ratePerSocket,
    ackTimeoutMs: cfg.ackTimeoutMs,
    connectBatch: cfg.connectBatch,
    connectTimeoutMs: cfg.connectTimeoutMs,
    primeTimeoutMs: cfg.primeTimeoutMs,
    depthMode: cfg.depthMode,
    clientSeq: cfg.clientSeq,
  }
  const pids = servers.map((s) => s.pid)
  let startMark: Promise<CpuMark> | null = null
  let endMark: Promise<CpuMark> | null = null
  const result = await loadgen.run(spec, (edge) => {
    if (edge === 'start') startMark = markCpu(admin, [...pids, loadgen.pid])
    else endMark = markCpu(admin, [...pids, loadgen.pid])
  })
  const cpu = startMark && endMark ? cpuBetween(await startMark, await endMark, { servers: pids, loadgen: loadgen.pid }) : null
  const record: ScenarioRecord = { target, nodes: servers.length, ...result, cpu }
  if (cpu && result.throughputPerS > 0) {
    // CPU time per acknowledged command (ms): what one command costs, whatever the machine's other load.
    record.cpuMsPerCommand = {
      server: round(cpu.serverCpuMs / ((result.throughputPerS * cpu.windowMs) / 1000), 2),
      postgres: round(cpu.postgresCpuMs / ((result.throughputPerS * cpu.windowMs) / 1000), 2),
    }
  }
  log(
    `${label.padEnd(18)} ${String(result.throughputPerS).padStart(8)}/s  p50 ${fmt(result.latencyMs?.p50)}  p95 ${fmt(result.latencyMs?.p95)}  p99 ${fmt(result.latencyMs?.p99)} ms` +
      `  errors ${JSON.stringify(result.errors)} timeouts ${result.timeouts}  connect ${result.connectMs} ms`
  )
  return record
}

const fmt = (value: number | undefined | null) => (value === undefined || value === null ? '-' : value.toFixed(1)).padStart(7)

async function leaseOwners(redis: Redis, terminals: LoadFixture['terminals'], servers: Child[], nodeIds: string[]) {
  const owners: Record<string, number> = {}
  let forwarded = 0
  let known = 0
  const cache = new Map<string, string | null>()
  for (const [i, t] of terminals.entries()) {
    const key = `pos:lease:${t.tenantId}:store:${t.storeId}`
    if (!cache.has(key)) cache.set(key, (await redis.get(key))?.split('|')[0] ?? null)
    const owner = cache.get(key)
    if (!owner) continue
    known++
    if (owner !== nodeIds[i % servers.length]) forwarded++
  }
  for (const owner of cache.values()) if (owner) owners[owner] = (owners[owner] ?? 0) + 1
  // The fencing counter of each store: how many epochs were handed out (see RedisPlacement.route).
  const fences: number[] = []
  for (const key of cache.keys()) fences.push(Number((await redis.get(key.replace('pos:lease:', 'pos:fence:'))) ?? 0))
  return {
    forwardedShare: known > 0 ? round(forwarded / known, 3) : null,
    owners,
    fenceEpochsPerStore: fences.length > 0 ? { min: Math.min(...fences), max: Math.max(...fences) } : null,
  }
}

async function roundTrips(loadgen: Loadgen, admin: pg.Client, redis: Redis, fixture: LoadFixture) {
  const scenarios: ScenarioRecord[] = []
  const echoClients = (n: number): LoadClient[] => Array.from({ length: n }, (_, i) => ({ key: `echo-${i}`, auth: { protocolVersion: PROTOCOL_VERSION } }))
  const posClients = (n: number): LoadClient[] =>
    fixture.terminals.slice(0, n).map((t) => ({ key: t.deviceId, auth: { protocolVersion: PROTOCOL_VERSION, deviceKey: t.deviceKey } }))

  for (const nodeCount of [1, 2]) {
    const nodeIds = Array.from({ length: nodeCount }, (_, i) => `bench-${nodeCount}n-${String.fromCharCode(97 + i)}`)
    log(`starting ${nodeCount} POS node(s) and ${nodeCount} echo server(s)`)
    const echoes = await Promise.all(nodeIds.map((_, i) => startEcho(String(i))))
    const nodes: Child[] = []
    for (const id of nodeIds) nodes.push(await startNode(id))
    try {
      for (const size of cfg.sizes) {
        scenarios.push(await runScenario(loadgen, admin, 'echo', echoes, echoClients(size)))
        await settle(echoes.map((e) => e.pid))
        const record = await runScenario(loadgen, admin, 'pos', nodes, posClients(size))
        if (nodeCount > 1) Object.assign(record, await leaseOwners(redis, fixture.terminals.slice(0, size), nodes, nodeIds))
        // Queued commands and the presence commands of the disconnects still run on the nodes:
        // let them finish before the next size (the nodes stop after the last one).
        if (size !== cfg.sizes.at(-1)) record.settleMs = await settle(nodes.map((n) => n.pid), 0.15, 30_000)
        scenarios.push(record)
      }
    } finally {
      await Promise.all([...nodes, ...echoes].map((c) => c.stop()))
    }
  }

  const comparison = []
  for (const nodeCount of [1, 2]) {
    for (const size of cfg.sizes) {
      const pos = scenarios.find((s) => s.target === 'pos' && s.nodes === nodeCount && s.sockets === size)
      const echo = scenarios.find((s) => s.target === 'echo' && s.nodes === nodeCount && s.sockets === size)
      if (!pos || !echo) continue
      const ratio = (a?: number, b?: number) => (a !== undefined && b ? round(a / b, 2) : null)
      comparison.push({
        nodes: nodeCount,
        sockets: size,
        pos: { throughputPerS: pos.throughputPerS, p50: pos.latencyMs?.p50, p95: pos.latencyMs?.p95, p99: pos.latencyMs?.p99 },
        echo: { throughputPerS: echo.throughputPerS, p50: echo.latencyMs?.p50, p95: echo.latencyMs?.p95, p99: echo.latencyMs?.p99 },
        latencyRatioPosOverEcho: {
          p50: ratio(pos.latencyMs?.p50, echo.latencyMs?.p50),
          p95: ratio(pos.latencyMs?.p95, echo.latencyMs?.p95),
          p99: ratio(pos.latencyMs?.p99, echo.latencyMs?.p99),
        },
        throughputRatioPosOverEcho: ratio(pos.throughputPerS, echo.throughputPerS),
      })
    }
  }
  return { scenarios, comparison }
}

async function activationInProcess(ops: OpsFixture) {
  const storeIds = ops.activationStores
  const n = storeIds.length
  // Journal lengths spread over one snapshot interval (25), so tails of 0..24 entries are all seen.
  const transitions = storeIds.map((_, i) => (i === 0 ? 60 : cfg.activation.transitions + Math.round(((i - 1) * 24) / Math.max(1, n - 2))))
  const spec: ActivationSpec = {
    tenantId: ops.tenantId,
    storeIds,
    transitions,
    terminalsPerStore: cfg.terminalsPerStore,
    loadPasses: cfg.activation.passes,
  }
  const child = fork(join(ROOT, 'bench/activation.ts'), [], {
    cwd: ROOT,
    execArgv: [TS],
    env: { ...env, DATABASE_POOL_MAX: String(Math.max(10, n + 4)), NODE_ID: 'bench-activation' },
    stdio: ['ignore', 2, 2, 'ipc'],
  })
  try {
    return await new Promise<any>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('activation bench timed out')), 240_000)
      child.on('message', (m: { type: string; result?: unknown; message?: string }) => {
        if (m.type === 'ready') child.send(spec)
        if (m.type === 'result') {
          clearTimeout(timer)
          resolve(m.result)
        }
        if (m.type === 'error') {
          clearTimeout(timer)
          reject(new Error(`activation bench failed: ${m.message}`))
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`activation bench exited (${code})`))
      })
    })
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM')
  }
}

async function countLeases(redis: Redis, tenantId: string, nodeId: string) {
  let count = 0
  let cursor = '0'
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `pos:lease:${tenantId}:store:*`, 'COUNT', 1000)
    cursor = next
    if (keys.length > 0) for (const value of await redis.mget(...keys)) if (value?.startsWith(`${nodeId}|`)) count++
  } while (cursor !== '0')
  return count
}

async function activationAndMemoryOnNode(ops: OpsFixture, redis: Redis, parts: { endToEnd: boolean; memory: boolean }) {
  const inspectPort = await freePort()
  const node = await startNode('bench-mem', { inspectPort })
  const inspector = await connectInspector(inspectPort)
  const sockets: Socket[] = []
  try {
    const token = await ownerToken(ops)
    for (let i = 0; i < cfg.memory.userSockets; i += 25) {
      const batch = Math.min(25, cfg.memory.userSockets - i)
      sockets.push(...(await Promise.all(Array.from({ length: batch }, () => connectSocket(node.url, { protocolVersion: PROTOCOL_VERSION, token })))))
    }
    const open = (storeId: string): [string, Record<string, unknown>] => ['store.open', { commandId: uuidv7(), storeId }]
    const close = (storeId: string): [string, Record<string, unknown>] => [
      'store.close',
      { commandId: uuidv7(), storeId, force: true, reason: 'bench: close again' },
    ]

    // Warm the node up (code paths, pools, leases) on stores that are not measured.
    log(`fresh node: warming up with ${ops.warmupStores.length} store activations`)
    const stopTracing = cfg.traceExceptions ? await inspector.traceExceptions() : null
    const warmup = await paced(sockets, ops.warmupStores.map(open), cfg.ratePerSocket)
    if (stopTracing) {
      const seen = await stopTracing()
      log(`exceptions thrown in the node during the warm-up: ${JSON.stringify(seen, null, 2)}`)
    }
    if (warmup.ok === 0) log(`every warm-up command failed ${JSON.stringify(warmup.errors)}; node output:\n${node.tail()}`)

    const endToEnd = parts.endToEnd ? await coldVersusWarm(ops, sockets, open, close) : null
    if (!parts.memory) return { endToEnd, memory: null }

    // Memory per idle actor.
    await settle([node.pid])
    const measureMemory = async () => {
      for (let i = 0; i < 3; i++) {
        await inspector.gc()
        await sleep(300)
      }
      const usage = await inspector.memory()
      return { rssKb: Math.round(usage.rss / 1024), heapUsedKb: Math.round(usage.heapUsed / 1024), externalKb: Math.round(usage.external / 1024), procRssKb: rssKb(node.pid) }
    }
    const before = await measureMemory()
    const leasesBefore = await countLeases(redis, ops.tenantId, 'bench-mem')
    log(`fresh node: activating ${ops.memoryStores.length} store actors (memory)`)
    const activation = await paced(sockets, ops.memoryStores.map(open), cfg.ratePerSocket)
    await settle([node.pid])
    await sleep(1_000)
    const after = await measureMemory()
    // Each activated actor holds a Redis lease naming this node (RedisPlacement): count them.
    const leases = await countLeases(redis, ops.tenantId, 'bench-mem')

    // What M idle actors cost while idle: the node's CPU (lease renewals run every leaseMs/3).
    const idleStart = cpuMs(node.pid) ?? 0
    await sleep(cfg.memory.idleCpuMs)
    const idleCpuPct = Math.round((((cpuMs(node.pid) ?? 0) - idleStart) / cfg.memory.idleCpuMs) * 1000) / 10

    const m = activation.ok
    return {
      endToEnd,
      memory: {
        method:
          'A freshly started node (--inspect) with the owner sockets connected and warmed up on other stores; full GC forced three times through the ' +
          'inspector (HeapProfiler.collectGarbage), then process.memoryUsage() read inside the node. Then one store.open each to M never-used stores ' +
          '(each activates a store actor: cached snapshot, Redis lease entry), settle, GC again, read again. Per actor = delta / M. ' +
          'These store actors are small (empty terminal roster); see activation.snapshotBytes for a store with 10 terminals.',
        kind: 'store (state open, empty roster)',
        actors: m,
        /** Leases this node took during the memory run (one per actor it activated). */
        leasesAdded: leases - leasesBefore,
        before,
        after,
        perActorKb: {
          rss: m > 0 ? round((after.rssKb - before.rssKb) / m, 2) : null,
          heapUsed: m > 0 ? round((after.heapUsedKb - before.heapUsedKb) / m, 2) : null,
        },
        activationRun: { ms: Math.round(activation.ms), perS: activation.perS, latencyMs: activation.latency, errors: activation.errors },
        warmupRun: { ok: warmup.ok, errors: warmup.errors },
        idleNodeCpuPctOfOneCore: idleCpuPct,
        idleCpuWindowMs: cfg.memory.idleCpuMs,
      },
    }
  } finally {
    for (const socket of sockets) socket.close()
    inspector.close()
    await node.stop()
  }
}

type Job = (storeId: string) => [string, Record<string, unknown>]

/** End to end: the first command to a cold actor (long journal) vs. the next ones. */
async function coldVersusWarm(ops: OpsFixture, sockets: Socket[], open: Job, close: Job) {
  log(`fresh node: first command to ${ops.activationStores.length - 1} cold long-journal actors vs. warm`)
  const cold = new Samples()
  const warm = new Samples()
  const e2eErrors: Record<string, number> = {}
  let turn = 0
  for (const storeId of ops.activationStores.slice(1)) {
    const commands = [open(storeId), close(storeId), open(storeId), close(storeId)]
    for (const [k, [name, payload]] of commands.entries()) {
      const socket = sockets[turn++ % sockets.length]!
      const { ack, ms } = await ackOf(socket, name, payload)
      if (!ack?.ok) {
        const code = ack ? ack.error.code : 'TIMEOUT'
        e2eErrors[code] = (e2eErrors[code] ?? 0) + 1
        continue
      }
      ;(k === 0 ? cold : warm).push(ms)
    }
  }
  const coldSummary = summarize(cold.values())
  const warmSummary = summarize(warm.values())
  return {
    method:
      'A freshly started node, warmed up on other stores. For each long-journal store actor (built by the in-process step, never loaded on this node), ' +
      'an owner socket sends store.open (the cold command: Redis lease acquire + snapshot read + tail replay + the durable step), then three more ' +
      'commands to the same actor (warm: cached snapshot, lease held). One command in flight at a time. The difference of the medians is what ' +
      'activation adds to a command as a client sees it.',
    actors: ops.activationStores.length - 1,
    coldFirstCommandMs: coldSummary,
    warmCommandMs: warmSummary,
    activationOverheadP50Ms: coldSummary && warmSummary ? round(coldSummary.p50 - warmSummary.p50) : null,
    errors: e2eErrors,
  }
}

// ---------------------------------------------------------------- main

/** A few facts computed from the scenarios, to read the numbers right. */
function observations(scenarios: ScenarioRecord[]) {
  const notes: string[] = []
  const pos = scenarios.filter((s) => s.target === 'pos')
  if (pos.length === 0) return notes
  const other = pos.map((s) => s.cpu?.otherLoadPctOfOneCore ?? 0)
  notes.push(
    `Other work on the machine during the POS windows: ${Math.min(...other)}–${Math.max(...other)}% of one core ` +
      `(of ${os.cpus().length * 100}%); numbers taken on a shared machine are lower bounds.`
  )
  const saturated = pos.filter((s) => s.throughputPerS < 0.5 * s.offeredCapPerS)
  if (saturated.length > 0) {
    notes.push(
      `Saturated (throughput < half the offered ${cfg.ratePerSocket}/s per socket): ${saturated.map((s) => `${s.nodes}n×${s.sockets}`).join(', ')}. ` +
        'In a closed loop, round-trip ≈ sockets / throughput there: the percentiles measure queueing, the throughput is the capacity.'
    )
  }
  const limited = pos.reduce((n, s) => n + (s.errors.E_RATE_LIMITED ?? 0), 0)
  notes.push(limited > 0 ? `Rate limiting answered ${limited} commands (E_RATE_LIMITED).` : 'No command was rate limited.')
  return notes
}

/** Machine-wide busy CPU (all cores) over `ms`, before the bench starts anything. */
async function busyPct(ms: number) {
  const a = machineCpu()
  await sleep(ms)
  const b = machineCpu()
  return Math.round((1 - (b.idle - a.idle) / Math.max(1, b.total - a.total)) * 100)
}

async function machineInfo(admin: pg.Client, redis: Redis) {
  const cpus = os.cpus()
  const pgVersion = (await admin.query('show server_version')).rows[0].server_version as string
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? null
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? null,
    memTotalMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()}`,
    postgres: pgVersion,
    redis: redisVersion,
    loadavgAtStart: os.loadavg().map((v) => round(v, 2)),
    busyPctBeforeStart: await busyPct(2_000),
  }
}

function summaryTable(report: any) {
  const lines: string[] = []
  lines.push('')
  lines.push('command round-trip (terminal.reportOutbox), ms; throughput = acked/s')
  lines.push('nodes sockets | pos: tput     p50     p95     p99 | echo: tput    p50    p95    p99 | ratio p50  p99  tput | errors | CPU ms/cmd node+pg | other load')
  for (const c of report.roundTrip.comparison) {
    const pos = report.roundTrip.scenarios.find((s: ScenarioRecord) => s.target === 'pos' && s.nodes === c.nodes && s.sockets === c.sockets)
    const errs = (pos?.timeouts ?? 0) + Object.values(pos?.errors ?? {}).reduce((a: number, b) => a + (b as number), 0)
    lines.push(
      `${String(c.nodes).padStart(5)} ${String(c.sockets).padStart(7)} | ${String(c.pos.throughputPerS).padStart(9)} ${fmt(c.pos.p50)} ${fmt(c.pos.p95)} ${fmt(c.pos.p99)} |` +
        ` ${String(c.echo.throughputPerS).padStart(9)} ${fmt(c.echo.p50)} ${fmt(c.echo.p95)} ${fmt(c.echo.p99)} |` +
        ` ${String(c.latencyRatioPosOverEcho.p50).padStart(9)} ${String(c.latencyRatioPosOverEcho.p99).padStart(4)} ${String(c.throughputRatioPosOverEcho).padStart(5)} |` +
        ` ${String(errs).padStart(6)} | ${`${pos?.cpuMsPerCommand?.server ?? '-'} + ${pos?.cpuMsPerCommand?.postgres ?? '-'}`.padStart(18)} | ${pos?.cpu?.otherLoadPctOfOneCore ?? '-'}% of a core`
    )
  }
  const a = report.activation
  if (a?.inProcess) {
    const load = a.inProcess.loadFromSnapshotMs.firstPass
    const replay = a.inProcess.fullReplayWithoutSnapshotMs
    lines.push('')
    lines.push(
      `activation from snapshot (ActorHost.load, ${a.inProcess.actors} store actors, journals ${a.inProcess.journalLength.min}-${a.inProcess.journalLength.max}): ` +
        `p50 ${load?.p50} ms, p99 ${load?.p99} ms; without snapshot (full replay) p50 ${replay?.p50} ms, p99 ${replay?.p99} ms`
    )
  }
  if (a?.endToEnd) {
    lines.push(
      `first command to a cold actor on a fresh node: p50 ${a.endToEnd.coldFirstCommandMs?.p50} ms, p99 ${a.endToEnd.coldFirstCommandMs?.p99} ms; ` +
        `warm p50 ${a.endToEnd.warmCommandMs?.p50} ms, p99 ${a.endToEnd.warmCommandMs?.p99} ms`
    )
  }
  const m = report.memory
  if (m) {
    lines.push(
      `memory per idle actor: ${m.perActorKb.rss} KB RSS, ${m.perActorKb.heapUsed} KB heap (M = ${m.actors}); idle node CPU with them: ${m.idleNodeCpuPctOfOneCore}% of a core`
    )
  }
  lines.push('')
  console.error(lines.join('\n'))
}

async function main() {
  const started = new Date()
  const watchdog = setTimeout(() => {
    log('watchdog: the bench ran too long; stopping its processes')
    void stopAll().finally(() => process.exit(1))
  }, cfg.watchdogMs)
  watchdog.unref()

  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 3 })
  let loadgen: Loadgen | null = null
  try {
    const machine = await machineInfo(admin, redis)
    log(`mode ${cfg.mode}: sizes ${cfg.sizes.join(', ')}; window ${cfg.warmupMs / 1000}+${cfg.measureMs / 1000} s; ≤${cfg.ratePerSocket} commands/s per socket; ${machine.cpus} CPUs, load ${machine.loadavgAtStart.join(' ')}`)

    const maxSockets = Math.max(...cfg.sizes)
    const storeCount = Math.ceil(maxSockets / cfg.terminalsPerStore)
    const t0 = performance.now()
    const fixture = await createLoadFixture(ownerUrl, storeCount, cfg.terminalsPerStore, cfg.storesPerTenant)
    const ops = await createOpsFixture(ownerUrl, {
      activation: cfg.activation.actors + 1,
      warmup: cfg.memory.warmupActors,
      memory: cfg.memory.actors,
    })
    log(`fixtures: ${fixture.terminals.length} terminals in ${storeCount} stores / ${fixture.tenants} tenants; ops tenant with ${ops.memoryStores.length + ops.warmupStores.length + ops.activationStores.length} stores (${Math.round(performance.now() - t0)} ms)`)

    let roundTrip: Awaited<ReturnType<typeof roundTrips>> = { scenarios: [], comparison: [] }
    if (!cfg.skip.has('roundtrip')) {
      loadgen = await Loadgen.start()
      roundTrip = await roundTrips(loadgen, admin, redis, fixture)
      loadgen.stop()
      loadgen = null
    }

    let inProcess: any = null
    let stats: Awaited<ReturnType<typeof journalStats>> = []
    if (!cfg.skip.has('activation')) {
      log(`activation: building ${cfg.activation.actors} store actors with ~${cfg.activation.transitions} transitions each, then loading them`)
      inProcess = await activationInProcess(ops)
      stats = await journalStats(ownerUrl, ops.tenantId, ops.activationStores.slice(1))
    }
    const onNode =
      inProcess || !cfg.skip.has('memory')
        ? await activationAndMemoryOnNode(ops, redis, { endToEnd: inProcess !== null, memory: !cfg.skip.has('memory') })
        : { endToEnd: null, memory: null }

    const finished = new Date()
    const report = {
      schema: 'pos-bench/actors@1',
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationS: Math.round((finished.getTime() - started.getTime()) / 1000),
      mode: cfg.mode,
      machine,
      config: {
        sizes: cfg.sizes,
        terminalsPerStore: cfg.terminalsPerStore,
        storesPerTenant: cfg.storesPerTenant,
        command: 'terminal.reportOutbox (→ the store actor of the terminal)',
        depthMode: cfg.depthMode,
        depthModeMeaning:
          cfg.depthMode === 'change'
            ? 'every report flips the outbox depth: each command is a durable step that also appends a store event and pushes a fact to the 10 terminals of the store'
            : 'depth 0 every time: each command is a durable step (journal + lastSeenAt) with no fact',
        clientSeq: cfg.clientSeq,
        warmupS: cfg.warmupMs / 1000,
        measureS: cfg.measureMs / 1000,
        ratePerSocketCap: cfg.ratePerSocket,
        rateLimitOfGateway: 'token bucket per socket: burst 40, 20/s (server/modules/realtime/socket/gateway.ts)',
        ackTimeoutMs: cfg.ackTimeoutMs,
        nodeEnv: env.NODE_ENV,
        logLevel: env.LOG_LEVEL,
        databasePoolMax: Number(env.DATABASE_POOL_MAX ?? 10),
        twoNodeSplit: 'socket i → node i mod 2, so the 10 terminals of a store sit on both nodes; the non-owner forwards to the lease owner over Redis',
      },
      fixtures: {
        loadTenants: fixture.tenants,
        loadStores: fixture.stores,
        terminals: fixture.terminals.length,
        opsStores: ops.activationStores.length + ops.warmupStores.length + ops.memoryStores.length,
        ownerUserRow: ops.userRow,
        ...(ops.userRowError ? { ownerUserRowError: ops.userRowError } : {}),
      },
      method: {
        roundTrip:
          `A separate load-generator process opens N socket.io-client sockets (websocket transport) in batches of ${cfg.connectBatch}, primes each with one command, then ` +
          'every socket runs a closed loop (send with a fresh UUID v7 commandId, await the ack, repeat) paced to at most ratePerSocketCap commands/s, ' +
          'so offered load = N × cap; round-trip = performance.now() from emit to ack. Only acks completing inside the measurement window count; ' +
          'throughput = ok acks / window. Errors (by code) and timeouts are counted separately. The echo baseline is a bare Socket.IO server ' +
          '(bench/echo_server.ts) driven by the same generator with the same pacing, right before the POS run of the same size; for two nodes, two echo ' +
          'processes split the sockets the same way. Everything (nodes, Postgres, Redis, generator) shares this machine. ' +
          'connectMs: time to open all N sockets (each handshake checks the device key in Postgres). primeMs: time until every socket had ' +
          'its first command acknowledged; commands wait for the connection setup, i.e. the presence commands the gateway sends to the store ' +
          'and terminal actors for each new connection (3 + 3 the first time a terminal ever connects). cpu: CPU time in the window from /proc, ' +
          'in % of one core, for the server processes, the Postgres backends of this database, the generator, and the rest of the machine.',
      },
      observations: observations(roundTrip.scenarios),
      roundTrip,
      activation: {
        method:
          'In-process (bench/activation.ts, app booted in the console environment, a private ActorHost): store actors with 10 terminals get ' +
          `~${cfg.activation.transitions} durable steps each (snapshot every 25), then ActorHost.load(ref) is timed on a fresh host, one at a time ` +
          '(reads actor row + latest snapshot + journal tail in one transaction, resolves, replays the tail). Postgres buffers are warm: this is ' +
          '"not in this node\'s memory", not a cold database. Also timed: the same load with the snapshot rows removed (full journal replay), and a ' +
          'breakdown into database reads vs. resolve + replay CPU. endToEnd: see its own method.',
        inProcess,
        snapshotBytes: summarize(stats.map((s) => s.snapshot_bytes ?? 0)),
        endToEnd: onNode.endToEnd,
      },
      memory: onNode.memory,
      anchors: {
        note: 'Context only (stack-notes §5.2), measured elsewhere on other hardware; nothing here is pass/fail.',
        daprActorsV1: '3-node k8s (4 vCPU nodes), 500 qps: p90 ≈ 3 ms, p99 ≈ 6.2 ms',
        localPgSingleWriter: 'PG15, one store row, single writer (what a lease gives): 448 deliveries/s, p50 1.1 ms, p99 15 ms',
        orleansRuleOfThumb: 'grain ≈ 1,000 req/s, silo ≈ 10,000 req/s, ~100,000 active grains per silo (old Azure X-Large VMs)',
      },
    }

    const dir = join(ROOT, 'bench/results')
    mkdirSync(dir, { recursive: true })
    const file = join(dir, `actors-${started.toISOString().replace(/[:.]/g, '-')}.json`)
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
    summaryTable(report)
    log(`results written to ${file}`)
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  } finally {
    loadgen?.stop()
    await stopAll()
    await admin.end().catch(() => undefined)
    redis.disconnect()
  }
}

main().then(
  () => process.exit(0),
  async (error: Error) => {
    console.error(`[bench] failed: ${error.stack ?? error}`)
    await stopAll()
    process.exit(1)
  }
)
