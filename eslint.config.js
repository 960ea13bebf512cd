// One lint configuration for the repository. Besides style, it machine-checks the
// dependency directions of STYLE.md (see the "boundaries" blocks).
import tseslint from 'typescript-eslint'

const restrict = (...patterns) => ['error', { patterns }]

export default tseslint.config(
  {
    ignores: ['**/dist/**', 'build/**', '**/node_modules/**', '.tools/**', '.data/**', '.adonisjs/**', 'terminal-app/**', 'tmp/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Framework type registries are declared as `interface X extends Inferred<...> {}`.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.ts', 'ace.js'],
    rules: { 'no-console': 'off' },
  },

  // boundaries: protocols knows only its schema library.
  {
    files: ['protocols/src/**/*.ts'],
    ignores: ['protocols/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['node:*', 'xstate', '@xstate/*', '@adonisjs/*', '@pos/state-machines', '#*', 'pg', 'ioredis', 'socket.io*', '@angular/*', 'react*'],
        message: '@pos/protocols depends on a schema library only (zod).',
      }),
    },
  },
  // boundaries: state machines are pure (xstate and @pos/protocols), no Node, no framework.
  {
    files: ['state-machines/src/**/*.ts'],
    ignores: ['state-machines/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['node:*', '@adonisjs/*', '#*', 'pg', 'ioredis', 'socket.io*', '@angular/*', 'react*', 'zod'],
        message: '@pos/state-machines is pure: xstate and @pos/protocols only.',
      }),
      'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval', 'fetch'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Machines read no clock: the host passes time in events.' },
        { object: 'Math', property: 'random', message: 'Machines use no randomness.' },
      ],
    },
  },
  // boundaries: a server module uses another only through its index.ts.
  {
    files: ['server/**/*.ts', 'start/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict({
        regex: '^#modules/[^/]+/(?!index$).+',
        message: 'Use another module through its index.ts.',
      }),
    },
  },
  // boundaries: services never see the HTTP context or a socket; only repositories
  // (and the tenancy helper in core) talk to the database.
  {
    files: ['server/modules/*/services/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        { regex: '^#modules/[^/]+/(?!index$).+', message: 'Use another module through its index.ts.' },
        { group: ['@adonisjs/core/http', 'socket.io'], message: 'Services never see HttpContext or a Socket.' },
        { group: ['@adonisjs/lucid/services/db', 'pg'], message: 'Only repositories write SQL.' }
      ),
    },
  },
  {
    files: ['server/modules/*/http/**/*.ts'],
    ignores: ['server/modules/health/**'],
    rules: {
      'no-restricted-imports': restrict(
        { regex: '^#modules/[^/]+/(?!index$).+', message: 'Use another module through its index.ts.' },
        { regex: '^\\.\\./repositories/', message: 'Controllers call services, not repositories.' },
        { group: ['@adonisjs/lucid/services/db', '#core/db/*'], message: 'Controllers call services, not the database.' }
      ),
    },
  },
  // boundaries: the admin app speaks @pos/protocols and runs @pos/state-machines; it never imports server code.
  {
    files: ['admin-app/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': restrict({
        group: ['#*', '@adonisjs/*', 'node:*', 'pg', 'ioredis', 'socket.io', '../../server/*', '../../../server/*'],
        message: 'The admin app speaks @pos/protocols only.',
      }),
    },
  },
  {
    files: ['admin-app/e2e/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  // configuration: only start/env.ts reads the environment.
  {
    files: ['server/**/*.ts', 'config/**/*.ts', 'database/**/*.ts', 'protocols/src/**/*.ts', 'state-machines/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Declare it in start/env.ts and read it from there.' },
      ],
    },
  }
)
