/*
 * tenancy: tenants, stores and terminals (and the store scope checks other modules use).
 */
export { storesController } from './http/stores_controller.js'
export { assertStoreAccess, requireStore } from './services/store_service.js'
export { storeRepository as tenancyQueries } from './repositories/store_repository.js'
export { tenancyErrors } from './errors.js'
export { storeActorKind } from './actors/store_actor.js'
export { terminalActorKind } from './actors/terminal_actor.js'
export { storeExists, terminalName } from './services/live_store_service.js'
