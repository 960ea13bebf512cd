import { randomUUID } from 'node:crypto'
import type { Tx } from '#core/db/tenancy'
import type { Role } from '@pos/protocols'

export interface UserRow {
  id: string
  name: string
  email: string | null
  phone: string | null
  password_hash: string
  disabled_at: Date | null
  created_by_tenant: string
}

export interface MembershipRow {
  tenant_id: string
  tenant_name: string
  store_id: string | null
  role: Role
}

/* Users and memberships. Reads here run under RLS: see the policies in 0001. */
export const userRepository = {
  /** Needs app.login set to `login` in this transaction. */
  async findByLogin(trx: Tx, login: string): Promise<UserRow | null> {
    const row = await trx
      .from('users')
      .select('id', 'name', 'email', 'phone', 'password_hash', 'disabled_at', 'created_by_tenant')
      .where((q) => q.where('email', login).orWhere('phone', login))
      .first()
    return row ?? null
  },

  /** Visible when the user belongs to the transaction's tenant (or app.login_user_id). */
  async findById(trx: Tx, userId: string): Promise<UserRow | null> {
    const row = await trx
      .from('users')
      .select('id', 'name', 'email', 'phone', 'password_hash', 'disabled_at', 'created_by_tenant')
      .where('id', userId)
      .first()
    return row ?? null
  },

  /** Needs app.login_user_id (all tenants) or app.tenant_id (that tenant only). */
  async memberships(trx: Tx, userId: string): Promise<MembershipRow[]> {
    return trx
      .from('memberships as m')
      .join('tenants as t', 't.id', 'm.tenant_id')
      .select('m.tenant_id', 't.name as tenant_name', 'm.store_id', 'm.role')
      .where('m.user_id', userId)
      .orderBy('t.name')
  },

  async listInTenant(trx: Tx, tenantId: string) {
    const rows: Array<{ id: string; name: string; email: string | null; phone: string | null; role: Role; store_id: string | null }> =
      await trx
        .from('users as u')
        .join('memberships as m', 'm.user_id', 'u.id')
        .select('u.id', 'u.name', 'u.email', 'u.phone', 'm.role', 'm.store_id')
        .where('m.tenant_id', tenantId)
        .orderBy('u.name')
    return rows
  },

  /**
   * The id is made here, not returned by the insert: RETURNING would need the
   * new row to be visible already, and a user becomes visible to a tenant only
   * with its membership.
   */
  async create(trx: Tx, user: { tenantId: string; name: string; email: string | null; phone: string | null; passwordHash: string }) {
    const id = randomUUID()
    await trx.insertQuery().table('users').insert({
      id,
      name: user.name,
      email: user.email,
      phone: user.phone,
      password_hash: user.passwordHash,
      created_by_tenant: user.tenantId,
    })
    return id
  },

  async addMembership(trx: Tx, m: { tenantId: string; userId: string; storeId: string | null; role: Role }) {
    await trx
      .insertQuery()
      .table('memberships')
      .insert({ tenant_id: m.tenantId, user_id: m.userId, store_id: m.storeId, role: m.role })
  },

  /** The user's memberships in the transaction's tenant, locked until the transaction ends. */
  async lockMembershipsInTenant(trx: Tx, tenantId: string, userId: string): Promise<Array<{ store_id: string | null; role: Role }>> {
    return trx.from('memberships').select('store_id', 'role').where({ tenant_id: tenantId, user_id: userId }).forUpdate()
  },

  /**
   * Locks every owner membership of the tenant, so two concurrent demotions
   * cannot each see the other owner and leave the business without one.
   */
  async lockOwners(trx: Tx, tenantId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await trx
      .from('memberships')
      .select('user_id')
      .where({ tenant_id: tenantId, role: 'owner' })
      .forUpdate()
    return [...new Set(rows.map((row) => row.user_id))]
  },

  /** Replaces the user's memberships in the tenant by one. */
  async replaceMemberships(trx: Tx, m: { tenantId: string; userId: string; storeId: string | null; role: Role }) {
    await trx.from('memberships').where({ tenant_id: m.tenantId, user_id: m.userId }).delete()
    await userRepository.addMembership(trx, m)
  },
}
