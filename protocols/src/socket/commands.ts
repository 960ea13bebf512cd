import { z } from 'zod'
import { commandIdSchema, storeIdSchema } from '../ids.ts'

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

const command = <S extends z.ZodRawShape>(shape: S) => commandEnvelopeSchema.extend(shape)

/** Client→server commands: imperative names, one schema each. */
export const commandSchemas = {
  /** A terminal reports how many commands wait in its offline outbox. */
  'terminal.reportOutbox': command({ depth: z.number().int().min(0).max(1_000_000) }),
  /** A manager opens the store's business day. */
  'store.open': command({ storeId: storeIdSchema }),
  /** A manager closes the day; refused while terminals have unsynced commands unless forced with a reason. */
  'store.close': command({
    storeId: storeIdSchema,
    force: z.boolean().optional(),
    reason: z.string().trim().min(3).max(500).optional(),
  }),
} as const

export type CommandName = keyof typeof commandSchemas
export type CommandPayload<N extends CommandName> = z.infer<(typeof commandSchemas)[N]>
export const COMMAND_NAMES = Object.keys(commandSchemas) as CommandName[]

/** What a successful command ack carries. */
export const commandResultSchema = z.object({
  commandId: z.string(),
  /** `duplicate`: this commandId was processed before; this is the stored result. */
  status: z.enum(['applied', 'duplicate']),
  /** The actor's journal sequence after the command. */
  actorSeq: z.number().int(),
  /** The store event sequence of the last fact this command produced, if any. */
  storeSeq: z.number().int().nullable(),
})
export type CommandResult = z.infer<typeof commandResultSchema>
