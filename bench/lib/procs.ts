/*
 * Child processes of the bench (server nodes, echo servers) and CPU accounting
 * from /proc. Every process is stopped by its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import { sleep } from './stats.js'

export interface Child {
  name: string
  pid: number
  url: string
  port: number
  proc: ChildProcess
  /** Last lines of output, for error reports. */
  tail: () => string
  stop: () => Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const live = new Set<Child>()

/** Stops every child still running (the bench's own, by pid). */
export async function stopAll() {
  await Promise.all([...live].map((child) => child.stop()))
}

export async function startChild(options: {
  name: string
  root: string
  args: string[]
  env: NodeJS.ProcessEnv
  port: number
  readyTimeoutMs?: number
}): Promise<Child> {
  const lines: string[] = []
  const proc = spawn(process.execPath, options.args, { cwd: options.root, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue
      lines.push(line)
      if (lines.length > 60) lines.shift()
    }
  }
  proc.stdout!.on('data', keep)
  proc.stderr!.on('data', keep)
  let exited = false
  const exitPromise = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      exited = true
      resolve()
    })
  )
  const url = `http://127.0.0.1:${options.port}`
  const child: Child = {
    name: options.name,
    pid: proc.pid!,
    url,
    port: options.port,
    proc,
    tail: () => lines.join('\n'),
    stop: async () => {
      live.delete(child)
      if (exited) return
      proc.kill('SIGTERM')
      const killed = await Promise.race([exitPromise.then(() => true), sleep(10_000).then(() => false)])
      if (!killed) {
        proc.kill('SIGKILL')
        await exitPromise
      }
    },
  }
  live.add(child)

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000)
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.name} exited during start-up:\n${child.tail()}`)
    try {
      const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2_000) })
      if (response.status === 200) return child
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  await child.stop()
  throw new Error(`${options.name} was not ready in time:\n${child.tail()}`)
}

const CLK_TCK = 100

/** CPU time (user + system) of a process in ms, or null when it is gone. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // After the command: state(0) ppid ... utime(11) stime(12)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK
  } catch {
    return null
  }
}

/** Resident set size of a process in KB (from /proc, as the kernel counts it). */
export function rssKb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : null
  } catch {
    return null
  }
}

/** Machine-wide CPU counters (all cores), from /proc/stat. */
export function machineCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!
  const values = line.trim().split(/\s+/).slice(1).map(Number)
  const idle = (values[3] ?? 0) + (values[4] ?? 0)
  const total = values.reduce((a, b) => a + b, 0)
  return { idle, total }
}

/** Waits until the processes use less than `threshold` of one core (or `maxMs` passes). */
export async function settle(pids: number[], threshold = 0.15, maxMs = 10_000) {
  const start = Date.now()
  while (Date.now() - start < maxMs) {
    const before = pids.map((pid) => cpuMs(pid) ?? 0)
    await sleep(500)
    const used = pids.reduce((sum, pid, i) => sum + ((cpuMs(pid) ?? 0) - before[i]!), 0)
    if (used / 500 < threshold) return Date.now() - start
  }
  return Date.now() - start
}
