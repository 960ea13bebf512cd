import { withTenant } from '#core/db/tenancy'
import { storeRepository } from '../repositories/store_repository.js'

/** The terminal's name, for registering it with its store actor on first contact. */
export function terminalName(tenantId: string, terminalId: string) {
  return withTenant(tenantId, async (trx) => (await storeRepository.findTerminal(trx, terminalId))?.name ?? null)
}
