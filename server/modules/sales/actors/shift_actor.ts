import type { ActorKind } from '#core/actors/types'
import { SHIFT_ERRORS, SHIFT_MACHINE_VERSION, shiftMachine, shiftRefusalReason, type ShiftContext, type ShiftEvent, type ShiftSnapshot } from '@pos/state-machines'
import { closeShift, recordCashMovement, recordShiftOpen } from '../services/shift_service.js'

/**
 * The shift actor: one per register session of a terminal, its id the terminal's shift id
 * (UUID v7). Opening, cash movements and the close (with its Z report) are its effects.
 */
export const shiftActorKind: ActorKind<typeof shiftMachine> = {
  kind: 'shift',
  refusal: (snapshot, event) => shiftRefusal(snapshot, event),
  machine: shiftMachine,
  version: SHIFT_MACHINE_VERSION,
  input: (ref) => ({ shiftId: ref.actorId }),
  storeId: (_ref, context) => (context as ShiftContext | undefined)?.storeId || null,
  effects: {
    recordShiftOpen: (step) => recordShiftOpen(step),
    recordCashMovement: (step) => recordCashMovement(step),
    closeShift: (step) => closeShift(step),
  },
}

/** Why the shift refuses `event` (code and message), or null; see `saleRefusal`. */
export function shiftRefusal(snapshot: ShiftSnapshot, event: ShiftEvent): { code: string; message: string } | null {
  const code = shiftRefusalReason(snapshot, event)
  return code === null ? null : { code, message: SHIFT_ERRORS[code] }
}
