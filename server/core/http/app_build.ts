/*
 * Serves a browser app's production build (a single-page app) under a path prefix.
 * Files are looked up only inside the build folder; any other path under the prefix
 * that does not name a file is a client route of the app and gets index.html.
 * - content-hashed files (the app says which): cached for a year (immutable);
 * - index.html and the other files: revalidated on every load (no-cache), so a new
 *   build is picked up at once;
 * - no build: a 503 page that says how to make one.
 */
import { realpath, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

/**
 * The app talks only to its own origin (API and socket); nothing else may load or frame
 * it. `extra` adds sources per directive (e.g. 'wasm-unsafe-eval' for a WebAssembly SQLite).
 */
export function contentSecurityPolicy(extra: Partial<Record<'script-src' | 'style-src', string[]>> = {}) {
  return [
    "default-src 'self'",
    ["script-src 'self'", ...(extra['script-src'] ?? [])].join(' '),
    ["style-src 'self'", ...(extra['style-src'] ?? [])].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}

export interface AppBuild {
  /** The path prefix, e.g. '/admin'. */
  prefix: string
  /** The build folder (with index.html). */
  distDir: string
  /** The app's name for the "not built" page, and the command that builds it. */
  name: string
  buildCommand: string
  /** Whether a file (path segments under the build) is content-hashed, so immutable. */
  isHashed: (segments: string[]) => boolean
  contentSecurityPolicy: string
}

function notBuiltPage(build: AppBuild) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${build.name} not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The ${build.name} is not built</h1>
<p>This server serves the ${build.name} from its build folder, which does not exist yet.</p>
<p>Build it with <code>${build.buildCommand}</code> and reload this page.</p>
</body></html>
`
}

/**
 * The path segments of a request under the prefix, decoded; null when a segment could step out
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

/** The request handler serving an app's build. */
export function appBuildHandler(build: AppBuild) {
  const root = resolve(build.distDir)
  const prefix = build.prefix
  return async ({ request, response }: HttpContext) => {
    response.header('x-content-type-options', 'nosniff')
    // The raw path, decoded once below: request.url() is already partly decoded (decodeURI).
    const path = (request.request.url ?? '').split(/[?#]/, 1)[0]!
    const segments = path === prefix || path.startsWith(`${prefix}/`) ? safeSegments(path.slice(prefix.length)) : null
    if (segments === null) return notFound(response)

    const realRoot = await realpath(root).catch(() => null)
    const index = join(root, 'index.html')
    if (realRoot === null || !(await isFile(index))) {
      response.header('cache-control', 'no-store')
      response.header('content-type', 'text/html; charset=utf-8')
      return response.status(503).send(notBuiltPage(build))
    }

    if (segments.length > 0) {
      const file = join(root, ...segments)
      if ((await isFile(file)) && (await inside(realRoot, file))) {
        response.header('cache-control', build.isHashed(segments) ? IMMUTABLE : REVALIDATE)
        return response.download(file, true)
      }
      // A missing file is a 404, not the app: a stale script URL must fail visibly.
      if (extname(segments.at(-1)!) !== '') return notFound(response)
    }

    response.header('cache-control', REVALIDATE)
    response.header('content-security-policy', build.contentSecurityPolicy)
    response.header('x-frame-options', 'DENY')
    response.header('referrer-policy', 'same-origin')
    return response.download(index, true)
  }
}

function notFound(response: HttpContext['response']) {
  return response.status(404).send({ error: { code: 'E_ROUTE_NOT_FOUND', message: 'No such file' } })
}

/** Routes GET `prefix` and everything under it to the app's build. */
export function serveAppBuild(router: { get: (pattern: string, handler: ReturnType<typeof appBuildHandler>) => unknown }, build: AppBuild) {
  const handler = appBuildHandler(build)
  router.get(build.prefix, handler)
  router.get(`${build.prefix}/*`, handler)
}
