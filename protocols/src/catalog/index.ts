/*
 * The catalog part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 */
import type { z } from 'zod'

/** Error codes of the catalog module (E_<MODULE>_<REASON>). */
export const catalogErrorCodes = [] as const

/** Client→server catalog commands (imperative names). */
export const catalogCommandSchemas = {} satisfies Record<string, z.ZodType>

/** Server→client catalog facts (past-tense names). */
export const catalogFactSchemas = {} satisfies Record<string, z.ZodType>

/** Client→server catalog queries answered over the socket: request and response schemas. */
export const catalogQuerySchemas = {} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
