/*
 * A throwaway environment for a run of the test suites or the benchmark: local
 * PostgreSQL and Redis (started if installed but stopped), a freshly created
 * and migrated database, a flushed Redis database, generated secrets.
 */
import { randomBytes } from 'node:crypto'
import Redis from 'ioredis'
import { APP_ROLE, OWNER_ROLE, recreateDatabase, urlFor } from './db-bootstrap.mjs'
import { ensurePostgres, ensureRedis } from './services.mjs'

export async function freshEnvironment({ adminUrl, database, redisUrl, nodeEnv, logLevel, extra, run, log, migrateStdio }) {
  await ensurePostgres(log)
  await ensureRedis(log)
  log(`fresh database ${database}, Redis ${redisUrl} flushed`)
  await recreateDatabase(adminUrl, database)
  const redis = new Redis(redisUrl)
  await redis.flushdb()
  redis.disconnect()

  const env = {
    ...process.env,
    NODE_ENV: nodeEnv,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? logLevel,
    APP_KEY: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATABASE_URL: urlFor(adminUrl, database, APP_ROLE),
    DATABASE_OWNER_URL: urlFor(adminUrl, database, OWNER_ROLE),
    REDIS_URL: redisUrl,
    ...extra(urlFor(adminUrl, database, new URL(adminUrl).username || 'postgres')),
  }
  run('node', ['ace', 'migration:run', '--connection=owner', '--force'], migrateStdio ? { env, stdio: migrateStdio } : { env })
  return env
}
