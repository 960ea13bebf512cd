import type { ActorKind } from '#core/actors/types'
import { TERMINAL_MACHINE_VERSION, terminalMachine } from '@pos/state-machines'
import { storeRepository } from '../repositories/store_repository.js'

/**
 * The terminal actor: one per terminal, its pairing, connection and cashier
 * session. Its id is the terminal id; its store is read when it first activates.
 */
export const terminalActorKind: ActorKind<typeof terminalMachine> = {
  kind: 'terminal',
  machine: terminalMachine,
  version: TERMINAL_MACHINE_VERSION,
  async input(ref, trx) {
    const terminal = await storeRepository.findTerminal(trx, ref.actorId)
    if (!terminal) throw new Error(`terminal actor for an unknown terminal ${ref.actorId}`)
    return { terminalId: ref.actorId, storeId: terminal.store_id }
  },
  storeId: (_ref, context) => (context as { storeId?: string } | undefined)?.storeId ?? null,
}
