import { defineErrors } from '#core/errors'

export const realtimeErrors = defineErrors({
  protocolVersion: { code: 'E_PROTOCOL_VERSION', status: 426, message: 'This app is too old or too new for the server; update it' },
  notSubscribed: { code: 'E_STORE_NOT_SUBSCRIBED', status: 403, message: 'Subscribe to a store you may see first' },
  forbidden: { code: 'E_AUTH_FORBIDDEN', status: 403, message: 'Your role or device cannot send this command' },
  rateLimited: { code: 'E_RATE_LIMITED', status: 429, message: 'Too many commands; slow down' },
})
