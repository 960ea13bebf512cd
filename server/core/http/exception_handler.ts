import app from '@adonisjs/core/services/app'
import { ExceptionHandler, type HttpContext } from '@adonisjs/core/http'
import type { ErrorBody, ErrorCode } from '@pos/protocols'
import { AppError } from '../errors.js'

/*
 * The one place where failures become HTTP responses. Every error body has the
 * shape { error: { code: "E_...", message, details? } }; unexpected errors are
 * logged with the request id and answered as E_INTERNAL without internals.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected override debug = false

  override async handle(error: unknown, ctx: HttpContext) {
    const { status, body } = toHttpError(error)
    ctx.response.status(status).send({ error: body })
  }

  override async report(error: unknown, ctx: HttpContext) {
    const { status } = toHttpError(error)
    if (status >= 500) {
      ctx.logger.error({ err: error }, 'request failed')
    } else if (!app.inTest) {
      ctx.logger.info({ status, code: toHttpError(error).body.code }, 'request refused')
    }
  }
}

const frameworkCodes: Record<string, { code: ErrorCode; message?: string }> = {
  E_ROUTE_NOT_FOUND: { code: 'E_ROUTE_NOT_FOUND', message: 'No such route' },
  E_REQUEST_ENTITY_TOO_LARGE: { code: 'E_PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  E_TOO_MANY_REQUESTS: { code: 'E_RATE_LIMITED', message: 'Too many requests; try again later' },
}

export function toHttpError(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    const body: ErrorBody = { code: error.code, message: error.message }
    if (error.details !== undefined) body.details = error.details
    return { status: error.status, body }
  }
  const candidate = error as { code?: string; status?: number; message?: string; name?: string }
  if (candidate?.code && frameworkCodes[candidate.code]) {
    const mapped = frameworkCodes[candidate.code]!
    return {
      status: candidate.status ?? 400,
      body: { code: mapped.code, message: mapped.message ?? candidate.message ?? mapped.code },
    }
  }
  // Body parser: malformed JSON (SyntaxError, 400) or non object/array JSON (422).
  if (candidate?.name === 'SyntaxError' || /Invalid JSON/.test(candidate?.message ?? '')) {
    return { status: 400, body: { code: 'E_BAD_JSON', message: 'The request body is not valid JSON' } }
  }
  if (typeof candidate?.status === 'number' && candidate.status >= 400 && candidate.status < 500) {
    return { status: candidate.status, body: { code: 'E_VALIDATION', message: candidate.message ?? 'Bad request' } }
  }
  return { status: 500, body: { code: 'E_INTERNAL', message: 'Something went wrong; it has been logged' } }
}
