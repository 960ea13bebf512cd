import { z } from 'zod'

/**
 * Roles a user can hold in a tenant, per store or for all of its stores.
 * Ordered from most to least privileged.
 */
export const ROLES = ['owner', 'manager', 'cashier', 'station'] as const
export const roleSchema = z.enum(ROLES)
export type Role = z.infer<typeof roleSchema>

/** True when `held` is at least as privileged as `required`. */
export function roleAtLeast(held: Role, required: Role): boolean {
  return ROLES.indexOf(held) <= ROLES.indexOf(required)
}

/** Kinds of paired device. */
export const DEVICE_KINDS = ['terminal', 'station'] as const
export const deviceKindSchema = z.enum(DEVICE_KINDS)
export type DeviceKind = z.infer<typeof deviceKindSchema>
