import type { ChangeMembershipRequest, Role, UserSummary } from '@pos/protocols'
import { ApiError, type ApiClient } from '../../shared/api/http.ts'

/** The signed-in person's role and stores ('*' = every store), as in the session's scope. */
export interface ViewerScope {
  role: Role
  stores: '*' | readonly string[]
}

/** Roles a manager may move people between (the server enforces the same rule). */
const FLOOR_ROLES: readonly Role[] = ['cashier', 'station']

/** The roles the signed-in person may set: owners any, managers cashier and station. */
export function assignableRoles(role: Role): Role[] {
  return role === 'owner' ? ['owner', 'manager', 'cashier', 'station'] : role === 'manager' ? [...FLOOR_ROLES] : []
}

/** Owners hold every store; the other roles are given for one store (or all, by an owner). */
export function isStoreScoped(role: Role): boolean {
  return role !== 'owner'
}

/**
 * Whether the signed-in person may change `target`'s role: owners anyone; managers only
 * someone whose every membership is a cashier or station role in one of their stores.
 */
export function canChangeRole(scope: ViewerScope, target: UserSummary): boolean {
  if (scope.role === 'owner') return true
  if (scope.role !== 'manager') return false
  return (
    target.memberships.length > 0 &&
    target.memberships.every(
      (m) => FLOOR_ROLES.includes(m.role) && (scope.stores === '*' || (m.storeId !== null && scope.stores.includes(m.storeId)))
    )
  )
}

/** What the person is told when a role change is refused, by the server's code. */
export function roleChangeProblem(error: Error): string {
  const code = error instanceof ApiError ? error.code : null
  switch (code) {
    case 'E_USER_LAST_OWNER':
      return 'This is the last owner of the business: make someone else an owner first.'
    case 'E_AUTH_FORBIDDEN':
      return 'Your role does not allow this change.'
    case 'E_USER_NOT_FOUND':
      return 'This person is no longer part of the business; reload the list.'
    case 'E_TENANCY_STORE_NOT_FOUND':
      return 'That store is not one you manage.'
    case 'E_VALIDATION':
      return 'Choose a role and a store.'
    default:
      return error.message
  }
}

/** PATCH /users/:userId/membership: the person's memberships become this one. */
export function changeMembership(api: ApiClient, userId: string, body: ChangeMembershipRequest): Promise<UserSummary> {
  return api.patch<UserSummary>(`/users/${userId}/membership`, body)
}
