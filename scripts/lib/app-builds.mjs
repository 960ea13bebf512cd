/*
 * The browser apps the server serves (admin-app under /admin, terminal-app under
 * /terminal): built when their
 * build is missing or older than their sources, in production mode whatever
 * NODE_ENV the caller runs with (a development React build would ship otherwise).
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const APPS = [
  { workspace: 'admin-app', sources: ['src', 'index.html', 'vite.config.ts', 'package.json'], output: 'dist/index.html' },
  { workspace: 'terminal-app', sources: ['src', 'angular.json', 'package.json'], output: 'www/browser/index.html' },
]

function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs)
}

export function buildApps({ root, run, log, force = false }) {
  for (const app of APPS) {
    const dir = join(root, app.workspace)
    const output = join(dir, app.output)
    const stale = force || !existsSync(output) || app.sources.some((source) => newest(join(dir, source)) > statSync(output).mtimeMs)
    if (!stale) continue
    log(`building ${app.workspace}`)
    run('npm', ['run', 'build', '--silent', '-w', app.workspace], { env: { ...process.env, NODE_ENV: 'production' } })
  }
}
