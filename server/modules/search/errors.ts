import { defineErrors } from '#core/errors'

export const searchErrors = defineErrors({
  queryInvalid: {
    code: 'E_SEARCH_QUERY_INVALID',
    status: 422,
    message: 'Search for 1 to 100 characters with a letter or digit in them, and 1 to 50 results',
  },
})
