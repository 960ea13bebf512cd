/*
 * Serves the built admin app (admin-app/dist, made by `npm run build -w admin-app`) under
 * /admin. Files are looked up only inside the build folder; any other /admin path that does
 * not name a file is a client route of the single-page app and gets index.html.
 * - /admin/assets/*: content-hashed by Vite, so cached for a year (immutable);
 * - index.html and the other files: revalidated on every load (no-cache), so a new build is
 *   picked up at once;
 * - no build: a 503 page that says how to make one.
 */
import { realpath, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'

export const ADMIN_PREFIX = '/admin'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

/** The app talks only to its own origin (API and socket); nothing else may load or frame it. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ')

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Admin app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The admin app is not built</h1>
<p>This server serves the admin app from <code>admin-app/dist</code>, which does not exist yet.</p>
<p>Build it with <code>npm run build -w admin-app</code> and reload this page.</p>
</body></html>
`

/**
 * The path segments of a request under /admin, decoded; null when a segment could step out
 * of the build folder or is not a plain file name (`..`, `.`, an encoded slash or backslash,
 * a NUL byte, a dotfile, malformed percent-encoding).
 */
export function safeSegments(rest: string): string[] | null {
  const segments: string[] = []
  for (const raw of rest.split('/')) {
    if (raw === '') continue
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return null
    }
    if (segment.startsWith('.') || /[/\\\0]/.test(segment)) return null
    segments.push(segment)
  }
  return segments
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false
  )
}

/** Whether `path` (symlinks resolved) lies inside `root`. */
async function inside(root: string, path: string): Promise<boolean> {
  const real = await realpath(path).catch(() => null)
  return real !== null && real.startsWith(root + sep)
}

/** The request handler serving the build in `distDir` (exported for tests with a build of their own). */
export function adminAppHandler(distDir: string) {
  const root = resolve(distDir)
  return async ({ request, response }: HttpContext) => {
    response.header('x-content-type-options', 'nosniff')
    // The raw path, decoded once below: request.url() is already partly decoded (decodeURI).
    const path = (request.request.url ?? '').split(/[?#]/, 1)[0]!
    const segments = path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`) ? safeSegments(path.slice(ADMIN_PREFIX.length)) : null
    if (segments === null) return notFound(response)

    const realRoot = await realpath(root).catch(() => null)
    const index = join(root, 'index.html')
    if (realRoot === null || !(await isFile(index))) {
      response.header('cache-control', 'no-store')
      response.header('content-type', 'text/html; charset=utf-8')
      return response.status(503).send(NOT_BUILT_PAGE)
    }

    if (segments.length > 0) {
      const file = join(root, ...segments)
      if ((await isFile(file)) && (await inside(realRoot, file))) {
        response.header('cache-control', segments[0] === 'assets' ? IMMUTABLE : REVALIDATE)
        return response.download(file, true)
      }
      // A missing file is a 404, not the app: a stale script URL must fail visibly.
      if (extname(segments.at(-1)!) !== '') return notFound(response)
    }

    response.header('cache-control', REVALIDATE)
    response.header('content-security-policy', CONTENT_SECURITY_POLICY)
    response.header('x-frame-options', 'DENY')
    response.header('referrer-policy', 'same-origin')
    return response.download(index, true)
  }
}

function notFound(response: HttpContext['response']) {
  return response.status(404).send({ error: { code: 'E_ROUTE_NOT_FOUND', message: 'No such file' } })
}

const serve = adminAppHandler(app.makePath('admin-app', 'dist'))
router.get(ADMIN_PREFIX, serve)
router.get(`${ADMIN_PREFIX}/*`, serve)
