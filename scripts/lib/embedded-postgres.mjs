/*
 * An embedded PostgreSQL for `npm start` on a machine without one: PGlite (Postgres
 * compiled to WebAssembly) served over the Postgres wire protocol, data under .data/.
 * The application connects with an ordinary postgres:// URL, exactly as to a real
 * server. PGlite is a single session underneath, so the application uses a pool of
 * one connection and switches to the RLS-bound role per transaction.
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { ensureRoles, prepareSchema } from './db-bootstrap.mjs'

export async function startEmbeddedPostgres({ dataDir, port }) {
  mkdirSync(dataDir, { recursive: true })
  const db = await PGlite.create({ dataDir, extensions: { pgcrypto, pg_trgm } })
  await ensureRoles(db)
  await prepareSchema(db, { owner: false })
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 16 })
  await server.start()
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop()
      await db.close()
    },
  }
}
