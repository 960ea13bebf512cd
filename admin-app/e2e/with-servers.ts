/*
 * Builds the admin app, starts the server (two nodes when Redis is configured, so facts
 * cross nodes), runs the end-to-end tests against it and stops the nodes again:
 *
 *   node admin-app/e2e/with-servers.ts [--no-build]
 *
 * The environment is the server's (DATABASE_URL, DATABASE_OWNER_URL, REDIS_URL, APP_KEY,
 * JWT_SECRET, ...), on a migrated database, as scripts/tasks/test.mjs prepares it. The exit
 * code is the tests'.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
const appRoot = fileURLToPath(new URL('../', import.meta.url))

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

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: appRoot, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const nodes: ChildProcess[] = []
const urls: string[] = []
const count = process.env.REDIS_URL ? 2 : 1
for (let i = 0; i < count; i++) {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ID: `admin-e2e-${i + 1}`, PRESENCE_GRACE_MS: process.env.PRESENCE_GRACE_MS ?? '1500' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  nodes.push(child)
  urls.push(`http://127.0.0.1:${port}`)
}

const stop = () => {
  for (const node of nodes) if (node.exitCode === null) node.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

// run.ts waits for every node to be ready before it starts.
const tests = spawn(process.execPath, [fileURLToPath(new URL('./run.ts', import.meta.url))], {
  cwd: repoRoot,
  env: { ...process.env, POS_E2E_URL: urls[0], ...(urls[1] ? { POS_E2E_URL_2: urls[1] } : {}) },
  stdio: 'inherit',
})
const code = await new Promise<number>((resolve) => tests.on('exit', (status) => resolve(status ?? 1)))
stop()
await Promise.all(nodes.map((node) => (node.exitCode === null ? new Promise((resolve) => node.once('exit', resolve)) : undefined)))
process.exit(code)
