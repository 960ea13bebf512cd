import { assign, fromPromise, setup } from 'xstate'
import type { MeResponse, SessionResponse, TenantChoice } from '@pos/protocols'
import { ApiError } from '../../shared/api/http.ts'

/** A signed-in manager or owner: the token pair and who they are (from /me). */
export interface Session {
  accessToken: string
  refreshToken: string
  /** Seconds the access token was valid for when issued (900). */
  expiresIn: number
  user: MeResponse['user']
  scope: MeResponse['scope']
}

export interface SessionContext {
  session: Session | null
  /** Why the last sign-in or refresh failed, for the sign-in screen. */
  error: { code: string; message: string } | null
  /** Set when the login belongs to several businesses: the user picks one and signs in again. */
  tenantChoices: TenantChoice[] | null
}

export type SessionEvent =
  | { type: 'signIn'; login: string; password: string; tenantId?: string }
  | { type: 'signOut' }
  /** An API call was answered E_AUTH_TOKEN_EXPIRED: refresh now rather than at the planned time. */
  | { type: 'tokenExpired' }

/** Where the refresh token survives a page reload (sessionStorage in the browser: one tab, one sign-in). */
export interface TokenStore {
  load(): string | null
  save(refreshToken: string): void
  clear(): void
}

/** Roles that may use the admin app. */
export const ADMIN_ROLES = ['owner', 'manager'] as const

/** Refresh this long before the access token expires, so requests never carry an expired one. */
export const REFRESH_MARGIN_SECONDS = 60

/** The code the sign-in screen shows for a cashier or station login. */
export const E_ADMIN_ROLE = 'E_ADMIN_ROLE_REFUSED'

class RoleRefused extends Error {
  readonly refreshToken: string
  constructor(role: string, refreshToken: string) {
    super(`This is a ${role} login. The admin app is for managers and owners; cashiers sign in on a terminal.`)
    this.refreshToken = refreshToken
  }
}

/** Milliseconds after issue at which the access token is refreshed (never sooner than 5 s). */
export function refreshDelayMs(expiresIn: number): number {
  return Math.max(5, expiresIn - REFRESH_MARGIN_SECONDS) * 1000
}

export interface SessionServices {
  login(body: { login: string; password: string; tenantId?: string }): Promise<SessionResponse>
  refresh(refreshToken: string): Promise<SessionResponse>
  logout(refreshToken: string): Promise<unknown>
  me(accessToken: string): Promise<MeResponse>
}

/** Checks the role with /me (the token's own scope, as the server reads it) and builds the session. */
async function admit(services: SessionServices, issued: SessionResponse): Promise<Session> {
  const me = await services.me(issued.accessToken)
  if (!(ADMIN_ROLES as readonly string[]).includes(me.scope.role)) throw new RoleRefused(me.scope.role, issued.refreshToken)
  return { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresIn: issued.expiresIn, user: me.user, scope: me.scope }
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof RoleRefused) return { code: E_ADMIN_ROLE, message: error.message }
  if (error instanceof ApiError) return { code: error.code, message: error.message }
  return { code: 'E_NETWORK', message: 'The server could not be reached. Check the connection and try again.' }
}

/**
 * The admin app's session: sign in (managers and owners only), refresh the 15-minute access
 * token a minute before it expires (or at once when an API call finds it expired), and sign
 * out (the server revokes the refresh token's family). A reload resumes from the stored
 * refresh token. Network calls are the provided `services`; nothing else leaves the machine.
 */
export function createSessionMachine(services: SessionServices, store: TokenStore) {
  // A refresh token works once (presenting it again revokes the whole sign-in). React may run
  // the same invocation twice (Strict Mode remounts, an actor restarted from its snapshot):
  // a refresh already on its way for a token is shared, never sent again.
  const inFlight = new Map<string, Promise<Session>>()
  const refreshOnce = (refreshToken: string) => {
    let pending = inFlight.get(refreshToken)
    if (!pending) {
      pending = services.refresh(refreshToken).then((issued) => admit(services, issued))
      inFlight.set(refreshToken, pending)
      void pending.then(
        () => inFlight.delete(refreshToken),
        () => inFlight.delete(refreshToken)
      )
    }
    return pending
  }

  return setup({
    types: {
      context: {} as SessionContext,
      events: {} as SessionEvent,
    },
    actors: {
      signIn: fromPromise(async ({ input }: { input: { login: string; password: string; tenantId?: string } }) =>
        admit(services, await services.login(input))
      ),
      refresh: fromPromise(({ input }: { input: { refreshToken: string } }) => refreshOnce(input.refreshToken)),
      signOut: fromPromise(async ({ input }: { input: { refreshToken: string | null } }) => {
        if (input.refreshToken) await services.logout(input.refreshToken).catch(() => undefined)
      }),
    },
    actions: {
      persist: ({ context }) => {
        if (context.session) store.save(context.session.refreshToken)
      },
      forget: () => store.clear(),
      /** A refused cashier's fresh refresh token is revoked at once: it must not linger on this device. */
      revokeRefused: (_, params: { error: unknown }) => {
        if (params.error instanceof RoleRefused) void services.logout(params.error.refreshToken).catch(() => undefined)
      },
    },
    delays: {
      refreshDue: ({ context }) => refreshDelayMs(context.session?.expiresIn ?? 900),
    },
    guards: {
      hasStoredToken: () => store.load() !== null,
    },
  }).createMachine({
    id: 'session',
    context: { session: null, error: null, tenantChoices: null },
    initial: 'starting',
    states: {
      starting: {
        always: [{ guard: 'hasStoredToken', target: 'resuming' }, { target: 'signedOut' }],
      },
      resuming: {
        invoke: {
          src: 'refresh',
          input: () => ({ refreshToken: store.load() ?? '' }),
          onDone: { target: 'signedIn', actions: [assign({ session: ({ event }) => event.output, error: null }), 'persist'] },
          onError: { target: 'signedOut', actions: ['forget', assign({ session: null })] },
        },
      },
      signedOut: {
        on: {
          signIn: 'signingIn',
        },
      },
      signingIn: {
        invoke: {
          src: 'signIn',
          input: ({ event }) => {
            if (event.type !== 'signIn') throw new Error('signingIn is entered by signIn only')
            return { login: event.login, password: event.password, ...(event.tenantId ? { tenantId: event.tenantId } : {}) }
          },
          onDone: {
            target: 'signedIn',
            actions: [assign({ session: ({ event }) => event.output, error: null, tenantChoices: null }), 'persist'],
          },
          onError: {
            target: 'signedOut',
            actions: [
              { type: 'revokeRefused', params: ({ event }) => ({ error: event.error }) },
              assign({
                error: ({ event }) => describe(event.error),
                tenantChoices: ({ event }) =>
                  event.error instanceof ApiError && event.error.code === 'E_AUTH_TENANT_REQUIRED'
                    ? ((event.error.details as { tenants?: TenantChoice[] } | undefined)?.tenants ?? null)
                    : null,
              }),
            ],
          },
        },
      },
      signedIn: {
        after: { refreshDue: 'refreshing' },
        on: {
          tokenExpired: 'refreshing',
          signOut: 'signingOut',
        },
      },
      refreshing: {
        invoke: {
          src: 'refresh',
          input: ({ context }) => ({ refreshToken: context.session?.refreshToken ?? '' }),
          onDone: { target: 'signedIn', actions: [assign({ session: ({ event }) => event.output }), 'persist'] },
          onError: {
            target: 'signedOut',
            actions: [
              'forget',
              assign({
                session: null,
                error: ({ event }) => {
                  const reason = describe(event.error)
                  return { code: reason.code, message: `Your session ended (${reason.message}). Sign in again.` }
                },
              }),
            ],
          },
        },
        on: {
          signOut: 'signingOut',
        },
      },
      signingOut: {
        entry: 'forget',
        invoke: {
          src: 'signOut',
          input: ({ context }) => ({ refreshToken: context.session?.refreshToken ?? null }),
          onDone: { target: 'signedOut', actions: assign({ session: null, error: null }) },
        },
      },
    },
  })
}

export type SessionMachine = ReturnType<typeof createSessionMachine>
