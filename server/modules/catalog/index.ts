/*
 * catalog: tax classes and dated rates, categories, products and their items
 * (variants), barcodes, price lists and store overrides, batches, the catalog
 * settings, and the terminal feed (see README.md).
 */
import type { DomainModule } from '#core/modules'
import { feedService } from './services/feed_service.js'

export { catalogController } from './http/catalog_controller.js'
export { productsController } from './http/products_controller.js'
export { pricesController } from './http/prices_controller.js'
export { feedController } from './http/feed_controller.js'
export { catalogErrors } from './errors.js'
export { resolveSaleItems } from './services/sale_items_service.js'
export { readCatalogSettings } from './services/settings_service.js'
export { findBatch } from './services/batch_service.js'
export { CATALOG_TIME_ZONE } from './repositories/values.js'

/** What catalog brings to the live side: the terminal feed as a socket query (`catalog.feed`). */
export const catalogModule: DomainModule<never, 'catalog.feed'> = {
  queries: {
    // The gateway has validated the request and checked the store is in the caller's scope.
    'catalog.feed': (request, principal) => feedService.page(principal, request.storeId, request),
  },
}
