/*
 * Real server processes for multi-node tests: each node is
 * `node --import=@poppinss/ts-exec bin/server.ts` (what production runs), on its
 * own loopback port, sharing this test process's Postgres and Redis (DATABASE_URL,
 * REDIS_URL, APP_KEY, JWT_SECRET and PRESENCE_GRACE_MS come from process.env, so
 * tokens signed in-process are valid on every node).
 *
 * Every wait is bounded; `cleanup()` SIGKILLs whatever is still running, an `exit`
 * hook does the same if the test process ends first, and each node kills itself
 * when its IPC channel to this process closes (orphan_guard.ts), so not even a
 * SIGKILLed test run leaves servers behind.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Group } from '@japa/runner/core'

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const ORPHAN_GUARD = new URL('./orphan_guard.ts', import.meta.url).href
const READY_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000
const LOG_LINES = 300

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  /** Milliseconds from the signal to the process's exit. */
  ms: number
}

/** Per node, how many output lines it had produced at some moment. */
export type LogMark = Map<string, number>

interface RunningNode {
  name: string
  nodeId: string
  port: number
  proc: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  alive: boolean
}

/**
 * A cluster shared by the tests of one group (node boots are the slow part), killed
 * when the group ends. Each test `ensure`s the nodes it needs, so a node another test
 * killed is started again, and calls `watch` to get the nodes' output if it fails.
 */
export function clusterForGroup(group: Group): Cluster {
  const cluster = new Cluster()
  group.setup(() => () => cluster.cleanup())
  return cluster
}

/** Every child of every cluster in this process, for the last-resort exit hook. */
const everyChild = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of everyChild) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

/** A free loopback TCP port (the OS picks; closed again before the node binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Rejects with `message` when `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${message} (after ${ms} ms)`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined && value !== false) return value as T
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`)
    }
    await sleep(everyMs)
  }
}

/**
 * A set of named nodes. Names are the test's own ("A", "B"); each gets a NODE_ID
 * unique to this cluster (`A-1f2e3d`), so leases left behind by another group's
 * killed node never look like this group's. A node started again keeps its name,
 * NODE_ID and port (a restart, as a process supervisor would do it).
 */
export class Cluster {
  readonly #suffix = randomBytes(3).toString('hex')
  #nodes = new Map<string, RunningNode>()
  #ports = new Map<string, number>()
  #logs = new Map<string, string[]>()
  /** Lines each node's buffer has dropped (for marks that outlive the ring buffer). */
  #dropped = new Map<string, number>()

  /** The NODE_ID a node runs with (the runtime's lease owner name). */
  nodeId(name: string) {
    return `${name}-${this.#suffix}`
  }

  url(name: string) {
    const port = this.#ports.get(name)
    if (port === undefined) throw new Error(`node ${name} was never started`)
    return `http://127.0.0.1:${port}`
  }

  isAlive(name: string) {
    return this.#nodes.get(name)?.alive ?? false
  }

  /** The node's last output lines (JSON logs at LOG_LEVEL=warn, and stderr), or those after `mark`. */
  logs(name: string, mark?: LogMark) {
    const lines = this.#logs.get(name) ?? []
    const dropped = this.#dropped.get(name) ?? 0
    const from = mark ? Math.max(0, (mark.get(name) ?? 0) - dropped) : 0
    return lines.slice(from).join('\n')
  }

  /** Where every node's output stands now: pass it to `logs()` to see only what came after. */
  mark(): LogMark {
    const mark: LogMark = new Map()
    for (const [name, lines] of this.#logs) mark.set(name, (this.#dropped.get(name) ?? 0) + lines.length)
    return mark
  }

  /**
   * For one test of a shared cluster: prints the nodes' output of this test if it
   * fails (register with the test's `cleanup`). Returns the mark the test started at.
   */
  watch(cleanup: (handler: (failed: boolean) => void) => void): LogMark {
    const mark = this.mark()
    cleanup((failed) => {
      if (!failed) return
      for (const name of this.#logs.keys()) console.error(`\n--- node ${name} (${this.nodeId(name)}) output during the test ---\n${this.logs(name, mark)}`)
    })
    return mark
  }

  /** Starts, in parallel, those of `names` that are not running; resolves with their URLs. */
  async ensure<const N extends string[]>(...names: N): Promise<{ [K in keyof N]: string }> {
    const urls = await Promise.all(names.map((name) => (this.isAlive(name) ? this.url(name) : this.start(name))))
    return urls as { [K in keyof N]: string }
  }

  /**
   * Starts a node (again, on the same port, if it ran before) and resolves once
   * GET /health/ready answers 200. Rejects, with the node's output, if it exits
   * first or is not ready within 30 s.
   */
  async start(name: string, extraEnv: Record<string, string> = {}): Promise<string> {
    if (this.#nodes.get(name)?.alive) throw new Error(`node ${name} is already running`)
    const port = this.#ports.get(name) ?? (await freePort())
    this.#ports.set(name, port)
    this.#append(name, `--- start ${this.nodeId(name)} on ${port} at ${new Date().toISOString()}`)

    const proc = spawn(process.execPath, ['--import=@poppinss/ts-exec', `--import=${ORPHAN_GUARD}`, 'bin/server.ts'], {
      cwd: APP_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(port),
        NODE_ID: this.nodeId(name),
        ...extraEnv,
      },
      // The IPC channel is only the orphan guard's lifeline (see orphan_guard.ts).
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    everyChild.add(proc)
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line) this.#append(name, line)
    }
    proc.stdout!.on('data', keep)
    proc.stderr!.on('data', keep)
    const node: RunningNode = {
      name,
      nodeId: this.nodeId(name),
      port,
      proc,
      alive: true,
      exited: new Promise((resolve) => {
        proc.once('exit', (code, signal) => {
          node.alive = false
          everyChild.delete(proc)
          this.#append(name, `--- exit code=${code} signal=${signal}`)
          resolve({ code, signal })
        })
      }),
    }
    this.#nodes.set(name, node)

    const url = `http://127.0.0.1:${port}`
    const deadline = Date.now() + READY_TIMEOUT_MS
    while (Date.now() < deadline) {
      if (!node.alive) throw new Error(`node ${name} exited before it was ready:\n${this.logs(name)}`)
      const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1_000) })
        .then((response) => response.status === 200)
        .catch(() => false)
      if (ready) return url
      await sleep(100)
    }
    proc.kill('SIGKILL')
    throw new Error(`node ${name} was not ready within ${READY_TIMEOUT_MS} ms:\n${this.logs(name)}`)
  }

  /** SIGTERM (graceful shutdown); resolves with how it exited and how long it took. SIGKILLs after `timeoutMs`. */
  async stop(name: string, timeoutMs = STOP_TIMEOUT_MS): Promise<Exit> {
    return this.#signal(name, 'SIGTERM', timeoutMs)
  }

  /** SIGKILL: the node dies mid-whatever, as in a crash or an OOM kill. */
  async kill(name: string): Promise<Exit> {
    return this.#signal(name, 'SIGKILL', STOP_TIMEOUT_MS)
  }

  /** Makes sure none of `names` runs (SIGKILL where one does). */
  async absent(...names: string[]) {
    await Promise.all(names.filter((name) => this.isAlive(name)).map((name) => this.kill(name)))
  }

  /** Kills every node still running (SIGKILL) and waits for them to exit. */
  async cleanup() {
    await Promise.all(
      [...this.#nodes.values()].filter((node) => node.alive).map((node) => this.#signal(node.name, 'SIGKILL', STOP_TIMEOUT_MS).catch(() => undefined))
    )
  }

  #append(name: string, line: string) {
    const lines = this.#logs.get(name) ?? []
    this.#logs.set(name, lines)
    lines.push(line)
    if (lines.length > LOG_LINES) {
      lines.shift()
      this.#dropped.set(name, (this.#dropped.get(name) ?? 0) + 1)
    }
  }

  async #signal(name: string, signal: NodeJS.Signals, timeoutMs: number): Promise<Exit> {
    const node = this.#nodes.get(name)
    if (!node) throw new Error(`node ${name} was never started`)
    const started = performance.now()
    if (!node.alive) return { ...(await node.exited), ms: 0 }
    node.proc.kill(signal)
    try {
      const exit = await within(node.exited, timeoutMs, `node ${name} did not exit on ${signal}`)
      return { ...exit, ms: Math.round(performance.now() - started) }
    } catch (error) {
      node.proc.kill('SIGKILL')
      await within(node.exited, STOP_TIMEOUT_MS, `node ${name} did not exit on SIGKILL`).catch(() => undefined)
      throw new Error(`${(error as Error).message}\n${this.logs(name)}`)
    }
  }
}
