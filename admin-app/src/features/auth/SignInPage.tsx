import { useState, type FormEvent } from 'react'
import { useSession } from './session-context.tsx'
import { E_ADMIN_ROLE } from './session.machine.ts'

/** Sign-in for managers and owners; a cashier's login is refused with a clear message. */
export function SignInPage() {
  const { state, error, tenantChoices, send } = useSession()
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [tenantId, setTenantId] = useState('')
  const busy = state === 'signingIn' || state === 'resuming' || state === 'starting'

  const submit = (event: FormEvent) => {
    event.preventDefault()
    send({ type: 'signIn', login, password, ...(tenantId ? { tenantId } : {}) })
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">POS Admin</h1>
        <p className="muted">Live store dashboards and audit, for managers and owners.</p>
        <label>
          Email or phone
          <input name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required minLength={3} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {tenantChoices && (
          <label>
            Business
            <select name="tenant" value={tenantId} onChange={(e) => setTenantId(e.target.value)} required>
              <option value="">Choose…</option>
              {tenantChoices.map((t) => (
                <option key={t.tenantId} value={t.tenantId}>
                  {t.name} ({t.role})
                </option>
              ))}
            </select>
          </label>
        )}
        {error && error.code !== 'E_AUTH_TENANT_REQUIRED' && (
          <p className={error.code === E_ADMIN_ROLE ? 'error refusal' : 'error'} role="alert" data-testid="sign-in-error" data-code={error.code}>
            {error.message}
          </p>
        )}
        {tenantChoices && <p className="muted">This login belongs to several businesses: choose one.</p>}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  )
}
