import type { Tx } from '#core/db/tenancy'

/* The tenant's `inventory` settings key (tenants.settings jsonb); other keys belong to other modules and are left alone. */
export const settingsRepository = {
  async read(trx: Tx, tenantId: string): Promise<Record<string, unknown>> {
    const result = await trx.rawQuery(`select settings -> 'inventory' as inventory from tenants where id = ?`, [tenantId])
    const value = result.rows[0]?.inventory
    return value && typeof value === 'object' ? value : {}
  },

  /** Merges `patch` into settings.inventory, creating the key when absent. */
  async merge(trx: Tx, tenantId: string, patch: Record<string, unknown>) {
    await trx.rawQuery(
      `update tenants set settings = jsonb_set(settings, '{inventory}', coalesce(settings -> 'inventory', '{}'::jsonb) || ?::jsonb, true) where id = ?`,
      [JSON.stringify(patch), tenantId]
    )
  },
}
