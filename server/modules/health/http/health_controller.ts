import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import { redisEnabled } from '#config/redis'

async function check(name: string, probe: () => Promise<unknown>) {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000)))])
    return { name, ok: true, ms: Math.round(performance.now() - started) }
  } catch (error) {
    return { name, ok: false, error: (error as Error).message }
  } finally {
    clearTimeout(timer)
  }
}

export const healthController = {
  live() {
    return { status: 'ok' }
  },

  /** Ready when Postgres (and Redis, when configured) answer. */
  async ready({ response }: HttpContext) {
    const checks = [await check('postgres', () => db.rawQuery('select 1'))]
    if (redisEnabled) checks.push(await check('redis', () => redis.ping()))
    const ok = checks.every((c) => c.ok)
    response.status(ok ? 200 : 503)
    return { status: ok ? 'ok' : 'unavailable', checks }
  },
}
