import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'

/*
 * Two connections to the same database:
 * - `app` logs in as (or switches to) a role that row-level security binds:
 *   NOSUPERUSER, NOBYPASSRLS, not the owner of any table. All request and actor
 *   work runs on it, always inside a transaction that sets the tenant.
 * - `owner` owns the tables; only migrations and the demo seeder use it.
 */
const dbConfig = defineConfig({
  connection: 'app',
  connections: {
    app: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_URL') },
      pool: { min: 0, max: env.get('DATABASE_POOL_MAX', 10) },
      debug: false,
    },
    owner: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_OWNER_URL') ?? env.get('DATABASE_URL') },
      pool: { min: 0, max: 2 },
      migrations: {
        naturalSort: true,
        paths: ['database/migrations'],
      },
      seeders: { paths: ['database/seeders'] },
      // Repositories use the query builder, not generated model classes.
      schemaGeneration: { enabled: false },
    },
  },
  prettyPrintDebugQueries: app.inDev,
})

export default dbConfig
