import { z } from 'zod'
import type { Ack } from '../ack.ts'
import { storeIdSchema } from '../ids.ts'
import type { CommandName, CommandPayload, CommandResult } from './commands.ts'
import type { FactEnvelope, FactName } from './facts.ts'
import type { QueryName, QueryRequest, QueryResponse } from './queries.ts'

/**
 * The Socket.IO handshake (`io(url, { auth })`): the protocol version and either a
 * user access token or a device key. `lastStoreSeq` lets a reconnecting client
 * receive what it missed right away.
 */
export const handshakeAuthSchema = z
  .strictObject({
    protocolVersion: z.number().int(),
    token: z.string().min(10).max(4096).optional(),
    deviceKey: z.string().min(10).max(200).optional(),
    /** Users: the store to watch (devices are bound to their store). */
    storeId: storeIdSchema.optional(),
    lastStoreSeq: z.number().int().min(0).optional(),
  })
  .refine((auth) => (auth.token === undefined) !== (auth.deviceKey === undefined), {
    message: 'send exactly one of token or deviceKey',
  })
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>

/**
 * Progress of a long job (a catalog import, an export) pushed to the user who
 * started it, on every socket of theirs: a progress bar's worth of data.
 */
export const jobProgressSchema = z.object({
  jobId: z.uuid(),
  /** What runs: 'catalog.import', 'catalog.export', ... */
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  /** Units done and in all (rows, for an import); total is null until known. */
  processed: z.number().int().min(0),
  total: z.number().int().min(0).nullable(),
  /** Import counts so far. */
  accepted: z.number().int().min(0).optional(),
  rejected: z.number().int().min(0).optional(),
  message: z.string().optional(),
})
export type JobProgress = z.infer<typeof jobProgressSchema>

/** Ask for the store's facts after `afterSeq` (catch-up after a reconnect). */
export const catchUpRequestSchema = z.strictObject({
  storeId: storeIdSchema,
  afterSeq: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000).optional(),
})
export type CatchUpRequest = z.infer<typeof catchUpRequestSchema>

/**
 * Catch-up answer: the missed facts in order, or — when the gap is too large —
 * a fresh snapshot of the store (`snapshot`) and the sequence it reflects.
 */
export interface CatchUpResult {
  storeId: string
  facts: FactEnvelope[]
  latestSeq: number
  snapshot: StoreSnapshot | null
}

/** The store's live picture, as the store actor holds it. */
export interface StoreSnapshot {
  storeId: string
  seq: number
  status: string
  terminals: unknown[]
}

type CommandHandlers = {
  [N in CommandName]: (payload: CommandPayload<N>, ack: (result: Ack<CommandResult>) => void) => void
}

type QueryHandlers = {
  [N in QueryName]: (request: QueryRequest<N>, ack: (result: Ack<QueryResponse<N>>) => void) => void
}

/** Client → server. */
export interface ClientToServerEvents extends CommandHandlers, QueryHandlers {
  'sync.catchUp': (request: CatchUpRequest, ack: (result: Ack<CatchUpResult>) => void) => void
  'store.subscribe': (request: { storeId: string; lastStoreSeq?: number }, ack: (result: Ack<CatchUpResult>) => void) => void
}

/**
 * Server → client: every fact under its own name; `sync.snapshot` when a client
 * reconnected too far behind to catch up fact by fact; `session.revoked` before a
 * forced disconnect.
 */
export type ServerToClientEvents = {
  [N in FactName]: (fact: FactEnvelope<N>) => void
} & {
  'sync.snapshot': (snapshot: StoreSnapshot) => void
  'session.revoked': (info: { reason: string }) => void
  'job.progress': (progress: JobProgress) => void
}
