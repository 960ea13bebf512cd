import { inRlsTransaction } from '#core/db/tenancy'
import { sha256Hex } from '#core/secrets'
import { actorRepository } from './actor_repository.js'
import type { ActorHost } from './actor_host.js'

/**
 * Fires persisted delayed events. Every node polls; each due timer is sent to
 * its actor as a command whose id is the timer's id, so however many nodes
 * see it, it takes effect once, on the node that owns the actor.
 */
export class TimerPoller {
  #host: ActorHost
  #intervalMs: number
  #timer: NodeJS.Timeout | undefined
  #running = false

  constructor(host: ActorHost, intervalMs = 500) {
    this.#host = host
    this.#intervalMs = intervalMs
  }

  start() {
    this.#timer = setInterval(() => void this.tick(), this.#intervalMs)
    this.#timer.unref()
  }

  stop() {
    clearInterval(this.#timer)
  }

  async tick() {
    if (this.#running) return
    this.#running = true
    try {
      const due = await inRlsTransaction({ 'app.scan': 'timers' }, (trx) => actorRepository.dueTimers(trx, 100))
      await Promise.all(
        due.map((timer) =>
          this.#host.dispatch({
            ref: { tenantId: timer.tenant_id, kind: timer.kind, actorId: timer.actor_id },
            commandId: timer.id,
            commandType: `timer:${String(timer.event.type)}`,
            payloadHash: sha256Hex(timer.id),
            event: timer.event as { type: string },
            sender: { userId: null, deviceId: null },
            timerId: timer.id,
          })
        )
      )
    } catch {
      // The next tick retries; a database outage is reported by the readiness probe.
    } finally {
      this.#running = false
    }
  }
}
