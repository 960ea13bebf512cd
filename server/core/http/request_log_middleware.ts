import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** One structured log line per request, and the request id echoed to the client. */
export default class RequestLogMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const started = performance.now()
    const requestId = ctx.request.id()
    if (requestId) ctx.response.header('x-request-id', requestId)
    try {
      await next()
    } finally {
      ctx.logger.info(
        {
          method: ctx.request.method(),
          url: ctx.request.url(),
          status: ctx.response.getStatus(),
          ms: Math.round((performance.now() - started) * 10) / 10,
        },
        'request'
      )
    }
  }
}
