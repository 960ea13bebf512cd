/*
 * The app's origin in the end-to-end run: serves the built app under /terminal/ (as the
 * server will) and forwards /api and /socket.io (WebSocket included) to the real server.
 * `cut()` plays a network outage between the terminal and the server: open connections are
 * dropped and new ones refused, while the app's own files stay available (as they are from the
 * installed Android bundle).
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

export interface AppProxy {
  url: string
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startProxy(appDir: string, target: URL): Promise<AppProxy> {
  let down = false
  const open = new Set<Socket>()
  const track = (socket: Socket) => {
    open.add(socket)
    socket.on('close', () => open.delete(socket))
  }
  const forwarded = (url: string) => url.startsWith('/api/') || url.startsWith('/socket.io/')

  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/'
    if (forwarded(url)) {
      if (down) return void req.socket.destroy()
      track(req.socket)
      const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      })
      upstream.on('error', () => res.destroy())
      req.pipe(upstream)
      return
    }
    serveStatic(appDir, url, res)
  })
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (down || !forwarded(req.url ?? '')) return void socket.destroy()
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`]))]
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`)
      if (head.length > 0) upstream.write(head)
      upstream.pipe(socket)
      socket.pipe(upstream)
    })
    track(socket)
    track(upstream)
    upstream.on('error', () => socket.destroy())
    socket.on('error', () => upstream.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      down = true
      for (const socket of open) socket.destroy()
    },
    restore() {
      down = false
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function serveStatic(appDir: string, url: string, res: import('node:http').ServerResponse) {
  const path = decodeURIComponent(url.split(/[?#]/, 1)[0]!)
  if (!path.startsWith('/terminal')) {
    res.writeHead(302, { location: '/terminal/' })
    return void res.end()
  }
  const rest = normalize(path.slice('/terminal'.length)).replace(/^([/\\])+/, '')
  let file = join(appDir, rest)
  if (!file.startsWith(appDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (extname(rest) !== '') {
      res.writeHead(404)
      return void res.end()
    }
    file = join(appDir, 'index.html')
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' })
  createReadStream(file).pipe(res)
}
