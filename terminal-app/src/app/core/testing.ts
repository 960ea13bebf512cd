/*
 * Test support: a fresh terminal database per test, and a command endpoint that follows the
 * server's ordering rules (server/core/actors/actor_host.ts): a known commandId is answered
 * with its stored result; a clientSeq taken by another command, or not the next one, is
 * refused with E_COMMAND_OUT_OF_ORDER (with `details.expected` in the second case); a refusal
 * by a domain effect rolls back (the number is not used), a refusal by the machine is stored.
 */
import type { CommandTransport, OutboxError } from './outbox'
import type { Ack, CommandResult } from './protocol-types'
import { openSqlDatabase, type SqlDatabase } from './sql-database'

let counter = 0

/** A new, empty database (unique name) with the terminal schema. */
export function freshDatabase(): Promise<SqlDatabase> {
  counter++
  return openSqlDatabase(`spec${Date.now().toString(36)}${counter}`)
}

type Answer = Ack<CommandResult> | { ok: false; error: OutboxError }

export class ScriptedServer implements CommandTransport {
  connected = true
  cursor = 0
  readonly applied: Array<{ name: string; commandId: string; clientSeq: number }> = []
  readonly received: Array<{ name: string; commandId: string; clientSeq: number }> = []
  readonly #results = new Map<string, Answer>()
  readonly #seqOwner = new Map<number, string>()
  /** Names refused by an effect (rolled back: number not used). */
  readonly rollbackRefusals = new Set<string>()
  /** Names refused by the machine (stored: number used). */
  readonly storedRefusals = new Set<string>()
  /** Answer the next n sends with no ack at all (lost on the way back), after applying them. */
  loseAcks = 0

  isConnected(): boolean {
    return this.connected
  }

  async send(name: string, payload: Record<string, unknown>): Promise<Answer> {
    if (!this.connected) throw new Error('disconnected')
    const commandId = String(payload['commandId'])
    const clientSeq = Number(payload['clientSeq'])
    this.received.push({ name, commandId, clientSeq })
    const stored = this.#results.get(commandId)
    if (stored !== undefined) return stored.ok ? { ok: true, data: { ...stored.data, status: 'duplicate' } } : stored
    if (this.#seqOwner.has(clientSeq)) {
      return { ok: false, error: { code: 'E_COMMAND_OUT_OF_ORDER', message: `clientSeq ${clientSeq} was already used by another command` } }
    }
    if (clientSeq !== this.cursor + 1) {
      return { ok: false, error: { code: 'E_COMMAND_OUT_OF_ORDER', message: 'out of order', details: { expected: this.cursor + 1 } } }
    }
    if (this.rollbackRefusals.has(name)) return { ok: false, error: { code: 'E_SALE_SETUP_MISMATCH', message: 'refused, rolled back' } }
    this.cursor = clientSeq
    this.#seqOwner.set(clientSeq, commandId)
    let answer: Answer
    if (this.storedRefusals.has(name)) {
      answer = { ok: false, error: { code: 'E_SALE_WRONG_STATE', message: 'refused' } }
    } else {
      this.applied.push({ name, commandId, clientSeq })
      answer = { ok: true, data: { commandId, status: 'applied', actorSeq: this.applied.length, storeSeq: null } }
    }
    this.#results.set(commandId, answer)
    if (this.loseAcks > 0) {
      this.loseAcks--
      throw new Error('ack lost')
    }
    return answer
  }
}
