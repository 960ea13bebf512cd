/*
 * The baseline: a bare Socket.IO server (WebSocket transport, no adapter, no
 * auth, no database) that acknowledges every command at once with an answer
 * shaped like the real one. The load generator runs against it exactly as it
 * runs against the POS nodes, in the same bench run, on the same machine.
 *
 *   PORT=4100 node --import=@poppinss/ts-exec bench/echo_server.ts
 */
import { createServer } from 'node:http'
import { Server } from 'socket.io'

const port = Number(process.env.PORT ?? 0)
const http = createServer((req, res) => {
  res.writeHead(req.url === '/health/ready' ? 200 : 404, { 'content-type': 'application/json' })
  res.end('{"ok":true}')
})
const io = new Server(http, {
  path: '/socket.io',
  transports: ['websocket'],
  serveClient: false,
  maxHttpBufferSize: 256 * 1024,
  pingInterval: 10_000,
  pingTimeout: 8_000,
})

io.on('connection', (socket) => {
  socket.onAny((_event: string, payload: { commandId?: string } | undefined, ack?: unknown) => {
    if (typeof ack !== 'function') return
    ack({ ok: true, data: { commandId: payload?.commandId ?? null, status: 'applied', actorSeq: 0, storeSeq: null } })
  })
})

http.listen(port, '127.0.0.1', () => {
  const address = http.address()
  console.log(`echo listening on ${typeof address === 'object' && address ? address.port : port}`)
})

const stop = () => {
  io.close()
  http.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2_000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
