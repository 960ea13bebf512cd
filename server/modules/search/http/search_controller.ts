import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { SearchItemsQuery } from '@pos/protocols'
import { searchService } from '../services/search_service.js'

export const searchController = {
  search({ principal, params, query }: RouteInput<undefined, SearchItemsQuery, Principal>) {
    return searchService.searchFor(principal, params.storeId!, query)
  },
}
