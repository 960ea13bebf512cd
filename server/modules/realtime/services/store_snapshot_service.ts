import type { StoreSnapshot } from '@pos/protocols'
import type { ActorHost } from '#core/actors/actor_host'
import { withTenant } from '#core/db/tenancy'
import { storeEventRepository } from '../repositories/store_event_repository.js'

/**
 * The store's live picture for a client that missed too much to catch up fact by
 * fact. The sequence is read first, so facts after it may already be reflected:
 * facts carry whole rows, so applying one again is harmless.
 */
export async function storeSnapshot(host: ActorHost, tenantId: string, storeId: string): Promise<StoreSnapshot> {
  const seq = await withTenant(tenantId, (trx) => storeEventRepository.latestSeq(trx, storeId))
  const snapshot = await host.load({ tenantId, kind: 'store', actorId: storeId })
  const context = snapshot.context as { status: string; terminals: Record<string, unknown> }
  return { storeId, seq, status: context.status, terminals: Object.values(context.terminals) }
}
