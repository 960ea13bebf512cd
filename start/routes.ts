/*
 * The HTTP surface. Every /api/v1 route is declared through `api.route`, which
 * authenticates, checks the minimum role, validates the body and query with the
 * protocol schemas, and records the route for the OpenAPI document.
 */
import router from '@adonisjs/core/services/router'
import * as p from '@pos/protocols'
import { z } from 'zod'
import { authController, usersController } from '#modules/identity/index'
import { devicesController } from '#modules/devices/index'
import { storesController } from '#modules/tenancy/index'
import { actorsController, auditController } from '#modules/audit/index'
import { healthController } from '#modules/health/index'

import { api } from './api.js'
import './routes/catalog.js'
import './routes/inventory.js'
import './routes/search.js'
import './routes/sales.js'
import './routes/imports.js'
import './routes/admin_app.js'
import './routes/terminal_app.js'

export { api }

router.get('/health/live', healthController.live)
router.get('/health/ready', healthController.ready)
router.get('/api/v1/openapi.json', () => api.openApiDocument())

api.route({
  method: 'post',
  path: '/auth/login',
  tag: 'auth',
  summary: 'Sign in with email or phone and password',
  auth: 'none',
  body: p.loginRequestSchema,
  response: p.sessionResponseSchema,
  errors: ['E_AUTH_INVALID_CREDENTIALS', 'E_AUTH_TENANT_REQUIRED', 'E_AUTH_NO_MEMBERSHIP', 'E_RATE_LIMITED'],
  handle: authController.login,
})

api.route({
  method: 'post',
  path: '/auth/refresh',
  tag: 'auth',
  summary: 'Rotate a refresh token for a new token pair',
  auth: 'none',
  body: p.refreshRequestSchema,
  response: p.sessionResponseSchema,
  errors: ['E_AUTH_REFRESH_INVALID', 'E_AUTH_REFRESH_REUSED'],
  handle: authController.refresh,
})

api.route({
  method: 'post',
  path: '/auth/logout',
  tag: 'auth',
  summary: 'Sign out every session of this sign-in',
  auth: 'none',
  body: p.logoutRequestSchema,
  response: z.object({ ok: z.boolean() }),
  handle: authController.logout,
})

api.route({
  method: 'get',
  path: '/me',
  tag: 'auth',
  summary: 'The signed-in user and the scope of the access token',
  auth: 'user',
  response: p.meResponseSchema,
  errors: ['E_AUTH_UNAUTHENTICATED', 'E_AUTH_TOKEN_EXPIRED', 'E_AUTH_TOKEN_INVALID'],
  handle: authController.me,
})

api.route({
  method: 'get',
  path: '/stores',
  tag: 'stores',
  summary: 'Stores the caller may see',
  auth: 'user-or-device',
  response: z.object({ stores: z.array(p.storeSchema) }),
  handle: storesController.list,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/terminals',
  tag: 'stores',
  summary: "A store's terminals and stations",
  auth: 'user-or-device',
  response: z.object({ terminals: z.array(p.terminalSchema) }),
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: storesController.terminals,
})

api.route({
  method: 'post',
  path: '/stores/:storeId/pairing-codes',
  tag: 'devices',
  summary: 'Create a one-time code (10 minutes) to pair a terminal or station',
  auth: 'user',
  minRole: 'manager',
  body: p.createPairingCodeRequestSchema,
  response: p.pairingCodeResponseSchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_TENANCY_STORE_NOT_FOUND', 'E_TENANCY_TERMINAL_NOT_FOUND'],
  handle: devicesController.createPairingCode,
})

api.route({
  method: 'post',
  path: '/devices/pair',
  tag: 'devices',
  summary: 'Exchange a pairing code for a device key (shown once)',
  auth: 'none',
  body: p.pairDeviceRequestSchema,
  response: p.pairDeviceResponseSchema,
  status: 201,
  errors: ['E_DEVICE_PAIRING_CODE_INVALID', 'E_RATE_LIMITED'],
  handle: devicesController.pair,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/devices',
  tag: 'devices',
  summary: "A store's paired devices",
  auth: 'user',
  minRole: 'manager',
  response: z.object({ devices: z.array(p.deviceSchema) }),
  handle: devicesController.list,
})

api.route({
  method: 'post',
  path: '/devices/:deviceId/revoke',
  tag: 'devices',
  summary: 'Revoke a device key; it stops working at once',
  auth: 'user',
  minRole: 'manager',
  response: p.deviceSchema,
  errors: ['E_NOT_FOUND'],
  handle: devicesController.revoke,
})

api.route({
  method: 'get',
  path: '/device/me',
  tag: 'devices',
  summary: 'The calling device (authenticated by its key)',
  auth: 'device',
  errors: ['E_DEVICE_KEY_INVALID', 'E_DEVICE_REVOKED'],
  handle: devicesController.me,
})

api.route({
  method: 'get',
  path: '/users',
  tag: 'users',
  summary: "The tenant's users and their roles",
  auth: 'user',
  minRole: 'manager',
  response: z.object({ users: z.array(p.userSummarySchema) }),
  handle: usersController.list,
})

api.route({
  method: 'post',
  path: '/users',
  tag: 'users',
  summary: 'Add a user with a role (owners: any role; managers: cashiers and stations)',
  auth: 'user',
  minRole: 'manager',
  body: p.createUserRequestSchema,
  response: p.userSummarySchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_USER_EXISTS'],
  handle: usersController.create,
})

api.route({
  method: 'patch',
  path: '/users/:userId/membership',
  tag: 'users',
  summary:
    "Change a person's role (storeId null = every store). Owners: any role, but never the last owner away; managers: cashier ↔ station in their own stores. The person's refresh tokens in this business are revoked, so the new role applies at the next sign-in; access tokens already issued keep the old role until they expire (15 minutes at most)",
  auth: 'user',
  minRole: 'manager',
  body: p.changeMembershipRequestSchema,
  response: p.userSummarySchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_USER_NOT_FOUND', 'E_USER_LAST_OWNER', 'E_TENANCY_STORE_NOT_FOUND'],
  handle: usersController.changeMembership,
})

api.route({
  method: 'get',
  path: '/audit-log',
  tag: 'audit',
  summary: 'The audit log, newest first',
  auth: 'user',
  minRole: 'owner',
  query: p.pageQuerySchema,
  handle: auditController.list,
})

api.route({
  method: 'get',
  path: '/actors',
  tag: 'history',
  summary: "A store's actors (store, terminals, sales, ...) with their journal length",
  auth: 'user',
  minRole: 'manager',
  query: p.actorListQuerySchema,
  response: z.object({ actors: z.array(p.actorSummarySchema) }),
  errors: ['E_TENANCY_STORE_NOT_FOUND'],
  handle: actorsController.list,
})

api.route({
  method: 'get',
  path: '/actors/:kind/:actorId/history',
  tag: 'history',
  summary: "An actor's state-machine history, oldest first: event, sender, time, state before and after",
  auth: 'user',
  minRole: 'manager',
  query: p.actorHistoryQuerySchema,
  response: p.actorHistorySchema,
  errors: ['E_NOT_FOUND'],
  handle: actorsController.history,
})
