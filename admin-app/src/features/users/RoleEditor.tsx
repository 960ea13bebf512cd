import { useState, type FormEvent } from 'react'
import type { ChangeMembershipRequest, Role, UserSummary } from '@pos/protocols'
import { ApiError, type ApiClient } from '../../shared/api/http.ts'
import { assignableRoles, changeMembership, isStoreScoped, roleChangeProblem, type ViewerScope } from './role-change.ts'

export interface StoreChoice {
  id: string
  name: string
}

/**
 * A role select (and a store select for store-scoped roles) for one person. The caller shows
 * it only when `canChangeRole` allows; the server checks again and its refusals are shown.
 */
export function RoleEditor({
  api,
  scope,
  user,
  stores,
  onChanged,
}: {
  api: ApiClient
  scope: ViewerScope
  user: UserSummary
  stores: StoreChoice[]
  onChanged: (user: UserSummary) => void
}) {
  const roles = assignableRoles(scope.role)
  const current = user.memberships[0]
  const [role, setRole] = useState<Role>(current && roles.includes(current.role) ? current.role : (roles[roles.length - 1] ?? 'station'))
  const everyStore = scope.stores === '*'
  const [storeId, setStoreId] = useState<string>(current?.storeId ?? (everyStore ? '' : (stores[0]?.id ?? '')))
  const [error, setError] = useState<Error | null>(null)
  const [busy, setBusy] = useState(false)
  const label = `Role of ${user.name}`

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const body = {
      role,
      storeId: isStoreScoped(role) && storeId ? storeId : null,
    } as ChangeMembershipRequest
    try {
      onChanged(await changeMembership(api, user.id, body))
    } catch (e) {
      setError(e as Error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="inline-form" onSubmit={submit} aria-label={label} data-testid="role-editor">
      <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {isStoreScoped(role) && (
        <select aria-label="Store" value={storeId} onChange={(e) => setStoreId(e.target.value)} required={!everyStore}>
          {everyStore ? <option value="">All stores</option> : <option value="">Choose…</option>}
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      )}
      <button type="submit" disabled={busy}>
        Change role
      </button>
      {error && (
        <p className="error" role="alert">
          {roleChangeProblem(error)}
          {error instanceof ApiError ? <code className="code">{error.code}</code> : null}
        </p>
      )}
    </form>
  )
}
