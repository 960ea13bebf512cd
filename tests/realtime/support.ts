import { randomBytes, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import { io, type Socket } from 'socket.io-client'
import { v7 as uuidv7 } from 'uuid'
import { PROTOCOL_VERSION, type Role } from '@pos/protocols'
import { sha256Hex } from '#core/secrets'
import { signAccessToken } from '#modules/identity/index'
import { testServer } from '#tests/bootstrap'

export interface StoreFixture {
  tenantId: string
  storeId: string
  terminals: Array<{ terminalId: string; deviceId: string; deviceKey: string }>
  managerId: string
  managerToken: string
}

/**
 * A tenant with one store, `terminalCount` paired terminals (device keys known
 * to the test) and a manager with an access token. Written through the owner
 * connection inside the tenant's own RLS context.
 */
export async function createStore(terminalCount = 1): Promise<StoreFixture> {
  const tenantId = randomUUID()
  const storeId = randomUUID()
  const managerId = randomUUID()
  const slug = `t-${tenantId.slice(0, 8)}`
  const terminals = Array.from({ length: terminalCount }, () => ({
    terminalId: randomUUID(),
    deviceId: randomUUID(),
    deviceKey: `dk_${randomBytes(32).toString('base64url')}`,
  }))
  await db.connection('owner').transaction(async (trx) => {
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [tenantId])
    await trx.table('tenants').insert({ id: tenantId, name: `Tenant ${slug}`, slug })
    await trx.table('stores').insert({
      id: storeId,
      tenant_id: tenantId,
      code: 'S1',
      legal_name: 'Test Store Pvt Ltd',
      state_code: '29',
      address_line1: '1 MG Road',
      city: 'Bengaluru',
      pincode: '560001',
    })
    await trx.table('users').insert({ id: managerId, name: 'Manager', email: `${slug}@example.test`, password_hash: 'x', created_by_tenant: tenantId })
    await trx.table('memberships').insert({ tenant_id: tenantId, user_id: managerId, store_id: storeId, role: 'manager' })
    for (const [index, t] of terminals.entries()) {
      await trx.table('terminals').insert({
        id: t.terminalId,
        tenant_id: tenantId,
        store_id: storeId,
        name: `Counter ${index + 1}`,
        invoice_prefix: `T${index + 1}`,
      })
      await trx.table('devices').insert({
        id: t.deviceId,
        tenant_id: tenantId,
        store_id: storeId,
        terminal_id: t.terminalId,
        kind: 'terminal',
        name: `Counter ${index + 1}`,
        key_hash: sha256Hex(t.deviceKey),
        key_prefix: t.deviceKey.slice(0, 10),
      })
    }
  })
  const managerToken = await signAccessToken({ userId: managerId, tenantId, role: 'manager', stores: [storeId] } as never)
  return { tenantId, storeId, terminals, managerId, managerToken }
}

export function serverUrl() {
  const address = testServer.server!.address() as AddressInfo
  return `http://127.0.0.1:${address.port}`
}

/** A real socket.io-client connection; resolves once connected (rejects on connect_error). */
export function connect(auth: Record<string, unknown>, url = serverUrl()): Promise<Socket> {
  return connected(openSocket(auth, url))
}

/** A socket that is connecting: listeners attached now see every event, even those sent right after connecting. */
export function openSocket(auth: Record<string, unknown>, url = serverUrl()): Socket {
  return io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { protocolVersion: PROTOCOL_VERSION, ...auth },
    reconnection: false,
    forceNew: true,
  })
}

/** Resolves once `socket` is connected (rejects on connect_error). */
export function connected(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (error) => {
      socket.close()
      reject(error)
    })
  })
}

/** `connect`, closing the socket when the test ends. */
export function connector(cleanup: (close: () => void) => void) {
  return async (auth: Record<string, unknown>) => {
    const socket = await connect(auth)
    cleanup(() => {
      socket.close()
    })
    return socket
  }
}

/** The `err.data` of a refused handshake (`{ code, message }`); fails when the connection is accepted. */
export async function refusal(auth: Record<string, unknown>): Promise<{ code: string; message: string }> {
  const socket = await connect(auth).catch((error: Error & { data?: { code: string; message: string } }) => error)
  if (!(socket instanceof Error)) {
    socket.close()
    throw new Error(`connection accepted: ${JSON.stringify(auth)}`)
  }
  return socket.data!
}

/** Sends a command and waits for its ack. */
export function send(socket: Socket, name: string, payload: Record<string, unknown>, timeoutMs = 10_000): Promise<any> {
  return socket.timeout(timeoutMs).emitWithAck(name, payload)
}

export const newCommandId = () => uuidv7()

/** Resolves with the first event `name` whose payload satisfies `match`, or rejects after `timeoutMs`. */
export function waitFor<T = any>(socket: Socket, name: string, match: (payload: T) => boolean = () => true, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, listener)
      reject(new Error(`no ${name} within ${timeoutMs} ms`))
    }, timeoutMs)
    const listener = (payload: T) => {
      if (!match(payload)) return
      clearTimeout(timer)
      socket.off(name, listener)
      resolve(payload)
    }
    socket.on(name, listener)
  })
}

/** Collects every event a socket receives, in order. */
export function record(socket: Socket) {
  const received: Array<{ event: string; payload: any }> = []
  socket.onAny((event, payload) => received.push({ event, payload }))
  return received
}

/** Rows straight from the database, bypassing the application (ground truth for assertions). */
export async function journal(fixture: { tenantId: string }, kind: string, actorId: string) {
  const rows = await tenantRows(fixture, 'actor_journal', { kind, actor_id: actorId }, 'seq', ['seq', 'event_type', 'event', 'command_id', 'context_after'])
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }))
}

/** Rows of one tenant's `table` (owner connection, inside the tenant's RLS context): ground truth for assertions. */
export async function tenantRows(
  fixture: { tenantId: string },
  table: string,
  where: Record<string, unknown> = {},
  orderBy?: string,
  columns: string[] = ['*']
): Promise<any[]> {
  return db.connection('owner').transaction(async (trx) => {
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [fixture.tenantId])
    const query = trx.from(table).select(...columns).where(where)
    if (orderBy) query.orderBy(orderBy)
    return query
  })
}

/** An access token of the fixture's manager with another role or store scope (tokens are verified without a database read). */
export function userToken(fixture: StoreFixture, role: Role, stores: '*' | string[] = [fixture.storeId]) {
  return signAccessToken({ userId: fixture.managerId, tenantId: fixture.tenantId, role, stores } as never)
}

/** Sends one command per payload, all at once; the acks in the same order. */
export function sendAll(socket: Socket, name: string, payloads: Array<Record<string, unknown>>): Promise<any[]> {
  return Promise.all(payloads.map((payload) => send(socket, name, payload)))
}

/** Resolves after `ms`: only to give an event that must NOT come the time to arrive. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A `terminal.reportOutbox` payload with a fresh commandId. */
export const outboxReport = (depth: number, extra: Record<string, unknown> = {}) => ({ commandId: newCommandId(), depth, ...extra })

/** [1, 2, …, n]: what a gapless sequence of n entries looks like. */
export const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1)
