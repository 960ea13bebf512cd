import type { Tx } from '#core/db/tenancy'

/* The ledger's writes and the reads a stock step needs (tenant filter by RLS, plus the tenant id for the indexes). */

export interface LockedLevel {
  item_id: string
  on_hand: string
  reorder_level: string
  cost_paise: string
}

export interface OpenLayer {
  id: string
  item_id: string
  unit_cost_paise: string
  quantity: string
  remaining: string
  batch_id: string | null
}

export interface OpenShortfall {
  id: string
  item_id: string
  movement_id: string
  quantity: string
  open_quantity: string
  provisional_unit_cost_paise: string
}

export interface MovementRow {
  id: string
  tenant_id: string
  store_id: string
  item_id: string
  kind: string
  quantity: string
  on_hand_after: string
  unit_cost_paise: number | null
  total_cost_paise: number
  reason: string | null
  reference_type: string
  reference_id: string
  batch_id: string | null
  command_id: string | null
  created_by_user_id: string | null
  created_by_device_id: string | null
  at: string
}

export interface LayerRow {
  id: string
  tenant_id: string
  store_id: string
  item_id: string
  movement_id: string
  batch_id: string | null
  unit_cost_paise: number
  quantity: string
  remaining: string
  opened_at: string
}

export interface ShortfallRow {
  id: string
  tenant_id: string
  store_id: string
  item_id: string
  movement_id: string
  quantity: string
  open_quantity: string
  provisional_unit_cost_paise: number
  at: string
}

export interface ConsumptionRow {
  id: string
  tenant_id: string
  store_id: string
  item_id: string
  movement_id: string
  kind: 'layer' | 'shortfall' | 'true_up'
  layer_id: string | null
  shortfall_id: string | null
  settled_by_movement_id: string | null
  quantity: string
  unit_cost_paise: number
  cost_paise: number
  at: string
}

const MOVEMENT_COLUMNS = [
  'id', 'tenant_id', 'store_id', 'item_id', 'kind', 'quantity', 'on_hand_after', 'unit_cost_paise', 'total_cost_paise', 'reason',
  'reference_type', 'reference_id', 'batch_id', 'command_id', 'created_by_user_id', 'created_by_device_id', 'at',
] as const
const LAYER_COLUMNS = ['id', 'tenant_id', 'store_id', 'item_id', 'movement_id', 'batch_id', 'unit_cost_paise', 'quantity', 'remaining', 'opened_at'] as const
const SHORTFALL_COLUMNS = ['id', 'tenant_id', 'store_id', 'item_id', 'movement_id', 'quantity', 'open_quantity', 'provisional_unit_cost_paise', 'at'] as const
const CONSUMPTION_COLUMNS = [
  'id', 'tenant_id', 'store_id', 'item_id', 'movement_id', 'kind', 'layer_id', 'shortfall_id', 'settled_by_movement_id', 'quantity',
  'unit_cost_paise', 'cost_paise', 'at',
] as const

/** Column `index` of `pairs` as a Postgres array binding. */
const arrayOf = (pairs: Array<[string, string]>, index: 0 | 1) => pairs.map((pair) => pair[index])

/** What one stock step writes (see stockRepository.write). */
export interface StockWrites {
  movements: MovementRow[]
  layers: LayerRow[]
  shortfalls: ShortfallRow[]
  consumptions: ConsumptionRow[]
  layerRemaining: Array<[id: string, remaining: string]>
  shortfallOpen: Array<[id: string, open: string]>
  onHand: Array<[itemId: string, onHand: string]>
}

export const stockRepository = {
  async storeExists(trx: Tx, storeId: string) {
    return (await trx.from('stores').select('id').where('id', storeId).first()) !== null
  },

  /** The tenant's negative-stock policy (tenants.settings.inventory.negativeStock), null when unset. */
  async negativeStockPolicy(trx: Tx, tenantId: string): Promise<string | null> {
    const result = await trx.rawQuery(`select settings #>> '{inventory,negativeStock}' as policy from tenants where id = ?`, [tenantId])
    return result.rows[0]?.policy ?? null
  },

  /**
   * Makes sure a stock_levels row exists for each item of the tenant in the store
   * (missing ones are inserted in item id order, so concurrent steps cannot deadlock
   * here either). Items and the store are read under RLS: another tenant's ids
   * insert nothing.
   */
  async ensureLevels(trx: Tx, tenantId: string, storeId: string, itemIds: string[]) {
    await trx.rawQuery(
      `insert into stock_levels (tenant_id, store_id, item_id)
       select ?, s.id, i.id from items i join stores s on s.id = ?
        where i.id = any(?::uuid[]) order by i.id
       on conflict do nothing`,
      [tenantId, storeId, itemIds]
    )
  },

  /** Locks the items' level rows in item id order; with each item's reorder level (store's, else item's) and cost. */
  async lockLevels(trx: Tx, tenantId: string, storeId: string, itemIds: string[]): Promise<LockedLevel[]> {
    const result = await trx.rawQuery(
      `select sl.item_id, sl.on_hand, coalesce(sl.reorder_level, i.reorder_level) as reorder_level, i.cost_paise
         from stock_levels sl join items i on i.tenant_id = sl.tenant_id and i.id = sl.item_id
        where sl.tenant_id = ? and sl.store_id = ? and sl.item_id = any(?::uuid[])
        order by sl.item_id
        for update of sl`,
      [tenantId, storeId, itemIds]
    )
    return result.rows
  },

  /**
   * The oldest open layers of each item, oldest first: up to `limit` per item from
   * `skip` on. One index range per item (store, item, position): an item with a long
   * tail of open layers reads only its head.
   */
  async openLayers(trx: Tx, tenantId: string, storeId: string, itemIds: string[], limit: number, skip = 0): Promise<OpenLayer[]> {
    if (itemIds.length === 0) return []
    const result = await trx.rawQuery(
      `select x.* from unnest(?::uuid[]) as need(item_id)
       cross join lateral (
         select l.id, l.item_id, l.unit_cost_paise, l.quantity, l.remaining, l.batch_id, l.position
           from cost_layers l
          where l.tenant_id = ? and l.store_id = ? and l.item_id = need.item_id and l.remaining > 0
          order by l.position
          limit ? offset ?
       ) x
       order by x.item_id, x.position`,
      [itemIds, tenantId, storeId, limit, skip]
    )
    return result.rows
  },

  /** Open shortfalls of the items, oldest first. */
  async openShortfalls(trx: Tx, tenantId: string, storeId: string, itemIds: string[]): Promise<OpenShortfall[]> {
    if (itemIds.length === 0) return []
    const result = await trx.rawQuery(
      `select id, item_id, movement_id, quantity, open_quantity, provisional_unit_cost_paise
         from cost_shortfalls
        where tenant_id = ? and store_id = ? and item_id = any(?::uuid[]) and open_quantity > 0
        order by item_id, position`,
      [tenantId, storeId, itemIds]
    )
    return result.rows
  },

  /**
   * Writes everything a stock step changed in ONE statement (data-modifying CTEs):
   * new movements, layers, shortfalls and consumptions, the remaining of consumed
   * layers, the open quantity of settled shortfalls and the new on-hands. Foreign keys
   * between the new rows are checked at the end of the statement, when all exist.
   */
  async write(trx: Tx, tenantId: string, storeId: string, changes: StockWrites) {
    const parts: string[] = []
    const bindings: Array<string | number | string[]> = []
    const insert = (table: string, columns: readonly string[], rows: object[]) => {
      if (rows.length === 0) return
      const list = columns.join(', ')
      parts.push(`w${parts.length} as (insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, ?::jsonb))`)
      bindings.push(JSON.stringify(rows))
    }
    insert('stock_movements', MOVEMENT_COLUMNS, changes.movements)
    insert('cost_layers', LAYER_COLUMNS, changes.layers)
    insert('cost_shortfalls', SHORTFALL_COLUMNS, changes.shortfalls)
    insert('cost_layer_consumptions', CONSUMPTION_COLUMNS, changes.consumptions)
    // Updates join unnest(arrays): Postgres sizes those from the bound arrays, so it picks
    // index lookups (a JSON record set would be guessed at 100 rows and hash-joined).
    if (changes.layerRemaining.length > 0) {
      parts.push(
        `w${parts.length} as (update cost_layers l set remaining = v.remaining from unnest(?::uuid[], ?::numeric[]) as v(id, remaining)
          where l.tenant_id = ? and l.id = v.id)`
      )
      bindings.push(arrayOf(changes.layerRemaining, 0), arrayOf(changes.layerRemaining, 1), tenantId)
    }
    if (changes.shortfallOpen.length > 0) {
      parts.push(
        `w${parts.length} as (update cost_shortfalls s set open_quantity = v.open from unnest(?::uuid[], ?::numeric[]) as v(id, open)
          where s.tenant_id = ? and s.id = v.id)`
      )
      bindings.push(arrayOf(changes.shortfallOpen, 0), arrayOf(changes.shortfallOpen, 1), tenantId)
    }
    parts.push(
      `w${parts.length} as (update stock_levels sl set on_hand = v.on_hand, updated_at = now() from unnest(?::uuid[], ?::numeric[]) as v(item_id, on_hand)
        where sl.tenant_id = ? and sl.store_id = ? and sl.item_id = v.item_id)`
    )
    bindings.push(arrayOf(changes.onHand, 0), arrayOf(changes.onHand, 1), tenantId, storeId)
    await trx.rawQuery(`with ${parts.join(',\n')} select 1`, bindings)
  },

  /** The open negative-stock review item of an item in a store, if any (locked: its data is extended). */
  async openNegativeStockReview(trx: Tx, storeId: string, itemId: string): Promise<{ id: string; data: Record<string, any> } | null> {
    const row = await trx
      .from('review_items')
      .select('id', 'data')
      .where({ store_id: storeId, kind: 'negative_stock', subject_type: 'item', subject_id: itemId, status: 'open' })
      .orderBy('created_at')
      .forUpdate()
      .first()
    return row ?? null
  },

  async insertReview(trx: Tx, row: { id: string; tenantId: string; storeId: string; itemId: string; data: Record<string, unknown> }) {
    await trx.table('review_items').insert({
      id: row.id,
      tenant_id: row.tenantId,
      store_id: row.storeId,
      kind: 'negative_stock',
      subject_type: 'item',
      subject_id: row.itemId,
      data: JSON.stringify(row.data),
    })
  },

  async updateReviewData(trx: Tx, id: string, data: Record<string, unknown>) {
    await trx.from('review_items').where('id', id).update({ data: JSON.stringify(data) })
  },

  /** The movements a command wrote, in ledger order (its answer, also for a repeated commandId). */
  async movementsOfCommand(trx: Tx, tenantId: string, commandId: string) {
    return trx
      .from('stock_movements')
      .select('id', 'item_id', 'kind', 'quantity', 'on_hand_after', 'total_cost_paise')
      .where({ tenant_id: tenantId, command_id: commandId })
      .orderBy('position')
  },
}
