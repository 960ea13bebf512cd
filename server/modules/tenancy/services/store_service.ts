import { withTenant, type Tx } from '#core/db/tenancy'
import { canAccessStore, type Principal } from '#core/http/principal'
import type { Store, Terminal } from '@pos/protocols'
import { tenancyErrors } from '../errors.js'
import { storeRepository } from '../repositories/store_repository.js'

export const storeService = {
  async listStores(principal: Principal): Promise<Store[]> {
    const scope = principal.kind === 'device' ? [principal.storeId] : principal.stores
    return withTenant(principal.tenantId, (trx) => storeRepository.list(trx, scope))
  },

  async listTerminals(principal: Principal, storeId: string): Promise<Terminal[]> {
    assertStoreAccess(principal, storeId)
    return withTenant(principal.tenantId, async (trx) => {
      const store = await storeRepository.find(trx, storeId)
      if (!store) throw tenancyErrors.storeNotFound()
      return storeRepository.terminals(trx, storeId)
    })
  },
}

/**
 * Inside a tenant transaction: the store is in the caller's scope and exists in
 * the tenant (a tenant-wide scope names no ids, so existence must be read).
 */
export async function requireStore(trx: Tx, principal: Principal, storeId: string) {
  assertStoreAccess(principal, storeId)
  const store = await storeRepository.find(trx, storeId)
  if (!store) throw tenancyErrors.storeNotFound()
  return store
}

/** Refuses a store outside the caller's scope as "not found", so ids of other stores are not confirmed. */
export function assertStoreAccess(principal: Principal, storeId: string) {
  if (!canAccessStore(principal, storeId)) throw tenancyErrors.storeNotFound()
}
