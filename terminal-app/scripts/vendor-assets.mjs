// Copies sql.js's wasm (hoisted to the repository's node_modules, outside this Angular
// workspace) into vendor/, where angular.json picks it up as /assets/sql-wasm.wasm.
// jeep-sqlite 2.8.0 carries the JS glue of sql.js 1.12: the wasm must be the same release.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const pkgFile = require.resolve('sql.js/package.json')
const { version } = JSON.parse(readFileSync(pkgFile, 'utf8'))
if (version !== '1.12.0') {
  console.error(`sql.js ${version} found; jeep-sqlite 2.8.0 needs the 1.12.0 wasm`)
  process.exit(1)
}
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'vendor')
mkdirSync(out, { recursive: true })
copyFileSync(join(dirname(pkgFile), 'dist', 'sql-wasm.wasm'), join(out, 'sql-wasm.wasm'))
