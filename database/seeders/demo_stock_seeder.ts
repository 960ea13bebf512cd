import { randomUUID } from 'node:crypto'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { DEMO } from './demo_seeder.js'

/*
 * Opening stock for the demo store, so the demo can sell from the first minute
 * (the tenant refuses negative stock by default). One receipt per goods item,
 * written as the ledger writes it: a movement, the FIFO cost layer it opens, and
 * the on-hand it leaves, so `node ace inventory:verify` finds on-hand equal to
 * the ledger. Dishes (items routed to a kitchen station) are made to order and
 * get no stock. Two items are left at or below their reorder level, so the
 * dashboard has low stock to show.
 *
 * Idempotent: an item that already has a movement in the store is left alone.
 * Runs after demo_catalog_seeder.ts.
 */
const LOW_SKUS = new Set(['AASH-ATTA-10KG', 'AMUL-BTR-500'])

export default class extends BaseSeeder {

  override async run() {
    await this.client.transaction(async (trx) => {
      await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [DEMO.tenantId])
      const items = await trx.rawQuery(
        `select i.id, i.sku, i.cost_paise, i.reorder_level, p.fractional
           from items i
           join products p on p.tenant_id = i.tenant_id and p.id = i.product_id
           left join categories c on c.tenant_id = p.tenant_id and c.id = p.category_id
          where i.tenant_id = ? and i.active and p.active and c.station_route is null
            and not exists (select 1 from stock_movements m where m.tenant_id = i.tenant_id and m.store_id = ? and m.item_id = i.id)
          order by i.sku`,
        [DEMO.tenantId, DEMO.storeId]
      )
      for (const item of items.rows as Array<{ id: string; sku: string; cost_paise: string; reorder_level: string; fractional: boolean }>) {
        const reorder = Number(item.reorder_level)
        const quantity = LOW_SKUS.has(item.sku) ? Math.max(1, Math.floor(reorder / 2)) : item.fractional ? 50 : 36
        const unitCost = Number(item.cost_paise)
        const movementId = randomUUID()
        await trx.rawQuery(
          `insert into stock_movements (id, tenant_id, store_id, item_id, kind, quantity, on_hand_after, unit_cost_paise, total_cost_paise, reference_type, reference_id)
           values (?, ?, ?, ?, 'receipt', ?, ?, ?, ?, 'opening_stock', 'demo')`,
          [movementId, DEMO.tenantId, DEMO.storeId, item.id, quantity, quantity, unitCost, Math.round(unitCost * quantity)]
        )
        await trx.rawQuery(
          `insert into cost_layers (id, tenant_id, store_id, item_id, movement_id, unit_cost_paise, quantity, remaining, opened_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, now())`,
          [randomUUID(), DEMO.tenantId, DEMO.storeId, item.id, movementId, unitCost, quantity, quantity]
        )
        await trx.rawQuery(
          `insert into stock_levels (tenant_id, store_id, item_id, on_hand) values (?, ?, ?, ?)
           on conflict (tenant_id, store_id, item_id) do update set on_hand = stock_levels.on_hand + excluded.on_hand, updated_at = now()`,
          [DEMO.tenantId, DEMO.storeId, item.id, quantity]
        )
      }
    })
  }
}
