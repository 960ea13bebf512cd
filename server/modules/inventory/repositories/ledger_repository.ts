import type { Tx } from '#core/db/tenancy'

export interface LedgerMismatch {
  store_id: string
  item_id: string
  on_hand: string
  ledger: string
}

/* The ledger invariant: every stock_levels.on_hand equals the sum of its movements. */
export const ledgerRepository = {
  /** Tenants that have stock levels, across tenants: only in a transaction that declared the inventory scan (app.scan). */
  async tenantsWithStock(trx: Tx): Promise<string[]> {
    const result = await trx.rawQuery('select distinct tenant_id from stock_levels order by tenant_id')
    return result.rows.map((row: { tenant_id: string }) => row.tenant_id)
  },

  async count(trx: Tx, tenantId: string, storeId: string | null): Promise<number> {
    const query = trx.from('stock_levels').count('* as n').where('tenant_id', tenantId)
    if (storeId) query.where('store_id', storeId)
    const [row] = await query
    return Number(row.n)
  },

  async mismatches(trx: Tx, tenantId: string, storeId: string | null): Promise<LedgerMismatch[]> {
    const byStore = storeId ? ' and store_id = ?' : ''
    const bindings = storeId ? [tenantId, storeId, tenantId, storeId] : [tenantId, tenantId]
    const result = await trx.rawQuery(
      `select sl.store_id, sl.item_id, sl.on_hand, coalesce(m.total, 0) as ledger
         from stock_levels sl
         left join (select store_id, item_id, sum(quantity) as total from stock_movements
                     where tenant_id = ?${byStore} group by store_id, item_id) m using (store_id, item_id)
        where sl.tenant_id = ?${byStore.replace('store_id', 'sl.store_id')} and sl.on_hand <> coalesce(m.total, 0)
        order by sl.store_id, sl.item_id`,
      bindings
    )
    return result.rows
  },

  /** Locks one level row and reads the ledger sum under the lock (movements of the item are appended only under it). */
  async lockAndSum(trx: Tx, tenantId: string, storeId: string, itemId: string): Promise<{ on_hand: string; ledger: string } | null> {
    const level = await trx.from('stock_levels').select('on_hand').where({ tenant_id: tenantId, store_id: storeId, item_id: itemId }).forUpdate().first()
    if (!level) return null
    const result = await trx.rawQuery(
      `select coalesce(sum(quantity), 0) as ledger from stock_movements where tenant_id = ? and store_id = ? and item_id = ?`,
      [tenantId, storeId, itemId]
    )
    return { on_hand: level.on_hand, ledger: result.rows[0].ledger }
  },

  async setOnHand(trx: Tx, tenantId: string, storeId: string, itemId: string, onHand: string) {
    await trx.from('stock_levels').where({ tenant_id: tenantId, store_id: storeId, item_id: itemId }).update({ on_hand: onHand, updated_at: trx.raw('now()') })
  },
}
