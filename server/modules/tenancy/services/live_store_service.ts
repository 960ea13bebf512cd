import { withTenant } from '#core/db/tenancy'
import { storeRepository } from '../repositories/store_repository.js'

/**
 * Whether the store exists in the tenant (read under row-level security). Needed
 * for tenant-wide scopes ('*'), which name no store ids of their own.
 */
export function storeExists(tenantId: string, storeId: string) {
  return withTenant(tenantId, async (trx) => (await storeRepository.find(trx, storeId)) !== null)
}

/** The terminal's name, for registering it with its store actor on first contact. */
export function terminalName(tenantId: string, terminalId: string) {
  return withTenant(tenantId, async (trx) => (await storeRepository.findTerminal(trx, terminalId))?.name ?? null)
}
