/*
 * The tenant's users over real HTTP, and the OpenAPI document against the route table.
 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import router from '@adonisjs/core/services/router'
import { api } from '#start/routes'
import { adminRows, expectWrites } from '#tests/helpers/db'
import { addMembership, addUser, createTenant, randomMobile } from '#tests/helpers/fixtures'
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
