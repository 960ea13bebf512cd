import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { LoginRequest, RefreshRequest } from '@pos/protocols'
import { authService } from '../services/auth_service.js'

const meta = (input: RouteInput<unknown, unknown, unknown>) => ({
  ip: input.ctx.request.ip(),
  requestId: input.ctx.request.id() ?? null,
})

type User = Extract<Principal, { kind: 'user' }>

export const authController = {
  login(input: RouteInput<LoginRequest, undefined, null>) {
    return authService.login(input.body, meta(input))
  },

  refresh(input: RouteInput<RefreshRequest, undefined, null>) {
    return authService.refresh(input.body.refreshToken, meta(input))
  },

  async logout(input: RouteInput<RefreshRequest, undefined, null>) {
    await authService.logout(input.body.refreshToken)
    return { ok: true }
  },

  me({ principal }: RouteInput<undefined, undefined, User>) {
    return authService.me(principal)
  },
}
