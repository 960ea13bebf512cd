import type { Tx } from '#core/db/tenancy'

export interface TransferRow {
  id: string
  from_store_id: string
  to_store_id: string
  status: 'in_transit' | 'partially_received' | 'received'
  note: string | null
  dispatched_at: Date | string
  received_at: Date | string | null
}

export interface CostSliceJson {
  unitCostPaise: number
  quantity: string
  costPaise: number
  batchId: string | null
}

export interface TransferLineRow {
  transfer_id: string
  item_id: string
  quantity_dispatched: string
  quantity_received: string
  dispatched_value_paise: string
  cost_slices: CostSliceJson[]
}

/* Transfers between two stores of the transaction's tenant. */
export const transferRepository = {
  async storeExists(trx: Tx, storeId: string) {
    return (await trx.from('stores').select('id').where('id', storeId).first()) !== null
  },

  async insert(
    trx: Tx,
    transfer: { id: string; tenantId: string; fromStoreId: string; toStoreId: string; note: string | null; by: string | null; at: string },
    lines: Array<{ itemId: string; quantity: string; valuePaise: number; slices: CostSliceJson[]; movementId: string }>
  ) {
    await trx.table('stock_transfers').insert({
      id: transfer.id,
      tenant_id: transfer.tenantId,
      from_store_id: transfer.fromStoreId,
      to_store_id: transfer.toStoreId,
      note: transfer.note,
      dispatched_by: transfer.by,
      dispatched_at: transfer.at,
      updated_at: transfer.at,
    })
    await trx.table('stock_transfer_lines').multiInsert(
      lines.map((line) => ({
        tenant_id: transfer.tenantId,
        transfer_id: transfer.id,
        item_id: line.itemId,
        quantity_dispatched: line.quantity,
        dispatched_value_paise: line.valuePaise,
        cost_slices: JSON.stringify(line.slices),
        out_movement_id: line.movementId,
      }))
    )
  },

  async exists(trx: Tx, transferId: string) {
    return (await trx.from('stock_transfers').select('id').where('id', transferId).first()) !== null
  },

  /** The transfer, locked (receipts of one transfer are serialised by it). */
  async lockIncoming(trx: Tx, transferId: string, toStoreId: string): Promise<TransferRow | null> {
    const row = await trx.from('stock_transfers').select('*').where({ id: transferId, to_store_id: toStoreId }).forUpdate().first()
    return row ?? null
  },

  async find(trx: Tx, transferId: string): Promise<TransferRow | null> {
    return (await trx.from('stock_transfers').select('*').where('id', transferId).first()) ?? null
  },

  async lines(trx: Tx, transferIds: string[]): Promise<TransferLineRow[]> {
    if (transferIds.length === 0) return []
    return trx.from('stock_transfer_lines').select('*').whereIn('transfer_id', transferIds).orderBy('item_id')
  },

  async setReceived(trx: Tx, transferId: string, updates: Array<{ itemId: string; received: string }>) {
    for (const update of updates) {
      await trx.from('stock_transfer_lines').where({ transfer_id: transferId, item_id: update.itemId }).update({ quantity_received: update.received })
    }
  },

  async setStatus(trx: Tx, transferId: string, status: TransferRow['status'], receivedAt: string | null, at: string) {
    await trx.from('stock_transfers').where('id', transferId).update({ status, received_at: receivedAt, updated_at: at })
  },

  async list(trx: Tx, storeId: string, options: { direction: 'outgoing' | 'incoming' | 'both'; status?: string; limit: number }): Promise<TransferRow[]> {
    const query = trx.from('stock_transfers').select('*').orderBy('dispatched_at', 'desc').orderBy('id').limit(options.limit)
    if (options.direction === 'outgoing') query.where('from_store_id', storeId)
    else if (options.direction === 'incoming') query.where('to_store_id', storeId)
    else query.where((q) => q.where('from_store_id', storeId).orWhere('to_store_id', storeId))
    if (options.status) query.where('status', options.status)
    return query
  },

  /** Slices of lines dispatched from the store and not yet received in full (for the in-transit value). */
  async openOutgoingLines(trx: Tx, storeId: string): Promise<TransferLineRow[]> {
    return trx
      .from('stock_transfer_lines as l')
      .join('stock_transfers as t', (join) => join.on('t.tenant_id', 'l.tenant_id').andOn('t.id', 'l.transfer_id'))
      .select('l.*')
      .where('t.from_store_id', storeId)
      .whereNot('t.status', 'received')
  },
}
