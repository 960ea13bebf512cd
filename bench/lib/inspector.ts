/*
 * A minimal Chrome DevTools Protocol client for a node started with
 * `--inspect=127.0.0.1:<port>`: forces a full garbage collection and reads
 * process.memoryUsage() inside the server process, without any code in the
 * application for it.
 */
export interface Inspector {
  /** Records the description (stack) of every exception thrown in the process, caught or not; returns a stop function. */
  traceExceptions: () => Promise<() => Promise<Record<string, number>>>
  call: (method: string, params?: Record<string, unknown>) => Promise<any>
  evaluate: (expression: string) => Promise<any>
  gc: () => Promise<void>
  memory: () => Promise<{ rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number }>
  close: () => void
}

export async function connectInspector(port: number): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ webSocketDebuggerUrl: string }>
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl)
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true })
    ws.addEventListener('error', () => reject(new Error('inspector connection failed')), { once: true })
  })
  let nextId = 1
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>()
  const eventListeners = new Set<(method: string, params: any) => void>()
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; method?: string; params?: any; result?: unknown; error?: { message: string } }
    if (message.id === undefined) {
      if (message.method) for (const listener of eventListeners) listener(message.method, message.params)
      return
    }
    const waiter = pending.get(message.id)
    if (!waiter) return
    pending.delete(message.id)
    if (message.error) waiter.reject(new Error(message.error.message))
    else waiter.resolve(message.result)
  })
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<any>((resolve, reject) => {
      const id = nextId++
      pending.set(id, { resolve, reject })
      ws.send(JSON.stringify({ id, method, params }))
    })
  const evaluate = async (expression: string) => {
    const result = await call('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true })
    if (result.exceptionDetails) throw new Error(`evaluate failed: ${JSON.stringify(result.exceptionDetails).slice(0, 300)}`)
    return result.result?.value
  }
  return {
    call,
    evaluate,
    gc: async () => {
      await call('HeapProfiler.collectGarbage')
    },
    memory: async () => JSON.parse(await evaluate('JSON.stringify(process.memoryUsage())')),
    traceExceptions: async () => {
      const seen: Record<string, number> = {}
      const listener = (method: string, params: any) => {
        if (method !== 'Debugger.paused') return
        if (params.reason === 'exception' || params.reason === 'promiseRejection') {
          const text = String(params.data?.description ?? params.data?.value ?? 'unknown').split('\n').slice(0, 16).join('\n')
          seen[text] = (seen[text] ?? 0) + 1
        }
        void call('Debugger.resume').catch(() => undefined)
      }
      eventListeners.add(listener)
      await call('Debugger.enable')
      await call('Debugger.setPauseOnExceptions', { state: 'all' })
      return async () => {
        await call('Debugger.setPauseOnExceptions', { state: 'none' }).catch(() => undefined)
        await call('Debugger.disable').catch(() => undefined)
        eventListeners.delete(listener)
        return seen
      }
    },
    close: () => ws.close(),
  }
}
