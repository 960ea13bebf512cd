/*
 * Every environment variable the application reads is declared and validated
 * here; nothing else reads process.env. The `npm start` launcher fills in the
 * embedded defaults (PGlite, no Redis) before the application boots.
 */
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  HOST: Env.schema.string.optional({ format: 'host' }),
  PORT: Env.schema.number.optional(),
  LOG_LEVEL: Env.schema.enum.optional([
    'fatal',
    'error',
    'warn',
    'info',
    'debug',
    'trace',
    'silent',
  ] as const),
  /** Encryption key (32+ characters) for cookies and encrypted values. */
  APP_KEY: Env.schema.secret(),
  /** HMAC key for signing access tokens (32+ characters). */
  JWT_SECRET: Env.schema.secret(),
  /** Application connection: a role bound by row-level security. */
  DATABASE_URL: Env.schema.string(),
  /** Migration connection: the role that owns the tables. Defaults to DATABASE_URL. */
  DATABASE_OWNER_URL: Env.schema.string.optional(),
  /**
   * Role switched to (SET LOCAL ROLE) inside every application transaction. Only
   * needed where the connection itself cannot log in as the application role
   * (the embedded PGlite server has a single user).
   */
  DATABASE_APP_ROLE: Env.schema.string.optional(),
  DATABASE_POOL_MAX: Env.schema.number.optional(),
  /** Redis for the Socket.IO adapter, leases and rate limits. Absent: single node, in memory. */
  REDIS_URL: Env.schema.string.optional(),
  /** How long a dropped terminal shows as "reconnecting" before "offline" (ms). */
  PRESENCE_GRACE_MS: Env.schema.number.optional(),
  /** Name of this node in logs and actor leases. */
  NODE_ID: Env.schema.string.optional(),
})
