/*
 * The search module's HTTP routes, declared on the shared route table.
 */
import * as p from '@pos/protocols'
import { searchController } from '#modules/search/index'
import { api } from '#start/api'

api.route({
  method: 'get',
  path: '/stores/:storeId/items/search',
  tag: 'search',
  summary: "Search a store's active items by barcode, scale label, SKU or words (typos tolerated), best first",
  auth: 'user-or-device',
  query: p.searchItemsQuerySchema,
  response: p.searchItemsResponseSchema,
  errors: ['E_TENANCY_STORE_NOT_FOUND', 'E_SEARCH_QUERY_INVALID'],
  handle: searchController.search,
})
