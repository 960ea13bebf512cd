import type { DeviceKind, Role } from '@pos/protocols'

/** Who is calling: a signed-in user (from an access token) or a paired device (from its key). */
export type Principal =
  | {
      kind: 'user'
      userId: string
      tenantId: string
      role: Role
      /** '*' = every store of the tenant. */
      stores: '*' | string[]
    }
  | {
      kind: 'device'
      deviceId: string
      tenantId: string
      storeId: string
      terminalId: string
      deviceKind: DeviceKind
    }

export type AuthMode = 'none' | 'user' | 'device' | 'user-or-device'

/** True when the principal may act on `storeId`. */
export function canAccessStore(principal: Principal, storeId: string): boolean {
  if (principal.kind === 'device') return principal.storeId === storeId
  return principal.stores === '*' || principal.stores.includes(storeId)
}
