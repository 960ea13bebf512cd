import type { ErrorBody } from './errors.ts'

/**
 * The answer to every client→server command: `{ ok: true, data }` once the
 * command is durable, or `{ ok: false, error }` when it was refused (and then
 * nothing changed).
 */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

/** Builds a successful ack. */
export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data }
}

/** Builds a failed ack. */
export function ackError(error: ErrorBody): Ack<never> {
  return { ok: false, error }
}
