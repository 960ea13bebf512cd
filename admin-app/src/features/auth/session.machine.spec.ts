import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createActor, waitFor } from 'xstate'
import { tenantIdSchema, userIdSchema, type MeResponse, type Role, type SessionResponse } from '@pos/protocols'
import { ApiError } from '../../shared/api/http.ts'
import { E_ADMIN_ROLE, createSessionMachine, refreshDelayMs, type SessionServices, type TokenStore } from './session.machine.ts'

const TENANT = tenantIdSchema.parse('0190a000-0000-7000-8000-000000000001')
const USER = userIdSchema.parse('0190a000-0000-7000-8000-000000000002')

/** An in-memory stand-in for the auth endpoints: issues numbered token pairs and records calls. */
function fakeServer(role: Role) {
  let issued = 0
  const calls: string[] = []
  const live = new Set<string>()
  const issue = (): SessionResponse => {
    issued++
    const refreshToken = `refresh-token-number-${issued}`
    live.add(refreshToken)
    return {
      accessToken: `access-${issued}`,
      expiresIn: 900,
      refreshToken,
      user: { id: USER, name: 'Meena', email: 'meena@example.test', phone: null },
      scope: { tenantId: TENANT, role, stores: '*' },
    }
  }
  const services: SessionServices = {
    login: async (body) => {
      calls.push(`login ${body.login}`)
      if (body.password !== 'right') throw new ApiError(401, 'E_AUTH_INVALID_CREDENTIALS', 'Wrong login or password')
      return issue()
    },
    refresh: async (token) => {
      calls.push(`refresh ${token}`)
      if (!live.delete(token)) throw new ApiError(401, 'E_AUTH_REFRESH_INVALID', 'The refresh token is not valid; sign in again')
      return issue()
    },
    logout: async (token) => {
      calls.push(`logout ${token}`)
      live.delete(token)
      return { ok: true }
    },
    me: async (accessToken): Promise<MeResponse> => {
      calls.push(`me ${accessToken}`)
      return { user: { id: USER, name: 'Meena', email: 'meena@example.test', phone: null }, scope: { tenantId: TENANT, role, stores: '*' } }
    },
  }
  return { services, calls, live }
}

function memoryStore(initial: string | null = null): TokenStore & { value: string | null } {
  return {
    value: initial,
    load() {
      return this.value
    },
    save(token) {
      this.value = token
    },
    clear() {
      this.value = null
    },
  }
}

describe('session machine', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('signs a manager in, checking the role with /me, and keeps the refresh token', async () => {
    const server = fakeServer('manager')
    const store = memoryStore()
    const actor = createActor(createSessionMachine(server.services, store)).start()
    expect(actor.getSnapshot().value).toBe('signedOut')

    actor.send({ type: 'signIn', login: 'meena@example.test', password: 'right' })
    const snapshot = await waitFor(actor, (s) => s.matches('signedIn'))
    expect(snapshot.context.session?.accessToken).toBe('access-1')
    expect(snapshot.context.session?.scope.role).toBe('manager')
    expect(store.value).toBe('refresh-token-number-1')
    expect(server.calls).toEqual(['login meena@example.test', 'me access-1'])
  })

  it('refuses a cashier with a clear message and revokes the token it was issued', async () => {
    const server = fakeServer('cashier')
    const store = memoryStore()
    const actor = createActor(createSessionMachine(server.services, store)).start()
    actor.send({ type: 'signIn', login: 'cashier@example.test', password: 'right' })
    const snapshot = await waitFor(actor, (s) => s.matches('signedOut') && s.context.error !== null)
    expect(snapshot.context.error?.code).toBe(E_ADMIN_ROLE)
    expect(snapshot.context.error?.message).toMatch(/cashier login/)
    expect(snapshot.context.session).toBeNull()
    expect(store.value).toBeNull()
    await vi.waitFor(() => expect(server.calls).toContain('logout refresh-token-number-1'))
    expect(server.live.size).toBe(0)
  })

  it('shows the server message for wrong credentials', async () => {
    const server = fakeServer('owner')
    const actor = createActor(createSessionMachine(server.services, memoryStore())).start()
    actor.send({ type: 'signIn', login: 'owner@example.test', password: 'wrong' })
    const snapshot = await waitFor(actor, (s) => s.context.error !== null)
    expect(snapshot.value).toBe('signedOut')
    expect(snapshot.context.error).toEqual({ code: 'E_AUTH_INVALID_CREDENTIALS', message: 'Wrong login or password' })
  })

  it('offers the businesses to choose from when the login has several', async () => {
    const server = fakeServer('owner')
    const choices = [
      { tenantId: TENANT, name: 'Sharma Kirana', role: 'owner' as const },
      { tenantId: tenantIdSchema.parse('0190a000-0000-7000-8000-000000000009'), name: 'Rao Medicals', role: 'manager' as const },
    ]
    server.services.login = async (body) => {
      if (!body.tenantId) throw new ApiError(409, 'E_AUTH_TENANT_REQUIRED', 'choose one', { tenants: choices })
      return { accessToken: 'access-x', expiresIn: 900, refreshToken: 'refresh-token-x', user: { id: USER, name: 'M', email: null, phone: null }, scope: { tenantId: tenantIdSchema.parse(body.tenantId), role: 'owner', stores: '*' } }
    }
    const actor = createActor(createSessionMachine(server.services, memoryStore())).start()
    actor.send({ type: 'signIn', login: 'owner@example.test', password: 'right' })
    const refused = await waitFor(actor, (s) => s.context.tenantChoices !== null)
    expect(refused.context.tenantChoices).toEqual(choices)
    actor.send({ type: 'signIn', login: 'owner@example.test', password: 'right', tenantId: TENANT })
    const signedIn = await waitFor(actor, (s) => s.matches('signedIn'))
    expect(signedIn.context.tenantChoices).toBeNull()
  })

  it('refreshes the access token a minute before it expires, not earlier', async () => {
    const server = fakeServer('owner')
    const store = memoryStore()
    const actor = createActor(createSessionMachine(server.services, store)).start()
    actor.send({ type: 'signIn', login: 'owner@example.test', password: 'right' })
    await waitFor(actor, (s) => s.matches('signedIn'))
    expect(refreshDelayMs(900)).toBe(840_000)

    await vi.advanceTimersByTimeAsync(839_000)
    expect(server.calls.filter((c) => c.startsWith('refresh'))).toEqual([])

    await vi.advanceTimersByTimeAsync(1_000)
    const refreshed = await waitFor(actor, (s) => s.matches('signedIn') && s.context.session?.accessToken === 'access-2')
    expect(server.calls).toContain('refresh refresh-token-number-1')
    expect(refreshed.context.session?.refreshToken).toBe('refresh-token-number-2')
    expect(store.value).toBe('refresh-token-number-2')

    // The next refresh is planned from the new token.
    await vi.advanceTimersByTimeAsync(840_000)
    await waitFor(actor, (s) => s.context.session?.accessToken === 'access-3')
  })

  it('refreshes at once when a request finds the token expired', async () => {
    const server = fakeServer('manager')
    const actor = createActor(createSessionMachine(server.services, memoryStore())).start()
    actor.send({ type: 'signIn', login: 'm@example.test', password: 'right' })
    await waitFor(actor, (s) => s.matches('signedIn'))
    actor.send({ type: 'tokenExpired' })
    const snapshot = await waitFor(actor, (s) => s.matches('signedIn') && s.context.session?.accessToken === 'access-2')
    expect(snapshot.context.session?.refreshToken).toBe('refresh-token-number-2')
  })

  it('signs out when the refresh token is refused, and says why', async () => {
    const server = fakeServer('manager')
    const store = memoryStore()
    const actor = createActor(createSessionMachine(server.services, store)).start()
    actor.send({ type: 'signIn', login: 'm@example.test', password: 'right' })
    await waitFor(actor, (s) => s.matches('signedIn'))
    server.live.clear()
    actor.send({ type: 'tokenExpired' })
    const snapshot = await waitFor(actor, (s) => s.matches('signedOut'))
    expect(snapshot.context.session).toBeNull()
    expect(snapshot.context.error?.code).toBe('E_AUTH_REFRESH_INVALID')
    expect(store.value).toBeNull()
  })

  it('signs out: the server revokes the refresh token and the tab forgets it', async () => {
    const server = fakeServer('owner')
    const store = memoryStore()
    const actor = createActor(createSessionMachine(server.services, store)).start()
    actor.send({ type: 'signIn', login: 'o@example.test', password: 'right' })
    await waitFor(actor, (s) => s.matches('signedIn'))
    actor.send({ type: 'signOut' })
    const snapshot = await waitFor(actor, (s) => s.matches('signedOut'))
    expect(snapshot.context.session).toBeNull()
    expect(server.calls.at(-1)).toBe('logout refresh-token-number-1')
    expect(store.value).toBeNull()
    expect(server.live.size).toBe(0)
  })

  it('presents a refresh token once, even when two actors resume at the same moment', async () => {
    // React's Strict Mode starts, stops and restarts the same actor: the invocation runs twice.
    const server = fakeServer('manager')
    server.live.add('refresh-token-stored-earlier')
    const store = memoryStore('refresh-token-stored-earlier')
    const machine = createSessionMachine(server.services, store)
    const first = createActor(machine).start()
    const second = createActor(machine).start()
    const [a, b] = await Promise.all([waitFor(first, (s) => s.matches('signedIn')), waitFor(second, (s) => s.matches('signedIn'))])
    expect(server.calls.filter((c) => c.startsWith('refresh'))).toEqual(['refresh refresh-token-stored-earlier'])
    expect(a.context.session?.refreshToken).toBe(b.context.session?.refreshToken)
  })

  it('resumes after a reload from the stored refresh token', async () => {
    const server = fakeServer('manager')
    server.live.add('refresh-token-stored-earlier')
    const store = memoryStore('refresh-token-stored-earlier')
    const actor = createActor(createSessionMachine(server.services, store)).start()
    expect(actor.getSnapshot().value).toBe('resuming')
    const snapshot = await waitFor(actor, (s) => s.matches('signedIn'))
    expect(server.calls[0]).toBe('refresh refresh-token-stored-earlier')
    expect(snapshot.context.session?.accessToken).toBe('access-1')
    expect(store.value).toBe('refresh-token-number-1')
  })
})
