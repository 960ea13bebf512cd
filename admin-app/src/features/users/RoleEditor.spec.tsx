import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { UserSummary } from '@pos/protocols'
import { ApiError, type ApiClient } from '../../shared/api/http.ts'
import { RoleEditor } from './RoleEditor.tsx'
import { assignableRoles, canChangeRole, roleChangeProblem } from './role-change.ts'

afterEach(cleanup)

const STORE_A = '3b241101-e2bb-4255-8caf-4136c566a962'
const STORE_B = '9c5b94b1-35ad-49bb-b118-8e8fc24abf80'
const stores = [
  { id: STORE_A, name: 'MG Road' },
  { id: STORE_B, name: 'Indiranagar' },
]

function person(role: UserSummary['memberships'][number]['role'], storeId: string | null): UserSummary {
  return { id: '0190a5d2-4b6c-7a1e-8f3b-2c4d5e6f7a8b', name: 'Asha Rao', email: 'asha@kirana.example', phone: null, memberships: [{ role, storeId }] } as UserSummary
}

/** An API client whose PATCH answers with `answer`; every other call fails the test. */
function apiAnswering(answer: () => Promise<unknown>) {
  const patch = vi.fn((_path: string, _body?: unknown) => answer())
  const unexpected = () => Promise.reject(new Error('unexpected call'))
  const api = { get: unexpected, post: unexpected, put: unexpected, delete: unexpected, upload: unexpected, patch } as unknown as ApiClient
  return { api, patch }
}

describe('who may change whose role', () => {
  it('lets an owner change anyone, a manager only cashiers and stations of their stores, a cashier no one', () => {
    const owner = { role: 'owner' as const, stores: '*' as const }
    const manager = { role: 'manager' as const, stores: [STORE_A] }
    expect(canChangeRole(owner, person('owner', null))).toBe(true)
    expect(canChangeRole(manager, person('cashier', STORE_A))).toBe(true)
    expect(canChangeRole(manager, person('station', STORE_A))).toBe(true)
    expect(canChangeRole(manager, person('cashier', STORE_B))).toBe(false)
    expect(canChangeRole(manager, person('cashier', null))).toBe(false)
    expect(canChangeRole(manager, person('manager', STORE_A))).toBe(false)
    expect(canChangeRole({ role: 'cashier', stores: [STORE_A] }, person('station', STORE_A))).toBe(false)
    expect(assignableRoles('manager')).toEqual(['cashier', 'station'])
    expect(assignableRoles('owner')).toEqual(['owner', 'manager', 'cashier', 'station'])
  })

  it('explains typed refusals and falls back to the message otherwise', () => {
    expect(roleChangeProblem(new ApiError(409, 'E_USER_LAST_OWNER', 'x'))).toMatch(/last owner/)
    expect(roleChangeProblem(new ApiError(403, 'E_AUTH_FORBIDDEN', 'x'))).toMatch(/does not allow/)
    expect(roleChangeProblem(new Error('network down'))).toBe('network down')
  })
})

describe('RoleEditor', () => {
  it('sends the chosen role and store, and hands back the changed person', async () => {
    const changed = person('manager', STORE_B)
    const { api, patch } = apiAnswering(() => Promise.resolve(changed))
    const onChanged = vi.fn()
    render(<RoleEditor api={api} scope={{ role: 'owner', stores: '*' }} user={person('cashier', STORE_A)} stores={stores} onChanged={onChanged} />)
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'manager' } })
    fireEvent.change(screen.getByLabelText('Store'), { target: { value: STORE_B } })
    fireEvent.click(screen.getByRole('button', { name: 'Change role' }))
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(changed))
    expect(patch).toHaveBeenCalledWith(`/users/${changed.id}/membership`, { role: 'manager', storeId: STORE_B })
  })

  it('hides the store select for the owner role and sends storeId null', async () => {
    const { api, patch } = apiAnswering(() => Promise.resolve(person('owner', null)))
    render(<RoleEditor api={api} scope={{ role: 'owner', stores: '*' }} user={person('manager', STORE_A)} stores={stores} onChanged={() => {}} />)
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'owner' } })
    expect(screen.queryByLabelText('Store')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Change role' }))
    await waitFor(() => expect(patch).toHaveBeenCalledTimes(1))
    expect(patch.mock.calls[0]![1]).toEqual({ role: 'owner', storeId: null })
  })

  it('offers a manager only cashier and station', () => {
    const { api } = apiAnswering(() => Promise.resolve(null))
    render(<RoleEditor api={api} scope={{ role: 'manager', stores: [STORE_A] }} user={person('cashier', STORE_A)} stores={stores.slice(0, 1)} onChanged={() => {}} />)
    const options = Array.from((screen.getByLabelText('Role') as HTMLSelectElement).options).map((o) => o.value)
    expect(options).toEqual(['cashier', 'station'])
  })

  it('shows a typed refusal with its code and does not report a change', async () => {
    const { api } = apiAnswering(() => Promise.reject(new ApiError(409, 'E_USER_LAST_OWNER', 'last owner')))
    const onChanged = vi.fn()
    render(<RoleEditor api={api} scope={{ role: 'owner', stores: '*' }} user={person('owner', null)} stores={stores} onChanged={onChanged} />)
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'manager' } })
    fireEvent.click(screen.getByRole('button', { name: 'Change role' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('make someone else an owner first')
    expect(alert.textContent).toContain('E_USER_LAST_OWNER')
    expect(onChanged).not.toHaveBeenCalled()
  })
})
