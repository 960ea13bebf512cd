import type { HttpContext } from '@adonisjs/core/http'
import type { Authenticator } from '#core/http/api'
import type { AuthMode, Principal } from '#core/http/principal'
import { deviceService } from '#modules/devices/index'
import { identityErrors } from './errors.js'
import { verifyAccessToken } from './services/token_service.js'

/**
 * Resolves the caller of an HTTP request: a user from `Authorization: Bearer
 * <access token>` (verified without a database read) or a device from
 * `x-device-key` (checked against the database on every request, so a revoked
 * key stops working at once).
 */
export const authenticateRequest: Authenticator = async (ctx: HttpContext, mode: Exclude<AuthMode, 'none'>) => {
  const header = ctx.request.header('authorization')
  const deviceKey = ctx.request.header('x-device-key')
  if (header && mode !== 'device') {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) throw identityErrors.tokenInvalid()
    const claims = await verifyAccessToken(match[1]!)
    return { kind: 'user', ...claims } satisfies Principal
  }
  if (deviceKey && mode !== 'user') return deviceService.authenticate(deviceKey)
  throw identityErrors.unauthenticated()
}
