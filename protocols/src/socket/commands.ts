import { z } from 'zod'
import { storeIdSchema } from '../ids.ts'
import { command } from './envelope.ts'
import { catalogCommandSchemas } from '../catalog/index.ts'
import { inventoryCommandSchemas } from '../inventory/index.ts'
import { searchCommandSchemas } from '../search/index.ts'
import { salesCommandSchemas } from '../sales/index.ts'
import { importsCommandSchemas } from '../imports/index.ts'

export { command, commandEnvelopeSchema } from './envelope.ts'

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
  ...catalogCommandSchemas,
  ...inventoryCommandSchemas,
  ...searchCommandSchemas,
  ...salesCommandSchemas,
  ...importsCommandSchemas,
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
