import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { ClearItemPriceQuery, CreatePriceListRequest, SetItemPriceRequest, UpdatePriceListRequest } from '@pos/protocols'
import { priceService } from '../services/price_service.js'
import type { UserPrincipal } from '../services/audit.js'
import { writeMeta } from './meta.js'

/** Price lists, tenant-wide prices and store overrides. */
export const pricesController = {
  async lists({ principal }: RouteInput<undefined, undefined, Principal>) {
    return { priceLists: await priceService.lists(principal) }
  },

  createList(input: RouteInput<CreatePriceListRequest, undefined, UserPrincipal>) {
    return priceService.createList(input.principal, input.body, writeMeta(input))
  },

  updateList(input: RouteInput<UpdatePriceListRequest, undefined, UserPrincipal>) {
    return priceService.updateList(input.principal, input.params.priceListId!, input.body, writeMeta(input))
  },

  setTenantPrice(input: RouteInput<SetItemPriceRequest, undefined, UserPrincipal>) {
    return priceService.setTenantPrice(input.principal, input.params.itemId!, input.body, writeMeta(input))
  },

  setStorePrice(input: RouteInput<SetItemPriceRequest, undefined, UserPrincipal>) {
    return priceService.setStorePrice(input.principal, input.params.storeId!, input.params.itemId!, input.body, writeMeta(input))
  },

  clearStorePrice(input: RouteInput<undefined, ClearItemPriceQuery, UserPrincipal>) {
    return priceService.clearStorePrice(input.principal, input.params.storeId!, input.params.itemId!, input.query.priceListId, writeMeta(input))
  },
}
