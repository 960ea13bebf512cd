/*
 * End-to-end run of the admin app against a running server:
 *
 *   POS_E2E_URL=http://127.0.0.1:3333 DATABASE_OWNER_URL=postgres://pos_owner@127.0.0.1/pos \
 *     node admin-app/e2e/run.ts [--only=<name>]
 *
 * The server must serve the built app (npm run build -w admin-app) and be migrated; this
 * script adds its own fixtures (two fresh tenants) through DATABASE_OWNER_URL, then runs the
 * *.e2e.ts files in order (each drives Debian's Chromium with puppeteer-core) with node:test.
 * Optional: POS_E2E_URL_2 (a second node of the same cluster), CHROMIUM_PATH,
 * POS_E2E_ARTIFACTS (screenshots; default test-artifacts/admin).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createFixtures } from './support/fixtures.ts'

/** Run in this order (node:test orders files by name): the dashboard run records the journal the auditor reads. */
const FILES = ['1-access', '2-dashboard', '3-auditor', '4-devices-users', '5-sales']

const here = fileURLToPath(new URL('.', import.meta.url))
const baseUrl = process.env.POS_E2E_URL
const ownerUrl = process.env.DATABASE_OWNER_URL
if (!baseUrl || !ownerUrl) {
  console.error('POS_E2E_URL (the running server) and DATABASE_OWNER_URL (its database, as the table owner) are required')
  process.exit(2)
}

async function waitForServer(url: string) {
  const deadline = Date.now() + 120_000
  for (;;) {
    const ready = await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)
    if (ready) return
    if (Date.now() > deadline) throw new Error(`${url} is not ready after 120 s`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

for (const url of [baseUrl, process.env.POS_E2E_URL_2].filter((u): u is string => Boolean(u))) await waitForServer(url)
const index = await fetch(`${baseUrl}/admin/`)
if (index.status !== 200) {
  console.error(`${baseUrl}/admin/ answers ${index.status}: build the app first (npm run build -w admin-app)`)
  process.exit(2)
}

const fixtures = await createFixtures(ownerUrl)
const fixturesFile = join(mkdtempSync(join(tmpdir(), 'admin-e2e-')), 'fixtures.json')
writeFileSync(fixturesFile, JSON.stringify(fixtures, null, 2))

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length)
const files = FILES.filter((name) => !only || name.endsWith(only)).map((name) => join(here, `${name}.e2e.ts`))
const child = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-timeout=180000', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
  env: { ...process.env, POS_E2E_FIXTURES: fixturesFile },
})
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
