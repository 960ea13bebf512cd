/*
 * realtime: the Socket.IO gateway (handshake auth, tenant rooms, command acks,
 * fact pushes, catch-up after reconnects).
 */
export { attachGateway, toAck } from './socket/gateway.js'
export { rooms } from './socket/rooms.js'
export { catchUpService, CATCH_UP_LIMIT } from './services/catch_up_service.js'
export { storeSnapshot } from './services/store_snapshot_service.js'
export { coreCommandRoutes } from './services/command_router.js'
