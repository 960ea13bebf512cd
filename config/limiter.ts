import { defineConfig, stores } from '@adonisjs/limiter'
import { redisEnabled } from '#config/redis'

/* Rate limits live in Redis when there is one (shared by every node), else in memory. */
const limiterConfig = defineConfig({
  default: redisEnabled ? 'redis' : 'memory',
  stores: {
    redis: stores.redis({ connectionName: 'main' as const }),
    memory: stores.memory({}),
  },
})

export default limiterConfig

declare module '@adonisjs/limiter/types' {
  export interface LimitersList extends InferLimiters<typeof limiterConfig> {}
}
