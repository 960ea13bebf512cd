import type { Tx } from '#core/db/tenancy'

/* Read models over the ledger: levels, history, valuation, COGS (tenant by RLS; tenant id also for the indexes). */

/** The FIFO value of a layer's remaining units: round(qty × cost) − round(used × cost), as the ledger costs pieces. */
const LAYER_VALUE = `round(l.quantity * l.unit_cost_paise) - round((l.quantity - l.remaining) * l.unit_cost_paise)`

export interface LevelRow {
  item_id: string
  sku: string
  name: string
  on_hand: string
  reorder_level: string
}

export const reportRepository = {
  async itemExists(trx: Tx, itemId: string) {
    return (await trx.from('items').select('id').where('id', itemId).first()) !== null
  },

  /** Active items (and retired ones that still have a level in the store), by SKU; on-hand 0 when never moved. */
  async levels(trx: Tx, tenantId: string, storeId: string, options: { limit: number; after?: string; lowOnly?: boolean }): Promise<LevelRow[]> {
    const bindings: Array<string | number> = [storeId, tenantId]
    let filter = ''
    if (options.after !== undefined) {
      filter += ' and i.sku > ?'
      bindings.push(options.after)
    }
    if (options.lowOnly) filter += ' and coalesce(sl.on_hand, 0) <= coalesce(sl.reorder_level, i.reorder_level)'
    bindings.push(options.limit)
    const result = await trx.rawQuery(
      `select i.id as item_id, i.sku, i.name, coalesce(sl.on_hand, 0) as on_hand, coalesce(sl.reorder_level, i.reorder_level) as reorder_level
         from items i
         left join stock_levels sl on sl.tenant_id = i.tenant_id and sl.store_id = ? and sl.item_id = i.id
        where i.tenant_id = ? and (i.active or sl.item_id is not null)${filter}
        order by i.sku
        limit ?`,
      bindings
    )
    return result.rows
  },

  async levelsOf(trx: Tx, tenantId: string, storeId: string, itemIds: string[]): Promise<Array<Omit<LevelRow, 'sku' | 'name'>>> {
    const result = await trx.rawQuery(
      `select i.id as item_id, coalesce(sl.on_hand, 0) as on_hand, coalesce(sl.reorder_level, i.reorder_level) as reorder_level
         from items i
         left join stock_levels sl on sl.tenant_id = i.tenant_id and sl.store_id = ? and sl.item_id = i.id
        where i.tenant_id = ? and i.id = any(?::uuid[])
        order by i.id`,
      [storeId, tenantId, itemIds]
    )
    return result.rows
  },

  async movements(trx: Tx, tenantId: string, storeId: string, itemId: string, options: { limit: number; before?: string }) {
    const query = trx
      .from('stock_movements')
      .select('*')
      .where({ tenant_id: tenantId, store_id: storeId, item_id: itemId })
      .orderBy('position', 'desc')
      .limit(options.limit)
    if (options.before !== undefined) query.where('position', '<', options.before)
    return query
  },

  async valuation(trx: Tx, tenantId: string, storeId: string, options: { limit: number; after?: string }) {
    const bindings: Array<string | number> = [tenantId, storeId]
    let filter = ''
    if (options.after !== undefined) {
      filter = ' and i.sku > ?'
      bindings.push(options.after)
    }
    bindings.push(options.limit)
    const result = await trx.rawQuery(
      `select sl.item_id, i.sku, i.name, sl.on_hand,
              coalesce((select sum(${LAYER_VALUE}) from cost_layers l
                         where l.tenant_id = sl.tenant_id and l.store_id = sl.store_id and l.item_id = sl.item_id and l.remaining > 0), 0) as fifo_value,
              coalesce((select sum(s.open_quantity) from cost_shortfalls s
                         where s.tenant_id = sl.tenant_id and s.store_id = sl.store_id and s.item_id = sl.item_id and s.open_quantity > 0), 0) as open_shortfall
         from stock_levels sl join items i on i.tenant_id = sl.tenant_id and i.id = sl.item_id
        where sl.tenant_id = ? and sl.store_id = ?${filter}
        order by i.sku
        limit ?`,
      bindings
    )
    return result.rows as Array<{ item_id: string; sku: string; name: string; on_hand: string; fifo_value: string; open_shortfall: string }>
  },

  async valuationTotals(trx: Tx, tenantId: string, storeId: string) {
    const result = await trx.rawQuery(
      `select (select count(*) from stock_levels where tenant_id = ? and store_id = ?)::int as items,
              (select coalesce(sum(${LAYER_VALUE}), 0) from cost_layers l
                where l.tenant_id = ? and l.store_id = ? and l.remaining > 0) as fifo_value`,
      [tenantId, storeId, tenantId, storeId]
    )
    return result.rows[0] as { items: number; fifo_value: string }
  },

  /** The outgoing movements of a reference in a store, with their cost of goods by kind of consumption. */
  async cogs(trx: Tx, tenantId: string, storeId: string, reference: { type: string; id: string }) {
    const result = await trx.rawQuery(
      `select m.id, m.item_id, m.kind, m.quantity,
              coalesce(sum(c.cost_paise), 0) as cogs,
              coalesce(sum(c.cost_paise) filter (where c.kind = 'shortfall'), 0) as provisional,
              coalesce(sum(c.cost_paise) filter (where c.kind = 'true_up'), 0) as true_up,
              (select coalesce(sum(s.open_quantity), 0) from cost_shortfalls s where s.tenant_id = m.tenant_id and s.movement_id = m.id) as open_shortfall
         from stock_movements m
         left join cost_layer_consumptions c on c.tenant_id = m.tenant_id and c.movement_id = m.id
        where m.tenant_id = ? and m.store_id = ? and m.reference_type = ? and m.reference_id = ? and m.quantity < 0
        group by m.id
        order by m.position`,
      [tenantId, storeId, reference.type, reference.id]
    )
    return result.rows as Array<{ id: string; item_id: string; kind: string; quantity: string; cogs: string; provisional: string; true_up: string; open_shortfall: string }>
  },
}
