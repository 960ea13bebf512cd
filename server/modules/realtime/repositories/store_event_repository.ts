import type { Tx } from '#core/db/tenancy'
import type { FactEnvelope, FactName } from '@pos/protocols'

export const storeEventRepository = {
  async after(trx: Tx, storeId: string, afterSeq: number, limit: number): Promise<FactEnvelope[]> {
    const rows: Array<{ seq: string; type: string; data: unknown; at: Date }> = await trx
      .from('store_events')
      .select('seq', 'type', 'data', 'at')
      .where('store_id', storeId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
    return rows.map((row) => ({
      storeId,
      seq: Number(row.seq),
      at: new Date(row.at).toISOString(),
      type: row.type as FactName,
      data: row.data as never,
    }))
  },

  async latestSeq(trx: Tx, storeId: string): Promise<number> {
    const row = await trx.from('store_event_counters').select('last_seq').where('store_id', storeId).first()
    return row ? Number(row.last_seq) : 0
  },
}
