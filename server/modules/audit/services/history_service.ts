import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import type { ActorHistory, ActorHistoryQuery, ActorListQuery, ActorSummary } from '@pos/protocols'
import { assertStoreAccess } from '#modules/tenancy/index'
import { commonErrors } from '#core/errors'
import { journalRepository } from '../repositories/journal_repository.js'

/** The state-machine history of a store's actors: who did what, when, and what it changed. */
export const historyService = {
  async actors(principal: Principal, query: ActorListQuery): Promise<ActorSummary[]> {
    assertStoreAccess(principal, query.storeId)
    return withTenant(principal.tenantId, (trx) => journalRepository.actors(trx, query.storeId, query.kind))
  },

  async history(principal: Principal, kind: string, actorId: string, query: ActorHistoryQuery): Promise<ActorHistory> {
    return withTenant(principal.tenantId, async (trx) => {
      const storeId = await journalRepository.actorStore(trx, kind, actorId)
      if (storeId === undefined) throw commonErrors.notFound()
      if (storeId) assertStoreAccess(principal, storeId)
      const entries = await journalRepository.history(trx, kind, actorId, query)
      const last = entries.at(-1)
      return { kind, actorId, entries, nextAfterSeq: entries.length === query.limit && last ? last.seq : null }
    })
  },
}
