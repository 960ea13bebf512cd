/*
 * HTTP helpers over Japa's api client: sign-in, auth headers and the
 * `{ error: { code } }` assertion every refusal shares.
 */
import { randomInt } from 'node:crypto'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { SessionResponse } from '@pos/protocols'
import { PASSWORD, uniqueEmail } from './fixtures.js'

/**
 * A client address of its own (the server trusts X-Forwarded-For from loopback),
 * so per-address rate limits of one test never touch another.
 */
export function freshIp(): string {
  return `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`
}

export interface LoginBody {
  login: string
  password?: string
  tenantId?: string
}

/** POST /api/v1/auth/login from `ip` (a fresh address unless given); PASSWORD unless another is given. */
export function postLogin(client: ApiClient, body: LoginBody, ip = freshIp()) {
  return client
    .post('/api/v1/auth/login')
    .header('x-forwarded-for', ip)
    .json({ password: PASSWORD, ...body })
}

/** Signs in and returns the session; fails the test unless the answer is 200. */
export async function signIn(client: ApiClient, body: LoginBody): Promise<SessionResponse> {
  const response = await postLogin(client, body)
  response.assertStatus(200)
  return response.body() as SessionResponse
}

/** The access token of a fresh sign-in (tenant chosen when given). */
export async function tokenFor(client: ApiClient, user: { email: string }, tenantId?: string): Promise<string> {
  return (await signIn(client, { login: user.email, tenantId })).accessToken
}

export function bearer(token: string): string {
  return `Bearer ${token}`
}

/** POST /api/v1/users as the holder of `accessToken`; the caller adds the body. */
export function postUsers(client: ApiClient, accessToken: string) {
  return client.post('/api/v1/users').header('authorization', bearer(accessToken))
}

/** A valid body for POST /api/v1/users: a new person (unique email) with `role` in `storeId`. */
export function newUserBody(storeId: string | null, role = 'cashier') {
  return { name: 'Asha Rao', email: uniqueEmail('new'), password: PASSWORD, role, storeId }
}

/** Asserts the status and the error code together, showing the body when either differs. */
export function assertError(response: ApiResponse, status: number, code: string) {
  const body = response.body() as { error?: { code?: string } } | undefined
  response.assert!.deepEqual(
    { status: response.status(), code: body?.error?.code },
    { status, code },
    `unexpected answer: ${response.status()} ${JSON.stringify(body)}`
  )
}
