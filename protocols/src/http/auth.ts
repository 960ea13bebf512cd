import { z } from 'zod'
import { roleSchema } from '../roles.ts'
import { storeIdSchema, tenantIdSchema, userIdSchema } from '../ids.ts'

/** Sign in with an email address or a phone number and a password. */
export const loginRequestSchema = z.strictObject({
  login: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(256),
  /** Required only when the user belongs to more than one tenant. */
  tenantId: tenantIdSchema.optional(),
})
export type LoginRequest = z.infer<typeof loginRequestSchema>

/** Exchange a refresh token for a new pair; the old one stops working. */
export const refreshRequestSchema = z.strictObject({
  refreshToken: z.string().min(20).max(512),
})
export type RefreshRequest = z.infer<typeof refreshRequestSchema>

export const logoutRequestSchema = refreshRequestSchema
export type LogoutRequest = RefreshRequest

/** The scope an access token grants: one tenant, a role, and stores (or all of them). */
export const tokenScopeSchema = z.object({
  tenantId: tenantIdSchema,
  role: roleSchema,
  /** `'*'` means every store of the tenant. */
  stores: z.union([z.literal('*'), z.array(storeIdSchema)]),
})
export type TokenScope = z.infer<typeof tokenScopeSchema>

export const sessionResponseSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires (900). */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  user: z.object({ id: userIdSchema, name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  scope: tokenScopeSchema,
})
export type SessionResponse = z.infer<typeof sessionResponseSchema>

export const meResponseSchema = z.object({
  user: z.object({ id: userIdSchema, name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  scope: tokenScopeSchema,
})
export type MeResponse = z.infer<typeof meResponseSchema>

/** Where a user may sign in, when more than one tenant is possible. */
export const tenantChoiceSchema = z.object({ tenantId: tenantIdSchema, name: z.string(), role: roleSchema })
export type TenantChoice = z.infer<typeof tenantChoiceSchema>

/**
 * Change a person's role in the tenant: their memberships there are replaced by
 * this one. `storeId` null means every store; an owner always holds every store.
 */
export const changeMembershipRequestSchema = z
  .strictObject({
    role: roleSchema,
    storeId: storeIdSchema.nullable(),
  })
  .refine((body) => body.role !== 'owner' || body.storeId === null, {
    message: 'an owner holds every store: storeId must be null',
    path: ['storeId'],
  })
export type ChangeMembershipRequest = z.infer<typeof changeMembershipRequestSchema>
