import type { Tx } from '#core/db/tenancy'

export interface ReviewRow {
  id: string
  store_id: string
  kind: string
  status: 'open' | 'resolved'
  subject_type: string
  subject_id: string
  data: Record<string, unknown>
  created_at: Date | string
  resolution: 'accepted' | 'stock_adjusted' | 'follow_up' | null
  resolution_note: string | null
  resolved_by: string | null
  resolved_at: Date | string | null
}

/* The store's conflict review inbox (review_items of the transaction's tenant). */
export const reviewRepository = {
  async list(trx: Tx, storeId: string, options: { status: 'open' | 'resolved'; kind?: string; limit: number }): Promise<ReviewRow[]> {
    const query = trx
      .from('review_items')
      .select('*')
      .where({ store_id: storeId, status: options.status })
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(options.limit)
    if (options.kind) query.where('kind', options.kind)
    return query
  },

  async lock(trx: Tx, storeId: string, id: string): Promise<ReviewRow | null> {
    return (await trx.from('review_items').select('*').where({ id, store_id: storeId }).forUpdate().first()) ?? null
  },

  async resolve(trx: Tx, id: string, resolution: { resolution: string; note: string; by: string }): Promise<ReviewRow> {
    await trx
      .from('review_items')
      .where('id', id)
      .update({ status: 'resolved', resolution: resolution.resolution, resolution_note: resolution.note, resolved_by: resolution.by, resolved_at: trx.raw('now()') })
    return trx.from('review_items').select('*').where('id', id).firstOrFail()
  },
}
