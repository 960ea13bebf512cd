/*
 * Serving the admin app under /admin: the handler is run over real HTTP against a build of
 * the test's own (a temporary folder with a secret file beside it), and the route mounted in
 * the application is checked against the repository's admin-app/dist.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import { adminAppHandler, safeSegments } from '#start/routes/admin_app'
import { testServer } from '#tests/bootstrap'

const SECRET = 'secret-beside-the-build'
const INDEX = '<!doctype html><html><body><div id="root"></div><script type="module" src="/admin/assets/index-Ab12Cd34.js"></script></body></html>'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A request with the path exactly as given (no client-side normalisation of `..` or escapes). */
function raw(server: Server, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const { port } = server.address() as AddressInfo
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${path}`)))
    req.end()
  })
}

/** A server that runs only the admin-app handler for `distDir`, as the router would. */
async function serving(distDir: string): Promise<Server> {
  const handle = adminAppHandler(distDir)
  const server = createServer(async (req, res) => {
    try {
      const ctx = await testUtils.createHttpContext({ req, res })
      await handle(ctx)
      ctx.response.finish()
    } catch (error) {
      res.writeHead(500).end(`handler failed: ${(error as Error).message}`)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

/** A temporary build: index.html, a hashed script and stylesheet, a favicon; a secret file and a symlink to it outside. */
async function fakeBuild() {
  const dir = await mkdtemp(join(tmpdir(), 'admin-app-'))
  const dist = join(dir, 'dist')
  await mkdir(join(dist, 'assets'), { recursive: true })
  await writeFile(join(dist, 'index.html'), INDEX)
  await writeFile(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")')
  await writeFile(join(dist, 'assets', 'index-Ef56Gh78.css'), 'body{margin:0}')
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  await writeFile(join(dir, 'secret.txt'), SECRET)
  await writeFile(join(dist, '.env'), SECRET)
  await symlink(join(dir, 'secret.txt'), join(dist, 'leak.txt'))
  return { dir, dist }
}

test.group('admin app: serving a build', (group) => {
  let build: Awaited<ReturnType<typeof fakeBuild>>
  let server: Server
  group.setup(async () => {
    build = await fakeBuild()
    server = await serving(build.dist)
    return async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await rm(build.dir, { recursive: true, force: true })
    }
  })

  test('index.html for /admin and for every client route, revalidated on each load', async ({ assert }) => {
    for (const path of ['/admin', '/admin/', '/admin/stores/0190a000-0000-7000-8000-000000000001/history/store/x', '/admin/users?tab=1']) {
      const response = await raw(server, path)
      assert.equal(response.status, 200, path)
      assert.equal(response.body, INDEX, path)
      assert.match(String(response.headers['content-type']), /^text\/html/, path)
      assert.equal(response.headers['cache-control'], 'no-cache', path)
      assert.include(String(response.headers['content-security-policy']), "default-src 'self'", path)
      assert.equal(response.headers['x-frame-options'], 'DENY', path)
    }
  })

  test('hashed assets with their content types, cached for a year', async ({ assert }) => {
    const script = await raw(server, '/admin/assets/index-Ab12Cd34.js')
    assert.equal(script.status, 200)
    assert.equal(script.body, 'console.log("app")')
    assert.match(String(script.headers['content-type']), /^(text|application)\/javascript/)
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal(script.headers['x-content-type-options'], 'nosniff')

    const style = await raw(server, '/admin/assets/index-Ef56Gh78.css')
    assert.match(String(style.headers['content-type']), /^text\/css/)

    const icon = await raw(server, '/admin/favicon.svg')
    assert.equal(icon.status, 200)
    assert.match(String(icon.headers['content-type']), /^image\/svg\+xml/)
    assert.equal(icon.headers['cache-control'], 'no-cache')
  })

  test('an unchanged file is answered 304 to a conditional request, and HEAD has no body', async ({ assert }) => {
    const first = await raw(server, '/admin/assets/index-Ab12Cd34.js')
    const etag = String(first.headers.etag)
    assert.isNotEmpty(etag)
    const again = await raw(server, '/admin/assets/index-Ab12Cd34.js', { headers: { 'if-none-match': etag } })
    assert.equal(again.status, 304)
    assert.equal(again.body, '')
    const head = await raw(server, '/admin/', { method: 'HEAD' })
    assert.equal(head.status, 200)
    assert.equal(head.body, '')
  })

  test('a missing file is 404, not the app', async ({ assert }) => {
    for (const path of ['/admin/assets/index-Old00000.js', '/admin/robots.txt']) {
      const response = await raw(server, path)
      assert.equal(response.status, 404, path)
      assert.notInclude(response.body, '<div id="root">', path)
    }
  })

  test('nothing outside the build can be read', async ({ assert }) => {
    const attempts = [
      '/admin/../secret.txt',
      '/admin/assets/../../secret.txt',
      '/admin/..%2fsecret.txt',
      '/admin/..%2Fsecret.txt',
      '/admin/%2e%2e/secret.txt',
      '/admin/%2e%2e%2fsecret.txt',
      '/admin/assets/..%2f..%2fsecret.txt',
      '/admin/..%5csecret.txt',
      '/admin/..\\secret.txt',
      '/admin/%252e%252e%252fsecret.txt',
      '/admin/leak.txt',
      '/admin/.env',
      '/admin/%2eenv',
      '/admin/index.html%00.js',
      '/administrator/secret.txt',
    ]
    for (const path of attempts) {
      const response = await raw(server, path)
      assert.notInclude(response.body, SECRET, path)
      assert.equal(response.status, 404, `${path}: ${response.body}`)
    }
  })

  test('path segments are decoded, and anything that could leave the folder is refused', ({ assert }) => {
    assert.deepEqual(safeSegments('/assets/a%20b.js'), ['assets', 'a b.js'])
    assert.deepEqual(safeSegments('/stores//x/'), ['stores', 'x'])
    assert.deepEqual(safeSegments(''), [])
    for (const bad of ['/..', '/.', '/a/%2e%2e', '/%2F', '/a%5Cb', '/%00', '/.git/config', '/%E0%A4%A']) {
      assert.isNull(safeSegments(bad), bad)
    }
  })
})

test.group('admin app: without a build', (group) => {
  let dir: string
  let server: Server
  group.setup(async () => {
    dir = await mkdtemp(join(tmpdir(), 'admin-app-empty-'))
    server = await serving(join(dir, 'dist'))
    return async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await rm(dir, { recursive: true, force: true })
    }
  })

  test('every /admin page answers 503 with how to build it', async ({ assert }) => {
    for (const path of ['/admin', '/admin/stores/x', '/admin/assets/index-Ab12Cd34.js']) {
      const response = await raw(server, path)
      assert.equal(response.status, 503, path)
      assert.match(String(response.headers['content-type']), /^text\/html/, path)
      assert.equal(response.headers['cache-control'], 'no-store', path)
      assert.include(response.body, 'npm run build -w admin-app', path)
    }
  })
})

test.group('admin app: the application route', () => {
  test('serves /admin from admin-app/dist, or says it is not built', async ({ assert }) => {
    const built = existsSync(app.makePath('admin-app', 'dist', 'index.html'))
    const response = await raw(testServer.server!, '/admin/stores/0190a000-0000-7000-8000-000000000001')
    assert.match(String(response.headers['content-type']), /^text\/html/)
    if (built) {
      assert.equal(response.status, 200)
      assert.include(response.body, '<div id="root"></div>')
      assert.equal(response.headers['cache-control'], 'no-cache')
    } else {
      assert.equal(response.status, 503)
    }
  })

  test('does not serve the repository around the build', async ({ assert }) => {
    for (const path of [
      '/admin/..%2f..%2fpackage.json',
      '/admin/../../package.json',
      '/admin/%2e%2e/%2e%2e/start/env.ts',
      '/admin/..%2fpackage.json',
      '/admin/%252e%252e%252fpackage.json',
      '/admin/%E0%A4%A',
    ]) {
      const response = await raw(testServer.server!, path)
      assert.isAtLeast(response.status, 400, path)
      assert.notInclude(response.body, '"workspaces"', path)
      assert.notInclude(response.body, 'Env.create', path)
    }
  })

  test('leaves the API alone', async ({ assert }) => {
    const response = await raw(testServer.server!, '/health/live')
    assert.equal(response.status, 200)
    assert.equal(JSON.parse(response.body).status, 'ok')
  })
})
