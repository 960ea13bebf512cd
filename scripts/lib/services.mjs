/*
 * Local PostgreSQL and Redis for tests: use them when they answer, start them
 * when they are installed but stopped, and say clearly what is missing otherwise.
 */
import { execSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import net from 'node:net'

export function reachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port)) return true
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

export async function ensurePostgres(log) {
  if (await reachable('127.0.0.1', 5432)) return
  if (existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) {
      log(`starting PostgreSQL ${version}`)
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' })
    }
    if (await waitFor('127.0.0.1', 5432, 20)) return
  }
  throw new Error('PostgreSQL is not running on 127.0.0.1:5432 and could not be started (see .ci/run for the install step)')
}

export async function ensureRedis(log) {
  if (await reachable('127.0.0.1', 6379)) return
  if (hasCommand('redis-server')) {
    log('starting Redis')
    spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', '6379', '--save', '', '--appendonly', 'no'], {
      stdio: 'inherit',
    })
    if (await waitFor('127.0.0.1', 6379, 10)) return
  }
  throw new Error('Redis is not running on 127.0.0.1:6379 and could not be started (see .ci/run for the install step)')
}

function hasCommand(name) {
  try {
    execSync(`command -v ${name}`, { stdio: 'ignore', shell: '/bin/sh' })
    return true
  } catch {
    return false
  }
}
