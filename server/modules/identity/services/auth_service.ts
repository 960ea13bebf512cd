import hash from '@adonisjs/core/services/hash'
import limiter from '@adonisjs/limiter/services/main'
import { inRlsTransaction, withTenant } from '#core/db/tenancy'
import { newSecret, sha256Hex } from '#core/secrets'
import { roleAtLeast, type MeResponse, type Role, type SessionResponse, type TokenScope } from '@pos/protocols'
import { recordAudit } from '#modules/audit/index'
import { commonErrors } from '#core/errors'
import { identityErrors } from '../errors.js'
import { userRepository, type MembershipRow, type UserRow } from '../repositories/user_repository.js'
import { refreshTokenRepository } from '../repositories/refresh_token_repository.js'
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from './token_service.js'

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000

/* Failed sign-ins per login and per address; a success does not count. */
const loginLimiter = () => limiter.use({ requests: 5, duration: '1 min', blockDuration: '5 mins' })
const addressLimiter = () => limiter.use({ requests: 30, duration: '1 min', blockDuration: '5 mins' })

// Verifying against a real hash even when the login is unknown keeps timing uniform.
let decoyHash: Promise<string> | undefined

export interface RequestMeta {
  ip: string
  requestId: string | null
}

/** Email lower-cased; a 10-digit Indian mobile number gets +91. */
export function normaliseLogin(login: string): string {
  const trimmed = login.trim()
  if (trimmed.includes('@')) return trimmed.toLowerCase()
  const digits = trimmed.replace(/[\s-]/g, '')
  return /^[0-9]{10}$/.test(digits) ? `+91${digits}` : digits
}

export const authService = {
  async login(input: { login: string; password: string; tenantId?: string }, meta: RequestMeta): Promise<SessionResponse> {
    const login = normaliseLogin(input.login)
    // Per address, failures are only ever added (a success must not reset the count,
    // or one valid account would make password spraying from that address unlimited).
    const address = addressLimiter()
    const addressKey = `login-ip:${meta.ip}`
    if ((await address.remaining(addressKey)) <= 0) throw commonErrors.rateLimited()
    const [blocked, verified] = await loginLimiter().penalize(`login:${login}`, () =>
      verifyCredentials(login, input.password).catch(async (error) => {
        await address.increment(addressKey)
        throw error
      })
    )
    if (blocked) throw blocked

    const memberships = await inRlsTransaction({ 'app.login_user_id': verified.id }, (trx) =>
      userRepository.memberships(trx, verified.id)
    )
    const tenantId = chooseTenant(memberships, input.tenantId)
    const scope = scopeFor(tenantId, memberships)

    const refreshToken = await withTenant(tenantId, async (trx) => {
      const familyId = await refreshTokenRepository.createFamily(trx, tenantId, verified.id)
      const token = await issueRefreshToken(trx, tenantId, familyId)
      await recordAudit(trx, {
        tenantId,
        action: 'auth.login',
        actorUserId: verified.id,
        subjectType: 'user',
        subjectId: verified.id,
        data: { ip: meta.ip },
        requestId: meta.requestId,
      })
      return token
    })
    return session(verified, scope, refreshToken)
  },

  /**
   * Rotates a refresh token. Presenting a token that was already rotated means
   * it was copied: the whole family (every session from that sign-in) is revoked.
   */
  async refresh(presented: string, meta: RequestMeta): Promise<SessionResponse> {
    const tokenHash = sha256Hex(presented)
    const found = await inRlsTransaction({ 'app.lookup_hash': tokenHash }, (trx) =>
      refreshTokenRepository.findByHash(trx, tokenHash)
    )
    if (!found) throw identityErrors.refreshInvalid()

    const outcome = await withTenant(found.tenant_id, async (trx) => {
      const family = await refreshTokenRepository.lockFamily(trx, found.family_id)
      const token = await refreshTokenRepository.lockToken(trx, found.id)
      if (!family || !token || family.revoked_at) return { kind: 'invalid' as const }
      if (token.rotated_at) {
        await refreshTokenRepository.revokeFamily(trx, family.id, 'reuse')
        await recordAudit(trx, {
          tenantId: found.tenant_id,
          action: 'auth.refresh_reused',
          actorUserId: family.user_id,
          subjectType: 'refresh_token_family',
          subjectId: family.id,
          data: { ip: meta.ip },
          requestId: meta.requestId,
        })
        return { kind: 'reused' as const }
      }
      if (new Date(token.expires_at).getTime() <= Date.now()) return { kind: 'invalid' as const }
      const user = await userRepository.findById(trx, family.user_id)
      const memberships = user ? await userRepository.memberships(trx, user.id) : []
      if (!user || user.disabled_at || memberships.length === 0) {
        await refreshTokenRepository.revokeFamily(trx, family.id, 'access_removed')
        return { kind: 'invalid' as const }
      }
      await refreshTokenRepository.markRotated(trx, token.id)
      const next = await issueRefreshToken(trx, found.tenant_id, family.id)
      return { kind: 'ok' as const, user, scope: scopeFor(found.tenant_id, memberships), next }
    })

    if (outcome.kind === 'reused') throw identityErrors.refreshReused()
    if (outcome.kind === 'invalid') throw identityErrors.refreshInvalid()
    return session(outcome.user, outcome.scope, outcome.next)
  },

  async me(principal: { userId: string; tenantId: string; role: Role; stores: '*' | string[] }): Promise<MeResponse> {
    const user = await withTenant(principal.tenantId, (trx) => userRepository.findById(trx, principal.userId))
    if (!user) throw identityErrors.tokenInvalid()
    return {
      user: { id: user.id, name: user.name, email: user.email, phone: user.phone },
      scope: { tenantId: principal.tenantId, role: principal.role, stores: principal.stores },
    } as MeResponse
  },

  /** Signs out every session of the sign-in the token belongs to. Unknown tokens are ignored. */
  async logout(presented: string) {
    const tokenHash = sha256Hex(presented)
    const found = await inRlsTransaction({ 'app.lookup_hash': tokenHash }, (trx) =>
      refreshTokenRepository.findByHash(trx, tokenHash)
    )
    if (found) {
      await withTenant(found.tenant_id, (trx) => refreshTokenRepository.revokeFamily(trx, found.family_id, 'logout'))
    }
  },
}

async function verifyCredentials(login: string, password: string): Promise<UserRow> {
  const user = await inRlsTransaction({ 'app.login': login }, (trx) => userRepository.findByLogin(trx, login))
  if (!user || user.disabled_at) {
    decoyHash ??= hash.make('decoy password for timing')
    await hash.verify(await decoyHash, password)
    throw identityErrors.invalidCredentials()
  }
  if (!(await hash.verify(user.password_hash, password))) throw identityErrors.invalidCredentials()
  return user
}

function chooseTenant(memberships: MembershipRow[], requested: string | undefined): string {
  const tenants = new Map(memberships.map((m) => [m.tenant_id, m]))
  if (requested) {
    if (!tenants.has(requested)) throw identityErrors.noMembership()
    return requested
  }
  if (tenants.size === 1) return memberships[0]!.tenant_id
  if (tenants.size === 0) throw identityErrors.noMembership()
  throw identityErrors.tenantRequired({
    tenants: [...tenants.keys()].map((tenantId) => ({
      tenantId,
      name: tenants.get(tenantId)!.tenant_name,
      role: scopeFor(tenantId, memberships).role,
    })),
  })
}

/**
 * The token's scope in one tenant: the most privileged role the user holds
 * there, and the stores of those memberships ('*' when one covers all stores).
 */
export function scopeFor(tenantId: string, memberships: Array<Pick<MembershipRow, 'tenant_id' | 'store_id' | 'role'>>): TokenScope {
  const mine = memberships.filter((m) => m.tenant_id === tenantId)
  let role: Role = 'station'
  for (const m of mine) if (roleAtLeast(m.role, role)) role = m.role
  const stores = mine.some((m) => m.store_id === null) ? '*' : [...new Set(mine.map((m) => m.store_id!))]
  return { tenantId, role, stores } as TokenScope
}

async function issueRefreshToken(trx: Parameters<typeof refreshTokenRepository.insertToken>[0], tenantId: string, familyId: string) {
  const token = newSecret('rt')
  await refreshTokenRepository.insertToken(trx, {
    tenantId,
    familyId,
    tokenHash: sha256Hex(token),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
  })
  return token
}

async function session(user: UserRow, scope: TokenScope, refreshToken: string): Promise<SessionResponse> {
  const accessToken = await signAccessToken({ userId: user.id, ...scope })
  return {
    accessToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
    user: { id: user.id, name: user.name, email: user.email, phone: user.phone },
    scope,
  } as SessionResponse
}
