import { SignJWT, errors as joseErrors, jwtVerify } from 'jose'
import { randomUUID } from 'node:crypto'
import env from '#start/env'
import { roleSchema, type TokenScope } from '@pos/protocols'
import { identityErrors } from '../errors.js'

/** Access tokens live 15 minutes: short enough that role changes and sign-outs bite quickly. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60

const ISSUER = 'pos-platform'
const AUDIENCE = 'pos-api'
const key = new TextEncoder().encode(env.get('JWT_SECRET').release())

export interface AccessClaims extends TokenScope {
  userId: string
}

/**
 * Signs an access token scoped to one tenant, a role and stores. Any node can
 * verify it without a database read. `now` (seconds) is injectable for tests.
 */
export async function signAccessToken(claims: AccessClaims, now = Math.floor(Date.now() / 1000)) {
  return new SignJWT({ tid: claims.tenantId, role: claims.role, stores: claims.stores, typ: 'access' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TOKEN_TTL_SECONDS)
    .sign(key)
}

export async function verifyAccessToken(token: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] })
    const role = roleSchema.safeParse(payload.role)
    const stores = payload.stores
    const storesOk = stores === '*' || (Array.isArray(stores) && stores.every((s) => typeof s === 'string'))
    if (payload.typ !== 'access' || !payload.sub || typeof payload.tid !== 'string' || !role.success || !storesOk) {
      throw identityErrors.tokenInvalid()
    }
    return {
      userId: payload.sub,
      tenantId: payload.tid,
      role: role.data,
      stores: stores as TokenScope['stores'],
    } as AccessClaims
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw identityErrors.tokenExpired()
    if (error instanceof joseErrors.JOSEError) throw identityErrors.tokenInvalid()
    throw error
  }
}
