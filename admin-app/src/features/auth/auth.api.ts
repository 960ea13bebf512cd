import type { LoginRequest, MeResponse, SessionResponse } from '@pos/protocols'
import { apiPath, toApiError } from '../../shared/api/http.ts'

/* The unauthenticated auth endpoints, and /me with a token just received. */

async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(apiPath(path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw await toApiError(response)
  return (await response.json()) as T
}

export const authApi = {
  login: (body: LoginRequest) => postJson<SessionResponse>('/auth/login', body),
  refresh: (refreshToken: string) => postJson<SessionResponse>('/auth/refresh', { refreshToken }),
  logout: (refreshToken: string) => postJson<{ ok: boolean }>('/auth/logout', { refreshToken }),
  async me(accessToken: string): Promise<MeResponse> {
    const response = await fetch(apiPath('/me'), { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } })
    if (!response.ok) throw await toApiError(response)
    return (await response.json()) as MeResponse
  },
}
