/*
 * Database access for tests, outside the application's own paths:
 * - `adminRows` / `adminCount`: the superuser connection, which row-level
 *   security does not bind. Ground truth for assertions only; never used to
 *   arrange data.
 * - `asOwner`: the table owner inside one tenant's context (FORCE RLS binds the
 *   owner too), for inserting fixtures the API has no route for.
 */
import pg from 'pg'
import type { Assert } from '@japa/assert'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

let pool: pg.Pool | undefined

function adminPool(): pg.Pool {
  if (pool) return pool
  // Not an application setting (start/env.ts does not declare it): only the
  // test runner (scripts/tasks/test.mjs) provides it, for ground-truth reads.
  const url = process.env.DATABASE_ADMIN_URL
  if (!url) {
    throw new Error('DATABASE_ADMIN_URL is not set: run the suites with `npm test` (scripts/tasks/test.mjs)')
  }
  pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true })
  return pool
}

/** Rows of a query run as the superuser (bypasses RLS). */
export async function adminRows<R extends Record<string, any> = Record<string, any>>(sql: string, params: unknown[] = []): Promise<R[]> {
  return (await adminPool().query(sql, params)).rows as R[]
}

/** `select count(*)` as the superuser; `where` may use $1.. bound to `params`. */
export async function adminCount(table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const [row] = await adminRows<{ n: number }>(`select count(*)::int as n from ${quoteIdent(table)} where ${where}`, params)
  return row!.n
}

/** Row counts of `tables`, as the superuser: take one before and one after a request that must not write. */
export async function adminCounts(tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of tables) counts[table] = await adminCount(table)
  return counts
}

/**
 * Runs `requests`, then asserts that `tables` hold exactly as many rows as
 * before plus `added` (nothing, unless given). Tests run one at a time, so
 * whole-table counts see only what `requests` wrote.
 */
export async function expectWrites<T extends string>(
  assert: Assert,
  tables: readonly T[],
  requests: () => Promise<void>,
  added: Partial<Record<T, number>> = {}
) {
  const before = await adminCounts(tables)
  await requests()
  const expected = Object.fromEntries(tables.map((table) => [table, before[table]! + (added[table] ?? 0)]))
  assert.deepEqual(await adminCounts(tables), expected, 'rows written')
}

/** Runs `work` as the table owner in one transaction scoped to `tenantId`. */
export function asOwner<T>(tenantId: string, work: (trx: TransactionClientContract) => Promise<T>): Promise<T> {
  return db.connection('owner').transaction(async (trx) => {
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [tenantId])
    return work(trx)
  })
}

export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`
}

/** The error `work` fails with, or null when it succeeds (for asserting Postgres error codes). */
export async function failureOf(work: () => Promise<unknown>): Promise<(Error & { code?: string }) | null> {
  try {
    await work()
    return null
  } catch (error) {
    return error as Error & { code?: string }
  }
}
