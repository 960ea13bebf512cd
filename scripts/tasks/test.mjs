/*
 * npm test: every suite against real services.
 * - a fresh `pos_test` database on the local PostgreSQL (roles pos_owner and pos_app), migrated;
 * - Redis database 9 on the local Redis, flushed first;
 * - the shared packages' own tests, then the server's Japa suites.
 * Extra arguments go to Japa (e.g. `npm test -- --files=tests/isolation`).
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import Redis from 'ioredis'
import { APP_ROLE, OWNER_ROLE, recreateDatabase, urlFor } from '../lib/db-bootstrap.mjs'
import { ensurePostgres, ensureRedis } from '../lib/services.mjs'

export default async function test({ root, args, run, log }) {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/9'
  const database = process.env.TEST_DATABASE_NAME ?? 'pos_test'

  log('static checks: typecheck and lint (dependency boundaries included)')
  const { default: typecheck } = await import('./typecheck.mjs')
  const { default: lint } = await import('./lint.mjs')
  await typecheck({ root, run })
  await lint({ run, args: [] })

  await ensurePostgres(log)
  await ensureRedis(log)
  log(`fresh database ${database}`)
  await recreateDatabase(adminUrl, database)
  const redis = new Redis(redisUrl)
  await redis.flushdb()
  redis.disconnect()

  const env = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    APP_KEY: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATABASE_URL: urlFor(adminUrl, database, APP_ROLE),
    DATABASE_OWNER_URL: urlFor(adminUrl, database, OWNER_ROLE),
    DATABASE_ADMIN_URL: urlFor(adminUrl, database, new URL(adminUrl).username || 'postgres'),
    REDIS_URL: redisUrl,
    // Short enough for tests to watch a dropped terminal go offline.
    PRESENCE_GRACE_MS: '1500',
  }
  run('node', ['ace', 'migration:run', '--connection=owner', '--force'], { env })

  const results = []
  for (const workspace of ['protocols', 'state-machines']) {
    log(`${workspace}: unit tests`)
    results.push(suite(workspace, spawnSync('npm', ['test', '--silent', '-w', `@pos/${workspace}`], { cwd: root, env, encoding: 'utf8' })))
  }
  log('server: Japa suites (real PostgreSQL, Redis, HTTP)')
  results.push(suite('server', spawnSync('node', ['ace', 'test', ...args], { cwd: root, env, encoding: 'utf8' })))

  const passed = results.reduce((n, r) => n + r.passed, 0)
  const failed = results.reduce((n, r) => n + r.failed, 0)
  const broken = results.filter((r) => r.status !== 0).map((r) => r.name)
  if (broken.length > 0) log(`failing: ${broken.join(', ')}`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(broken.length > 0 || failed > 0 ? 1 : 0)
}

/** Echoes a suite's output and reads its pass/fail counts (node:test or Japa). */
function suite(name, result) {
  process.stdout.write(result.stdout ?? '')
  process.stderr.write(result.stderr ?? '')
  const text = stripAnsi(`${result.stdout}\n${result.stderr}`)
  let passed = 0
  let failed = 0
  const nodePass = /^ℹ pass (\d+)$/m.exec(text)
  const nodeFail = /^ℹ fail (\d+)$/m.exec(text)
  if (nodePass) {
    passed = Number(nodePass[1])
    failed = Number(nodeFail?.[1] ?? 0)
  } else {
    const japa = /Tests\s+(?:(\d+) failed, )?(\d+) passed/.exec(text)
    if (japa) {
      failed = Number(japa[1] ?? 0)
      passed = Number(japa[2])
    }
  }
  if (result.status !== 0 && failed === 0) failed = 1
  return { name, passed, failed, status: result.status }
}

function stripAnsi(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}
