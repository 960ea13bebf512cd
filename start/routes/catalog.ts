/*
 * The catalog module's HTTP routes, declared on the shared route table.
 * Reads: any signed-in user or paired device of the tenant. Writes: managers
 * and owners. Store-scoped routes check the caller may see the store.
 */
import * as p from '@pos/protocols'
import { z } from 'zod'
import { catalogController, feedController, pricesController, productsController } from '#modules/catalog/index'
import { api } from '#start/api'

const tag = 'catalog'
const STORE = 'E_TENANCY_STORE_NOT_FOUND' as const

api.route({
  method: 'get',
  path: '/tax-classes',
  tag,
  summary: 'Tax classes with their dated rates: the rate in force today and the upcoming ones',
  auth: 'user-or-device',
  response: z.object({ taxClasses: z.array(p.taxClassSchema) }),
  handle: catalogController.taxClasses,
})

api.route({
  method: 'post',
  path: '/tax-classes',
  tag,
  summary: 'Create a tax class with its first dated rate(s)',
  auth: 'user',
  minRole: 'manager',
  body: p.createTaxClassRequestSchema,
  response: p.taxClassSchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_TAX_CLASS_EXISTS'],
  handle: catalogController.createTaxClass,
})

api.route({
  method: 'patch',
  path: '/tax-classes/:taxClassId',
  tag,
  summary: 'Rename a tax class, or retire it (active: false) once no active product uses it',
  auth: 'user',
  minRole: 'manager',
  body: p.updateTaxClassRequestSchema,
  response: p.taxClassSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_TAX_CLASS_NOT_FOUND', 'E_CATALOG_TAX_CLASS_IN_USE'],
  handle: catalogController.updateTaxClass,
})

api.route({
  method: 'post',
  path: '/tax-classes/:taxClassId/rates',
  tag,
  summary: 'A rate change: a new rate from a date (today or later); past dates keep their rate',
  auth: 'user',
  minRole: 'manager',
  body: p.addTaxRateRequestSchema,
  response: p.taxClassSchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_TAX_CLASS_NOT_FOUND', 'E_CATALOG_TAX_RATE_EXISTS', 'E_CATALOG_TAX_RATE_BACKDATED'],
  handle: catalogController.addTaxRate,
})

api.route({
  method: 'delete',
  path: '/tax-classes/:taxClassId/rates/:effectiveFrom',
  tag,
  summary: 'Cancel a rate change that has not taken effect yet',
  auth: 'user',
  minRole: 'manager',
  response: p.taxClassSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_TAX_CLASS_NOT_FOUND', 'E_CATALOG_TAX_RATE_NOT_FOUND'],
  handle: catalogController.removeTaxRate,
})

api.route({
  method: 'get',
  path: '/categories',
  tag,
  summary: 'Categories, parents before their children (the tree by parentId), with their station routes',
  auth: 'user-or-device',
  response: z.object({ categories: z.array(p.catalogCategorySchema) }),
  handle: catalogController.categories,
})

api.route({
  method: 'post',
  path: '/categories',
  tag,
  summary: 'Create a category (under a parent, with the station its lines go to)',
  auth: 'user',
  minRole: 'manager',
  body: p.createCategoryRequestSchema,
  response: p.catalogCategorySchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_CATEGORY_NOT_FOUND', 'E_CATALOG_CATEGORY_EXISTS'],
  handle: catalogController.createCategory,
})

api.route({
  method: 'patch',
  path: '/categories/:categoryId',
  tag,
  summary: 'Rename, move, reroute or retire a category',
  auth: 'user',
  minRole: 'manager',
  body: p.updateCategoryRequestSchema,
  response: p.catalogCategorySchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_CATEGORY_NOT_FOUND', 'E_CATALOG_CATEGORY_EXISTS', 'E_CATALOG_CATEGORY_CYCLE', 'E_CATALOG_CATEGORY_IN_USE'],
  handle: catalogController.updateCategory,
})

api.route({
  method: 'get',
  path: '/products',
  tag,
  summary: 'Products with their items (keyset pages by id; filter by name/SKU, category, active)',
  auth: 'user-or-device',
  query: p.productListQuerySchema,
  response: z.object({ products: z.array(p.catalogProductSchema), nextAfter: z.string().nullable() }),
  handle: productsController.list,
})

api.route({
  method: 'post',
  path: '/products',
  tag,
  summary: 'Create a product with one or more items (variants), their barcodes and tenant-wide prices',
  auth: 'user',
  minRole: 'manager',
  body: p.createProductRequestSchema,
  response: p.catalogProductSchema,
  status: 201,
  errors: [
    'E_AUTH_FORBIDDEN',
    'E_CATALOG_TAX_CLASS_NOT_FOUND',
    'E_CATALOG_CATEGORY_NOT_FOUND',
    'E_CATALOG_SKU_EXISTS',
    'E_CATALOG_BARCODE_EXISTS',
    'E_CATALOG_BARCODE_CHECK_DIGIT',
    'E_CATALOG_PRICE_LIST_NOT_FOUND',
    'E_CATALOG_BATCH_TRACKING_OFF',
  ],
  handle: productsController.create,
})

api.route({
  method: 'get',
  path: '/products/:productId',
  tag,
  summary: 'A product with its items, barcodes and prices',
  auth: 'user-or-device',
  response: p.catalogProductSchema,
  errors: ['E_CATALOG_PRODUCT_NOT_FOUND'],
  handle: productsController.get,
})

api.route({
  method: 'patch',
  path: '/products/:productId',
  tag,
  summary: "Change a product, or retire it (active: false): its items stop selling",
  auth: 'user',
  minRole: 'manager',
  body: p.updateProductRequestSchema,
  response: p.catalogProductSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_PRODUCT_NOT_FOUND', 'E_CATALOG_TAX_CLASS_NOT_FOUND', 'E_CATALOG_CATEGORY_NOT_FOUND', 'E_CATALOG_BATCH_TRACKING_OFF'],
  handle: productsController.update,
})

api.route({
  method: 'post',
  path: '/products/:productId/items',
  tag,
  summary: 'Add an item (variant) to a product',
  auth: 'user',
  minRole: 'manager',
  body: p.addItemRequestSchema,
  response: p.catalogProductSchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_PRODUCT_NOT_FOUND', 'E_CATALOG_SKU_EXISTS', 'E_CATALOG_BARCODE_EXISTS', 'E_CATALOG_BARCODE_CHECK_DIGIT', 'E_CATALOG_PRICE_LIST_NOT_FOUND'],
  handle: productsController.addItem,
})

api.route({
  method: 'get',
  path: '/items/:itemId',
  tag,
  summary: "An item's product, with all its items",
  auth: 'user-or-device',
  response: p.catalogProductSchema,
  errors: ['E_CATALOG_ITEM_NOT_FOUND'],
  handle: productsController.getByItem,
})

api.route({
  method: 'patch',
  path: '/items/:itemId',
  tag,
  summary: 'Change an item, or retire it (active: false)',
  auth: 'user',
  minRole: 'manager',
  body: p.updateItemRequestSchema,
  response: p.catalogProductSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_ITEM_NOT_FOUND', 'E_CATALOG_SKU_EXISTS'],
  handle: productsController.updateItem,
})

api.route({
  method: 'post',
  path: '/items/:itemId/barcodes',
  tag,
  summary: "Add a barcode to an item (a GTIN must carry its check digit; a code names one item of the tenant)",
  auth: 'user',
  minRole: 'manager',
  body: p.itemBarcodeInputSchema,
  response: p.catalogProductSchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_ITEM_NOT_FOUND', 'E_CATALOG_BARCODE_EXISTS', 'E_CATALOG_BARCODE_CHECK_DIGIT'],
  handle: productsController.addBarcode,
})

api.route({
  method: 'delete',
  path: '/items/:itemId/barcodes/:code',
  tag,
  summary: 'Remove a barcode from an item',
  auth: 'user',
  minRole: 'manager',
  response: p.catalogProductSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_ITEM_NOT_FOUND', 'E_CATALOG_BARCODE_NOT_FOUND'],
  handle: productsController.removeBarcode,
})

api.route({
  method: 'get',
  path: '/items/:itemId/batches',
  tag,
  summary: "An item's batches, soonest expiry first",
  auth: 'user-or-device',
  response: z.object({ batches: z.array(p.itemBatchSchema) }),
  errors: ['E_CATALOG_ITEM_NOT_FOUND'],
  handle: productsController.batches,
})

api.route({
  method: 'post',
  path: '/items/:itemId/batches',
  tag,
  summary: 'Add a batch (number, expiry) to an item whose product tracks batches',
  auth: 'user',
  minRole: 'manager',
  body: p.createItemBatchRequestSchema,
  response: p.itemBatchSchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_ITEM_NOT_FOUND', 'E_CATALOG_BATCH_TRACKING_OFF', 'E_CATALOG_BATCH_NOT_TRACKED', 'E_CATALOG_BATCH_EXISTS'],
  handle: productsController.addBatch,
})

api.route({
  method: 'get',
  path: '/price-lists',
  tag,
  summary: 'Price lists (one is the default, which stores sell at)',
  auth: 'user-or-device',
  response: z.object({ priceLists: z.array(p.priceListSchema) }),
  handle: pricesController.lists,
})

api.route({
  method: 'post',
  path: '/price-lists',
  tag,
  summary: "Create a price list (the tenant's first list becomes its default)",
  auth: 'user',
  minRole: 'manager',
  body: p.createPriceListRequestSchema,
  response: p.priceListSchema,
  status: 201,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_PRICE_LIST_EXISTS'],
  handle: pricesController.createList,
})

api.route({
  method: 'patch',
  path: '/price-lists/:priceListId',
  tag,
  summary: 'Rename a price list, switch tax-inclusive pricing, or make it the default',
  auth: 'user',
  minRole: 'manager',
  body: p.updatePriceListRequestSchema,
  response: p.priceListSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_PRICE_LIST_NOT_FOUND'],
  handle: pricesController.updateList,
})

api.route({
  method: 'put',
  path: '/items/:itemId/price',
  tag,
  summary: "Set an item's tenant-wide price (default list unless one is named)",
  auth: 'user',
  minRole: 'manager',
  body: p.setItemPriceRequestSchema,
  response: p.catalogProductSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_ITEM_NOT_FOUND', 'E_CATALOG_PRICE_LIST_NOT_FOUND'],
  handle: pricesController.setTenantPrice,
})

api.route({
  method: 'put',
  path: '/stores/:storeId/items/:itemId/price',
  tag,
  summary: "Override an item's price in one store",
  auth: 'user',
  minRole: 'manager',
  body: p.setItemPriceRequestSchema,
  response: p.catalogProductSchema,
  errors: ['E_AUTH_FORBIDDEN', STORE, 'E_CATALOG_ITEM_NOT_FOUND', 'E_CATALOG_PRICE_LIST_NOT_FOUND'],
  handle: pricesController.setStorePrice,
})

api.route({
  method: 'delete',
  path: '/stores/:storeId/items/:itemId/price',
  tag,
  summary: "Clear a store's override: the store sells at the tenant-wide price again",
  auth: 'user',
  minRole: 'manager',
  query: p.clearItemPriceQuerySchema,
  response: p.catalogProductSchema,
  errors: ['E_AUTH_FORBIDDEN', STORE, 'E_CATALOG_ITEM_NOT_FOUND', 'E_CATALOG_PRICE_LIST_NOT_FOUND', 'E_CATALOG_PRICE_NOT_FOUND'],
  handle: pricesController.clearStorePrice,
})

api.route({
  method: 'get',
  path: '/catalog/settings',
  tag,
  summary: 'Catalog settings: scale barcode rules, batch tracking',
  auth: 'user-or-device',
  response: p.catalogSettingsSchema,
  handle: catalogController.settings,
})

api.route({
  method: 'patch',
  path: '/catalog/settings',
  tag,
  summary: 'Change the scale barcode rules (each checked like the terminals read them) or batch tracking',
  auth: 'user',
  minRole: 'manager',
  body: p.updateCatalogSettingsRequestSchema,
  response: p.catalogSettingsSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_CATALOG_BARCODE_RULE_INVALID'],
  handle: catalogController.updateSettings,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/barcodes/:code',
  tag,
  summary: 'Resolve a scanned code in a store: the item, its store price and tax rate; scale labels with their weight or price',
  auth: 'user-or-device',
  query: p.resolveBarcodeQuerySchema,
  response: p.barcodeResolutionSchema,
  errors: [STORE, 'E_CATALOG_BARCODE_NOT_FOUND', 'E_CATALOG_BARCODE_CHECK_DIGIT'],
  handle: feedController.resolveBarcode,
})

api.route({
  method: 'get',
  path: '/stores/:storeId/catalog/feed',
  tag,
  summary: "The store's terminal feed: a full download (no cursor, paged), then the changes since the cursor",
  auth: 'user-or-device',
  query: p.catalogFeedQuerySchema,
  response: p.catalogFeedSchema,
  errors: [STORE, 'E_CATALOG_CURSOR_INVALID'],
  handle: feedController.feed,
})
