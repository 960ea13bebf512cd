import { defineErrors } from '#core/errors'

export const identityErrors = defineErrors({
  unauthenticated: {
    code: 'E_AUTH_UNAUTHENTICATED',
    status: 401,
    message: 'Sign in first: send an access token (Authorization: Bearer) or a device key (x-device-key)',
  },
  invalidCredentials: { code: 'E_AUTH_INVALID_CREDENTIALS', status: 401, message: 'Wrong login or password' },
  tokenExpired: { code: 'E_AUTH_TOKEN_EXPIRED', status: 401, message: 'The access token has expired; refresh it' },
  tokenInvalid: { code: 'E_AUTH_TOKEN_INVALID', status: 401, message: 'The access token is not valid' },
  tenantRequired: {
    code: 'E_AUTH_TENANT_REQUIRED',
    status: 409,
    message: 'This login belongs to several businesses; choose one with tenantId',
  },
  noMembership: { code: 'E_AUTH_NO_MEMBERSHIP', status: 403, message: 'This login has no access to that business' },
  refreshInvalid: { code: 'E_AUTH_REFRESH_INVALID', status: 401, message: 'The refresh token is not valid; sign in again' },
  refreshReused: {
    code: 'E_AUTH_REFRESH_REUSED',
    status: 401,
    message: 'This refresh token was already used; every session from it has been signed out',
  },
  forbidden: { code: 'E_AUTH_FORBIDDEN', status: 403, message: 'Your role does not allow this' },
  userExists: { code: 'E_USER_EXISTS', status: 409, message: 'A user with that email or phone already exists' },
  userNotFound: { code: 'E_USER_NOT_FOUND', status: 404, message: 'No such user in this business' },
  lastOwner: {
    code: 'E_USER_LAST_OWNER',
    status: 409,
    message: 'This is the last owner of the business; make someone else an owner first',
  },
})
