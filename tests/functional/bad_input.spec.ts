/*
 * Hostile and broken requests: each is refused with its stable code (or, for
 * SQL-looking text, stored as plain text), and the superuser's row counts show
 * that nothing else was written.
 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import { adminRows, expectWrites as expectWritesTo } from '#tests/helpers/db'
import { PASSWORD, createTenant, type TenantFixture } from '#tests/helpers/fixtures'
import { assertError, bearer, freshIp, newUserBody, postLogin, postUsers, tokenFor } from '#tests/helpers/http'

const WATCHED = ['users', 'memberships', 'audit_log', 'devices'] as const

const expectWrites = (assert: Assert, requests: () => Promise<void>, added: Partial<Record<(typeof WATCHED)[number], number>> = {}) =>
  expectWritesTo(assert, WATCHED, requests, added)

/** A manager's token; signing in writes an audit row, so take it before counting. */
async function managerOf(client: ApiClient): Promise<{ t: TenantFixture; token: string }> {
  const t = await createTenant()
  return { t, token: await tokenFor(client, t.manager) }
}

test.group('bad input', () => {
  test('malformed JSON is answered 400 E_BAD_JSON', async ({ client, assert }) => {
    const { t, token } = await managerOf(client)
    await expectWrites(assert, async () => {
      const body = JSON.stringify(newUserBody(t.storeId)).slice(0, -5)
      assertError(await postUsers(client, token).unsafeJson(body), 400, 'E_BAD_JSON')
      assertError(await client.post('/api/v1/auth/login').header('x-forwarded-for', freshIp()).unsafeJson('{"login": '), 400, 'E_BAD_JSON')
    })
  })

  test('wrong types are answered 422 E_VALIDATION with an issue per field', async ({ client, assert }) => {
    const { token } = await managerOf(client)
    await expectWrites(assert, async () => {
      const response = await postUsers(client, token).json({ name: 42, email: true, password: ['x'], role: 'cashier', storeId: 7 })
      assertError(response, 422, 'E_VALIDATION')
      const paths = (response.body().error.details.issues as Array<{ path: string; message: string }>).map((issue) => issue.path)
      assert.includeMembers(paths, ['name', 'email', 'password', 'storeId'])
      assertError(await postLogin(client, { login: 12345 as never, password: null as never }), 422, 'E_VALIDATION')
    })
  })

  test('unknown fields are answered 422 E_VALIDATION naming the field', async ({ client, assert }) => {
    const { t, token } = await managerOf(client)
    const user = { ...newUserBody(t.storeId), isAdmin: true }
    await expectWrites(assert, async () => {
      const response = await postUsers(client, token).json(user)
      assertError(response, 422, 'E_VALIDATION')
      assert.include(JSON.stringify(response.body().error.details), 'isAdmin')
      const login = await postLogin(client, { login: t.manager.email, rememberMe: true } as never)
      assertError(login, 422, 'E_VALIDATION')
      assert.include(JSON.stringify(login.body().error.details), 'rememberMe')
    })
    assert.deepEqual(await adminRows('select id from users where email = $1', [user.email]), [])
  })

  test('a body over 256 kb is answered 413 E_PAYLOAD_TOO_LARGE', async ({ client, assert }) => {
    const { t, token } = await managerOf(client)
    await expectWrites(assert, async () => {
      const response = await postUsers(client, token).json({ ...newUserBody(t.storeId), name: 'x'.repeat(300 * 1024) })
      assertError(response, 413, 'E_PAYLOAD_TOO_LARGE')
    })
  })

  test('a body that is not application/json is answered 415 E_UNSUPPORTED_MEDIA_TYPE', async ({ client, assert }) => {
    const { t, token } = await managerOf(client)
    const user = newUserBody(t.storeId)
    await expectWrites(assert, async () => {
      assertError(await postUsers(client, token).form(user), 415, 'E_UNSUPPORTED_MEDIA_TYPE')
      assertError(await postUsers(client, token).unsafeJson(JSON.stringify(user)).type('text/plain'), 415, 'E_UNSUPPORTED_MEDIA_TYPE')
      const login = client.post('/api/v1/auth/login').header('x-forwarded-for', freshIp())
      assertError(await login.form({ login: t.manager.email, password: PASSWORD }), 415, 'E_UNSUPPORTED_MEDIA_TYPE')
    })
  })

  test('SQL-looking sign-in fields are refused as wrong credentials', async ({ client, assert }) => {
    const t = await createTenant()
    await expectWrites(assert, async () => {
      for (const [login, password] of [
        ["' OR 1=1 --", PASSWORD],
        [`${t.manager.email}' --`, 'x'],
        [t.manager.email, "' OR '1'='1"],
      ] as const) {
        assertError(await postLogin(client, { login, password }), 401, 'E_AUTH_INVALID_CREDENTIALS')
      }
    })
  })

  test('a SQL-looking user name is stored as plain text', async ({ client, assert }) => {
    const { t, token } = await managerOf(client)
    const name = "x'); drop table users; --"
    const user = { ...newUserBody(t.storeId), name }
    await expectWrites(
      assert,
      async () => {
        const response = await postUsers(client, token).json(user)
        response.assertStatus(201)
        assert.equal(response.body().name, name)
      },
      { users: 1, memberships: 1, audit_log: 1 }
    )
    assert.deepEqual(await adminRows('select name from users where email = $1', [user.email]), [{ name }])
  })

  // Path ids are UUIDs: anything else names nothing and is 404, never a database error.
  test('SQL-looking path parameters are answered 404, not a server error', async ({ client, assert }) => {
    const { t, token } = await managerOf(client)
    const ownerToken = await tokenFor(client, t.owner)
    const id = encodeURIComponent("' OR 1=1 --")
    await expectWrites(assert, async () => {
      const answers = [
        await client.post(`/api/v1/devices/${id}/revoke`).header('authorization', bearer(token)),
        await client.get(`/api/v1/stores/${id}/terminals`).header('authorization', bearer(ownerToken)),
        await client.get(`/api/v1/actors/store/${id}/history`).header('authorization', bearer(token)),
      ]
      assert.deepEqual(
        answers.map((answer) => `${answer.status()} ${answer.body().error?.code}`),
        ['404 E_NOT_FOUND', '404 E_NOT_FOUND', '404 E_NOT_FOUND']
      )
    })
  })

  test('an unknown route is answered 404 E_ROUTE_NOT_FOUND', async ({ client, assert }) => {
    const { token } = await managerOf(client)
    await expectWrites(assert, async () => {
      assertError(await client.get('/api/v1/nope'), 404, 'E_ROUTE_NOT_FOUND')
      assertError(await client.post('/api/v1/users/import').header('authorization', bearer(token)).json({ users: [] }), 404, 'E_ROUTE_NOT_FOUND')
      assertError(await client.delete('/api/v1/users').header('authorization', bearer(token)), 404, 'E_ROUTE_NOT_FOUND')
    })
  })
})
