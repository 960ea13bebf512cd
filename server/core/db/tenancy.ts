import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'

export type Tx = TransactionClientContract

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Settings that make rows visible under row-level security. They are set with
 * set_config(..., is_local => true), so they live exactly as long as the
 * transaction and never leak to the next user of a pooled connection.
 */
export interface RlsSettings {
  /** The tenant every tenant-owned row must belong to. */
  'app.tenant_id'?: string
  /** Sign-in: the email or phone being signed in with (finds that one user). */
  'app.login'?: string
  /** Sign-in: the user whose memberships and tenants may be listed. */
  'app.login_user_id'?: string
  /** SHA-256 of a secret the caller holds (device key, pairing code, refresh token). */
  'app.lookup_hash'?: string
  /** Cross-tenant scans: 'timers' / 'outbox' (the runtime's pollers: due timers, unpublished outbox rows), 'inventory' (the ledger check lists tenants with stock). */
  'app.scan'?: 'timers' | 'outbox' | 'inventory'
}

const appRole = env.get('DATABASE_APP_ROLE')

/**
 * Runs `work` in one transaction on the application connection, as the role
 * that row-level security binds, with the given settings. The only way
 * application code reaches tenant data.
 */
export async function inRlsTransaction<T>(settings: RlsSettings, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    if (appRole) {
      // Embedded mode: the connection's user cannot be the application role, so
      // switch for this transaction only.
      await trx.rawQuery(`set local role ${quoteIdent(appRole)}`)
    }
    const entries = Object.entries(settings).filter(([, value]) => value !== undefined)
    if (entries.length > 0) {
      const placeholders = entries.map(() => 'set_config(?, ?, true)').join(', ')
      await trx.rawQuery(`select ${placeholders}`, entries.flat() as string[])
    }
    return work(trx)
  })
}

/** Runs `work` in one transaction scoped to `tenantId`. */
export function withTenant<T>(tenantId: string, work: (trx: Tx) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error(`withTenant: not a tenant id: ${tenantId}`)
  return inRlsTransaction({ 'app.tenant_id': tenantId }, work)
}

/**
 * Continues a pre-tenant lookup transaction in the tenant of the row it found
 * (e.g. a device key's tenant), so the rest of the transaction is tenant-scoped.
 */
export async function switchTenant(trx: Tx, tenantId: string) {
  if (!UUID.test(tenantId)) throw new Error(`switchTenant: not a tenant id: ${tenantId}`)
  await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [tenantId])
}

function quoteIdent(identifier: string) {
  return `"${identifier.replaceAll('"', '""')}"`
}
