import { defineErrors } from '#core/errors'

export const deviceErrors = defineErrors({
  keyInvalid: { code: 'E_DEVICE_KEY_INVALID', status: 401, message: 'The device key is not valid' },
  revoked: { code: 'E_DEVICE_REVOKED', status: 401, message: 'This device has been revoked; pair it again' },
  pairingCodeInvalid: {
    code: 'E_DEVICE_PAIRING_CODE_INVALID',
    status: 400,
    message: 'The pairing code is wrong, used or expired; ask a manager for a new one',
  },
  notFound: { code: 'E_NOT_FOUND', status: 404, message: 'No such device' },
})
