/*
 * The tenant's users over real HTTP, and the OpenAPI document against the route table.
 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import router from '@adonisjs/core/services/router'
import { api } from '#start/routes'
import { adminRows, expectWrites } from '#tests/helpers/db'
import { addMembership, addStore, addUser, createTenant, randomMobile } from '#tests/helpers/fixtures'
import { assertError, bearer, newUserBody, postUsers, signIn, tokenFor } from '#tests/helpers/http'

const WRITTEN_BY_USER_CREATION = ['users', 'memberships', 'audit_log'] as const

function createUser(client: ApiClient, accessToken: string, body: Record<string, unknown>) {
  return postUsers(client, accessToken).json(body)
}

function listUsers(client: ApiClient, accessToken: string) {
  return client.get('/api/v1/users').header('authorization', bearer(accessToken))
}

/** A user of tenant A with `role` asks to add a cashier to tenant B's store: 404 and nothing written. */
async function addUserToOtherTenantsStore(client: ApiClient, assert: Assert, role: 'manager' | 'owner') {
  const a = await createTenant()
  const b = await createTenant()
  const token = await tokenFor(client, a[role])
  await expectWrites(assert, WRITTEN_BY_USER_CREATION, async () => {
    assertError(await createUser(client, token, newUserBody(b.storeId)), 404, 'E_TENANCY_STORE_NOT_FOUND')
  })
}

test.group('users', () => {
  test('a manager lists the users of their own tenant only', async ({ client, assert }) => {
    const a = await createTenant()
    const b = await createTenant()
    const shared = await addUser(b.tenantId, 'manager', b.storeId)
    await addMembership(a.tenantId, shared.id, 'cashier', a.storeId)
    const response = await listUsers(client, await tokenFor(client, a.manager))
    response.assertStatus(200)
    const users = response.body().users as Array<{ id: string; memberships: unknown[] }>
    const expected = await adminRows<{ id: string }>('select distinct user_id as id from memberships where tenant_id = $1', [a.tenantId])
    assert.sameMembers(
      users.map((user) => user.id),
      expected.map((row) => row.id)
    )
    assert.sameMembers(
      users.map((user) => user.id),
      [a.owner.id, a.manager.id, a.cashier.id, shared.id]
    )
    assert.deepEqual(users.find((user) => user.id === shared.id)!.memberships, [{ role: 'cashier', storeId: a.storeId }])
  })

  test('a manager adds a cashier, who can then sign in', async ({ client, assert }) => {
    const t = await createTenant()
    const body = { ...newUserBody(t.storeId), phone: `+91${randomMobile()}` }
    const response = await createUser(client, await tokenFor(client, t.manager), { ...body, email: body.email.toUpperCase() })
    response.assertStatus(201)
    const created = response.body()
    assert.deepEqual(created, {
      id: created.id,
      name: body.name,
      email: body.email,
      phone: body.phone,
      memberships: [{ role: 'cashier', storeId: t.storeId }],
    })
    assert.deepEqual(await adminRows('select tenant_id, store_id, role from memberships where user_id = $1', [created.id]), [
      { tenant_id: t.tenantId, store_id: t.storeId, role: 'cashier' },
    ])
    const [audit] = await adminRows(`select actor_user_id from audit_log where tenant_id = $1 and action = 'user.created' and subject_id = $2`, [
      t.tenantId,
      created.id,
    ])
    assert.equal(audit?.actor_user_id, t.manager.id)
    const session = await signIn(client, { login: body.email })
    assert.deepEqual(session.scope, { tenantId: t.tenantId, role: 'cashier', stores: [t.storeId] } as never)
  })

  test('a manager cannot add a manager or an owner (403 E_AUTH_FORBIDDEN)', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.manager)
    await expectWrites(assert, WRITTEN_BY_USER_CREATION, async () => {
      for (const role of ['manager', 'owner']) {
        assertError(await createUser(client, token, newUserBody(t.storeId, role)), 403, 'E_AUTH_FORBIDDEN')
      }
    })
  })

  test('a duplicate email is refused with 409 E_USER_EXISTS and nothing is written', async ({ client, assert }) => {
    const a = await createTenant()
    const b = await createTenant()
    const token = await tokenFor(client, a.manager)
    await expectWrites(assert, WRITTEN_BY_USER_CREATION, async () => {
      for (const email of [a.cashier.email, a.cashier.email.toUpperCase(), b.cashier.email]) {
        assertError(await createUser(client, token, { ...newUserBody(a.storeId), email }), 409, 'E_USER_EXISTS')
      }
    })
  })

  test('a cashier cannot list users (403 E_AUTH_FORBIDDEN)', async ({ client }) => {
    const t = await createTenant()
    assertError(await listUsers(client, await tokenFor(client, t.cashier)), 403, 'E_AUTH_FORBIDDEN')
  })

  test("a store manager cannot add a user to another tenant's store (404 E_TENANCY_STORE_NOT_FOUND)", async ({ client, assert }) => {
    await addUserToOtherTenantsStore(client, assert, 'manager')
  })

  // An owner's scope ('*') names no stores: the store is looked up in the owner's tenant first.
  test("an owner adding a user to another tenant's store gets 404 E_TENANCY_STORE_NOT_FOUND", async ({ client, assert }) => {
    await addUserToOtherTenantsStore(client, assert, 'owner')
  })
})

function changeMembership(client: ApiClient, accessToken: string, userId: string, body: unknown) {
  return client
    .patch(`/api/v1/users/${userId}/membership`)
    .header('authorization', bearer(accessToken))
    .json(body as Record<string, unknown>)
}

/** The tenant's memberships and role-change audit rows, to show a refused change wrote nothing. */
async function membershipState(tenantId: string) {
  return {
    memberships: await adminRows('select user_id, store_id, role from memberships where tenant_id = $1 order by user_id, role', [tenantId]),
    audits: await adminRows(`select id from audit_log where tenant_id = $1 and action = 'user.role_changed'`, [tenantId]),
  }
}

/** Runs `requests` and asserts the tenant's memberships and role-change audit rows are as before. */
async function expectNoChange(assert: Assert, tenantId: string, requests: () => Promise<void>) {
  const before = await membershipState(tenantId)
  assert.isAbove(before.memberships.length, 0)
  await requests()
  assert.deepEqual(await membershipState(tenantId), before, 'memberships or audit changed')
}

function membershipsOf(userId: string) {
  return adminRows('select tenant_id, store_id, role from memberships where user_id = $1 order by tenant_id', [userId])
}

test.group('users: changing a role', () => {
  test('an owner makes a cashier the manager of a store; audited and visible at the next sign-in', async ({ client, assert }) => {
    const t = await createTenant()
    const second = await addStore(t.tenantId, 'S2')
    const response = await changeMembership(client, await tokenFor(client, t.owner), t.cashier.id, { role: 'manager', storeId: second.storeId })
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      id: t.cashier.id,
      name: t.cashier.name,
      email: t.cashier.email,
      phone: t.cashier.phone,
      memberships: [{ role: 'manager', storeId: second.storeId }],
    })
    assert.deepEqual(await membershipsOf(t.cashier.id), [{ tenant_id: t.tenantId, store_id: second.storeId, role: 'manager' }])
    const audits = await adminRows(
      `select actor_user_id, subject_type, data from audit_log where tenant_id = $1 and action = 'user.role_changed' and subject_id = $2`,
      [t.tenantId, t.cashier.id]
    )
    assert.lengthOf(audits, 1)
    assert.equal(audits[0]!.actor_user_id, t.owner.id)
    assert.equal(audits[0]!.subject_type, 'user')
    assert.deepInclude(audits[0]!.data, { from: [{ role: 'cashier', storeId: t.storeId }], role: 'manager', storeId: second.storeId })
    const session = await signIn(client, { login: t.cashier.email })
    assert.deepEqual(session.scope, { tenantId: t.tenantId, role: 'manager', stores: [second.storeId] } as never)
  })

  test("the changed person's refresh token stops working; other people's keep working", async ({ client, assert }) => {
    const t = await createTenant()
    const cashierSession = await signIn(client, { login: t.cashier.email })
    const managerSession = await signIn(client, { login: t.manager.email })
    const response = await changeMembership(client, managerSession.accessToken, t.cashier.id, { role: 'station', storeId: t.storeId })
    response.assertStatus(200)
    const refresh = (refreshToken: string) => client.post('/api/v1/auth/refresh').json({ refreshToken })
    assertError(await refresh(cashierSession.refreshToken), 401, 'E_AUTH_REFRESH_INVALID')
    ;(await refresh(managerSession.refreshToken)).assertStatus(200)
    const [family] = await adminRows('select revoked_reason from refresh_token_families where tenant_id = $1 and user_id = $2', [t.tenantId, t.cashier.id])
    assert.equal(family?.revoked_reason, 'role_changed')
    const [audit] = await adminRows(`select data from audit_log where tenant_id = $1 and action = 'user.role_changed' and subject_id = $2`, [
      t.tenantId,
      t.cashier.id,
    ])
    assert.equal(audit?.data.revokedSessions, 1)
  })

  test('a manager moves a cashier of their store to station', async ({ client, assert }) => {
    const t = await createTenant()
    const response = await changeMembership(client, await tokenFor(client, t.manager), t.cashier.id, { role: 'station', storeId: t.storeId })
    response.assertStatus(200)
    assert.deepEqual(await membershipsOf(t.cashier.id), [{ tenant_id: t.tenantId, store_id: t.storeId, role: 'station' }])
  })

  test('a manager cannot promote to manager or owner, nor touch a manager or an owner (403 E_AUTH_FORBIDDEN)', async ({ client, assert }) => {
    const t = await createTenant()
    const other = await addUser(t.tenantId, 'manager', t.storeId)
    const token = await tokenFor(client, t.manager)
    await expectNoChange(assert, t.tenantId, async () => {
      assertError(await changeMembership(client, token, t.cashier.id, { role: 'manager', storeId: t.storeId }), 403, 'E_AUTH_FORBIDDEN')
      assertError(await changeMembership(client, token, t.cashier.id, { role: 'owner', storeId: null }), 403, 'E_AUTH_FORBIDDEN')
      assertError(await changeMembership(client, token, other.id, { role: 'cashier', storeId: t.storeId }), 403, 'E_AUTH_FORBIDDEN')
      assertError(await changeMembership(client, token, t.owner.id, { role: 'cashier', storeId: t.storeId }), 403, 'E_AUTH_FORBIDDEN')
      assertError(await changeMembership(client, token, t.cashier.id, { role: 'station', storeId: null }), 403, 'E_AUTH_FORBIDDEN')
    })
  })

  test("a manager cannot touch another store's cashier, nor move their own into another store", async ({ client, assert }) => {
    const t = await createTenant()
    const second = await addStore(t.tenantId, 'S2')
    const elsewhere = await addUser(t.tenantId, 'cashier', second.storeId)
    const token = await tokenFor(client, t.manager)
    await expectNoChange(assert, t.tenantId, async () => {
      assertError(await changeMembership(client, token, elsewhere.id, { role: 'station', storeId: second.storeId }), 403, 'E_AUTH_FORBIDDEN')
      assertError(await changeMembership(client, token, elsewhere.id, { role: 'station', storeId: t.storeId }), 403, 'E_AUTH_FORBIDDEN')
      assertError(
        await changeMembership(client, token, t.cashier.id, { role: 'cashier', storeId: second.storeId }),
        404,
        'E_TENANCY_STORE_NOT_FOUND'
      )
    })
  })

  test('the last owner cannot be demoted (409 E_USER_LAST_OWNER); with a second owner it can', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.owner)
    await expectNoChange(assert, t.tenantId, async () => {
      assertError(await changeMembership(client, token, t.owner.id, { role: 'manager', storeId: null }), 409, 'E_USER_LAST_OWNER')
    })
    const promoted = await changeMembership(client, token, t.manager.id, { role: 'owner', storeId: null })
    promoted.assertStatus(200)
    const demoted = await changeMembership(client, token, t.owner.id, { role: 'manager', storeId: t.storeId })
    demoted.assertStatus(200)
    assert.deepEqual(await membershipsOf(t.owner.id), [{ tenant_id: t.tenantId, store_id: t.storeId, role: 'manager' }])
    const newOwner = await tokenFor(client, t.manager)
    assertError(await changeMembership(client, newOwner, t.manager.id, { role: 'cashier', storeId: t.storeId }), 409, 'E_USER_LAST_OWNER')
  })

  test("another tenant's user id, or an unknown one, is 404 E_USER_NOT_FOUND and nothing changes", async ({ client, assert }) => {
    const a = await createTenant()
    const b = await createTenant()
    const token = await tokenFor(client, a.owner)
    await expectNoChange(assert, b.tenantId, async () => {
      for (const userId of [b.cashier.id, b.owner.id, '3b241101-e2bb-4255-8caf-4136c566a962']) {
        assertError(await changeMembership(client, token, userId, { role: 'station', storeId: a.storeId }), 404, 'E_USER_NOT_FOUND')
      }
    })
    assert.deepEqual(await membershipsOf(b.cashier.id), [{ tenant_id: b.tenantId, store_id: b.storeId, role: 'cashier' }])
  })

  test("a login another business created is not re-roled here (403 E_AUTH_FORBIDDEN): RLS lets only the creating tenant write its memberships", async ({ client, assert }) => {
    const a = await createTenant()
    const b = await createTenant()
    const shared = await addUser(b.tenantId, 'cashier', b.storeId)
    await addMembership(a.tenantId, shared.id, 'cashier', a.storeId)
    await expectNoChange(assert, a.tenantId, async () => {
      assertError(
        await changeMembership(client, await tokenFor(client, a.owner), shared.id, { role: 'station', storeId: a.storeId }),
        403,
        'E_AUTH_FORBIDDEN'
      )
    })
  })

  test('a bad body is refused with E_VALIDATION and nothing changes', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.owner)
    await expectNoChange(assert, t.tenantId, async () => {
      for (const body of [
        {},
        { role: 'admin', storeId: t.storeId },
        { role: 'manager' },
        { role: 'manager', storeId: 'main' },
        { role: 'owner', storeId: t.storeId },
        { role: 'manager', storeId: t.storeId, userId: t.owner.id },
      ]) {
        assertError(await changeMembership(client, token, t.cashier.id, body), 422, 'E_VALIDATION')
      }
    })
  })

  test('a cashier cannot change roles (403 E_AUTH_FORBIDDEN)', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.cashier)
    await expectNoChange(assert, t.tenantId, async () => {
      assertError(await changeMembership(client, token, t.cashier.id, { role: 'manager', storeId: t.storeId }), 403, 'E_AUTH_FORBIDDEN')
    })
  })
})

test.group('openapi', () => {
  test('the OpenAPI document lists every route of the route table, each with responses', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    const paths = response.body().paths as Record<string, Record<string, { responses?: Record<string, unknown> }>>
    const toOpenApi = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}')
    const declared = api.routes()
    assert.isAbove(declared.length, 0)
    for (const { method, path } of declared) {
      const operation = paths[toOpenApi(path)]?.[method]
      assert.exists(operation, `${method} ${path} is missing`)
      assert.isAbove(Object.keys(operation!.responses ?? {}).length, 0, `${method} ${path} has no responses`)
    }
    const documented = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
    assert.sameMembers(
      documented,
      declared.map(({ method, path }) => `${method} ${toOpenApi(path)}`)
    )
  })

  test('every /api/v1 route the router serves is declared in the route table (so documented)', ({ assert }) => {
    const served = Object.values(router.toJSON())
      .flat()
      .filter((route) => route.pattern.startsWith('/api/v1/') && route.pattern !== '/api/v1/openapi.json')
      .flatMap((route) => route.methods.filter((method) => method !== 'HEAD').map((method) => `${method.toLowerCase()} ${route.pattern}`))
    assert.isAbove(served.length, 0)
    assert.sameMembers(
      served,
      api.routes().map(({ method, path }) => `${method} ${path}`)
    )
  })
})
