import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { CatalogFeedQuery, ResolveBarcodeQuery } from '@pos/protocols'
import { barcodeService } from '../services/barcode_service.js'
import { feedService } from '../services/feed_service.js'

/** What terminals read: the feed and barcode resolution, per store. */
export const feedController = {
  feed({ principal, params, query }: RouteInput<undefined, CatalogFeedQuery, Principal>) {
    return feedService.page(principal, params.storeId!, query)
  },

  resolveBarcode({ principal, params, query }: RouteInput<undefined, ResolveBarcodeQuery, Principal>) {
    return barcodeService.resolve(principal, params.storeId!, params.code!, query.on)
  },
}
