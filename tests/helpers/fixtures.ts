/*
 * Tenants, stores, terminals and people for tests. Each call makes new rows with
 * unique ids, slugs, emails and phone numbers, so tests never share data.
 * Rows are written as the table owner inside the tenant's own RLS context
 * (FORCE RLS binds the owner too); users get ids from here because a new user
 * row is not visible (so not RETURNING-able) until its membership exists.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import hash from '@adonisjs/core/services/hash'
import type { Role } from '@pos/protocols'
import { sha256Hex } from '#core/secrets'
import { adminRows, asOwner } from './db.js'
import { fillCatalog } from './fill/catalog.js'
import { fillInventory } from './fill/inventory.js'
import { fillSearch } from './fill/search.js'
import { fillSales } from './fill/sales.js'
import { fillImports } from './fill/imports.js'

/** Every fixture user's password. */
export const PASSWORD = 'correct horse battery staple'

let passwordHash: Promise<string> | undefined
/** One argon2 hash of PASSWORD, made once per run (argon2 is slow on purpose). */
const hashedPassword = () => (passwordHash ??= hash.make(PASSWORD))

export interface UserFixture {
  id: string
  name: string
  email: string
  /** As stored: +91 and ten digits. */
  phone: string
  role: Role
  storeId: string | null
}

export interface TenantFixture {
  tenantId: string
  name: string
  slug: string
  storeId: string
  terminalId: string
  /** All stores (membership without a store). */
  owner: UserFixture
  /** Scoped to `storeId`. */
  manager: UserFixture
  /** Scoped to `storeId`. */
  cashier: UserFixture
}

/** A ten-digit Indian mobile number (first digit 6-9). */
export function randomMobile(): string {
  return `${randomInt(6, 10)}${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`
}

/** A unique address that no other test uses. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID()}@example.test`
}

/** A tenant with one store, one terminal, an owner, a store manager and a cashier. */
export async function createTenant(): Promise<TenantFixture> {
  const tenantId = randomUUID()
  const slug = `t-${tenantId}`
  const name = `Tenant ${tenantId.slice(0, 8)}`
  await asOwner(tenantId, (trx) => trx.table('tenants').insert({ id: tenantId, name, slug }))
  const { storeId, terminalId } = await addStore(tenantId, 'S1')
  return {
    tenantId,
    name,
    slug,
    storeId,
    terminalId,
    owner: await addUser(tenantId, 'owner', null),
    manager: await addUser(tenantId, 'manager', storeId),
    cashier: await addUser(tenantId, 'cashier', storeId),
  }
}

/** A store (`code`: 1-5 capitals or digits, unique in its tenant) with one terminal, invoice prefix `${code}T`. */
export async function addStore(tenantId: string, code: string): Promise<{ storeId: string; terminalId: string }> {
  const storeId = randomUUID()
  const terminalId = randomUUID()
  await asOwner(tenantId, async (trx) => {
    await trx.table('stores').insert({
      id: storeId,
      tenant_id: tenantId,
      code,
      legal_name: `Store ${code} Retail Pvt Ltd`,
      state_code: '29',
      address_line1: '1 MG Road',
      city: 'Bengaluru',
      pincode: '560001',
    })
    await trx.table('terminals').insert({ id: terminalId, tenant_id: tenantId, store_id: storeId, name: 'Counter 1', invoice_prefix: `${code}T` })
  })
  return { storeId, terminalId }
}

/** A new person with one membership: `role` in `storeId` (null: every store of the tenant). */
export async function addUser(tenantId: string, role: Role, storeId: string | null): Promise<UserFixture> {
  const user = { id: randomUUID(), name: `Test ${role}`, email: uniqueEmail(role), phone: `+91${randomMobile()}`, role, storeId }
  const passwordHashValue = await hashedPassword()
  await asOwner(tenantId, async (trx) => {
    await trx.table('users').insert({
      id: user.id,
      name: user.name,
      email: user.email,
      phone: user.phone,
      password_hash: passwordHashValue,
      created_by_tenant: tenantId,
    })
    await trx.table('memberships').insert({ tenant_id: tenantId, user_id: user.id, store_id: storeId, role })
  })
  return user
}

/** A paired terminal device of the tenant's store, with its key (written as the owner, as pairing would). */
export async function addTerminalDevice(t: TenantFixture, terminalId = t.terminalId, storeId = t.storeId): Promise<string> {
  const deviceKey = `dk_${randomBytes(32).toString('base64url')}`
  await asOwner(t.tenantId, (trx) =>
    trx.table('devices').insert({
      tenant_id: t.tenantId,
      store_id: storeId,
      terminal_id: terminalId,
      kind: 'terminal',
      name: 'Counter 1',
      key_hash: sha256Hex(deviceKey),
      key_prefix: deviceKey.slice(0, 10),
    })
  )
  return deviceKey
}

/**
 * Gives an existing person a membership in another tenant. The application
 * cannot do this (a tenant may only add logins it created; inviting a person who
 * works for two businesses is a flow of its own), so the fixture writes it as
 * the superuser, standing in for that flow.
 */
export async function addMembership(tenantId: string, userId: string, role: Role, storeId: string | null) {
  await adminRows('insert into memberships (tenant_id, user_id, store_id, role) values ($1, $2, $3, $4)', [tenantId, userId, storeId, role])
}

/**
 * At least one row in every tenant-owned table the tenant does not have yet
 * (tenants, stores, terminals, users and memberships come from createTenant).
 * A new tenant-owned table needs a line here (or in its module's file in fill/): the isolation suite fails for a
 * table in which tenant B has no row to hide.
 */
export async function fillEveryTable(t: TenantFixture) {
  const json = (value: unknown) => JSON.stringify(value)
  const actor = { tenant_id: t.tenantId, kind: 'store', actor_id: t.storeId }
  const familyId = randomUUID()
  await asOwner(t.tenantId, async (trx) => {
    await trx.table('devices').insert({
      tenant_id: t.tenantId,
      store_id: t.storeId,
      terminal_id: t.terminalId,
      kind: 'terminal',
      name: 'Counter 1',
      key_hash: sha256Hex(randomBytes(32).toString('hex')),
      key_prefix: 'dk_fixture',
      created_by: t.manager.id,
    })
    await trx.table('device_pairing_codes').insert({
      tenant_id: t.tenantId,
      store_id: t.storeId,
      terminal_id: t.terminalId,
      code_hash: sha256Hex(randomBytes(16).toString('hex')),
      expires_at: new Date(Date.now() + 600_000),
      created_by: t.manager.id,
    })
    await trx.table('refresh_token_families').insert({ id: familyId, tenant_id: t.tenantId, user_id: t.manager.id })
    await trx.table('refresh_tokens').insert({
      tenant_id: t.tenantId,
      family_id: familyId,
      token_hash: sha256Hex(randomBytes(32).toString('hex')),
      expires_at: new Date(Date.now() + 86_400_000),
    })
    await trx.table('audit_log').insert({ tenant_id: t.tenantId, action: 'fixture.created', data: json({}) })
    await trx.table('actors').insert({ ...actor, store_id: t.storeId, seq: 1, machine_version: 1 })
    await trx.table('actor_journal').insert({
      ...actor,
      seq: 1,
      event_type: 'fixture',
      event: json({ type: 'fixture' }),
      state_after: json('open'),
      context_after: json({}),
    })
    await trx.table('actor_snapshots').insert({ ...actor, seq: 1, machine_version: 1, snapshot: json({}) })
    await trx.table('processed_commands').insert({
      ...actor,
      command_id: randomUUID(),
      command_type: 'fixture',
      payload_hash: sha256Hex('fixture'),
      terminal_id: t.terminalId,
      client_seq: 1,
    })
    await trx.table('terminal_cursors').insert({ tenant_id: t.tenantId, terminal_id: t.terminalId, last_client_seq: 1 })
    await trx.table('store_event_counters').insert({ tenant_id: t.tenantId, store_id: t.storeId, last_seq: 1 })
    await trx.table('store_events').insert({ ...actor, store_id: t.storeId, seq: 1, type: 'fixture', data: json({}) })
    // Far in the future and already published: the runtime's pollers must leave these alone.
    await trx.table('actor_timers').insert({ ...actor, timer_key: 'fixture', event: json({ type: 'fixture' }), due_at: new Date('2100-01-01T00:00:00Z') })
    await trx.table('outbox').insert({ tenant_id: t.tenantId, topic: 'fixture', payload: json({}), published_at: new Date() })
    // Each module's tables, in tests/helpers/fill/.
    const catalog = await fillCatalog(trx, t)
    await fillInventory(trx, t, catalog)
    await fillSearch(trx, t, catalog)
    await fillSales(trx, t, catalog)
    await fillImports(trx, t, catalog)
  })
}
