/*
 * npm run bench: the benchmarks, against real services, one after another:
 *   actors  bench/run.ts     actor runtime: command round trips, activation, memory
 *   stock   bench/stock.ts   stock movements through the store actor vs raw inserts
 *   search  bench/search.ts  item search at 100,000 items x 3 tenants
 *   sales   bench/sales.ts   complete sales at 50 and 200 terminals vs raw inserts
 * Each gets a fresh, migrated `pos_bench` database and a flushed Redis db 13, and
 * runs with a production-like environment (NODE_ENV=production, LOG_LEVEL=warn).
 * It measures and reports (bench/results/<suite>-<timestamp>.json and stdout);
 * speed is never pass/fail.
 * `--only=search,sales` picks suites; every other argument goes to each suite
 * (e.g. `npm run bench -- --quick`).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { freshEnvironment } from '../lib/fresh-environment.mjs'

const SUITES = [
  { name: 'actors', script: 'bench/run.ts' },
  { name: 'stock', script: 'bench/stock.ts' },
  { name: 'search', script: 'bench/search.ts' },
  { name: 'sales', script: 'bench/sales.ts' },
]

export default async function bench({ root, args, run, log }) {
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13'
  const database = process.env.BENCH_DATABASE_NAME ?? 'pos_bench'

  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',')
  const passed = args.filter((a) => !a.startsWith('--only='))
  const unknown = (only ?? []).filter((name) => !SUITES.some((s) => s.name === name))
  if (unknown.length > 0) {
    console.error(`unknown bench suite(s): ${unknown.join(', ')} (known: ${SUITES.map((s) => s.name).join(', ')})`)
    process.exit(2)
  }
  const suites = SUITES.filter((s) => (only ? only.includes(s.name) : true) && existsSync(join(root, s.script)))

  let failed = 0
  for (const [index, suite] of suites.entries()) {
    const env = await freshEnvironment({
      adminUrl,
      database,
      redisUrl,
      nodeEnv: 'production',
      logLevel: 'warn',
      extra: (adminDatabaseUrl) => ({
        BENCH_DATABASE_ADMIN_URL: adminDatabaseUrl,
        // Terminals dropped between scenarios must not go offline mid-run (their grace timers would fire).
        PRESENCE_GRACE_MS: '3600000',
      }),
      run,
      log,
      migrateStdio: ['ignore', 2, 2],
    })
    log(`bench ${index + 1}/${suites.length}: ${suite.name} (${suite.script}; progress on stderr, JSON on stdout)`)
    const result = spawnSync('node', ['--import=@poppinss/ts-exec', suite.script, ...passed], { cwd: root, env, stdio: 'inherit' })
    if (result.status !== 0) {
      failed++
      log(`bench ${suite.name} exited with ${result.status ?? result.signal}`)
    }
  }
  process.exit(failed > 0 ? 1 : 0)
}
