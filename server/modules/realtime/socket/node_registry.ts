import type { Redis } from 'ioredis'

export interface DeviceOnNode {
  tenantId: string
  storeId: string
  terminalId: string
  deviceId: string
}

// Take a dead node's devices exactly once, whichever node sweeps first.
const CLAIM_DEAD = `if redis.call('exists', KEYS[1]) == 1 then return false end
local devices = redis.call('smembers', KEYS[2])
redis.call('del', KEYS[2])
redis.call('srem', KEYS[3], ARGV[1])
return devices`

/**
 * Which terminal sockets each node holds, and whether the node is alive (a
 * heartbeat key with a short expiry). A node that dies cannot report its
 * terminals' disconnects; the surviving nodes notice the missing heartbeat and
 * report them instead (unless the terminal has reconnected somewhere).
 */
export class NodeRegistry {
  #redis: Redis
  #nodeId: string
  #timers: NodeJS.Timeout[] = []
  #onDeadDevices: (devices: DeviceOnNode[]) => Promise<void>
  #ttlMs: number

  constructor(options: { redis: Redis; nodeId: string; ttlMs?: number; onDeadDevices: (devices: DeviceOnNode[]) => Promise<void> }) {
    this.#redis = options.redis
    this.#nodeId = options.nodeId
    this.#ttlMs = options.ttlMs ?? 4_000
    this.#onDeadDevices = options.onDeadDevices
  }

  async start() {
    await this.#beat()
    await this.#redis.sadd('pos:nodes', this.#nodeId)
    this.#timers.push(setInterval(() => void this.#beat().catch(() => undefined), Math.floor(this.#ttlMs / 3)))
    this.#timers.push(setInterval(() => void this.#sweep().catch(() => undefined), Math.floor(this.#ttlMs / 2)))
    for (const timer of this.#timers) timer.unref()
  }

  added(device: DeviceOnNode) {
    return this.#redis.sadd(this.#devicesKey(this.#nodeId), JSON.stringify(device)).catch(() => 0)
  }

  removed(device: DeviceOnNode) {
    return this.#redis.srem(this.#devicesKey(this.#nodeId), JSON.stringify(device)).catch(() => 0)
  }

  /** Leaving: stop the heartbeat, so the others account for this node's terminals. */
  async stop() {
    for (const timer of this.#timers) clearInterval(timer)
    this.#timers = []
    await this.#redis.del(this.#aliveKey(this.#nodeId)).catch(() => 0)
  }

  #beat() {
    return this.#redis.set(this.#aliveKey(this.#nodeId), '1', 'PX', this.#ttlMs)
  }

  async #sweep() {
    for (const node of await this.#redis.smembers('pos:nodes')) {
      if (node === this.#nodeId) continue
      const claimed = (await this.#redis.eval(CLAIM_DEAD, 3, this.#aliveKey(node), this.#devicesKey(node), 'pos:nodes', node)) as
        | string[]
        | null
      if (claimed && claimed.length > 0) await this.#onDeadDevices(claimed.map((raw) => JSON.parse(raw) as DeviceOnNode))
    }
  }

  #aliveKey(node: string) {
    return `pos:alive:${node}`
  }

  #devicesKey(node: string) {
    return `pos:devices:${node}`
  }
}
