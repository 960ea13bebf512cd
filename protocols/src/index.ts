/**
 * @pos/protocols: the wire contract between the server, the terminal app and the
 * admin app. Everything here is data and runtime schemas; nothing knows about
 * Node, Adonis, Angular or React.
 */
export * from './errors.ts'
export * from './ack.ts'
export * from './ids.ts'
export * from './money.ts'
export * from './roles.ts'
export * from './http/auth.ts'
export * from './http/tenancy.ts'
export * from './socket/commands.ts'
export * from './socket/facts.ts'
export * from './socket/queries.ts'
export * from './socket/events.ts'
export * from './catalog/index.ts'
export * from './inventory/index.ts'
export * from './search/index.ts'
export * from './sales/index.ts'
export * from './imports/index.ts'

/** Bumped on any incompatible change to events or payloads; the socket handshake checks it. */
export const PROTOCOL_VERSION = 1
