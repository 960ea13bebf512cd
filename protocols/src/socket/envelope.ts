import { z } from 'zod'
import { commandIdSchema } from '../ids.ts'

/**
 * Every command carries a client-generated `commandId` (UUID v7): sending the
 * same command again (a retry, a replay after reconnecting) returns the stored
 * result and changes nothing. Terminals also number their commands with
 * `clientSeq` (1, 2, 3, ... per terminal); the server applies them in that order.
 */
export const commandEnvelopeSchema = z.strictObject({
  commandId: commandIdSchema,
  clientSeq: z.number().int().positive().optional(),
})

export const command = <S extends z.ZodRawShape>(shape: S) => commandEnvelopeSchema.extend(shape)
