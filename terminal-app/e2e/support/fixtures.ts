/*
 * End-to-end fixtures written straight into Postgres as the table owner, inside the tenant's
 * own RLS context (the tables FORCE row-level security, so the owner is bound by it too): a
 * tenant with a store, a terminal (not yet paired: the test pairs it through the app), a
 * manager and a cashier with a known password, and a small catalog with prices, GST 18 % and
 * stock received (a receipt movement and its cost layer, so on-hand = Σ movements).
 */
import { randomUUID } from 'node:crypto'
import argon2 from 'argon2'
import pg from 'pg'

export const PASSWORD = 'e2e-pass-2026-terminal'
export const OPENING_STOCK = 1000

export interface E2eItem {
  id: string
  sku: string
  name: string
  barcode: string
  pricePaise: number
}

export interface E2eFixtures {
  password: string
  tenantId: string
  storeId: string
  terminalId: string
  invoicePrefix: string
  manager: { id: string; email: string }
  cashier: { id: string; email: string; name: string }
  items: E2eItem[]
}

/** Runs `work` in one transaction with the tenant's RLS context set. */
export async function inTenant<T>(client: pg.Client, tenantId: string, work: () => Promise<T>): Promise<T> {
  await client.query('begin')
  try {
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId])
    const result = await work()
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => undefined)
    throw error
  }
}

export async function createFixtures(ownerUrl: string): Promise<E2eFixtures> {
  // The server's hash settings (config/hash.ts): argon2id, 3 passes, 19 MiB, one lane.
  const passwordHash = await argon2.hash(PASSWORD, { type: argon2.argon2id, timeCost: 3, memoryCost: 19456, parallelism: 1, hashLength: 32 })
  const tenantId = randomUUID()
  const tag = tenantId.slice(0, 8)
  const f: E2eFixtures = {
    password: PASSWORD,
    tenantId,
    storeId: randomUUID(),
    terminalId: randomUUID(),
    invoicePrefix: 'S1T1',
    manager: { id: randomUUID(), email: `manager-${tag}@e2e.test` },
    cashier: { id: randomUUID(), email: `cashier-${tag}@e2e.test`, name: 'Asha Cashier' },
    items: [
      { id: randomUUID(), sku: 'SOAP-100', name: 'Lux Soap 100 g', barcode: '2000000000017', pricePaise: 4500 },
      { id: randomUUID(), sku: 'TEA-250', name: 'Assam Tea 250 g', barcode: '2000000000024', pricePaise: 14000 },
      { id: randomUUID(), sku: 'RICE-1KG', name: 'Sona Masoori Rice 1 kg', barcode: '2000000000031', pricePaise: 7200 },
    ],
  }
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    await inTenant(client, tenantId, async () => {
      await client.query('insert into tenants (id, name, slug) values ($1, $2, $3)', [tenantId, `Terminal E2E ${tag}`, `term-e2e-${tag}`])
      await client.query(
        `insert into stores (id, tenant_id, code, legal_name, trade_name, state_code, address_line1, city, pincode)
         values ($1, $2, 'S1', 'Sharma Kirana Pvt Ltd', 'Sharma Kirana', '29', '12 Residency Road', 'Bengaluru', '560025')`,
        [f.storeId, tenantId],
      )
      await client.query(`insert into terminals (id, tenant_id, store_id, name, invoice_prefix) values ($1, $2, $3, 'Counter 1', $4)`, [
        f.terminalId,
        tenantId,
        f.storeId,
        f.invoicePrefix,
      ])
      for (const [role, user, name] of [
        ['manager', f.manager, 'Ravi Manager'],
        ['cashier', f.cashier, f.cashier.name],
      ] as const) {
        await client.query('insert into users (id, name, email, password_hash, created_by_tenant) values ($1, $2, $3, $4, $5)', [
          user.id,
          name,
          user.email,
          passwordHash,
          tenantId,
        ])
        await client.query('insert into memberships (tenant_id, user_id, store_id, role) values ($1, $2, $3, $4)', [tenantId, user.id, f.storeId, role])
      }

      const taxClassId = randomUUID()
      const priceListId = randomUUID()
      await client.query(`insert into tax_classes (id, tenant_id, code, name) values ($1, $2, 'GST18', 'GST 18%')`, [taxClassId, tenantId])
      await client.query(`insert into tax_class_rates (tenant_id, tax_class_id, effective_from, rate_percent) values ($1, $2, '2017-07-01', '18')`, [tenantId, taxClassId])
      await client.query(`insert into price_lists (id, tenant_id, code, name, is_default) values ($1, $2, 'RETAIL', 'Retail', true)`, [priceListId, tenantId])
      const at = new Date()
      for (const item of f.items) {
        const productId = randomUUID()
        await client.query(
          `insert into products (id, tenant_id, name, hsn_sac, tax_class_id, unit, fractional) values ($1, $2, $3, '3401', $4, 'PCS', false)`,
          [productId, tenantId, item.name, taxClassId],
        )
        await client.query(`insert into items (id, tenant_id, product_id, sku, name) values ($1, $2, $3, $4, $5)`, [item.id, tenantId, productId, item.sku, item.name])
        await client.query(`insert into barcodes (tenant_id, code, item_id, kind) values ($1, $2, $3, 'internal')`, [tenantId, item.barcode, item.id])
        await client.query(`insert into item_prices (tenant_id, price_list_id, item_id, store_id, price_paise) values ($1, $2, $3, null, $4)`, [
          tenantId,
          priceListId,
          item.id,
          item.pricePaise,
        ])
        const movementId = randomUUID()
        const base = [tenantId, f.storeId, item.id]
        await client.query(`insert into stock_levels (tenant_id, store_id, item_id, on_hand) values ($1, $2, $3, $4)`, [...base, String(OPENING_STOCK)])
        await client.query(
          `insert into stock_movements (id, tenant_id, store_id, item_id, kind, quantity, on_hand_after, unit_cost_paise, total_cost_paise, reference_type, reference_id, at)
           values ($1, $2, $3, $4, 'receipt', $5, $5, 2000, $6, 'fixture', 'opening', $7)`,
          [movementId, ...base, String(OPENING_STOCK), 2000 * OPENING_STOCK, at],
        )
        await client.query(
          `insert into cost_layers (id, tenant_id, store_id, item_id, movement_id, unit_cost_paise, quantity, remaining, opened_at) values ($1, $2, $3, $4, $5, 2000, $6, $6, $7)`,
          [randomUUID(), ...base, movementId, String(OPENING_STOCK), at],
        )
      }
    })
  } finally {
    await client.end()
  }
  return f
}
