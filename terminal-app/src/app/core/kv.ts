import type { SqlDatabase, SqlStatement } from './sql-database'

/** A JSON value under a key in the terminal's SQLite (`kv` table). */
export async function readKv<T>(db: SqlDatabase, key: string): Promise<T | null> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM kv WHERE key = ?', [key])
  return row === undefined ? null : (JSON.parse(row.value) as T)
}

/** The statement that stores `value` under `key` (to combine with other writes in one transaction). */
export function kvStatement(key: string, value: unknown): SqlStatement {
  return { sql: 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', values: [key, JSON.stringify(value)] }
}

export function kvDelete(key: string): SqlStatement {
  return { sql: 'DELETE FROM kv WHERE key = ?', values: [key] }
}
