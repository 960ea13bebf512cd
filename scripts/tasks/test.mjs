/*
 * npm test: every suite against real services.
 * - a fresh `pos_test` database on the local PostgreSQL (roles pos_owner and pos_app), migrated;
 * - Redis database 9 on the local Redis, flushed first;
 * - the shared packages' and the apps' own tests, then the server's Japa suites, then the
 *   admin and terminal apps end to end in Debian Chromium (skipped when arguments pick Japa files).
 * Extra arguments go to Japa (e.g. `npm test -- --files=tests/isolation`).
 */
import { spawn } from 'node:child_process'
import { freshEnvironment } from '../lib/fresh-environment.mjs'

export default async function test({ root, args, run, log }) {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/9'
  const database = process.env.TEST_DATABASE_NAME ?? 'pos_test'

  log('static checks: typecheck and lint (dependency boundaries included)')
  const { default: typecheck } = await import('./typecheck.mjs')
  const { default: lint } = await import('./lint.mjs')
  await typecheck({ root, run })
  await lint({ run, args: [] })

  const env = await freshEnvironment({
    adminUrl,
    database,
    redisUrl,
    nodeEnv: 'test',
    logLevel: 'silent',
    extra: (adminDatabaseUrl) => ({
      DATABASE_ADMIN_URL: adminDatabaseUrl,
      // Short enough for tests to watch a dropped terminal go offline.
      PRESENCE_GRACE_MS: '1500',
    }),
    run,
    log,
  })

  const results = []
  for (const workspace of ['protocols', 'state-machines', 'admin-app', 'terminal-app']) {
    log(`${workspace}: unit tests`)
    results.push(suite(workspace, await tee('npm', ['test', '--silent', '-w', `@pos/${workspace}`], { cwd: root, env })))
  }
  log('server: Japa suites (real PostgreSQL, Redis, HTTP)')
  // A suite that cannot even load can leave the runner waiting forever: bound it.
  results.push(suite('server', await tee('node', ['ace', 'test', ...args], { cwd: root, env, timeoutMs: 15 * 60_000 })))
  if (args.length === 0) {
    // Builds the app, starts two server nodes on this database, drives Debian Chromium.
    log('admin-app: end to end (Debian Chromium, two server nodes)')
    results.push(suite('admin-app e2e', await tee('node', ['admin-app/e2e/with-servers.ts'], { cwd: root, env, timeoutMs: 10 * 60_000 })))
    // Pairs, signs in and sells in Debian Chromium, then 20 sales offline with a reload, then replays.
    log('terminal-app: end to end (Debian Chromium, the connection cut and restored)')
    results.push(suite('terminal-app e2e', await tee('node', ['terminal-app/e2e/run.ts'], { cwd: root, env, timeoutMs: 10 * 60_000 })))
  }

  const passed = results.reduce((n, r) => n + r.passed, 0)
  const failed = results.reduce((n, r) => n + r.failed, 0)
  const broken = results.filter((r) => r.status !== 0).map((r) => r.name)
  if (broken.length > 0) log(`failing: ${broken.join(', ')}`)
  console.log(`${passed} passed, ${failed} failed`)
  process.exit(broken.length > 0 || failed > 0 ? 1 : 0)
}

/** Runs a command, streaming its output as it comes (progress) while keeping a copy to read counts from. */
function tee(command, args, { cwd, env, timeoutMs = 10 * 60_000 }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      process.stdout.write(chunk)
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
      process.stderr.write(chunk)
    })
    const timer = setTimeout(() => {
      process.stderr.write(`\n[pos] ${command} ${args.join(' ')} ran over ${timeoutMs / 60_000} min: stopped\n`)
      child.kill('SIGKILL')
    }, timeoutMs)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ stdout, stderr, status: status ?? 1 })
    })
  })
}

/** Reads a suite's pass/fail counts (node:test or Japa) from its output. */
function suite(name, result) {
  const text = stripAnsi(`${result.stdout}\n${result.stderr}`)
  let passed = 0
  let failed = 0
  const nodePass = /^ℹ pass (\d+)$/m.exec(text)
  const nodeFail = /^ℹ fail (\d+)$/m.exec(text)
  if (nodePass) {
    passed = Number(nodePass[1])
    failed = Number(nodeFail?.[1] ?? 0)
  } else {
    // Japa: "Tests  83 passed, 9 failed (92)" (either count may be missing).
    const japa = /^\s*Tests\s+(.*)$/m.exec(text)
    if (japa) {
      passed = Number(/(\d+) passed/.exec(japa[1])?.[1] ?? 0)
      failed = Number(/(\d+) failed/.exec(japa[1])?.[1] ?? 0)
    }
  }
  if (result.status !== 0 && failed === 0) failed = 1
  return { name, passed, failed, status: result.status }
}

function stripAnsi(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}
