/*
 * The sales part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 */
import type { z } from 'zod'

/** Error codes of the sales module (E_<MODULE>_<REASON>). */
export const salesErrorCodes = [] as const

/** Client→server sales commands (imperative names). */
export const salesCommandSchemas = {} satisfies Record<string, z.ZodType>

/** Server→client sales facts (past-tense names). */
export const salesFactSchemas = {} satisfies Record<string, z.ZodType>

/** Client→server sales queries answered over the socket: request and response schemas. */
export const salesQuerySchemas = {} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
