import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { useActorRef, useSelector } from '@xstate/react'
import { waitFor, type ActorRefFrom } from 'xstate'
import { createApiClient, type ApiClient } from '../../shared/api/http.ts'
import { authApi } from './auth.api.ts'
import { createSessionMachine, type Session, type SessionMachine, type TokenStore } from './session.machine.ts'

const STORAGE_KEY = 'pos-admin.refresh-token'

/** The refresh token lives in this tab's sessionStorage: a reload stays signed in, closing the tab does not. */
const tabStore: TokenStore = {
  load: () => window.sessionStorage.getItem(STORAGE_KEY),
  save: (token) => window.sessionStorage.setItem(STORAGE_KEY, token),
  clear: () => window.sessionStorage.removeItem(STORAGE_KEY),
}

type SessionRef = ActorRefFrom<SessionMachine>

interface SessionValue {
  actor: SessionRef
  api: ApiClient
  renewToken(expired: string | null): Promise<string | null>
}

const SessionContext = createContext<SessionValue | null>(null)

const machine = createSessionMachine(authApi, tabStore)

/**
 * Runs the session machine for the whole app and hands out an API client that carries its
 * access token (and asks the machine for a new one when the server says it expired).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const actor = useActorRef(machine)
  const value = useMemo<SessionValue>(() => {
    const current = () => actor.getSnapshot().context.session?.accessToken ?? null
    const renewToken = async (expired: string | null) => {
      const now = current()
      if (now && now !== expired) return now
      actor.send({ type: 'tokenExpired' })
      const settled = await waitFor(actor, (s) => s.matches('signedIn') || s.matches('signedOut'))
      return settled.context.session?.accessToken ?? null
    }
    return { actor, api: createApiClient({ accessToken: current, renewAccessToken: renewToken }), renewToken }
  }, [actor])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

function useSessionValue(): SessionValue {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession is used outside SessionProvider')
  return value
}

/** The session state ('starting' | 'resuming' | 'signedOut' | 'signingIn' | 'signedIn' | 'refreshing' | 'signingOut') and its context. */
export function useSession() {
  const { actor } = useSessionValue()
  const state = useSelector(actor, (s) => s.value as string)
  const session = useSelector(actor, (s) => s.context.session)
  const error = useSelector(actor, (s) => s.context.error)
  const tenantChoices = useSelector(actor, (s) => s.context.tenantChoices)
  return { state, session, error, tenantChoices, send: actor.send }
}

/** The signed-in session (the app renders its pages only when there is one). */
export function useSignedIn(): Session {
  const { session } = useSession()
  if (!session) throw new Error('useSignedIn is used while signed out')
  return session
}

export function useApi(): ApiClient {
  return useSessionValue().api
}

/** The current access token and the way to renew it, for the socket. */
export function useTokenSource() {
  const { actor, renewToken } = useSessionValue()
  return useMemo(() => ({ token: () => actor.getSnapshot().context.session?.accessToken ?? null, renewToken }), [actor, renewToken])
}
