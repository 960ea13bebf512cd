import hash from '@adonisjs/core/services/hash'
import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { roleAtLeast, type ChangeMembershipRequest, type CreateUserRequest, type Role, type UserSummary } from '@pos/protocols'
import { recordAudit } from '#modules/audit/index'
import { assertStoreAccess, requireStore } from '#modules/tenancy/index'
import { identityErrors } from '../errors.js'
import { refreshTokenRepository } from '../repositories/refresh_token_repository.js'
import { userRepository } from '../repositories/user_repository.js'
import { normaliseLogin } from './auth_service.js'

type UserPrincipal = Extract<Principal, { kind: 'user' }>

/** Who may grant which role: owners anything; managers only roles below their own. */
function mayGrant(granter: Role, role: Role) {
  return granter === 'owner' || (roleAtLeast(granter, role) && granter !== role)
}

/** The roles a manager may move people between, always within one of their stores. */
const STORE_FLOOR_ROLES: readonly Role[] = ['cashier', 'station']

/** A manager may touch only someone whose every membership is a floor role in one of the manager's stores. */
function managerMayTouch(principal: UserPrincipal, memberships: Array<{ store_id: string | null; role: Role }>) {
  return memberships.every(
    (m) =>
      STORE_FLOOR_ROLES.includes(m.role) &&
      (principal.stores === '*' || (m.store_id !== null && principal.stores.includes(m.store_id)))
  )
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

  /**
   * Replaces a person's memberships in the tenant by `{ role, storeId }`.
   * Owners may set any role but never leave the tenant without an owner;
   * managers only move cashiers and stations of their own stores between those
   * two roles. The person's refresh-token families here are revoked so the new
   * role is read at the next sign-in; access tokens already issued keep their
   * old role until they expire (15 minutes at most).
   */
  async changeMembership(principal: UserPrincipal, userId: string, input: ChangeMembershipRequest, requestId: string | null): Promise<UserSummary> {
    const isOwner = principal.role === 'owner'
    return withTenant(principal.tenantId, async (trx) => {
      // Owners first take the owner rows, so concurrent demotions queue here instead of deadlocking below.
      const owners = isOwner ? await userRepository.lockOwners(trx, principal.tenantId) : []
      const before = await userRepository.lockMembershipsInTenant(trx, principal.tenantId, userId)
      const user = before.length > 0 ? await userRepository.findById(trx, userId) : null
      if (!user) throw identityErrors.userNotFound()

      if (!isOwner) {
        if (!STORE_FLOOR_ROLES.includes(input.role) || !managerMayTouch(principal, before)) throw identityErrors.forbidden()
        if (input.storeId === null && principal.stores !== '*') throw identityErrors.forbidden()
      }
      if (input.storeId !== null) await requireStore(trx, principal, input.storeId)
      // Membership writes are allowed only for logins this tenant created (RLS policy membership_changed).
      if (user.created_by_tenant !== principal.tenantId) {
        throw identityErrors.forbidden(undefined, 'This login is managed by another business; its role cannot be changed here')
      }
      const wasOwner = before.some((m) => m.role === 'owner')
      if (wasOwner && input.role !== 'owner' && owners.every((ownerId) => ownerId === userId)) throw identityErrors.lastOwner()

      await userRepository.replaceMemberships(trx, { tenantId: principal.tenantId, userId, storeId: input.storeId, role: input.role })
      const revokedSessions = await refreshTokenRepository.revokeUserFamilies(trx, principal.tenantId, userId, 'role_changed')
      await recordAudit(trx, {
        tenantId: principal.tenantId,
        action: 'user.role_changed',
        actorUserId: principal.userId,
        subjectType: 'user',
        subjectId: userId,
        data: {
          from: before.map((m) => ({ role: m.role, storeId: m.store_id })),
          role: input.role,
          storeId: input.storeId,
          revokedSessions,
        },
        requestId,
      })
      return {
        id: user.id,
        name: user.name,
        email: user.email,
        phone: user.phone,
        memberships: [{ role: input.role, storeId: input.storeId }],
      } as UserSummary
    })
  },
}
