/*
 * Sign-in, access tokens, refresh-token rotation and sign-in rate limits, over
 * real HTTP against the real database and Redis.
 */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import type { ApiClient } from '@japa/api-client'
import { tenantChoiceSchema, type SessionResponse } from '@pos/protocols'
import { sha256Hex } from '#core/secrets'
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '#modules/identity/index'
import { adminCount, adminRows } from '#tests/helpers/db'
import { PASSWORD, addMembership, createTenant, uniqueEmail } from '#tests/helpers/fixtures'
import { assertError, bearer, freshIp, postLogin, signIn } from '#tests/helpers/http'

function refresh(client: ApiClient, refreshToken: string) {
  return client.post('/api/v1/auth/refresh').json({ refreshToken })
}

function me(client: ApiClient, accessToken: string) {
  return client.get('/api/v1/me').header('authorization', bearer(accessToken))
}

async function familyOf(refreshToken: string) {
  const [row] = await adminRows(
    `select f.id, f.revoked_at, f.revoked_reason from refresh_tokens t join refresh_token_families f on f.id = t.family_id
      where t.token_hash = $1`,
    [sha256Hex(refreshToken)]
  )
  return row!
}

/** Tenants A and B; A's cashier is also a manager in B's store. */
async function userOfTwoTenants() {
  const a = await createTenant()
  const b = await createTenant()
  await addMembership(b.tenantId, a.cashier.id, 'manager', b.storeId)
  return { a, b }
}

/** Signs in without a tenantId: 409 E_AUTH_TENANT_REQUIRED, whose details offer the tenants to choose from. */
async function tenantChoices(client: ApiClient, login: string): Promise<unknown[]> {
  const response = await postLogin(client, { login })
  assertError(response, 409, 'E_AUTH_TENANT_REQUIRED')
  return response.body().error.details.tenants
}

test.group('auth: sign-in', () => {
  test('signs in by email and by a 10-digit mobile number normalised to +91', async ({ client, assert }) => {
    const t = await createTenant()
    const byEmail = await signIn(client, { login: t.cashier.email.toUpperCase() })
    assert.equal(byEmail.user.id, t.cashier.id)
    assert.deepEqual(byEmail.scope, { tenantId: t.tenantId, role: 'cashier', stores: [t.storeId] } as never)
    assert.equal(byEmail.expiresIn, ACCESS_TOKEN_TTL_SECONDS)
    const tenDigits = t.cashier.phone.slice(3)
    for (const login of [tenDigits, `${tenDigits.slice(0, 5)} ${tenDigits.slice(5)}`]) {
      const byPhone = await signIn(client, { login })
      assert.equal(byPhone.user.id, t.cashier.id, login)
      assert.equal(byPhone.user.phone, `+91${tenDigits}`)
    }
    assert.equal(await adminCount('audit_log', `tenant_id = $1 and action = 'auth.login' and actor_user_id = $2`, [t.tenantId, t.cashier.id]), 3)
  })

  test('a wrong password and an unknown login get the same 401 E_AUTH_INVALID_CREDENTIALS', async ({ client, assert }) => {
    const t = await createTenant()
    const wrongPassword = await postLogin(client, { login: t.cashier.email, password: `${PASSWORD}!` })
    assertError(wrongPassword, 401, 'E_AUTH_INVALID_CREDENTIALS')
    const unknown = await postLogin(client, { login: uniqueEmail('nobody') })
    assertError(unknown, 401, 'E_AUTH_INVALID_CREDENTIALS')
    assert.deepEqual(unknown.body(), wrongPassword.body(), 'the answers do not tell which part was wrong')
    assert.notProperty(wrongPassword.body(), 'accessToken')
    assert.equal(await adminCount('refresh_token_families', 'user_id = $1', [t.cashier.id]), 0)
  })

  test('a user of two tenants must choose one (409 E_AUTH_TENANT_REQUIRED lists both)', async ({ client, assert }) => {
    const { a, b } = await userOfTwoTenants()
    const choices = (await tenantChoices(client, a.cashier.email)) as Array<{ tenantId: string; name: string }>
    const byId = (x: { tenantId: string }, y: { tenantId: string }) => x.tenantId.localeCompare(y.tenantId)
    assert.deepEqual(
      choices.map(({ tenantId, name }) => ({ tenantId, name })).sort(byId),
      [
        { tenantId: a.tenantId, name: a.name },
        { tenantId: b.tenantId, name: b.name },
      ].sort(byId)
    )
    assert.equal(await adminCount('refresh_token_families', 'user_id = $1', [a.cashier.id]), 0, 'no session was opened')
  })

  // The choices parse with the shared protocol schema, role included.
  test('the tenant choices match the protocol (tenantChoiceSchema, with the role)', async ({ client, assert }) => {
    const { a } = await userOfTwoTenants()
    const choices = await tenantChoices(client, a.cashier.email)
    assert.lengthOf(choices, 2)
    for (const choice of choices) {
      const parsed = tenantChoiceSchema.safeParse(choice)
      assert.isTrue(parsed.success, `${JSON.stringify(choice)}: ${parsed.error?.message}`)
    }
  })

  test('with tenantId, a user of two tenants gets a token scoped to that tenant only', async ({ client, assert }) => {
    const { a, b } = await userOfTwoTenants()
    const session = await signIn(client, { login: a.cashier.email, tenantId: b.tenantId })
    assert.deepEqual(session.scope, { tenantId: b.tenantId, role: 'manager', stores: [b.storeId] } as never)
    const answer = await me(client, session.accessToken)
    answer.assertStatus(200)
    assert.equal(answer.body().scope.tenantId, b.tenantId)
    const stranger = await createTenant()
    assertError(await postLogin(client, { login: a.cashier.email, tenantId: stranger.tenantId }), 403, 'E_AUTH_NO_MEMBERSHIP')
  })
})

test.group('auth: access tokens', () => {
  test('/me answers with the user and the scope of the access token', async ({ client, assert }) => {
    const t = await createTenant()
    const session = await signIn(client, { login: t.manager.email })
    const response = await me(client, session.accessToken)
    response.assertStatus(200)
    assert.deepEqual(response.body(), {
      user: { id: t.manager.id, name: t.manager.name, email: t.manager.email, phone: t.manager.phone },
      scope: { tenantId: t.tenantId, role: 'manager', stores: [t.storeId] },
    })
    assertError(await client.get('/api/v1/me'), 401, 'E_AUTH_UNAUTHENTICATED')
  })

  test('an expired access token is refused with 401 E_AUTH_TOKEN_EXPIRED', async ({ client }) => {
    const t = await createTenant()
    const claims = { userId: t.manager.id, tenantId: t.tenantId, role: 'manager', stores: [t.storeId] } as never
    const now = Math.floor(Date.now() / 1000)
    ;(await me(client, await signAccessToken(claims, now))).assertStatus(200)
    const expired = await signAccessToken(claims, now - ACCESS_TOKEN_TTL_SECONDS - 60)
    assertError(await me(client, expired), 401, 'E_AUTH_TOKEN_EXPIRED')
  })

  test('a tampered or unsigned token is refused with 401 E_AUTH_TOKEN_INVALID', async ({ client }) => {
    const t = await createTenant()
    const { accessToken } = await signIn(client, { login: t.cashier.email })
    const [header, payload, signature] = accessToken.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const promoted = `${header}.${encode({ ...claims, role: 'owner', stores: '*' })}.${signature}`
    const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...claims, role: 'owner' })}.`
    for (const token of [promoted, unsigned, `${accessToken}x`, 'not-a-jwt']) {
      // /users needs a manager: a forged owner claim must not even get to the role check.
      assertError(await client.get('/api/v1/users').header('authorization', bearer(token)), 401, 'E_AUTH_TOKEN_INVALID')
    }
    assertError(await client.get('/api/v1/users').header('authorization', bearer(accessToken)), 403, 'E_AUTH_FORBIDDEN')
  })
})

test.group('auth: refresh tokens', () => {
  test('refresh rotates: the new pair works and the old refresh token counts as reuse', async ({ client, assert }) => {
    const t = await createTenant()
    const first = await signIn(client, { login: t.cashier.email })
    const rotated = await refresh(client, first.refreshToken)
    rotated.assertStatus(200)
    const second = rotated.body() as SessionResponse
    assert.notEqual(second.refreshToken, first.refreshToken)
    assert.deepEqual(second.scope, first.scope)
    ;(await me(client, second.accessToken)).assertStatus(200)
    const [old] = await adminRows('select rotated_at from refresh_tokens where token_hash = $1', [sha256Hex(first.refreshToken)])
    assert.isNotNull(old!.rotated_at)
    const third = await refresh(client, second.refreshToken)
    third.assertStatus(200)
    assertError(await refresh(client, first.refreshToken), 401, 'E_AUTH_REFRESH_REUSED')
  })

  test('reusing a rotated refresh token revokes the whole family, newest token included', async ({ client, assert }) => {
    const t = await createTenant()
    const first = await signIn(client, { login: t.cashier.email })
    const other = await signIn(client, { login: t.cashier.email })
    const second = (await refresh(client, first.refreshToken)).body() as SessionResponse
    const third = (await refresh(client, second.refreshToken)).body() as SessionResponse
    assert.isString(third.refreshToken)
    assertError(await refresh(client, first.refreshToken), 401, 'E_AUTH_REFRESH_REUSED')
    assertError(await refresh(client, third.refreshToken), 401, 'E_AUTH_REFRESH_INVALID')
    const family = await familyOf(third.refreshToken)
    assert.equal(family.revoked_reason, 'reuse')
    assert.isNotNull(family.revoked_at)
    assert.equal(
      await adminCount('audit_log', `tenant_id = $1 and action = 'auth.refresh_reused' and subject_id = $2`, [t.tenantId, family.id]),
      1
    )
    ;(await refresh(client, other.refreshToken)).assertStatus(200)
  })

  test("logout revokes that sign-in's refresh tokens and no other", async ({ client, assert }) => {
    const t = await createTenant()
    const session = await signIn(client, { login: t.cashier.email })
    const other = await signIn(client, { login: t.cashier.email })
    const response = await client.post('/api/v1/auth/logout').json({ refreshToken: session.refreshToken })
    response.assertStatus(200)
    assert.deepEqual(response.body(), { ok: true })
    assert.equal((await familyOf(session.refreshToken)).revoked_reason, 'logout')
    assertError(await refresh(client, session.refreshToken), 401, 'E_AUTH_REFRESH_INVALID')
    ;(await refresh(client, other.refreshToken)).assertStatus(200)
    assertError(await refresh(client, `rt_${randomUUID()}`), 401, 'E_AUTH_REFRESH_INVALID')
  })
})

/** `times` failed sign-ins from `ip`, each with a login nobody has. */
async function failFrom(client: ApiClient, ip: string, times: number) {
  for (let attempt = 1; attempt <= times; attempt++) {
    assertError(await postLogin(client, { login: uniqueEmail('guess') }, ip), 401, 'E_AUTH_INVALID_CREDENTIALS')
  }
}

test.group('auth: rate limits', () => {
  test('after 5 failed sign-ins a login is blocked (429 E_RATE_LIMITED), even with the right password', async ({ client }) => {
    const t = await createTenant()
    // Each attempt from its own address: the limit follows the login, not the address.
    for (let attempt = 1; attempt <= 5; attempt++) {
      assertError(await postLogin(client, { login: t.cashier.email, password: `wrong ${attempt}` }), 401, 'E_AUTH_INVALID_CREDENTIALS')
    }
    assertError(await postLogin(client, { login: t.cashier.email, password: 'wrong 6' }), 429, 'E_RATE_LIMITED')
    assertError(await postLogin(client, { login: t.cashier.email }), 429, 'E_RATE_LIMITED')
    assertError(await postLogin(client, { login: t.cashier.email.toUpperCase() }), 429, 'E_RATE_LIMITED')
    await signIn(client, { login: t.manager.email })
  })

  test('30 failed sign-ins from one address block that address for every login', async ({ client }) => {
    const t = await createTenant()
    const ip = freshIp()
    await failFrom(client, ip, 30)
    assertError(await postLogin(client, { login: t.cashier.email }, ip), 429, 'E_RATE_LIMITED')
    await signIn(client, { login: t.cashier.email })
  })

  // Per address, failures only add up: one good sign-in must not reopen password spraying.
  test("a successful sign-in does not reset the address's count of failures", async ({ client }) => {
    const t = await createTenant()
    const ip = freshIp()
    await failFrom(client, ip, 29)
    ;(await postLogin(client, { login: t.manager.email }, ip)).assertStatus(200)
    await failFrom(client, ip, 1)
    assertError(await postLogin(client, { login: uniqueEmail('guess') }, ip), 429, 'E_RATE_LIMITED')
  })
})
