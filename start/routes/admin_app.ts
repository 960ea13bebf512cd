/*
 * Serves the built admin app (admin-app/dist, made by `npm run build -w admin-app`) under
 * /admin (see server/core/http/app_build.ts). Vite content-hashes everything under
 * assets/, so those files are cached for a year; index.html is revalidated on every load.
 */
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'
import { appBuildHandler, contentSecurityPolicy, serveAppBuild } from '#core/http/app_build'

export { safeSegments } from '#core/http/app_build'

export const ADMIN_PREFIX = '/admin'

const adminBuild = (distDir: string) => ({
  prefix: ADMIN_PREFIX,
  distDir,
  name: 'admin app',
  buildCommand: 'npm run build -w admin-app',
  isHashed: (segments: string[]) => segments[0] === 'assets',
  contentSecurityPolicy: contentSecurityPolicy(),
})

/** The request handler serving an admin build in `distDir` (exported for tests with a build of their own). */
export const adminAppHandler = (distDir: string) => appBuildHandler(adminBuild(distDir))

serveAppBuild(router, adminBuild(app.makePath('admin-app', 'dist')))
