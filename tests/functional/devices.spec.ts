/*
 * Pairing terminals, device keys and revocation, over real HTTP.
 */
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type { PairDeviceResponse } from '@pos/protocols'
import { sha256Hex } from '#core/secrets'
import { adminCount, adminRows } from '#tests/helpers/db'
import { addStore, addUser, createTenant, type TenantFixture } from '#tests/helpers/fixtures'
import { assertError, bearer, freshIp, tokenFor } from '#tests/helpers/http'

function createCode(client: ApiClient, accessToken: string, storeId: string, terminalId: string) {
  return client
    .post(`/api/v1/stores/${storeId}/pairing-codes`)
    .header('authorization', bearer(accessToken))
    .json({ terminalId })
}

/** Each pairing from its own address: wrong codes are limited per address. */
function pair(client: ApiClient, code: string) {
  return client.post('/api/v1/devices/pair').header('x-forwarded-for', freshIp()).json({ code })
}

function asDevice(client: ApiClient, path: string, deviceKey: string) {
  return client.get(`/api/v1${path}`).header('x-device-key', deviceKey)
}

/** A manager's code for the tenant's terminal, exchanged for a device. */
async function pairTerminal(client: ApiClient, t: TenantFixture, managerToken: string): Promise<PairDeviceResponse> {
  const code = await createCode(client, managerToken, t.storeId, t.terminalId)
  code.assertStatus(201)
  const paired = await pair(client, code.body().code)
  paired.assertStatus(201)
  return paired.body()
}

function revoke(client: ApiClient, accessToken: string, deviceId: string) {
  return client.post(`/api/v1/devices/${deviceId}/revoke`).header('authorization', bearer(accessToken))
}

/** Rows of `table` whose text form (every column) contains `needle`. */
const rowsContaining = (table: string, needle: string) => adminCount(table, `position($1 in ${table}::text) > 0`, [needle])

const pairingCodesOf = (tenantId: string) => adminCount('device_pairing_codes', 'tenant_id = $1', [tenantId])

test.group('devices', () => {
  test('a manager pairs a terminal; the device key works on /device/me and /stores (its store only)', async ({ client, assert }) => {
    const t = await createTenant()
    await addStore(t.tenantId, 'S2')
    const token = await tokenFor(client, t.manager)
    const code = await createCode(client, token, t.storeId, t.terminalId)
    code.assertStatus(201)
    assert.match(code.body().code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    assert.equal(code.body().terminalId, t.terminalId)
    const paired = await pair(client, code.body().code)
    paired.assertStatus(201)
    const device = paired.body() as PairDeviceResponse
    assert.deepEqual({ ...device, deviceId: '', deviceKey: '' }, {
      deviceId: '',
      deviceKey: '',
      tenantId: t.tenantId,
      storeId: t.storeId,
      terminalId: t.terminalId,
      kind: 'terminal',
    } as never)
    const meAnswer = await asDevice(client, '/device/me', device.deviceKey)
    meAnswer.assertStatus(200)
    assert.deepEqual(meAnswer.body(), {
      kind: 'device',
      deviceId: device.deviceId,
      tenantId: t.tenantId,
      storeId: t.storeId,
      terminalId: t.terminalId,
      deviceKind: 'terminal',
    })
    const stores = await asDevice(client, '/stores', device.deviceKey)
    stores.assertStatus(200)
    assert.deepEqual(stores.body().stores.map((store: { id: string }) => store.id), [t.storeId])
    assertError(await asDevice(client, '/device/me', `${device.deviceKey}x`), 401, 'E_DEVICE_KEY_INVALID')
  })

  test('a pairing code works once', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.manager)
    const code = (await createCode(client, token, t.storeId, t.terminalId)).body().code
    ;(await pair(client, code)).assertStatus(201)
    assertError(await pair(client, code), 400, 'E_DEVICE_PAIRING_CODE_INVALID')
    assert.equal(await adminCount('devices', 'terminal_id = $1', [t.terminalId]), 1)
  })

  test('a cashier cannot create a pairing code (403 E_AUTH_FORBIDDEN)', async ({ client, assert }) => {
    const t = await createTenant()
    const response = await createCode(client, await tokenFor(client, t.cashier), t.storeId, t.terminalId)
    assertError(response, 403, 'E_AUTH_FORBIDDEN')
    assert.equal(await pairingCodesOf(t.tenantId), 0)
  })

  test("a store manager of tenant A cannot create a code for tenant B's store (404 E_TENANCY_STORE_NOT_FOUND)", async ({ client, assert }) => {
    const a = await createTenant()
    const b = await createTenant()
    const response = await createCode(client, await tokenFor(client, a.manager), b.storeId, b.terminalId)
    assertError(response, 404, 'E_TENANCY_STORE_NOT_FOUND')
    assert.deepEqual([await pairingCodesOf(a.tenantId), await pairingCodesOf(b.tenantId)], [0, 0])
  })

  // A tenant-wide scope names no stores: another tenant's store is simply not found.
  test("a tenant-wide manager of tenant A gets 404 E_TENANCY_STORE_NOT_FOUND for tenant B's store", async ({ client, assert }) => {
    const a = await createTenant()
    const b = await createTenant()
    const manager = await addUser(a.tenantId, 'manager', null)
    const response = await createCode(client, await tokenFor(client, manager), b.storeId, b.terminalId)
    assertError(response, 404, 'E_TENANCY_STORE_NOT_FOUND')
    assert.deepEqual([await pairingCodesOf(a.tenantId), await pairingCodesOf(b.tenantId)], [0, 0])
  })

  test('revoking a device refuses its key at once (401 E_DEVICE_REVOKED)', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.manager)
    const device = await pairTerminal(client, t, token)
    ;(await asDevice(client, '/device/me', device.deviceKey)).assertStatus(200)
    const response = await revoke(client, token, device.deviceId)
    response.assertStatus(200)
    assert.equal(response.body().id, device.deviceId)
    assert.isString(response.body().revokedAt)
    assertError(await asDevice(client, '/device/me', device.deviceKey), 401, 'E_DEVICE_REVOKED')
    assertError(await asDevice(client, '/stores', device.deviceKey), 401, 'E_DEVICE_REVOKED')
  })

  test("a manager cannot revoke another tenant's device (404 E_NOT_FOUND)", async ({ client, assert }) => {
    const a = await createTenant()
    const b = await createTenant()
    const device = await pairTerminal(client, b, await tokenFor(client, b.manager))
    assertError(await revoke(client, await tokenFor(client, a.owner), device.deviceId), 404, 'E_NOT_FOUND')
    ;(await asDevice(client, '/device/me', device.deviceKey)).assertStatus(200)
    assert.equal(await adminCount('devices', 'id = $1 and revoked_at is null', [device.deviceId]), 1)
  })

  test('pairing the same terminal again revokes the previous device', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.manager)
    const first = await pairTerminal(client, t, token)
    const second = await pairTerminal(client, t, token)
    assertError(await asDevice(client, '/device/me', first.deviceKey), 401, 'E_DEVICE_REVOKED')
    ;(await asDevice(client, '/device/me', second.deviceKey)).assertStatus(200)
    const rows = await adminRows('select id, revoked_at is not null as revoked from devices where terminal_id = $1 order by created_at', [
      t.terminalId,
    ])
    assert.deepEqual(rows, [
      { id: first.deviceId, revoked: true },
      { id: second.deviceId, revoked: false },
    ])
  })

  test('device keys and pairing codes are stored only as hashes', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.manager)
    const code = (await createCode(client, token, t.storeId, t.terminalId)).body().code as string
    const device = (await pair(client, code)).body() as PairDeviceResponse
    const secretPart = device.deviceKey.slice(10)
    assert.isAtLeast(secretPart.length, 32)
    for (const needle of [device.deviceKey, secretPart]) {
      assert.equal(await rowsContaining('devices', needle), 0, 'the key appears in devices')
    }
    const [row] = await adminRows('select key_hash from devices where id = $1', [device.deviceId])
    assert.equal(row!.key_hash, sha256Hex(device.deviceKey))
    for (const needle of [code, code.replace('-', '')]) {
      assert.equal(await rowsContaining('device_pairing_codes', needle), 0, 'the code appears in device_pairing_codes')
    }
  })

  test('the audit log records device.paired and device.revoked', async ({ client, assert }) => {
    const t = await createTenant()
    const token = await tokenFor(client, t.manager)
    const device = await pairTerminal(client, t, token)
    ;(await revoke(client, token, device.deviceId)).assertStatus(200)
    const rows = await adminRows(
      `select action, actor_user_id, actor_device_id, subject_type, subject_id from audit_log
        where tenant_id = $1 and action in ('device.paired', 'device.revoked') order by id`,
      [t.tenantId]
    )
    assert.deepEqual(rows, [
      { action: 'device.paired', actor_user_id: null, actor_device_id: device.deviceId, subject_type: 'terminal', subject_id: t.terminalId },
      { action: 'device.revoked', actor_user_id: t.manager.id, actor_device_id: null, subject_type: 'device', subject_id: device.deviceId },
    ])
  })
})
