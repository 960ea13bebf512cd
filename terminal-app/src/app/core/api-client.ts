/*
 * The HTTP side of the server (`/api/v1`), typed by @pos/protocols. Errors come back as
 * `ApiError` with the server's stable code (`E_*`); a network failure is `E_NETWORK`.
 */
import type {
  CashierSessionResponse,
  CatalogFeed,
  PairDeviceRequest,
  PairDeviceResponse,
  SessionResponse,
} from './protocol-types'

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export type Credentials = { deviceKey: string } | { accessToken: string } | null

type Fetch = typeof fetch

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: Fetch = (input, init) => fetch(input, init),
  ) {}

  /** First run: exchange the manager's one-time code for this device's key. */
  pair(body: PairDeviceRequest): Promise<PairDeviceResponse> {
    return this.request('POST', '/devices/pair', null, body)
  }

  /** A user's sign-in (the cashier's own credentials). */
  login(login: string, password: string): Promise<SessionResponse> {
    return this.request('POST', '/auth/login', null, { login, password })
  }

  /** The signed-in user becomes the terminal's cashier. */
  startCashierSession(terminalId: string, accessToken: string): Promise<CashierSessionResponse> {
    return this.request('POST', `/terminals/${encodeURIComponent(terminalId)}/cashier-session`, { accessToken })
  }

  endCashierSession(terminalId: string, deviceKey: string): Promise<CashierSessionResponse> {
    return this.request('DELETE', `/terminals/${encodeURIComponent(terminalId)}/cashier-session`, { deviceKey })
  }

  /** One page of the store's catalog feed (full download without a cursor, then changes). */
  catalogFeed(storeId: string, deviceKey: string, cursor: string | null, limit = 200): Promise<CatalogFeed> {
    const query = new URLSearchParams({ limit: String(limit) })
    if (cursor !== null) query.set('cursor', cursor)
    return this.request('GET', `/stores/${encodeURIComponent(storeId)}/catalog/feed?${query}`, { deviceKey })
  }

  async request<T>(method: string, path: string, credentials: Credentials, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (credentials !== null && 'deviceKey' in credentials) headers['x-device-key'] = credentials.deviceKey
    if (credentials !== null && 'accessToken' in credentials) headers['authorization'] = `Bearer ${credentials.accessToken}`
    let response: Response
    try {
      response = await this.fetchImpl(`${this.baseUrl.replace(/\/$/, '')}/api/v1${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
    } catch (error) {
      throw new ApiError('E_NETWORK', `The server could not be reached (${(error as Error).message})`, 0)
    }
    const text = await response.text()
    const parsed: unknown = text === '' ? null : safeJson(text)
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error
      throw new ApiError(error?.code ?? `E_HTTP_${response.status}`, error?.message ?? response.statusText, response.status, error?.details)
    }
    return parsed as T
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
