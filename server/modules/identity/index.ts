/*
 * identity: users, sign-in, access and refresh tokens, and request authentication.
 */
export { authController } from './http/auth_controller.js'
export { usersController } from './http/users_controller.js'
export { authenticateRequest } from './authenticate.js'
export { signAccessToken, verifyAccessToken, ACCESS_TOKEN_TTL_SECONDS } from './services/token_service.js'
export { identityErrors } from './errors.js'
