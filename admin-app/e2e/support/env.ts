/*
 * What an end-to-end run needs, from the environment (set by e2e/run.ts):
 * POS_E2E_URL        the running server (admin app at /admin)
 * POS_E2E_URL_2      optional: a second node of the same cluster (same Postgres and Redis)
 * POS_E2E_FIXTURES   the fixtures file written by run.ts
 * CHROMIUM_PATH      Debian's Chromium (default /usr/bin/chromium)
 * POS_E2E_ARTIFACTS  where screenshots go (default test-artifacts/admin at the repository root)
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import type { E2eFixtures } from './fixtures.ts'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with admin-app/e2e/run.ts`)
  return value
}

export const e2e = {
  baseUrl: () => required('POS_E2E_URL').replace(/\/$/, ''),
  secondUrl: () => process.env.POS_E2E_URL_2?.replace(/\/$/, '') ?? null,
  fixtures: (): E2eFixtures => JSON.parse(readFileSync(required('POS_E2E_FIXTURES'), 'utf8')) as E2eFixtures,
  chromium: () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  artifacts: () => process.env.POS_E2E_ARTIFACTS ?? join(repoRoot, 'test-artifacts', 'admin'),
}
