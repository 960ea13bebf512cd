/*
 * The durable outbox. Every command the terminal makes is first written to SQLite (with its
 * commandId and its clientSeq), and only then sent. Sending drains the queue strictly in order,
 * one command at a time; an entry is deleted only after the server's ack. A reload or a crash
 * at any point leaves each command either still queued (sent again with the same commandId and
 * clientSeq: the server answers a duplicate with the stored result) or acked and gone — never
 * lost, never applied twice.
 */
import { signal } from '@angular/core'
import type { Ack, CommandResult } from './protocol-types'
import type { SqlDatabase, SqlStatement } from './sql-database'
import { uuidv7 } from './ids'

/** An error as the outbox keeps it: the server's code (or E_NETWORK) and message. */
export interface OutboxError {
  code: string
  message: string
  details?: unknown
}

/** How commands reach the server (the socket in the app; a fake in tests). */
export interface CommandTransport {
  isConnected(): boolean
  /** Rejects when there is no answer (disconnected, timed out): the command may or may not have arrived. */
  send(name: string, payload: Record<string, unknown>): Promise<Ack<CommandResult> | { ok: false; error: OutboxError }>
}

export interface OutboxEntry {
  id: number
  commandId: string
  clientSeq: number
  name: string
  payload: Record<string, unknown>
  createdAt: string
  attempts: number
}

export interface RefusedCommand {
  commandId: string
  clientSeq: number
  name: string
  payload: Record<string, unknown>
  error: OutboxError
}

/** Answers that say "not now" rather than "no": the entry stays and is sent again later. */
const TRANSIENT = new Set(['E_RATE_LIMITED', 'E_ACTOR_FAILED', 'E_ACTOR_UNAVAILABLE', 'E_ACTOR_BUSY', 'E_INTERNAL', 'E_UNAVAILABLE'])
const OUT_OF_ORDER = 'E_COMMAND_OUT_OF_ORDER'
/** A clientSeq no terminal reaches: the server's refusal of it names the one it expects. */
const PROBE_SEQ = 2 ** 52

type Row = { id: number; command_id: string; client_seq: number; name: string; payload: string; created_at: string; attempts: number }

export interface OutboxOptions {
  /** Called in order for each acked entry, after it was removed. */
  onAcked?: (entry: OutboxEntry, result: CommandResult) => void | Promise<void>
  /** Called for each refused entry, after it was moved to `outbox_refused`. */
  onRefused?: (refused: RefusedCommand) => void | Promise<void>
  /** Delay before a retry after a transient failure (ms). */
  retryDelayMs?: (attempt: number) => number
  now?: () => string
}

export class Outbox {
  /** Commands written but not yet acked. */
  readonly depth = signal(0)
  /** The last failure of the sender (null while it goes well). */
  readonly lastError = signal<OutboxError | null>(null)

  #draining: Promise<void> | null = null
  #again = false
  #retryTimer: ReturnType<typeof setTimeout> | null = null
  #failures = 0
  #stopped = false

  constructor(
    private readonly db: SqlDatabase,
    private readonly transport: CommandTransport,
    private readonly options: OutboxOptions = {},
  ) {}

  /** Reads the queue depth left by an earlier run. */
  async init(): Promise<void> {
    await this.#refreshDepth()
  }

  /**
   * The statements that queue a command (its clientSeq is the terminal's next, taken in the
   * same transaction). Write them together with the local change they belong to.
   */
  appendStatements(name: string, payload: Record<string, unknown>, commandId = uuidv7()): { commandId: string; statements: SqlStatement[] } {
    const now = this.options.now?.() ?? new Date().toISOString()
    return {
      commandId,
      statements: [
        {
          sql: `INSERT INTO outbox (command_id, client_seq, name, payload, created_at)
                SELECT ?, CAST(value AS INTEGER), ?, ?, ? FROM kv WHERE key = 'nextClientSeq'`,
          values: [commandId, name, JSON.stringify(payload), now],
        },
        { sql: `UPDATE kv SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'nextClientSeq'` },
      ],
    }
  }

  /** Queues a command durably (with `extra` local writes, atomically), then starts sending. */
  async append(name: string, payload: Record<string, unknown>, extra: readonly SqlStatement[] = []): Promise<string> {
    const { commandId, statements } = this.appendStatements(name, payload)
    await this.db.write([...extra, ...statements])
    this.depth.update((n) => n + 1)
    void this.flush()
    return commandId
  }

  async entries(): Promise<OutboxEntry[]> {
    const rows = await this.db.query<Row>('SELECT * FROM outbox ORDER BY id')
    return rows.map(toEntry)
  }

  async refused(): Promise<RefusedCommand[]> {
    const rows = await this.db.query<Row & { code: string; message: string }>('SELECT * FROM outbox_refused ORDER BY client_seq')
    return rows.map((row) => ({
      commandId: row.command_id,
      clientSeq: Number(row.client_seq),
      name: row.name,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
      error: { code: row.code, message: row.message },
    }))
  }

  /** Sends what is queued, in order, while connected. Concurrent calls share one drain. */
  flush(): Promise<void> {
    this.#again = true
    this.#draining ??= this.#loop()
    return this.#draining
  }

  async #loop(): Promise<void> {
    try {
      // The check and the reset of #draining happen in one synchronous run, so a flush()
      // arriving at any moment is either seen by this loop or starts a new one.
      while (this.#again && !this.#stopped) {
        this.#again = false
        await this.#drain()
      }
    } finally {
      this.#draining = null
    }
  }

  stop(): void {
    this.#stopped = true
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer)
  }

  async #drain(): Promise<void> {
    let probe = false
    while (!this.#stopped && this.transport.isConnected()) {
      const [row] = await this.db.query<Row>('SELECT * FROM outbox ORDER BY id LIMIT 1')
      if (row === undefined) break
      const entry = toEntry(row)
      const clientSeq = probe ? PROBE_SEQ : entry.clientSeq
      probe = false
      let ack: Awaited<ReturnType<CommandTransport['send']>>
      try {
        ack = await this.transport.send(entry.name, { ...entry.payload, commandId: entry.commandId, clientSeq })
      } catch (error) {
        // No answer: it may have arrived. Sending it again is safe (same commandId).
        this.#retryLater({ code: 'E_NETWORK', message: (error as Error).message })
        break
      }
      if (ack.ok) {
        await this.db.write([{ sql: 'DELETE FROM outbox WHERE command_id = ?', values: [entry.commandId] }])
        this.#failures = 0
        this.lastError.set(null)
        await this.#refreshDepth()
        await this.options.onAcked?.(entry, ack.data)
        continue
      }
      const error = ack.error
      if (error.code === OUT_OF_ORDER) {
        const expected = (error.details as { expected?: unknown } | undefined)?.expected
        if (typeof expected === 'number' && Number.isInteger(expected) && expected > 0) {
          await this.#renumber(expected - entry.clientSeq)
          continue
        }
        // "Already used by another command": this queue's numbering is behind the server's
        // (the terminal was paired again, or its store was reset). Ask which number comes next.
        probe = true
        continue
      }
      if (TRANSIENT.has(error.code)) {
        this.#retryLater(error)
        break
      }
      await this.#refuse(entry, error)
    }
  }

  /**
   * The server expects `head + delta`: the numbers between were never taken (a refusal rolled
   * back with its step). Every queued command moves by `delta`, keeping their order.
   */
  async #renumber(delta: number): Promise<void> {
    if (delta === 0) return
    await this.db.write([
      { sql: 'UPDATE outbox SET client_seq = client_seq + ?', values: [delta] },
      { sql: `UPDATE kv SET value = CAST(CAST(value AS INTEGER) + ? AS TEXT) WHERE key = 'nextClientSeq'`, values: [delta] },
    ])
  }

  /** The server said no: the command leaves the queue and is kept for review; the sale stands. */
  async #refuse(entry: OutboxEntry, error: OutboxError): Promise<void> {
    await this.db.write([
      {
        sql: `INSERT OR REPLACE INTO outbox_refused (command_id, client_seq, name, payload, code, message, refused_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        values: [entry.commandId, entry.clientSeq, entry.name, JSON.stringify(entry.payload), error.code, error.message, this.options.now?.() ?? new Date().toISOString()],
      },
      { sql: 'DELETE FROM outbox WHERE command_id = ?', values: [entry.commandId] },
    ])
    await this.#refreshDepth()
    await this.options.onRefused?.({ commandId: entry.commandId, clientSeq: entry.clientSeq, name: entry.name, payload: entry.payload, error })
  }

  #retryLater(error: OutboxError): void {
    this.lastError.set(error)
    this.#failures++
    if (this.#retryTimer !== null || this.#stopped) return
    const delay = this.options.retryDelayMs?.(this.#failures) ?? Math.min(30_000, 500 * 2 ** Math.min(this.#failures, 6))
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null
      void this.flush()
    }, delay)
  }

  async #refreshDepth(): Promise<void> {
    const [row] = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM outbox')
    this.depth.set(Number(row?.n ?? 0))
  }
}

function toEntry(row: Row): OutboxEntry {
  return {
    id: Number(row.id),
    commandId: row.command_id,
    clientSeq: Number(row.client_seq),
    name: row.name,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: row.created_at,
    attempts: Number(row.attempts),
  }
}
