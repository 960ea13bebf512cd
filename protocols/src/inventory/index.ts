/*
 * The inventory part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 */
import type { z } from 'zod'

/** Error codes of the inventory module (E_<MODULE>_<REASON>). */
export const inventoryErrorCodes = [] as const

/** Client→server inventory commands (imperative names). */
export const inventoryCommandSchemas = {} satisfies Record<string, z.ZodType>

/** Server→client inventory facts (past-tense names). */
export const inventoryFactSchemas = {} satisfies Record<string, z.ZodType>

/** Client→server inventory queries answered over the socket: request and response schemas. */
export const inventoryQuerySchemas = {} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
