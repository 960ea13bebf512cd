import type { RouteInput } from '#core/http/api'

/** What a write records of its request (the audit log's request id). */
export const writeMeta = (input: RouteInput<unknown, unknown, unknown>) => ({ requestId: input.ctx.request.id() ?? null })
