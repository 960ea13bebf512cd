import env from '#start/env'
import type { ActorKind } from '#core/actors/types'
import { STORE_MACHINE_VERSION, storeMachine } from '@pos/state-machines'

/**
 * The store actor: one per store, its business day and live terminal roster.
 * Its id is the store id; every fact it emits joins the store's event sequence.
 */
export const storeActorKind: ActorKind<typeof storeMachine> = {
  kind: 'store',
  machine: storeMachine,
  version: STORE_MACHINE_VERSION,
  input: (ref) => ({ storeId: ref.actorId, presenceGraceMs: env.get('PRESENCE_GRACE_MS', 30_000) }),
  storeId: (ref) => ref.actorId,
}
