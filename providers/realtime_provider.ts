import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Starts the actor runtime and the Socket.IO gateway with the web server, and
 * stops them on shutdown. Socket.IO is closed from a terminating hook: the
 * framework's own hook waits for the HTTP server to close, which never happens
 * while WebSockets are open.
 */
export default class RealtimeProvider {
  protected app: ApplicationService

  constructor(app: ApplicationService) {
    this.app = app
  }

  async ready() {
    const environment = this.app.getEnvironment()
    if (environment !== 'web' && environment !== 'test') return
    const runtime = await import('#start/runtime')
    await runtime.startRuntime()
    if (environment === 'web') {
      const server = await this.app.container.make('server')
      runtime.attachRealtime(server.getNodeServer()!)
    }
    this.app.terminating(async () => {
      await runtime.closeRealtime()
    })
  }

  async shutdown() {
    const environment = this.app.getEnvironment()
    if (environment !== 'web' && environment !== 'test') return
    const runtime = await import('#start/runtime')
    await runtime.stopRuntime()
  }
}
