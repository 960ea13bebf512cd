import { defineErrors } from '#core/errors'

export const realtimeErrors = defineErrors({
  protocolVersion: { code: 'E_PROTOCOL_VERSION', status: 426, message: 'This app is too old or too new for the server; update it' },
  rateLimited: { code: 'E_RATE_LIMITED', status: 429, message: 'Too many commands; slow down' },
})
