/*
 * The one HTTP client of the app: JSON in and out under /api/v1, the access token as a
 * bearer header, and the server's `{ error: { code, message, details } }` body turned into
 * an ApiError. An expired access token is refreshed once and the request retried.
 */

/** A refusal from the server, with its stable `E_*` code. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
  }
}

export interface ApiClientOptions {
  /** The current access token, if signed in. */
  accessToken: () => string | null
  /**
   * Asks for a fresh access token after `expired` was refused (the session refreshes, unless it
   * already has a newer one); resolves to it, or null when signed out.
   */
  renewAccessToken: (expired: string | null) => Promise<string | null>
  /** Defaults to the page's origin. */
  baseUrl?: string
  fetch?: typeof fetch
}

export type Query = Record<string, string | number | undefined>

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>
  post<T>(path: string, body?: unknown): Promise<T>
  put<T>(path: string, body?: unknown): Promise<T>
  patch<T>(path: string, body?: unknown): Promise<T>
  delete<T>(path: string): Promise<T>
  /** Sends a file as the raw request body (its own content type), e.g. a catalog import. */
  upload<T>(path: string, file: Blob, query?: Query): Promise<T>
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The request path under /api/v1 with its query string (undefined values left out). */
export function apiPath(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value))
  const search = params.toString()
  return `/api/v1${path}${search ? `?${search}` : ''}`
}

/** Turns a non-2xx response into an ApiError (a body that is not the server's shape still gets a code). */
export async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null
  const error = body?.error
  return new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.details)
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))
  const base = options.baseUrl ?? ''

  async function request<T>(method: Method, url: string, body: unknown, retried: boolean): Promise<T> {
    const token = options.accessToken()
    const headers: Record<string, string> = { accept: 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    const raw = body instanceof Blob
    if (raw) headers['content-type'] = body.type || 'application/octet-stream'
    else if (body !== undefined) headers['content-type'] = 'application/json'
    const payload = body === undefined ? undefined : raw ? body : JSON.stringify(body)
    const response = await doFetch(`${base}${url}`, { method, headers, body: payload })
    if (response.ok) return (await response.json()) as T
    const error = await toApiError(response)
    if (!retried && error.status === 401 && error.code === 'E_AUTH_TOKEN_EXPIRED') {
      const renewed = await options.renewAccessToken(token)
      if (renewed) return request<T>(method, url, body, true)
    }
    throw error
  }

  return {
    get: (path, query) => request('GET', apiPath(path, query), undefined, false),
    post: (path, body) => request('POST', apiPath(path), body ?? {}, false),
    put: (path, body) => request('PUT', apiPath(path), body ?? {}, false),
    patch: (path, body) => request('PATCH', apiPath(path), body ?? {}, false),
    delete: (path) => request('DELETE', apiPath(path), undefined, false),
    upload: (path, file, query) => request('POST', apiPath(path, query), file, false),
  }
}
