import type { Tx } from '#core/db/tenancy'

/** `tenants.settings -> 'catalog'` as stored; absent keys read as their defaults. */
export interface StoredCatalogSettings {
  scaleBarcodeRules?: unknown
  batchTracking?: unknown
}

/*
 * The catalog owns the `catalog` key of tenants.settings and writes only that key
 * (jsonb_set), so the inventory's and others' keys are never overwritten.
 */
export const settingsRepository = {
  /** `lock`: hold the tenant row until commit, so two settings changes cannot lose each other. */
  async read(trx: Tx, tenantId: string, lock = false): Promise<StoredCatalogSettings> {
    const result = await trx.rawQuery(
      `select settings -> 'catalog' as catalog from tenants where id = ?${lock ? ' for update' : ''}`,
      [tenantId]
    )
    const stored = result.rows[0]?.catalog
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : {}
  },

  async write(trx: Tx, tenantId: string, catalog: Record<string, unknown>) {
    await trx.rawQuery(
      `update tenants set settings = jsonb_set(coalesce(settings, '{}'::jsonb), '{catalog}', ?::jsonb, true) where id = ?`,
      [JSON.stringify(catalog), tenantId]
    )
    // The feed's change log: tenants.settings is not watched by a trigger (the catalog key is ours alone).
    await trx.rawQuery(
      `insert into catalog_changes (tenant_id, store_id, entity, entity_key) values (?, null, 'settings', 'catalog') on conflict do nothing`,
      [tenantId]
    )
  },
}
