/*
 * Row-level security, proved against the real database with the application's
 * own role (DATABASE_URL, through withTenant / inRlsTransaction). Tables are
 * discovered from the catalog, so a table added later is covered (or fails
 * here) without editing this file. Every query below deliberately carries no
 * tenant filter: only the policies stand between tenant A and tenant B.
 * Mutations run in transactions that are rolled back, so the fixture stays put.
 */
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { inRlsTransaction, withTenant, type Tx } from '#core/db/tenancy'
import { adminCount, adminRows, asOwner, failureOf, quoteIdent } from '#tests/helpers/db'
import { addMembership, addUser, createTenant, fillEveryTable, type TenantFixture, type UserFixture } from '#tests/helpers/fixtures'

interface TableInfo {
  name: string
  rls: boolean
  forced: boolean
  policies: number
  tenantOwned: boolean
  canInsert: boolean
  canUpdate: boolean
  canDelete: boolean
}

/** Every table of schema public except Lucid's migration bookkeeping, with what the app role may do to it. */
async function publicTables(appRole: string): Promise<TableInfo[]> {
  return adminRows<TableInfo>(
    `select c.relname as name, c.relrowsecurity as rls, c.relforcerowsecurity as forced,
            (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies,
            exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as "tenantOwned",
            has_table_privilege($1, c.oid, 'INSERT') as "canInsert",
            has_table_privilege($1, c.oid, 'UPDATE') as "canUpdate",
            has_table_privilege($1, c.oid, 'DELETE') as "canDelete"
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname not like 'adonis\\_schema%'
      order by c.relname`,
    [appRole]
  )
}

/** Runs `work` in tenant `tenantId` on the application connection, then rolls everything back. */
async function rolledBack<T>(tenantId: string, work: (trx: Tx) => Promise<T>): Promise<T> {
  class Rollback extends Error {
    constructor(readonly value: T) {
      super('rollback')
    }
  }
  try {
    await withTenant(tenantId, async (trx) => {
      throw new Rollback(await work(trx))
    })
  } catch (error) {
    if (error instanceof Rollback) return error.value
    throw error
  }
  throw new Error('unreachable: the transaction always rolls back')
}

async function count(trx: Tx | typeof db, table: string): Promise<number> {
  const result = await trx.rawQuery(`select count(*)::int as n from ${quoteIdent(table)}`)
  return result.rows[0].n
}

/** Postgres refused for lack of privilege or by a policy (SQLSTATE 42501). */
function refused(error: (Error & { code?: string }) | null, pattern: RegExp) {
  return error?.code === '42501' && pattern.test(error.message)
}

test.group('row-level security', (group) => {
  let a: TenantFixture
  let b: TenantFixture
  /** Belongs to both tenants. */
  let shared: UserFixture
  let appRole: string
  let tables: TableInfo[]
  let tenantTables: TableInfo[]

  group.setup(async () => {
    a = await createTenant()
    b = await createTenant()
    await fillEveryTable(a)
    await fillEveryTable(b)
    shared = await addUser(a.tenantId, 'cashier', a.storeId)
    await addMembership(b.tenantId, shared.id, 'cashier', b.storeId)
    appRole = (await withTenant(a.tenantId, (trx) => trx.rawQuery('select current_user as role'))).rows[0].role
    tables = await publicTables(appRole)
    tenantTables = tables.filter((table) => table.tenantOwned)
  })

  test('every table in schema public has row-level security enabled and forced, and a policy', ({ assert }) => {
    const names = tables.map((table) => table.name)
    assert.includeMembers(names, ['tenants', 'users', 'memberships', 'audit_log'], 'the catalog query finds the tables')
    const unprotected = tables.filter((table) => !table.rls || !table.forced || table.policies === 0)
    assert.deepEqual(unprotected, [], 'tables without enabled + forced RLS and at least one policy')
  })

  test('the application role is no superuser, cannot bypass RLS, owns nothing and cannot become an owner', async ({ assert }) => {
    const [role] = await adminRows('select rolsuper, rolbypassrls from pg_roles where rolname = $1', [appRole])
    assert.deepEqual(role, { rolsuper: false, rolbypassrls: false })
    const owned = await adminRows(
      `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and pg_get_userbyid(c.relowner) = $1`,
      [appRole]
    )
    assert.deepEqual(owned, [], 'relations owned by the application role')
    // FORCE RLS binds a table owner only if it is neither superuser nor BYPASSRLS,
    // and the app role must not be able to SET ROLE to it.
    const owners = await adminRows(
      `select distinct r.rolname, r.rolsuper, r.rolbypassrls, pg_has_role($1, r.oid, 'MEMBER') as "appIsMember"
         from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_roles r on r.oid = c.relowner
        where n.nspname = 'public' and c.relkind in ('r', 'p')`,
      [appRole]
    )
    assert.isAbove(owners.length, 0)
    for (const owner of owners) {
      assert.deepEqual(owner, { rolname: owner.rolname, rolsuper: false, rolbypassrls: false, appIsMember: false })
    }
    const definers = await adminRows(
      `select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef`
    )
    assert.deepEqual(definers, [], 'SECURITY DEFINER functions run as their owner and could read around the policies')
  })

  test('both tenants have rows in every tenant-owned table (ground truth, as superuser)', async ({ assert }) => {
    assert.isAbove(tenantTables.length, 0)
    const empty: string[] = []
    for (const { name } of tenantTables) {
      for (const [label, tenant] of [['A', a], ['B', b]] as const) {
        if ((await adminCount(name, 'tenant_id = $1', [tenant.tenantId])) === 0) empty.push(`${name} (${label})`)
      }
    }
    assert.deepEqual(empty, [], 'tables without fixture rows: extend fillEveryTable in tests/helpers/fixtures.ts')
  })

  test("an unfiltered select in tenant A sees exactly A's rows, none of B's", async ({ assert }) => {
    const wrong: Array<{ table: string; seen: number; ofB: number; expected: number }> = []
    for (const { name } of tenantTables) {
      const expected = await adminCount(name, 'tenant_id = $1', [a.tenantId])
      const [seen, ofB] = await withTenant(a.tenantId, async (trx) => [
        await count(trx, name),
        (await trx.rawQuery(`select count(*)::int as n from ${quoteIdent(name)} where tenant_id = ?`, [b.tenantId])).rows[0].n,
      ])
      if (seen !== expected || ofB !== 0) wrong.push({ table: name, seen, ofB, expected })
    }
    assert.deepEqual(wrong, [])
  })

  test("an unfiltered update in tenant A touches only A's rows; append-only tables refuse it", async ({ assert }) => {
    const wrong: Array<{ table: string; outcome: string }> = []
    for (const table of tenantTables) {
      const expected = await adminCount(table.name, 'tenant_id = $1', [a.tenantId])
      let touched = -1
      const error = await failureOf(async () => {
        touched = await rolledBack(a.tenantId, async (trx) => (await trx.rawQuery(`update ${quoteIdent(table.name)} set tenant_id = tenant_id`)).rowCount)
      })
      const ok = table.canUpdate ? error === null && touched === expected : refused(error, /permission denied/)
      if (!ok) wrong.push({ table: table.name, outcome: error ? `${error.code} ${error.message}` : `touched ${touched} of A's ${expected}` })
    }
    assert.deepEqual(wrong, [])
  })

  test("an unfiltered delete in tenant A removes only A's rows, and B's are untouched", async ({ assert }) => {
    const countsOfB = () => Promise.all(tenantTables.map((table) => adminCount(table.name, 'tenant_id = $1', [b.tenantId])))
    const before = await countsOfB()
    const wrong: Array<{ table: string; outcome: string }> = []
    for (const table of tenantTables) {
      const expected = await adminCount(table.name, 'tenant_id = $1', [a.tenantId])
      let deleted = -1
      const error = await failureOf(async () => {
        deleted = await rolledBack(a.tenantId, async (trx) => (await trx.rawQuery(`delete from ${quoteIdent(table.name)}`)).rowCount)
      })
      const ok = table.canDelete ? error === null && deleted === expected : refused(error, /permission denied/)
      if (!ok) wrong.push({ table: table.name, outcome: error ? `${error.code} ${error.message}` : `deleted ${deleted} of A's ${expected}` })
    }
    assert.deepEqual(wrong, [])
    assert.deepEqual(await countsOfB(), before, "B's row counts per table")
  })

  test("in tenant A, a row cannot be written with tenant B's id (policy WITH CHECK)", async ({ assert }) => {
    const wrong: Array<{ table: string; statement: string; outcome: string }> = []
    for (const table of tenantTables) {
      const columns = await adminRows<{ name: string }>(
        `select attname as name from pg_attribute
          where attrelid = $1::regclass and attnum > 0 and not attisdropped and attidentity <> 'a' and attgenerated = ''
          order by attnum`,
        [`public.${quoteIdent(table.name)}`]
      )
      const list = columns.map((column) => quoteIdent(column.name)).join(', ')
      const values = columns.map((column) => (column.name === 'tenant_id' ? '?::uuid' : quoteIdent(column.name))).join(', ')
      const statements = {
        // A copy of one of A's rows, relabelled as B's.
        insert: `insert into ${quoteIdent(table.name)} (${list}) select ${values} from ${quoteIdent(table.name)} limit 1`,
        update: `update ${quoteIdent(table.name)} set tenant_id = ?::uuid`,
      }
      for (const [statement, sql] of Object.entries(statements)) {
        const allowed = statement === 'insert' ? table.canInsert : table.canUpdate
        const error = await failureOf(() => rolledBack(a.tenantId, (trx) => trx.rawQuery(sql, [b.tenantId])))
        if (!refused(error, allowed ? /row-level security/ : /permission denied/)) {
          wrong.push({ table: table.name, statement, outcome: error ? `${error.code} ${error.message}` : 'accepted' })
        }
      }
    }
    assert.deepEqual(wrong, [])
  })

  test('with no tenant set, tenant-owned tables, tenants and users read no rows', async ({ assert }) => {
    const names = [...tenantTables.map((table) => table.name), 'tenants', 'users']
    const seen: Record<string, number[]> = {}
    for (const name of names) {
      assert.isAbove(await adminCount(name), 0, `${name} has rows (as superuser)`)
      const inTransaction = await inRlsTransaction({}, (trx) => count(trx, name))
      const bare = await count(db, name)
      if (inTransaction !== 0 || bare !== 0) seen[name] = [inTransaction, bare]
    }
    assert.deepEqual(seen, {}, 'rows visible without a tenant: [in a transaction, on a bare connection]')
  })

  test('tenants: a tenant sees and may change only its own row, and can neither create nor delete one', async ({ assert }) => {
    const visible = await withTenant(a.tenantId, async (trx) => (await trx.rawQuery('select id from tenants')).rows)
    assert.deepEqual(visible, [{ id: a.tenantId }])
    const renamed = await rolledBack(a.tenantId, async (trx) => (await trx.rawQuery('update tenants set name = name')).rowCount)
    assert.equal(renamed, 1)
    const insert = await failureOf(() =>
      withTenant(a.tenantId, (trx) => trx.rawQuery(`insert into tenants (name, slug) values ('x', ?)`, [`x-${a.tenantId.slice(0, 8)}`]))
    )
    assert.isTrue(refused(insert, /permission denied/), String(insert))
    const remove = await failureOf(() => withTenant(a.tenantId, (trx) => trx.rawQuery('delete from tenants')))
    assert.isTrue(refused(remove, /permission denied/), String(remove))
    assert.equal(await adminCount('tenants', 'id = any($1)', [[a.tenantId, b.tenantId]]), 2)
  })

  test('users: visible through a membership in (or creation by) the current tenant; changed only by their creator', async ({ assert }) => {
    for (const [tenant, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const members = await adminRows<{ id: string }>(
        `select id from users where id in (select user_id from memberships where tenant_id = $1) or created_by_tenant = $1 order by id`,
        [tenant.tenantId]
      )
      const visible = await withTenant(tenant.tenantId, async (trx) => (await trx.rawQuery('select id from users order by id')).rows)
      assert.deepEqual(visible, members)
      const ids = visible.map((row: { id: string }) => row.id)
      assert.include(ids, shared.id)
      assert.notInclude(ids, other.owner.id)
      const created = await adminCount('users', 'created_by_tenant = $1', [tenant.tenantId])
      const updated = await rolledBack(tenant.tenantId, async (trx) => (await trx.rawQuery('update users set name = name')).rowCount)
      assert.equal(updated, created, "a tenant changes only the logins it created, not a shared person's")
    }
  })

  // Memberships are only for logins the tenant created: a self-made membership
  // must not make another tenant's user (email, phone, password hash) readable.
  test("a tenant cannot read another tenant's user by giving it a membership", async ({ assert }) => {
    let leaked: unknown[] = []
    const failure = await failureOf(async () => {
      leaked = await rolledBack(a.tenantId, async (trx) => {
        await trx.rawQuery(`insert into memberships (tenant_id, user_id, store_id, role) values (?, ?, null, 'cashier')`, [a.tenantId, b.owner.id])
        return (await trx.rawQuery('select id, email, password_hash from users where id = ?', [b.owner.id])).rows
      })
    })
    assert.deepEqual(leaked, [], "tenant A read B's owner after writing a membership for it")
    assert.isTrue(refused(failure, /row-level security/), String(failure))
  })

  test('audit_log is append-only, even within its tenant and for the table owner', async ({ assert }) => {
    const snapshot = () => adminRows('select * from audit_log where tenant_id = $1 order by id', [a.tenantId])
    const before = await snapshot()
    assert.isAbove(before.length, 0)
    const appended = await rolledBack(a.tenantId, async (trx) =>
      (await trx.rawQuery(`insert into audit_log (tenant_id, action) values (?, 'test.append')`, [a.tenantId])).rowCount
    )
    assert.equal(appended, 1, 'appending is allowed')
    for (const sql of ['update audit_log set action = action', 'delete from audit_log']) {
      const asApp = await failureOf(() => withTenant(a.tenantId, (trx) => trx.rawQuery(sql)))
      assert.isTrue(refused(asApp, /permission denied/), `${sql} as the application role: ${asApp}`)
      const asTableOwner = await failureOf(() => asOwner(a.tenantId, (trx) => trx.rawQuery(sql)))
      assert.match(String(asTableOwner?.message), /append-only/, `${sql} as the table owner`)
    }
    assert.deepEqual(await snapshot(), before)
  })

  test('the tenant setting does not outlive its transaction on pooled connections', async ({ assert }) => {
    const probe = `select pg_backend_pid() as pid, current_setting('app.tenant_id', true) as tenant from pg_sleep(0.05)`
    // Several at once, so several pooled connections carry a tenant; half of them roll back.
    const inside: Array<{ pid: number; tenant: string }> = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        withTenant(a.tenantId, async (trx) => {
          const row = (await trx.rawQuery(probe)).rows[0]
          if (index % 2) throw Object.assign(new Error('roll back'), { row })
          return row
        }).catch((error) => error.row)
      )
    )
    assert.deepEqual(new Set(inside.map((row) => row.tenant)), new Set([a.tenantId]))
    const used = new Set(inside.map((row) => row.pid))
    const after = await Promise.all(Array.from({ length: 6 }, async () => (await db.rawQuery(probe)).rows[0]))
    assert.isTrue(
      after.some((row: { pid: number }) => used.has(row.pid)),
      'the probe reused a connection that had carried a tenant'
    )
    for (const row of after) assert.oneOf(row.tenant, ['', null], `connection ${row.pid} still carries a tenant`)
  })
})
