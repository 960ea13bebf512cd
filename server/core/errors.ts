import type { ErrorCode } from '@pos/protocols'

/**
 * An expected failure with a stable code. Modules declare theirs as data with
 * `defineErrors`; the HTTP exception handler and the socket `toAck` helper are
 * the only places that turn them into responses.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly details: unknown

  constructor(code: ErrorCode, message: string, status: number, details?: unknown) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.status = status
    this.details = details
  }
}

export interface ErrorDefinition {
  code: ErrorCode
  message: string
  status: number
}

/**
 * Declares a module's errors as data and returns a factory per error:
 *
 *   export const errors = defineErrors({ notFound: { code: 'E_NOT_FOUND', status: 404, message: '...' } })
 *   throw errors.notFound()
 */
export function defineErrors<T extends Record<string, ErrorDefinition>>(definitions: T) {
  const factories = {} as { [K in keyof T]: (details?: unknown, message?: string) => AppError }
  for (const key of Object.keys(definitions) as Array<keyof T>) {
    const definition = definitions[key]!
    factories[key] = (details?: unknown, message?: string) =>
      new AppError(definition.code, message ?? definition.message, definition.status, details)
  }
  return Object.assign(factories, { definitions })
}

/** Errors every module may raise. */
export const commonErrors = defineErrors({
  validation: { code: 'E_VALIDATION', status: 422, message: 'The request is not valid' },
  notFound: { code: 'E_NOT_FOUND', status: 404, message: 'Not found' },
  rateLimited: { code: 'E_RATE_LIMITED', status: 429, message: 'Too many requests; try again later' },
  unsupportedMediaType: {
    code: 'E_UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    message: 'Send the body as application/json',
  },
})
