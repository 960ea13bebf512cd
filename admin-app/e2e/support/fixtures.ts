/*
 * End-to-end fixtures written straight into Postgres, as the table owner inside each
 * tenant's own RLS context (the tables FORCE row-level security, so the owner is bound by the
 * policies too): two tenants, each with a store, a terminal with a paired device whose key is
 * known here, and an owner, a manager and a cashier with a known password.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import argon2 from 'argon2'
import pg from 'pg'

export const PASSWORD = 'e2e-pass-2026-admin'

export interface E2ePerson {
  id: string
  name: string
  email: string
}

export interface E2eItem {
  itemId: string
  sku: string
  name: string
  hsn: string
  ratePercent: string
  unitPricePaise: number
  unitCostPaise: number
}

export interface E2eTenant {
  tenantId: string
  name: string
  storeId: string
  storeName: string
  terminalId: string
  terminalName: string
  deviceId: string
  deviceKey: string
  owner: E2ePerson
  manager: E2ePerson
  cashier: E2ePerson
  /** A second terminal that sells (the first one's device is revoked by the devices test). */
  till: { terminalId: string; deviceId: string; deviceKey: string }
  /** A small catalogue on a tax-inclusive default price list (no stock yet). */
  items: Record<'shampoo' | 'soap', E2eItem>
}

export interface E2eFixtures {
  password: string
  a: E2eTenant
  b: E2eTenant
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')

async function inTenant(client: pg.Client, tenantId: string, work: () => Promise<void>) {
  await client.query('begin')
  try {
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId])
    await work()
    await client.query('commit')
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  }
}

async function createTenant(client: pg.Client, label: string, tradeName: string, passwordHash: string): Promise<E2eTenant> {
  const tenantId = randomUUID()
  const tag = tenantId.slice(0, 8)
  const person = (role: string, name: string): E2ePerson => ({ id: randomUUID(), name, email: `${role}-${tag}@e2e.test` })
  const tenant: E2eTenant = {
    tenantId,
    name: `${label} ${tag}`,
    storeId: randomUUID(),
    storeName: tradeName,
    terminalId: randomUUID(),
    terminalName: 'Counter 1',
    deviceId: randomUUID(),
    deviceKey: `dk_${randomBytes(32).toString('base64url')}`,
    owner: person('owner', `${label} Owner`),
    manager: person('manager', `${label} Manager`),
    cashier: person('cashier', `${label} Cashier`),
    till: { terminalId: randomUUID(), deviceId: randomUUID(), deviceKey: `dk_${randomBytes(32).toString('base64url')}` },
    items: {
      // Shampoo ₹118 at 18 %; soap ₹45 at 5 %, reordered at 100 so a delivery of 100 is still low.
      shampoo: { itemId: randomUUID(), sku: 'SHAMPOO-1', name: 'Shampoo 180 ml', hsn: '3305', ratePercent: '18', unitPricePaise: 11_800, unitCostPaise: 7_000 },
      soap: { itemId: randomUUID(), sku: 'SOAP-1', name: 'Bath soap 100 g', hsn: '3401', ratePercent: '5', unitPricePaise: 4_500, unitCostPaise: 3_000 },
    },
  }
  await inTenant(client, tenantId, async () => {
    await client.query('insert into tenants (id, name, slug) values ($1, $2, $3)', [tenantId, tenant.name, `e2e-${tag}`])
    await client.query(
      `insert into stores (id, tenant_id, code, legal_name, trade_name, state_code, address_line1, city, pincode)
       values ($1, $2, 'S1', $3, $4, '29', '12 Residency Road', 'Bengaluru', '560025')`,
      [tenant.storeId, tenantId, `${tradeName} Pvt Ltd`, tradeName]
    )
    await client.query(`insert into terminals (id, tenant_id, store_id, name, invoice_prefix) values ($1, $2, $3, $4, 'S1T1')`, [
      tenant.terminalId,
      tenantId,
      tenant.storeId,
      tenant.terminalName,
    ])
    await client.query(
      `insert into devices (id, tenant_id, store_id, terminal_id, kind, name, key_hash, key_prefix)
       values ($1, $2, $3, $4, 'terminal', 'Counter 1 tablet', $5, $6)`,
      [tenant.deviceId, tenantId, tenant.storeId, tenant.terminalId, sha256Hex(tenant.deviceKey), tenant.deviceKey.slice(0, 10)]
    )
    await client.query(`insert into terminals (id, tenant_id, store_id, name, invoice_prefix) values ($1, $2, $3, 'Counter 2', 'S1T2')`, [tenant.till.terminalId, tenantId, tenant.storeId])
    await client.query(
      `insert into devices (id, tenant_id, store_id, terminal_id, kind, name, key_hash, key_prefix)
       values ($1, $2, $3, $4, 'terminal', 'Counter 2 tablet', $5, $6)`,
      [tenant.till.deviceId, tenantId, tenant.storeId, tenant.till.terminalId, sha256Hex(tenant.till.deviceKey), tenant.till.deviceKey.slice(0, 10)]
    )
    for (const [role, user, storeId] of [
      ['owner', tenant.owner, null],
      ['manager', tenant.manager, tenant.storeId],
      ['cashier', tenant.cashier, tenant.storeId],
    ] as const) {
      await client.query('insert into users (id, name, email, password_hash, created_by_tenant) values ($1, $2, $3, $4, $5)', [
        user.id,
        user.name,
        user.email,
        passwordHash,
        tenantId,
      ])
      await client.query('insert into memberships (tenant_id, user_id, store_id, role) values ($1, $2, $3, $4)', [tenantId, user.id, storeId, role])
    }
    const classes: Record<string, string> = {}
    for (const rate of ['5', '18']) {
      classes[rate] = randomUUID()
      await client.query('insert into tax_classes (id, tenant_id, code, name) values ($1, $2, $3, $4)', [classes[rate], tenantId, `GST${rate}`, `GST ${rate}%`])
      await client.query(`insert into tax_class_rates (tenant_id, tax_class_id, effective_from, rate_percent) values ($1, $2, '2025-09-22', $3)`, [tenantId, classes[rate], rate])
    }
    const priceListId = randomUUID()
    await client.query(`insert into price_lists (id, tenant_id, code, name, is_default, prices_include_tax) values ($1, $2, 'RETAIL', 'Retail', true, true)`, [priceListId, tenantId])
    for (const item of Object.values(tenant.items)) {
      const productId = randomUUID()
      await client.query(`insert into products (id, tenant_id, name, hsn_sac, tax_class_id, unit, fractional) values ($1, $2, $3, $4, $5, 'NOS', false)`, [
        productId,
        tenantId,
        item.name,
        item.hsn,
        classes[item.ratePercent],
      ])
      await client.query('insert into items (id, tenant_id, product_id, sku, name, cost_paise, reorder_level) values ($1, $2, $3, $4, $5, $6, $7)', [
        item.itemId,
        tenantId,
        productId,
        item.sku,
        item.name,
        item.unitCostPaise,
        item.sku === 'SOAP-1' ? '100' : '5',
      ])
      await client.query('insert into item_prices (tenant_id, price_list_id, item_id, store_id, price_paise) values ($1, $2, $3, null, $4)', [
        tenantId,
        priceListId,
        item.itemId,
        item.unitPricePaise,
      ])
    }
  })
  return tenant
}

/** Two fresh tenants (A and B), with unique ids and emails, so runs never share data. */
export async function createFixtures(ownerUrl: string): Promise<E2eFixtures> {
  // The server's hash settings (config/hash.ts): argon2id, 3 passes, 19 MiB, one lane.
  const passwordHash = await argon2.hash(PASSWORD, { type: argon2.argon2id, timeCost: 3, memoryCost: 19456, parallelism: 1, hashLength: 32 })
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    return {
      password: PASSWORD,
      a: await createTenant(client, 'Tenant A', 'Sharma Kirana', passwordHash),
      b: await createTenant(client, 'Tenant B', 'Rao Medicals', passwordHash),
    }
  } finally {
    await client.end()
  }
}
