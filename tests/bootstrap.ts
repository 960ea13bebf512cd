import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { createServer } from 'node:http'

export const plugins: Config['plugins'] = [assert(), apiClient(), pluginAdonisJS(app)]

/**
 * The HTTP server (with the Socket.IO gateway attached, as in production) runs
 * for the whole run; each test arranges its own data.
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      const { attachRealtime, closeRealtime } = await import('#start/runtime')
      const close = await testUtils.httpServer().start((handler) => {
        const server = createServer(handler)
        testServer.server = server
        attachRealtime(server)
        return server
      })
      return async () => {
        await closeRealtime()
        await close()
      }
    },
  ],
  teardown: [],
}

/** The running test server, for tests that open real sockets to it. */
export const testServer: { server: import('node:http').Server | null } = { server: null }

export const reporters: Config['reporters'] = {
  activated: ['spec'],
}
