/*
 * Bench fixtures, written straight to Postgres as the owner role, one
 * transaction per tenant with the tenant set (tables have FORCE ROW LEVEL
 * SECURITY, so the owner is bound by the policies too). Device keys are known
 * to the bench: the devices table stores sha256(key) in hex, as the app does.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'

export interface Terminal {
  tenantId: string
  storeId: string
  terminalId: string
  deviceId: string
  deviceKey: string
}

export interface LoadFixture {
  /** Ordered store by store: terminals[0..perStore-1] belong to the first store, and so on. */
  terminals: Terminal[]
  stores: number
  tenants: number
}

export interface OpsFixture {
  tenantId: string
  userId: string
  /** Whether the owner's users/memberships rows could be written (not needed by the socket path). */
  userRow: boolean
  userRowError: string | null
  /** Stores whose actors get long journals (activation measurements). */
  activationStores: string[]
  /** Stores used to warm a node up before memory is measured. */
  warmupStores: string[]
  /** Stores whose actors are activated for the memory measurement. */
  memoryStores: string[]
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')

/** Runs `work` in one transaction on `client` with the tenant set (the owner role is bound by FORCE RLS too). */
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

/** Multi-row insert: `rows` are arrays in `columns` order. */
async function insertRows(client: pg.Client, table: string, columns: string[], rows: unknown[][]) {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500)
    const values: unknown[] = []
    const tuples = chunk.map((row) => {
      const start = values.length
      values.push(...row)
      return `(${row.map((_, k) => `$${start + k + 1}`).join(', ')})`
    })
    await client.query(`insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, values)
  }
}

async function insertTenant(client: pg.Client, tenantId: string, label: string) {
  const slug = `bench-${label}-${tenantId.slice(0, 8)}`
  await client.query(`insert into tenants (id, name, slug) values ($1, $2, $3)`, [tenantId, `Bench ${label}`, slug])
}

async function insertStores(client: pg.Client, tenantId: string, storeIds: string[], prefix: string) {
  await insertRows(
    client,
    'stores',
    ['id', 'tenant_id', 'code', 'legal_name', 'state_code', 'address_line1', 'city', 'pincode'],
    storeIds.map((id, i) => [id, tenantId, `${prefix}${i + 1}`, `Bench Store ${prefix}${i + 1} Pvt Ltd`, '29', '1 MG Road', 'Bengaluru', '560001'])
  )
}

/**
 * `storeCount` stores of `perStore` terminals each (one paired device per
 * terminal), spread over tenants of `storesPerTenant` stores.
 */
export async function createLoadFixture(ownerUrl: string, storeCount: number, perStore: number, storesPerTenant: number): Promise<LoadFixture> {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  const terminals: Terminal[] = []
  let tenants = 0
  try {
    for (let first = 0; first < storeCount; first += storesPerTenant) {
      const tenantId = randomUUID()
      tenants++
      const storeIds = Array.from({ length: Math.min(storesPerTenant, storeCount - first) }, () => randomUUID())
      const mine: Terminal[] = []
      await inTenant(client, tenantId, async () => {
        await insertTenant(client, tenantId, 'load')
        await insertStores(client, tenantId, storeIds, 'S')
        const terminalRows: unknown[][] = []
        const deviceRows: unknown[][] = []
        storeIds.forEach((storeId, s) => {
          for (let t = 0; t < perStore; t++) {
            const terminal: Terminal = {
              tenantId,
              storeId,
              terminalId: randomUUID(),
              deviceId: randomUUID(),
              deviceKey: `dk_${randomBytes(32).toString('base64url')}`,
            }
            mine.push(terminal)
            const name = `Counter ${t + 1}`
            terminalRows.push([terminal.terminalId, tenantId, storeId, name, `S${s + 1}T${t + 1}`])
            deviceRows.push([terminal.deviceId, tenantId, storeId, terminal.terminalId, 'terminal', name, sha256Hex(terminal.deviceKey), terminal.deviceKey.slice(0, 10)])
          }
        })
        await insertRows(client, 'terminals', ['id', 'tenant_id', 'store_id', 'name', 'invoice_prefix'], terminalRows)
        await insertRows(client, 'devices', ['id', 'tenant_id', 'store_id', 'terminal_id', 'kind', 'name', 'key_hash', 'key_prefix'], deviceRows)
      })
      terminals.push(...mine)
    }
  } finally {
    await client.end()
  }
  return { terminals, stores: storeCount, tenants }
}

/** One tenant with an owner user (all stores) and plain stores for activation and memory runs. */
export async function createOpsFixture(ownerUrl: string, counts: { activation: number; warmup: number; memory: number }): Promise<OpsFixture> {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  const tenantId = randomUUID()
  const userId = randomUUID()
  const activationStores = Array.from({ length: counts.activation }, () => randomUUID())
  const warmupStores = Array.from({ length: counts.warmup }, () => randomUUID())
  const memoryStores = Array.from({ length: counts.memory }, () => randomUUID())
  let userRow = false
  let userRowError: string | null = null
  try {
    await inTenant(client, tenantId, async () => {
      await insertTenant(client, tenantId, 'ops')
      // The owner's user row and membership are not needed by the socket path (access tokens
      // are verified without the database); they are written when the schema of the day allows.
      await client.query('savepoint owner_user')
      try {
        const { rowCount } = await client.query(
          `select 1 from information_schema.columns where table_schema = 'public' and table_name = 'users' and column_name = 'created_by_tenant'`
        )
        const email = `owner-${tenantId.slice(0, 8)}@bench.test`
        if (rowCount) {
          await client.query(`insert into users (id, name, email, password_hash, created_by_tenant) values ($1, 'Bench Owner', $2, 'x', $3)`, [userId, email, tenantId])
        } else {
          await client.query(`insert into users (id, name, email, password_hash) values ($1, 'Bench Owner', $2, 'x')`, [userId, email])
        }
        await client.query(`insert into memberships (tenant_id, user_id, store_id, role) values ($1, $2, null, 'owner')`, [tenantId, userId])
        await client.query('release savepoint owner_user')
        userRow = true
      } catch (error) {
        await client.query('rollback to savepoint owner_user')
        userRowError = (error as Error).message
      }
      await insertStores(client, tenantId, activationStores, 'A')
      await insertStores(client, tenantId, warmupStores, 'W')
      await insertStores(client, tenantId, memoryStores, 'M')
    })
  } finally {
    await client.end()
  }
  return { tenantId, userId, userRow, userRowError, activationStores, warmupStores, memoryStores }
}

/** Rows of the activation actors' snapshots and journals, for the report. */
export async function journalStats(ownerUrl: string, tenantId: string, storeIds: string[]) {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    return await inTenant(client, tenantId, async () => {
      const { rows } = await client.query(
        `select a.actor_id, a.seq::int as seq, s.seq::int as snapshot_seq, length(s.snapshot::text) as snapshot_bytes
           from actors a left join actor_snapshots s using (tenant_id, kind, actor_id)
          where a.kind = 'store' and a.actor_id = any($1::text[])`,
        [storeIds]
      )
      return rows as Array<{ actor_id: string; seq: number; snapshot_seq: number | null; snapshot_bytes: number | null }>
    })
  } finally {
    await client.end()
  }
}
