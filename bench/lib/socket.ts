import { io, type Socket } from 'socket.io-client'

/** One real socket.io-client connection (WebSocket, no reconnection); rejects on connect_error or after `timeoutMs`. */
export function connectSocket(url: string, auth: Record<string, unknown>, timeoutMs = 20_000): Promise<Socket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth,
    reconnection: false,
    forceNew: true,
    timeout: timeoutMs,
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close()
      reject(new Error('connect timeout'))
    }, timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      resolve(socket)
    })
    socket.once('connect_error', (error) => {
      clearTimeout(timer)
      socket.close()
      reject(error)
    })
  })
}
