import { useState, type FormEvent } from 'react'
import type { CreateUserRequest, Role, UserSummary } from '@pos/protocols'
import { useApi, useSignedIn } from '../auth/session-context.tsx'
import { useStores } from '../stores/stores-context.tsx'
import { storesApi } from '../stores/stores.api.ts'
import { useLoad } from '../../shared/ui/hooks.ts'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { RoleEditor } from './RoleEditor.tsx'
import { canChangeRole } from './role-change.ts'

/** Roles a signed-in role may give: owners any, managers cashiers and stations (the server enforces it too). */
export function grantableRoles(role: Role): Role[] {
  return role === 'owner' ? ['owner', 'manager', 'cashier', 'station'] : role === 'manager' ? ['cashier', 'station'] : []
}

/** The tenant's people and their roles; adding a person with a role. */
export function UsersPage() {
  const api = useApi()
  const users = useLoad(() => storesApi.users(api), [api])
  if (users.status === 'loading') return <Loading what="users" />
  if (users.status === 'failed') return <ErrorNote error={users.error} />
  return (
    <section className="page">
      <header className="page-head">
        <h1>Users</h1>
      </header>
      <UserTable users={users.data} onChanged={users.reload} />
      <AddUser onAdded={users.reload} />
    </section>
  )
}

function UserTable({ users, onChanged }: { users: UserSummary[]; onChanged: () => void }) {
  const api = useApi()
  const session = useSignedIn()
  const stores = useStores()
  const scope = session.scope
  const storeChoices = (stores.status === 'ready' ? stores.data : [])
    .filter((s) => scope.stores === '*' || scope.stores.includes(s.id))
    .map((s) => ({ id: s.id, name: s.tradeName ?? s.legalName }))
  const editable = users.filter((user) => canChangeRole(scope, user))
  const storeName = (id: string | null) => {
    if (id === null) return 'all stores'
    const store = stores.status === 'ready' ? stores.data.find((s) => s.id === id) : undefined
    return store ? (store.tradeName ?? store.legalName) : id.slice(0, 8)
  }
  return (
    <section className="card">
      <table className="table" data-testid="users">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Phone</th>
            <th>Roles</th>
            {editable.length > 0 && <th>Change role</th>}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-user-id={user.id}>
              <td>{user.name}</td>
              <td>{user.email ?? <span className="muted">—</span>}</td>
              <td>{user.phone ?? <span className="muted">—</span>}</td>
              <td>
                {user.memberships.map((m, i) => (
                  <span key={i} className={`chip role-${m.role}`}>
                    {m.role} · {storeName(m.storeId)}
                  </span>
                ))}
              </td>
              {editable.length > 0 && (
                <td>
                  {editable.includes(user) && (
                    <RoleEditor api={api} scope={scope} user={user} stores={storeChoices} onChanged={onChanged} />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        A changed role applies when the person next signs in: their sessions are signed out, and a page already open keeps the old role for up to 15
        minutes.
      </p>
    </section>
  )
}

function AddUser({ onAdded }: { onAdded: () => void }) {
  const api = useApi()
  const session = useSignedIn()
  const stores = useStores()
  const roles = grantableRoles(session.scope.role)
  const [form, setForm] = useState({ name: '', email: '', phone: '', password: '', role: roles[roles.length - 2] ?? roles[0] ?? 'cashier', storeId: '' })
  const [error, setError] = useState<Error | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value })
  const storeChoices = stores.status === 'ready' ? stores.data : []

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setAdded(null)
    const body: CreateUserRequest = {
      name: form.name,
      password: form.password,
      role: form.role as Role,
      storeId: (form.storeId || null) as CreateUserRequest['storeId'],
      ...(form.email ? { email: form.email } : {}),
      ...(form.phone ? { phone: form.phone } : {}),
    }
    try {
      const user = await api.post<UserSummary>('/users', body)
      setAdded(user.name)
      setForm({ ...form, name: '', email: '', phone: '', password: '' })
      onAdded()
    } catch (e) {
      setError(e as Error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card">
      <h2>Add a person</h2>
      <form className="grid-form" onSubmit={submit} data-testid="add-user">
        <label>
          Name
          <input value={form.name} onChange={(e) => set('name')(e.target.value)} required maxLength={120} />
        </label>
        <label>
          Email
          <input type="email" value={form.email} onChange={(e) => set('email')(e.target.value)} />
        </label>
        <label>
          Phone
          <input value={form.phone} onChange={(e) => set('phone')(e.target.value)} pattern="\+?[0-9]{10,15}" placeholder="9876543210" />
        </label>
        <label>
          Password
          <input type="password" value={form.password} onChange={(e) => set('password')(e.target.value)} required minLength={8} autoComplete="new-password" />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => set('role')(e.target.value)}>
            {roles.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Store
          <select value={form.storeId} onChange={(e) => set('storeId')(e.target.value)} required={session.scope.stores !== '*'}>
            {session.scope.stores === '*' && <option value="">All stores</option>}
            {session.scope.stores !== '*' && <option value="">Choose…</option>}
            {storeChoices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.tradeName ?? s.legalName}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            Add
          </button>
          {added && <span className="ok">Added {added}.</span>}
        </div>
      </form>
      {error && <ErrorNote error={error} />}
      <p className="muted small">A person needs an email or a phone number. Managers add cashiers and stations; owners add anyone.</p>
    </section>
  )
}
