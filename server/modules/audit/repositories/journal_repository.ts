import type { Tx } from '#core/db/tenancy'
import type { ActorHistoryQuery, ActorSummary, JournalEntry } from '@pos/protocols'

/* Read side of the actor journal (the runtime writes it). Tenant-scoped by RLS. */
export const journalRepository = {
  async actors(trx: Tx, storeId: string, kind?: string): Promise<ActorSummary[]> {
    const query = trx
      .from('actors')
      .select('kind', 'actor_id', 'store_id', 'seq', 'updated_at')
      .where((q) => q.where('store_id', storeId).orWhere((r) => r.where('kind', 'store').where('actor_id', storeId)))
      .orderBy([{ column: 'kind' }, { column: 'updated_at', order: 'desc' }])
      .limit(1000)
    if (kind) query.where('kind', kind)
    const rows = await query
    return rows.map((row) => ({
      kind: row.kind,
      actorId: row.actor_id,
      storeId: row.store_id,
      seq: Number(row.seq),
      updatedAt: new Date(row.updated_at).toISOString(),
    })) as ActorSummary[]
  },

  async actorStore(trx: Tx, kind: string, actorId: string): Promise<string | null | undefined> {
    const row = await trx.from('actors').select('store_id').where({ kind, actor_id: actorId }).first()
    return row ? row.store_id : undefined
  },

  async history(trx: Tx, kind: string, actorId: string, query: ActorHistoryQuery): Promise<JournalEntry[]> {
    const q = trx
      .from('actor_journal')
      .select('seq', 'at', 'event', 'state_before', 'state_after', 'context_after', 'actions', 'sender_user_id', 'sender_device_id', 'command_id')
      .where({ kind, actor_id: actorId })
      .where('seq', '>', query.afterSeq)
      .orderBy('seq')
      .limit(query.limit)
    if (query.eventType) q.where('event_type', query.eventType)
    if (query.from) q.where('at', '>=', query.from)
    if (query.to) q.where('at', '<', query.to)
    const rows = await q
    return rows.map((row) => ({
      seq: Number(row.seq),
      at: new Date(row.at).toISOString(),
      event: row.event,
      stateBefore: row.state_before,
      stateAfter: row.state_after,
      contextAfter: row.context_after,
      actions: row.actions,
      senderUserId: row.sender_user_id,
      senderDeviceId: row.sender_device_id,
      commandId: row.command_id,
    })) as JournalEntry[]
  },
}
