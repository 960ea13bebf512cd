import hash from '@adonisjs/core/services/hash'
import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { roleAtLeast, type CreateUserRequest, type Role, type UserSummary } from '@pos/protocols'
import { recordAudit } from '#modules/audit/index'
import { assertStoreAccess, requireStore } from '#modules/tenancy/index'
import { identityErrors } from '../errors.js'
import { userRepository } from '../repositories/user_repository.js'
import { normaliseLogin } from './auth_service.js'

type UserPrincipal = Extract<Principal, { kind: 'user' }>

/** Who may grant which role: owners anything; managers only roles below their own. */
function mayGrant(granter: Role, role: Role) {
  return granter === 'owner' || (roleAtLeast(granter, role) && granter !== role)
}

export const userService = {
  async list(principal: UserPrincipal): Promise<UserSummary[]> {
    const rows = await withTenant(principal.tenantId, (trx) => userRepository.listInTenant(trx, principal.tenantId))
    const byId = new Map<string, UserSummary>()
    for (const row of rows) {
      const user = byId.get(row.id) ?? ({ id: row.id, name: row.name, email: row.email, phone: row.phone, memberships: [] } as unknown as UserSummary)
      user.memberships.push({ role: row.role, storeId: row.store_id } as UserSummary['memberships'][number])
      byId.set(row.id, user)
    }
    return [...byId.values()]
  },

  async create(principal: UserPrincipal, input: CreateUserRequest, requestId: string | null) {
    if (!mayGrant(principal.role, input.role)) throw identityErrors.forbidden()
    if (input.storeId === null ? principal.stores !== '*' : false) throw identityErrors.forbidden()
    if (input.storeId !== null) assertStoreAccess(principal, input.storeId)
    const passwordHash = await hash.make(input.password)
    const email = input.email ? normaliseLogin(input.email) : null
    const phone = input.phone ? normaliseLogin(input.phone) : null
    try {
      return await withTenant(principal.tenantId, async (trx) => {
        if (input.storeId !== null) await requireStore(trx, principal, input.storeId)
        const userId = await userRepository.create(trx, { tenantId: principal.tenantId, name: input.name, email, phone, passwordHash })
        await userRepository.addMembership(trx, { tenantId: principal.tenantId, userId, storeId: input.storeId, role: input.role })
        await recordAudit(trx, {
          tenantId: principal.tenantId,
          action: 'user.created',
          actorUserId: principal.userId,
          subjectType: 'user',
          subjectId: userId,
          data: { role: input.role, storeId: input.storeId },
          requestId,
        })
        return { id: userId, name: input.name, email, phone, memberships: [{ role: input.role, storeId: input.storeId }] }
      })
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw identityErrors.userExists()
      throw error
    }
  },
}
