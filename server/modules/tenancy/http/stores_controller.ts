import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import { storeService } from '../services/store_service.js'

export const storesController = {
  async list({ principal }: RouteInput<undefined, undefined, Principal>) {
    return { stores: await storeService.listStores(principal) }
  },

  async terminals({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return { terminals: await storeService.listTerminals(principal, params.storeId!) }
  },
}
