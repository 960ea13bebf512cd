import { defineConfig } from '@adonisjs/core/app'

/*
 * The application code lives in server/ (one folder per domain module under
 * server/modules/), migrations and seeders in database/. The directories below
 * point the framework and the `node ace make:*` generators there.
 */
export default defineConfig({
  directories: {
    config: 'config',
    commands: 'server/commands',
    contracts: 'server/contracts',
    public: 'public',
    providers: 'providers',
    languageFiles: 'resources/lang',
    migrations: 'database/migrations',
    seeders: 'database/seeders',
    factories: 'database/factories',
    views: 'resources/views',
    start: 'start',
    tmp: 'tmp',
    httpControllers: 'server/http/controllers',
    models: 'server/models',
    services: 'server/services',
    exceptions: 'server/exceptions',
    mailers: 'server/mailers',
    middleware: 'server/middleware',
    policies: 'server/policies',
    validators: 'server/validators',
    events: 'server/events',
    listeners: 'server/listeners',
    transformers: 'server/transformers',
    stubs: 'stubs',
  },

  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/redis/redis_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('#providers/realtime_provider'),
  ],

  preloads: [() => import('#start/routes'), () => import('#start/kernel')],

  tests: {
    suites: [
      {
        files: ['server/**/*.spec.ts', 'tests/**/*.spec.ts'],
        name: 'server',
        timeout: 30_000,
      },
    ],
    forceExit: false,
  },

  // The apps' production builds ship with the server build (served under /admin and /terminal).
  metaFiles: [
    { pattern: 'admin-app/dist/**', reloadServer: false },
    { pattern: 'terminal-app/www/browser/**', reloadServer: false },
  ],
})
