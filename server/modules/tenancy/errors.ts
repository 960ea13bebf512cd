import { defineErrors } from '#core/errors'

export const tenancyErrors = defineErrors({
  storeNotFound: { code: 'E_TENANCY_STORE_NOT_FOUND', status: 404, message: 'No such store' },
  terminalNotFound: { code: 'E_TENANCY_TERMINAL_NOT_FOUND', status: 404, message: 'No such terminal in this store' },
})
