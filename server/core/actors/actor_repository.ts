import type { Tx } from '#core/db/tenancy'
import type { ActorRef, CommandOutcome, CommandRequest } from './types.js'

const where = (ref: ActorRef) => ({ tenant_id: ref.tenantId, kind: ref.kind, actor_id: ref.actorId })

/* SQL of the actor runtime's durable step. Every call runs inside the step's tenant transaction. */
export const actorRepository = {
  /**
   * Claims a commandId. Returns false when it (or its terminal's clientSeq) was
   * claimed before. A concurrent claim of the same id blocks here until the other
   * transaction ends: then it conflicts (committed) or succeeds (rolled back).
   */
  async claimCommand(trx: Tx, request: CommandRequest): Promise<boolean> {
    const result = await trx.rawQuery(
      `insert into processed_commands (command_id, tenant_id, kind, actor_id, command_type, payload_hash, terminal_id, client_seq)
       values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning command_id`,
      [
        request.commandId,
        request.ref.tenantId,
        request.ref.kind,
        request.ref.actorId,
        request.commandType,
        request.payloadHash,
        request.terminalId ?? null,
        request.clientSeq ?? null,
      ] as any[]
    )
    return result.rows.length === 1
  },

  async findCommand(trx: Tx, commandId: string) {
    const row: { payload_hash: string; result: CommandOutcome | null } | undefined = await trx
      .from('processed_commands')
      .select('payload_hash', 'result')
      .where('command_id', commandId)
      .first()
    return row ?? null
  },

  async storeResult(trx: Tx, commandId: string, outcome: CommandOutcome) {
    await trx.from('processed_commands').where('command_id', commandId).update({ result: JSON.stringify(outcome) })
  },

  /** The last clientSeq applied for a terminal (0 before its first), without locking. */
  async lastClientSeq(trx: Tx, tenantId: string, terminalId: string): Promise<number> {
    const row = await trx.from('terminal_cursors').select('last_client_seq').where({ tenant_id: tenantId, terminal_id: terminalId }).first()
    return row ? Number(row.last_client_seq) : 0
  },

  /** Locks the terminal's cursor and returns the last applied clientSeq. */
  async lockCursor(trx: Tx, tenantId: string, terminalId: string): Promise<number> {
    await trx.rawQuery(
      `insert into terminal_cursors (tenant_id, terminal_id) values (?, ?) on conflict do nothing`,
      [tenantId, terminalId]
    )
    const row = await trx.from('terminal_cursors').select('last_client_seq').where({ tenant_id: tenantId, terminal_id: terminalId }).forUpdate().first()
    return Number(row.last_client_seq)
  },

  async advanceCursor(trx: Tx, tenantId: string, terminalId: string, clientSeq: number) {
    await trx.from('terminal_cursors').where({ tenant_id: tenantId, terminal_id: terminalId }).update({ last_client_seq: clientSeq })
  },

  /** Creates the actor row on first use, then locks it: the serialisation point across nodes. */
  async lockActor(trx: Tx, ref: ActorRef, machineVersion: number) {
    await trx.rawQuery(
      `insert into actors (tenant_id, kind, actor_id, machine_version) values (?, ?, ?, ?) on conflict do nothing`,
      [ref.tenantId, ref.kind, ref.actorId, machineVersion]
    )
    const row = await trx.from('actors').select('seq', 'epoch').where(where(ref)).forUpdate().first()
    return { seq: Number(row.seq), epoch: Number(row.epoch) }
  },

  async latestSnapshot(trx: Tx, ref: ActorRef) {
    const row: { seq: string; machine_version: number; snapshot: { value: unknown; context: unknown } } | undefined = await trx
      .from('actor_snapshots')
      .select('seq', 'machine_version', 'snapshot')
      .where(where(ref))
      .first()
    return row ? { seq: Number(row.seq), version: row.machine_version, snapshot: row.snapshot } : null
  },

  async journalTail(trx: Tx, ref: ActorRef, afterSeq: number, toSeq: number) {
    const rows: Array<{ seq: string; event: Record<string, unknown> }> = await trx
      .from('actor_journal')
      .select('seq', 'event')
      .where(where(ref))
      .where('seq', '>', afterSeq)
      .where('seq', '<=', toSeq)
      .orderBy('seq')
    return rows.map((row) => ({ seq: Number(row.seq), event: row.event }))
  },

  async appendJournal(
    trx: Tx,
    entry: {
      ref: ActorRef
      seq: number
      request: CommandRequest
      event: Record<string, unknown>
      stateBefore: unknown
      stateAfter: unknown
      contextAfter: unknown
      actions: unknown[]
    }
  ) {
    await trx.insertQuery().table('actor_journal').insert({
      ...where(entry.ref),
      seq: entry.seq,
      event_type: entry.event.type,
      event: JSON.stringify(entry.event),
      state_before: JSON.stringify(entry.stateBefore),
      state_after: JSON.stringify(entry.stateAfter),
      context_after: JSON.stringify(entry.contextAfter),
      actions: JSON.stringify(entry.actions),
      sender_user_id: entry.request.sender.userId,
      sender_device_id: entry.request.sender.deviceId,
      command_id: entry.request.commandId,
    })
  },

  async advanceActor(trx: Tx, ref: ActorRef, seq: number, epoch: number, storeId: string | null) {
    await trx
      .from('actors')
      .where(where(ref))
      .update({
        seq,
        epoch: trx.raw('greatest(epoch, ?)', [epoch]),
        store_id: trx.raw('coalesce(store_id, ?)', [storeId as any]),
        updated_at: trx.raw('now()'),
      })
  },

  async saveSnapshot(trx: Tx, ref: ActorRef, seq: number, machineVersion: number, snapshot: unknown) {
    await trx.rawQuery(
      `insert into actor_snapshots (tenant_id, kind, actor_id, seq, machine_version, snapshot) values (?, ?, ?, ?, ?, ?)
       on conflict (tenant_id, kind, actor_id) do update set seq = excluded.seq, machine_version = excluded.machine_version,
         snapshot = excluded.snapshot, at = now()`,
      [ref.tenantId, ref.kind, ref.actorId, seq, machineVersion, JSON.stringify(snapshot)]
    )
  },

  /** Appends a fact to the store's gapless event sequence and returns its number and time. */
  /**
   * Ends a successful step that produced facts, in ONE statement: reserves the
   * block of store sequence numbers (creating the counter on first use), appends
   * the facts as store events, and stores the command's result carrying the last
   * sequence number. The counter row stays locked until commit, so this is the
   * step's last statement: the lock covers one round trip and the commit.
   */
  async finishWithFacts(
    trx: Tx,
    e: { tenantId: string; storeId: string; ref: ActorRef; commandId: string; facts: Array<{ type: string; data: unknown }>; result: CommandOutcome }
  ) {
    const inserted = await trx.rawQuery(
      `with counter as (
         insert into store_event_counters as c (tenant_id, store_id, last_seq) values (?, ?, ?)
         on conflict (tenant_id, store_id) do update set last_seq = c.last_seq + excluded.last_seq
         returning last_seq
       ), events as (
         insert into store_events (tenant_id, store_id, seq, type, data, kind, actor_id, command_id)
         select ?, ?, counter.last_seq - ? + f.ordinality, f.value->>'type', f.value->'data', ?, ?, ?
           from counter, jsonb_array_elements(?::jsonb) with ordinality as f
         returning seq, at
       ), stored as (
         update processed_commands
            set result = jsonb_set(?::jsonb, '{data,storeSeq}', to_jsonb((select last_seq from counter)))
          where command_id = ?
       )
       select seq, at from events order by seq`,
      [
        e.tenantId,
        e.storeId,
        e.facts.length,
        e.tenantId,
        e.storeId,
        e.facts.length,
        e.ref.kind,
        e.ref.actorId,
        e.commandId,
        JSON.stringify(e.facts.map((f) => ({ type: f.type, data: f.data ?? null }))),
        JSON.stringify(e.result),
        e.commandId,
      ]
    )
    return (inserted.rows as Array<{ seq: string; at: Date }>).map((row, index) => ({
      ...e.facts[index]!,
      seq: Number(row.seq),
      at: new Date(row.at).toISOString(),
    }))
  },

  async schedule(trx: Tx, ref: ActorRef, key: string, delayMs: number, event: unknown) {
    await trx.rawQuery(
      `insert into actor_timers (tenant_id, kind, actor_id, timer_key, event, due_at)
       values (?, ?, ?, ?, ?, now() + (? * interval '1 millisecond'))
       on conflict (tenant_id, kind, actor_id, timer_key) do update set event = excluded.event, due_at = excluded.due_at`,
      [ref.tenantId, ref.kind, ref.actorId, key, JSON.stringify(event), delayMs]
    )
  },

  async cancelSchedule(trx: Tx, ref: ActorRef, key: string) {
    await trx.from('actor_timers').where({ ...where(ref), timer_key: key }).delete()
  },

  /** Consumes a due timer; false when it no longer exists (cancelled or already fired). */
  async deleteTimer(trx: Tx, timerId: string): Promise<boolean> {
    const deleted = await trx.from('actor_timers').where('id', timerId).delete()
    return Number(deleted) > 0
  },

  /** Due timers of every tenant (needs app.scan = 'timers'). */
  async dueTimers(trx: Tx, limit: number) {
    const rows: Array<{ id: string; tenant_id: string; kind: string; actor_id: string; event: Record<string, unknown> }> = await trx
      .from('actor_timers')
      .select('id', 'tenant_id', 'kind', 'actor_id', 'event')
      .where('due_at', '<=', trx.raw('now()'))
      .orderBy('due_at')
      .limit(limit)
    return rows
  },

  async enqueue(trx: Tx, e: { tenantId: string; topic: string; key: string | null; payload: unknown; commandId: string }) {
    await trx.insertQuery().table('outbox').insert({
      tenant_id: e.tenantId,
      topic: e.topic,
      key: e.key,
      payload: JSON.stringify(e.payload),
      command_id: e.commandId,
    })
  },
}
