import env from '#start/env'
import { defineConfig } from '@adonisjs/redis'

/*
 * Redis is optional: without REDIS_URL the node runs alone with in-memory
 * adapters, and nothing here connects (connections are lazy).
 */
const url = env.get('REDIS_URL') ?? 'redis://127.0.0.1:6379'

const redisConfig = defineConfig({
  connection: 'main',
  connections: {
    main: {
      ...redisOptionsFromUrl(url),
      keyPrefix: '',
      lazyConnect: true,
      maxRetriesPerRequest: 3,
      retryStrategy(times: number) {
        return times > 20 ? null : Math.min(times * 100, 2000)
      },
    },
  },
})

function redisOptionsFromUrl(raw: string) {
  const parsed = new URL(raw)
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
  }
}

export const redisEnabled = env.get('REDIS_URL') !== undefined

export default redisConfig

declare module '@adonisjs/redis/types' {
  export interface RedisConnections extends InferConnections<typeof redisConfig> {}
}
