import { z } from 'zod'
import { catalogErrorCodes } from './catalog/index.ts'
import { inventoryErrorCodes } from './inventory/index.ts'
import { searchErrorCodes } from './search/index.ts'
import { salesErrorCodes } from './sales/index.ts'
import { importsErrorCodes } from './imports/index.ts'

/**
 * Every error code the platform puts on the wire, HTTP and Socket.IO alike.
 * Codes are `E_<MODULE>_<REASON>`; the same string is used in logs and tests.
 */
export const ERROR_CODES = [
  'E_VALIDATION',
  'E_BAD_JSON',
  'E_PAYLOAD_TOO_LARGE',
  'E_UNSUPPORTED_MEDIA_TYPE',
  'E_ROUTE_NOT_FOUND',
  'E_NOT_FOUND',
  'E_RATE_LIMITED',
  'E_INTERNAL',
  'E_AUTH_UNAUTHENTICATED',
  'E_AUTH_INVALID_CREDENTIALS',
  'E_AUTH_TOKEN_EXPIRED',
  'E_AUTH_TOKEN_INVALID',
  'E_AUTH_TENANT_REQUIRED',
  'E_AUTH_NO_MEMBERSHIP',
  'E_AUTH_REFRESH_INVALID',
  'E_AUTH_REFRESH_REUSED',
  'E_AUTH_FORBIDDEN',
  'E_DEVICE_KEY_INVALID',
  'E_DEVICE_REVOKED',
  'E_DEVICE_PAIRING_CODE_INVALID',
  'E_TENANCY_STORE_NOT_FOUND',
  'E_TENANCY_TERMINAL_NOT_FOUND',
  'E_USER_EXISTS',
  'E_USER_NOT_FOUND',
  'E_USER_LAST_OWNER',
  'E_PROTOCOL_VERSION',
  'E_COMMAND_OUT_OF_ORDER',
  'E_COMMAND_ID_REUSED',
  'E_ACTOR_EVENT_REJECTED',
  'E_ACTOR_FAILED',
  'E_ACTOR_UNAVAILABLE',
  'E_STORE_NOT_SUBSCRIBED',
  ...catalogErrorCodes,
  ...inventoryErrorCodes,
  ...searchErrorCodes,
  ...salesErrorCodes,
  ...importsErrorCodes,
] as const

/** A stable, machine-readable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number]

export const errorCodeSchema = z.enum(ERROR_CODES)

/** One field-level problem found while validating a request. */
export const validationIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
})
export type ValidationIssue = z.infer<typeof validationIssueSchema>

/** What a failed call carries: a code, a human message, and optional details. */
export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
})
export type ErrorBody = z.infer<typeof errorBodySchema>

/** The JSON body of every HTTP error response: `{ error: { code, message } }`. */
export const httpErrorResponseSchema = z.object({ error: errorBodySchema })
export type HttpErrorResponse = z.infer<typeof httpErrorResponseSchema>
