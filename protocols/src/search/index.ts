/*
 * The search part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 */
import type { z } from 'zod'

/** Error codes of the search module (E_<MODULE>_<REASON>). */
export const searchErrorCodes = [] as const

/** Client→server search commands (imperative names). */
export const searchCommandSchemas = {} satisfies Record<string, z.ZodType>

/** Server→client search facts (past-tense names). */
export const searchFactSchemas = {} satisfies Record<string, z.ZodType>

/** Client→server search queries answered over the socket: request and response schemas. */
export const searchQuerySchemas = {} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
