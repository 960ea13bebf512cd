import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { ChangeMembershipRequest, CreateUserRequest } from '@pos/protocols'
import { userService } from '../services/user_service.js'

type User = Extract<Principal, { kind: 'user' }>

export const usersController = {
  async list({ principal }: RouteInput<undefined, undefined, User>) {
    return { users: await userService.list(principal) }
  },

  create({ principal, body, ctx }: RouteInput<CreateUserRequest, undefined, User>) {
    return userService.create(principal, body, ctx.request.id() ?? null)
  },

  changeMembership({ principal, params, body, ctx }: RouteInput<ChangeMembershipRequest, undefined, User>) {
    return userService.changeMembership(principal, params.userId!, body, ctx.request.id() ?? null)
  },
}
