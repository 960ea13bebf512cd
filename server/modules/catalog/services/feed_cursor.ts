import { z } from 'zod'
import { catalogErrors } from '../errors.js'

/*
 * The feed cursor: opaque to clients, base64url JSON here. It names the store it
 * was issued for (another store's cursor is refused) and either a place in a
 * full download (`f`: the log position the download started at, and the last
 * item id sent) or a place in the change log (`c`: the (xid, id) of the last
 * change delivered).
 */

const decimal = z.string().regex(/^[0-9]{1,20}$/)

const cursorSchema = z.discriminatedUnion('m', [
  z.strictObject({ v: z.literal(1), m: z.literal('f'), s: z.uuid(), x: decimal, a: z.uuid() }),
  z.strictObject({ v: z.literal(1), m: z.literal('c'), s: z.uuid(), x: decimal, i: decimal }),
])

export type FeedPosition =
  | { mode: 'full'; since: bigint; afterItemId: string }
  | { mode: 'changes'; xid: bigint; id: bigint }

export function encodeCursor(storeId: string, position: FeedPosition): string {
  const body =
    position.mode === 'full'
      ? { v: 1, m: 'f', s: storeId, x: position.since.toString(), a: position.afterItemId }
      : { v: 1, m: 'c', s: storeId, x: position.xid.toString(), i: position.id.toString() }
  return Buffer.from(JSON.stringify(body)).toString('base64url')
}

/** The position a cursor names, or E_CATALOG_CURSOR_INVALID (garbled, or issued for another store). */
export function decodeCursor(storeId: string, cursor: string): FeedPosition {
  let parsed: z.infer<typeof cursorSchema>
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')))
  } catch {
    throw catalogErrors.cursorInvalid()
  }
  if (parsed.s.toLowerCase() !== storeId.toLowerCase()) throw catalogErrors.cursorInvalid()
  return parsed.m === 'f'
    ? { mode: 'full', since: BigInt(parsed.x), afterItemId: parsed.a }
    : { mode: 'changes', xid: BigInt(parsed.x), id: BigInt(parsed.i) }
}
