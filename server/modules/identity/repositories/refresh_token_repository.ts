import type { Tx } from '#core/db/tenancy'

export interface RefreshTokenRow {
  id: string
  tenant_id: string
  family_id: string
  expires_at: Date
  rotated_at: Date | null
}

/** Refresh tokens are stored as SHA-256 hashes, grouped in families (one per sign-in). */
export const refreshTokenRepository = {
  /** Needs app.lookup_hash = tokenHash. */
  async findByHash(trx: Tx, tokenHash: string): Promise<RefreshTokenRow | null> {
    const row = await trx
      .from('refresh_tokens')
      .select('id', 'tenant_id', 'family_id', 'expires_at', 'rotated_at')
      .where('token_hash', tokenHash)
      .first()
    return row ?? null
  },

  async lockToken(trx: Tx, tokenId: string): Promise<RefreshTokenRow | null> {
    const row = await trx
      .from('refresh_tokens')
      .select('id', 'tenant_id', 'family_id', 'expires_at', 'rotated_at')
      .where('id', tokenId)
      .forUpdate()
      .first()
    return row ?? null
  },

  async lockFamily(trx: Tx, familyId: string) {
    const row: { id: string; user_id: string; revoked_at: Date | null } | undefined = await trx
      .from('refresh_token_families')
      .select('id', 'user_id', 'revoked_at')
      .where('id', familyId)
      .forUpdate()
      .first()
    return row ?? null
  },

  async createFamily(trx: Tx, tenantId: string, userId: string): Promise<string> {
    const [row] = await trx
      .insertQuery()
      .table('refresh_token_families')
      .insert({ tenant_id: tenantId, user_id: userId })
      .returning(['id'])
    return row.id
  },

  async insertToken(trx: Tx, t: { tenantId: string; familyId: string; tokenHash: string; expiresAt: Date }) {
    await trx
      .insertQuery()
      .table('refresh_tokens')
      .insert({ tenant_id: t.tenantId, family_id: t.familyId, token_hash: t.tokenHash, expires_at: t.expiresAt })
  },

  async markRotated(trx: Tx, tokenId: string) {
    await trx.from('refresh_tokens').where('id', tokenId).update({ rotated_at: trx.raw('now()') })
  },

  async revokeFamily(trx: Tx, familyId: string, reason: string) {
    await trx
      .from('refresh_token_families')
      .where('id', familyId)
      .whereNull('revoked_at')
      .update({ revoked_at: trx.raw('now()'), revoked_reason: reason })
  },

  /** Revokes every live family (sign-in) of the user in the tenant; returns how many. */
  async revokeUserFamilies(trx: Tx, tenantId: string, userId: string, reason: string): Promise<number> {
    const revoked: Array<{ id: string }> = await trx
      .from('refresh_token_families')
      .where({ tenant_id: tenantId, user_id: userId })
      .whereNull('revoked_at')
      .update({ revoked_at: trx.raw('now()'), revoked_reason: reason })
      .returning(['id'])
    return revoked.length
  },
}
