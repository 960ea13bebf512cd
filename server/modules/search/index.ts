/*
 * search: item search in a store (barcode, scale label, SKU, words with typos),
 * over HTTP and as the socket query `items.search` (see README.md).
 */
import type { DomainModule, QueryHandlers } from '#core/modules'
import { searchService } from './services/search_service.js'

export { searchController } from './http/search_controller.js'
export { searchService } from './services/search_service.js'
export { searchErrors } from './errors.js'

/** What search brings to the live side: the socket query `items.search`. */
export const searchModule: DomainModule<never, 'items.search'> & { queries: QueryHandlers<'items.search'> } = {
  queries: {
    // The gateway has validated the request and checked the store is in the caller's scope and tenant.
    'items.search': (request, principal) =>
      searchService.search({ tenantId: principal.tenantId, storeId: request.storeId, q: request.q, limit: request.limit }),
  },
}
