/*
 * The terminal's SQLite, behind a two-call interface: `query` reads, `write` applies a list of
 * statements atomically and resolves only once they are durable. On Android that is the native
 * SQLite file; on the web it is jeep-sqlite (sql.js in memory) and "durable" means the database
 * has been saved through to IndexedDB — an outbox entry must never live only in memory.
 */
import { Capacitor } from '@capacitor/core'
import { CapacitorSQLite, SQLiteConnection, type SQLiteDBConnection } from '@capacitor-community/sqlite'

export interface SqlStatement {
  readonly sql: string
  readonly values?: readonly unknown[]
}

export interface SqlDatabase {
  readonly name: string
  query<T = Record<string, unknown>>(sql: string, values?: readonly unknown[]): Promise<T[]>
  /** Runs the statements in one transaction; resolves once the change is durable. */
  write(statements: readonly SqlStatement[]): Promise<void>
  close(): Promise<void>
}

const sqlite = new SQLiteConnection(CapacitorSQLite)
let webStore: Promise<void> | null = null

/** Where jeep-sqlite finds sql-wasm.wasm: beside the app (`/terminal/assets` on the server, `/assets` in the Android bundle). */
function wasmPath(): string {
  return new URL('assets', document.baseURI).pathname
}

/** The web backend: the jeep-sqlite element on the page, then the web store (once per page). */
function ensureWebStore(): Promise<void> {
  webStore ??= (async () => {
    const { defineCustomElements } = await import('jeep-sqlite/loader')
    await defineCustomElements(window)
    if (document.querySelector('jeep-sqlite') === null) {
      const element = document.createElement('jeep-sqlite')
      element.setAttribute('autosave', 'true')
      element.setAttribute('wasmpath', wasmPath())
      document.body.appendChild(element)
    }
    await customElements.whenDefined('jeep-sqlite')
    await sqlite.initWebStore()
  })()
  return webStore
}

class CapacitorSqlDatabase implements SqlDatabase {
  #queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly name: string,
    private readonly connection: SQLiteDBConnection,
    private readonly web: boolean,
  ) {}

  async query<T>(sql: string, values: readonly unknown[] = []): Promise<T[]> {
    // Reads wait for earlier writes: a read right after a write sees it.
    await this.#queue.catch(() => undefined)
    const result = await this.connection.query(sql, [...values])
    return (result.values ?? []) as T[]
  }

  write(statements: readonly SqlStatement[]): Promise<void> {
    // One write at a time: two interleaved transactions on one connection would mix.
    const next = this.#queue.catch(() => undefined).then(async () => {
      if (statements.length === 0) return
      await this.connection.executeSet(
        statements.map((s) => ({ statement: s.sql, values: [...(s.values ?? [])] })),
        true,
      )
      if (this.web) await sqlite.saveToStore(this.name)
    })
    this.#queue = next
    return next
  }

  async close(): Promise<void> {
    await this.#queue.catch(() => undefined)
    await sqlite.closeConnection(this.name, false)
  }
}

/**
 * Opens (creating if needed) the named database with the terminal schema applied: native SQLite
 * on Android, jeep-sqlite persisted to IndexedDB in a browser.
 */
export async function openSqlDatabase(name: string): Promise<SqlDatabase> {
  const web = Capacitor.getPlatform() === 'web'
  if (web) await ensureWebStore()
  await sqlite.checkConnectionsConsistency().catch(() => undefined)
  const existing = (await sqlite.isConnection(name, false)).result === true
  const connection = existing
    ? await sqlite.retrieveConnection(name, false)
    : await sqlite.createConnection(name, false, 'no-encryption', 1, false)
  if (!(await connection.isDBOpen()).result) await connection.open()
  const db = new CapacitorSqlDatabase(name, connection, web)
  await migrate(db)
  return db
}

/** The schema, in order; each step runs once (PRAGMA user_version counts them). */
const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`,
    // The outbox: commands in the order they were made; client_seq is what the server orders by.
    `CREATE TABLE IF NOT EXISTS outbox (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       command_id TEXT NOT NULL UNIQUE,
       client_seq INTEGER NOT NULL,
       name TEXT NOT NULL,
       payload TEXT NOT NULL,
       created_at TEXT NOT NULL,
       attempts INTEGER NOT NULL DEFAULT 0,
       last_error TEXT
     )`,
    `CREATE TABLE IF NOT EXISTS outbox_refused (
       command_id TEXT PRIMARY KEY NOT NULL,
       client_seq INTEGER NOT NULL,
       name TEXT NOT NULL,
       payload TEXT NOT NULL,
       code TEXT NOT NULL,
       message TEXT NOT NULL,
       refused_at TEXT NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS items (
       id TEXT PRIMARY KEY NOT NULL,
       sku TEXT NOT NULL,
       name TEXT NOT NULL,
       local_name TEXT,
       hsn TEXT NOT NULL,
       unit TEXT NOT NULL,
       fractional INTEGER NOT NULL,
       tax_class_id TEXT NOT NULL,
       rate_percent TEXT,
       cess_percent TEXT,
       upcoming_rates TEXT NOT NULL,
       price_paise INTEGER,
       mrp_paise INTEGER,
       prices_include_tax INTEGER NOT NULL,
       station_route TEXT,
       active INTEGER NOT NULL,
       search TEXT NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS barcodes (code TEXT PRIMARY KEY NOT NULL, item_id TEXT NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS barcodes_item ON barcodes (item_id)`,
    `CREATE TABLE IF NOT EXISTS tax_classes (id TEXT PRIMARY KEY NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, active INTEGER NOT NULL, rates TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS categories (id TEXT PRIMARY KEY NOT NULL, parent_id TEXT, name TEXT NOT NULL, station_route TEXT, active INTEGER NOT NULL)`,
    // Local sales: the machine events that rebuild each one, and what the server made of it.
    `CREATE TABLE IF NOT EXISTS sales (
       sale_id TEXT PRIMARY KEY NOT NULL,
       input TEXT NOT NULL,
       events TEXT NOT NULL,
       status TEXT NOT NULL,
       invoice_number TEXT,
       grand_total_paise INTEGER NOT NULL DEFAULT 0,
       offline INTEGER NOT NULL DEFAULT 0,
       server_status TEXT NOT NULL DEFAULT 'pending',
       server_number TEXT,
       updated_at TEXT NOT NULL
     )`,
    `INSERT OR IGNORE INTO kv (key, value) VALUES ('nextClientSeq', '1')`,
  ],
]

async function migrate(db: SqlDatabase): Promise<void> {
  const [row] = await db.query<{ user_version: number }>('PRAGMA user_version')
  const version = Number(row?.user_version ?? 0)
  for (let i = version; i < MIGRATIONS.length; i++) {
    await db.write([...MIGRATIONS[i]!.map((sql) => ({ sql })), { sql: `PRAGMA user_version = ${i + 1}` }])
  }
}
