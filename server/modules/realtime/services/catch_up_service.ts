import { withTenant } from '#core/db/tenancy'
import type { CatchUpResult, StoreSnapshot } from '@pos/protocols'
import { storeEventRepository } from '../repositories/store_event_repository.js'

/** Beyond this many missed facts a client gets a fresh snapshot instead. */
export const CATCH_UP_LIMIT = 500

export const catchUpService = {
  /** The store's latest fact sequence: where a client that asks for nothing old starts. */
  latestSeq(tenantId: string, storeId: string) {
    return withTenant(tenantId, (trx) => storeEventRepository.latestSeq(trx, storeId))
  },

  /**
   * The facts of a store after `afterSeq`, in order; or, when more than the
   * limit were missed, the store's current snapshot and the sequence it reflects.
   */
  async since(
    tenantId: string,
    storeId: string,
    afterSeq: number,
    snapshotOf: () => Promise<StoreSnapshot>,
    limit = CATCH_UP_LIMIT
  ): Promise<CatchUpResult> {
    const { facts, latestSeq } = await withTenant(tenantId, async (trx) => {
      const latest = await storeEventRepository.latestSeq(trx, storeId)
      const missed = latest - afterSeq
      return {
        latestSeq: latest,
        facts: missed > 0 && missed <= limit ? await storeEventRepository.after(trx, storeId, afterSeq, limit) : [],
      }
    })
    if (latestSeq - afterSeq > limit) {
      return { storeId, facts: [], latestSeq, snapshot: await snapshotOf() }
    }
    return { storeId, facts, latestSeq, snapshot: null }
  },
}
