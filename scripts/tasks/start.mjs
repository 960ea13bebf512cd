/*
 * npm start: set up and run the product on this machine.
 * - .env is created with generated secrets on first run;
 * - no DATABASE_URL: an embedded Postgres (PGlite) with its data in .data/;
 * - no REDIS_URL: a single node with in-memory adapters;
 * - the admin app is built when its build is missing or stale;
 * - migrations run, the demo tenant and its catalog are seeded (once), and the server starts.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { ensureEnvFile } from '../lib/env-file.mjs'
import { startEmbeddedPostgres } from '../lib/embedded-postgres.mjs'
import { buildApps } from '../lib/app-builds.mjs'

export default async function start({ root, run, log }) {
  // The admin app is served from its build (under /admin): built when missing or stale.
  buildApps({ root, run, log })
  const env = { ...ensureEnvFile(root), ...process.env }
  let embedded = null
  if (!env.DATABASE_URL) {
    const port = Number(env.EMBEDDED_PG_PORT ?? 54329)
    log(`no DATABASE_URL: starting the embedded Postgres (PGlite) on 127.0.0.1:${port}, data in .data/pglite`)
    embedded = await startEmbeddedPostgres({ dataDir: join(root, '.data', 'pglite'), port })
    Object.assign(env, {
      DATABASE_URL: embedded.url,
      DATABASE_OWNER_URL: embedded.url,
      DATABASE_APP_ROLE: 'pos_app',
      DATABASE_POOL_MAX: '1',
    })
  }
  if (!env.REDIS_URL) log('no REDIS_URL: single node, in-memory adapters and rate limits')

  // Children run asynchronously: the embedded database answers from this process.
  await child('node', ['ace', 'migration:run', '--connection=owner', '--force'], { root, env })
  await child('node', ['ace', 'db:seed', '--connection=owner', '--files=database/seeders/demo_seeder.ts'], { root, env })
  // The demo shop's catalog (runs after the tenant exists; idempotent).
  await child('node', ['ace', 'db:seed', '--connection=owner', '--files=database/seeders/demo_catalog_seeder.ts'], { root, env })
  // Its opening stock, through the ledger (idempotent).
  await child('node', ['ace', 'db:seed', '--connection=owner', '--files=database/seeders/demo_stock_seeder.ts'], { root, env })

  const url = `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? 3333}`
  console.log(`
  POS platform is starting on ${url}
    API:      ${url}/api/v1   (OpenAPI: ${url}/api/v1/openapi.json)
    Health:   ${url}/health/ready
    Admin:    ${url}/admin/      (managers and owners: live dashboard, history auditor, review, stock, catalog)
    Terminal: ${url}/terminal/   (the till: pair it with a code from Admin > Devices)

  Demo tenant "Sharma Kirana Stores" (Bengaluru, Karnataka 29), password for all: demo-pass-2026
    owner    owner@demo.test     or +919900000001
    manager  manager@demo.test   or +919900000002
    cashier  cashier@demo.test   or 9900000003

  Try:  curl -s ${url}/api/v1/auth/login -H 'content-type: application/json' \\
          -d '{"login":"manager@demo.test","password":"demo-pass-2026"}'
`)
  const server = spawn('node', ['--import=@poppinss/ts-exec', 'bin/server.ts'], { cwd: root, env, stdio: 'inherit' })
  const stop = (signal) => server.kill(signal)
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  const code = await new Promise((resolve) => server.on('exit', (status) => resolve(status ?? 0)))
  if (embedded) await embedded.stop()
  process.exit(code)
}

function child(command, args, { root, env }) {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: root, env, stdio: 'inherit' })
    proc.on('exit', (status) =>
      status === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (exit ${status})`))
    )
  })
}
