import { z } from 'zod'
import { storeIdSchema, terminalIdSchema, userIdSchema } from '../ids.ts'
import { catalogFactSchemas } from '../catalog/index.ts'
import { inventoryFactSchemas } from '../inventory/index.ts'
import { searchFactSchemas } from '../search/index.ts'
import { salesFactSchemas } from '../sales/index.ts'
import { importsFactSchemas } from '../imports/index.ts'

/** A terminal as the store sees it (the store dashboard's roster row). */
export const terminalPresenceSchema = z.object({
  terminalId: terminalIdSchema,
  name: z.string(),
  /** online: connected; reconnecting: dropped, within the grace period; offline: gone. */
  presence: z.enum(['online', 'reconnecting', 'offline']),
  cashierId: userIdSchema.nullable(),
  outboxDepth: z.number().int(),
  lastSeenAt: z.string().nullable(),
})
export type TerminalPresence = z.infer<typeof terminalPresenceSchema>

/** Server→client facts: past-tense names, one payload schema each. */
export const factSchemas = {
  'terminal.presenceChanged': terminalPresenceSchema,
  'store.opened': z.object({ at: z.string(), by: z.string().nullable() }),
  'store.closed': z.object({ at: z.string(), by: z.string().nullable(), forced: z.boolean(), reason: z.string().nullable() }),
  'terminal.connected': z.object({ terminalId: terminalIdSchema, at: z.string() }),
  'terminal.disconnected': z.object({ terminalId: terminalIdSchema, at: z.string() }),
  'terminal.outboxChanged': z.object({ terminalId: terminalIdSchema, depth: z.number().int(), at: z.string() }),
  'cashier.signedIn': z.object({ terminalId: terminalIdSchema, cashierId: userIdSchema, at: z.string() }),
  'cashier.signedOut': z.object({ terminalId: terminalIdSchema, cashierId: userIdSchema, at: z.string() }),
  ...catalogFactSchemas,
  ...inventoryFactSchemas,
  ...searchFactSchemas,
  ...salesFactSchemas,
  ...importsFactSchemas,
} as const

export type FactName = keyof typeof factSchemas
export const FACT_NAMES = Object.keys(factSchemas) as FactName[]

/**
 * How every fact travels: the store it belongs to, its place in the store's
 * event sequence (gapless per store), the server time, and the payload.
 * A client remembers the last `seq` it saw and asks for what follows on reconnect.
 */
export interface FactEnvelope<N extends FactName = FactName> {
  storeId: string
  seq: number
  at: string
  type: N
  data: z.infer<(typeof factSchemas)[N]>
}

export const factEnvelopeSchema = z.object({
  storeId: storeIdSchema,
  seq: z.number().int().positive(),
  at: z.string(),
  type: z.enum(FACT_NAMES as [FactName, ...FactName[]]),
  data: z.unknown(),
})
