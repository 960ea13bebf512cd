/*
 * The imports part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 */
import type { z } from 'zod'

/** Error codes of the imports module (E_<MODULE>_<REASON>). */
export const importsErrorCodes = [] as const

/** Client→server imports commands (imperative names). */
export const importsCommandSchemas = {} satisfies Record<string, z.ZodType>

/** Server→client imports facts (past-tense names). */
export const importsFactSchemas = {} satisfies Record<string, z.ZodType>

/** Client→server imports queries answered over the socket: request and response schemas. */
export const importsQuerySchemas = {} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
