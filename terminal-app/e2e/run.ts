/*
 * The terminal app's end-to-end run, self-contained:
 *
 *   node terminal-app/e2e/run.ts [--no-build]
 *
 * 1. Environment: the server's (DATABASE_URL, DATABASE_OWNER_URL, REDIS_URL, APP_KEY, JWT_SECRET)
 *    when scripts/tasks/test.mjs prepared it; otherwise a fresh one (database
 *    TEST_DATABASE_NAME, default pos_terminal_e2e; Redis TEST_REDIS_URL, default db 10).
 * 2. Builds the app (ng build) unless --no-build.
 * 3. Starts the server, and the app's origin (e2e/support/proxy.ts) in front of it.
 * 4. Writes the fixtures straight into Postgres as the table owner.
 * 5. Runs terminal.e2e.ts (node:test, puppeteer-core driving Debian's Chromium); screenshots
 *    go to test-artifacts/terminal/. The exit code is the tests'.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createFixtures } from './support/fixtures.ts'
import { startProxy } from './support/proxy.ts'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const appRoot = fileURLToPath(new URL('../', import.meta.url))
const log = (message: string) => console.log(`[terminal-e2e] ${message}`)

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; stdio?: 'inherit' | 'ignore' } = {}) {
  const result = spawnSync(command, args, { cwd: options.cwd ?? repoRoot, stdio: options.stdio ?? 'inherit', env: options.env ?? process.env })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function environment(): Promise<NodeJS.ProcessEnv> {
  if (process.env['DATABASE_URL'] && process.env['DATABASE_OWNER_URL']) return process.env
  const modulePath = join(repoRoot, 'scripts/lib/fresh-environment.mjs')
  const { freshEnvironment } = (await import(modulePath)) as { freshEnvironment: (options: Record<string, unknown>) => Promise<NodeJS.ProcessEnv> }
  return freshEnvironment({
    adminUrl: process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    database: process.env['TEST_DATABASE_NAME'] ?? 'pos_terminal_e2e',
    redisUrl: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379/10',
    nodeEnv: 'test',
    logLevel: 'silent',
    extra: (adminDatabaseUrl: string) => ({ DATABASE_ADMIN_URL: adminDatabaseUrl, PRESENCE_GRACE_MS: '1500' }),
    run: (command: string, args: string[], options: { env?: NodeJS.ProcessEnv }) => run(command, args, { ...options, stdio: 'ignore' }),
    log,
  })
}

async function waitForServer(url: string, node: ChildProcess) {
  const deadline = Date.now() + 120_000
  for (;;) {
    if (node.exitCode !== null) throw new Error(`the server exited (${node.exitCode})`)
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)
    if (ready) return
    if (Date.now() > deadline) throw new Error(`${url} is not ready after 120 s`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

const env = await environment()
if (!process.argv.includes('--no-build')) {
  log('building the app')
  run('node', ['scripts/vendor-assets.mjs'], { cwd: appRoot })
  run('npx', ['ng', 'build', '--progress=false'], { cwd: appRoot, env: { ...process.env, NG_CLI_ANALYTICS: 'false' } })
}

const port = await freePort()
const server = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
  cwd: repoRoot,
  env: { ...env, HOST: '127.0.0.1', PORT: String(port), NODE_ID: 'terminal-e2e' },
  stdio: ['ignore', 'inherit', 'inherit'],
})
const stopServer = () => {
  if (server.exitCode === null) server.kill('SIGTERM')
}
process.on('SIGINT', stopServer)
process.on('SIGTERM', stopServer)

let code = 1
try {
  const serverUrl = `http://127.0.0.1:${port}`
  await waitForServer(serverUrl, server)
  const proxy = await startProxy(join(appRoot, 'www', 'browser'), new URL(serverUrl))
  const control = createServer((socket) => {
    socket.on('data', (chunk) => {
      const command = chunk.toString().trim()
      if (command === 'cut') proxy.cut()
      if (command === 'restore') proxy.restore()
      socket.end('ok\n')
    })
  })
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve))
  const controlPort = (control.address() as { port: number }).port

  const fixtures = await createFixtures(String(env['DATABASE_OWNER_URL']))
  const artifacts = process.env['POS_E2E_ARTIFACTS'] ?? join(repoRoot, 'test-artifacts', 'terminal')
  mkdirSync(artifacts, { recursive: true })
  const fixturesFile = join(artifacts, '.fixtures.json')
  writeFileSync(fixturesFile, JSON.stringify(fixtures, null, 2))

  const tests = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', join(appRoot, 'e2e', 'terminal.e2e.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...env,
      POS_E2E_APP_URL: `${proxy.url}/terminal/`,
      POS_E2E_SERVER_URL: serverUrl,
      POS_E2E_CONTROL_PORT: String(controlPort),
      POS_E2E_FIXTURES: fixturesFile,
      POS_E2E_ARTIFACTS: artifacts,
    },
  })
  code = await new Promise<number>((resolve) => tests.on('exit', (status) => resolve(status ?? 1)))
  control.close()
  await proxy.close()
} catch (error) {
  console.error(error)
  code = 1
} finally {
  stopServer()
  await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve(undefined)))
}
process.exit(code)
