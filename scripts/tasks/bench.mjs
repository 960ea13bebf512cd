/*
 * npm run bench: the actor-runtime bench (bench/run.ts) against real services.
 * - a fresh `pos_bench` database on the local PostgreSQL (roles pos_owner and pos_app), migrated;
 * - Redis database 13 on the local Redis, flushed first;
 * - server nodes run as in production (NODE_ENV=production, LOG_LEVEL=warn).
 * It measures and reports (bench/results/actors-<timestamp>.json and stdout); speed is never pass/fail.
 * Extra arguments go to bench/run.ts (e.g. `npm run bench -- --quick`).
 */
import { spawnSync } from 'node:child_process'
import { freshEnvironment } from '../lib/fresh-environment.mjs'

export default async function bench({ root, args, run, log }) {
  const adminUrl = process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/13'
  const database = process.env.BENCH_DATABASE_NAME ?? 'pos_bench'

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

  log('bench: running bench/run.ts (progress on stderr, JSON on stdout)')
  const result = spawnSync('node', ['--import=@poppinss/ts-exec', 'bench/run.ts', ...args], { cwd: root, env, stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
