/*
 * Serves the built terminal app for the web (terminal-app/www/browser, made by
 * `npm run build -w terminal-app`) under /terminal (see server/core/http/app_build.ts).
 * Angular puts its content-hashed files (name-HASH.js / .css) at the top of the build,
 * so those are cached for a year and everything else is revalidated. The policy allows
 * WebAssembly (the web SQLite, sql.js) and the <style> elements Ionic injects.
 */
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'
import { contentSecurityPolicy, serveAppBuild } from '#core/http/app_build'

export const TERMINAL_PREFIX = '/terminal'

serveAppBuild(router, {
  prefix: TERMINAL_PREFIX,
  distDir: app.makePath('terminal-app', 'www', 'browser'),
  name: 'terminal app',
  buildCommand: 'npm run build -w terminal-app',
  isHashed: (segments) => segments.length === 1 && /-[A-Za-z0-9_]{8,}\.(js|css)$/.test(segments[0]!),
  contentSecurityPolicy: contentSecurityPolicy({ 'script-src': ["'wasm-unsafe-eval'"], 'style-src': ["'unsafe-inline'"] }),
})
