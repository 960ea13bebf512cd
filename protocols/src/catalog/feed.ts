import { z } from 'zod'
import { storeIdSchema, uuidSchema } from '../ids.ts'
import { catalogCategorySchema, catalogSettingsSchema, itemBarcodeSchema, taxClassRateSchema } from './entities.ts'
import { uqcSchema } from './fields.ts'

/*
 * The terminal feed: everything a terminal needs to sell offline in its store,
 * as a full download (no cursor, paged) and then as changes since a cursor.
 *
 * Apply a page in this order: if `reset`, drop the local catalog; upsert
 * `taxClasses`, `categories`, `items` (whole rows, replacing the local row and
 * its barcode list); delete what `removed` names; replace the settings when
 * `settings` is not null; store `cursor`. Ask again at once while `hasMore`;
 * `pending` says changes are committed but held back behind a transaction that
 * is still running somewhere: ask again shortly.
 */

/** An item as a terminal of one store sells it. */
export const catalogFeedItemSchema = z.object({
  id: uuidSchema,
  productId: uuidSchema,
  sku: z.string(),
  name: z.string(),
  localName: z.string().nullable(),
  variant: z.record(z.string(), z.string()),
  unit: uqcSchema,
  fractional: z.boolean(),
  hsn: z.string(),
  categoryId: uuidSchema.nullable(),
  /** The kitchen/print station the item's lines go to (from its category). */
  stationRoute: z.string().nullable(),
  taxClassId: uuidSchema,
  /** The rate and cess in force on `today`; null when the class has only future rates. */
  ratePercent: z.string().nullable(),
  cessPercent: z.string().nullable(),
  /** Dated rates after `today`, soonest first: the terminal switches on the date without a new download. */
  upcomingRates: z.array(taxClassRateSchema),
  mrpPaise: z.number().int().nullable(),
  /** The store's effective price on the default list (its override, else the tenant-wide price); null: none set. */
  pricePaise: z.number().int().nullable(),
  priceSource: z.enum(['store', 'tenant']).nullable(),
  pricesIncludeTax: z.boolean(),
  barcodes: z.array(itemBarcodeSchema),
  tracksBatches: z.boolean(),
  /** Batches not yet expired on `today`, soonest expiry first (tracked items only). */
  batches: z.array(z.object({ id: uuidSchema, batchNo: z.string(), expiresOn: z.string().nullable() })),
  /** False: retired (its id is also in `removed.items`); kept so old lines can still be named. */
  active: z.boolean(),
})
export type CatalogFeedItem = z.infer<typeof catalogFeedItemSchema>

export const catalogFeedTaxClassSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  /** The rate in force on `today` (if any) and every later one, oldest first. */
  rates: z.array(taxClassRateSchema),
})
export type CatalogFeedTaxClass = z.infer<typeof catalogFeedTaxClassSchema>

/** A category as the feed carries it: the same shape as the catalog API's. */
export const catalogFeedCategorySchema = catalogCategorySchema
export type CatalogFeedCategory = z.infer<typeof catalogFeedCategorySchema>

export const catalogFeedSchema = z.object({
  storeId: storeIdSchema,
  /** The date in India the rates and batches were chosen for. */
  today: z.string(),
  /** This page belongs to a full download (no cursor yet, or a cursor of one). */
  full: z.boolean(),
  /** First page of a full download: replace the local catalog with what follows. */
  reset: z.boolean(),
  items: z.array(catalogFeedItemSchema),
  taxClasses: z.array(catalogFeedTaxClassSchema),
  categories: z.array(catalogFeedCategorySchema),
  /** The tenant's catalog settings (scale barcode rules...) when they changed; null: unchanged. */
  settings: catalogSettingsSchema.nullable(),
  removed: z.object({
    /** Retired items (their rows, with `active: false`, are in `items`). */
    items: z.array(uuidSchema),
    /** Codes that no longer name any item. */
    barcodes: z.array(z.string()),
    /** Items whose store override was cleared: their row in `items` carries the tenant-wide price again. */
    storePrices: z.array(uuidSchema),
    taxClasses: z.array(uuidSchema),
    categories: z.array(uuidSchema),
  }),
  /** Opaque; send it back for the next page or the next changes. */
  cursor: z.string(),
  /** More is ready now: ask again at once. */
  hasMore: z.boolean(),
  /** Changes are committed but wait for an older transaction to end: ask again shortly. */
  pending: z.boolean(),
})
export type CatalogFeed = z.infer<typeof catalogFeedSchema>

/** A cursor as clients hold it: opaque text. */
export const catalogFeedCursorSchema = z.string().min(1).max(500).regex(/^[A-Za-z0-9_-]+$/)

export const catalogFeedQuerySchema = z.strictObject({
  cursor: catalogFeedCursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
})
export type CatalogFeedQuery = z.infer<typeof catalogFeedQuerySchema>

/** The feed over the socket (`catalog.feed`): the same answer as the HTTP route. */
export const catalogFeedRequestSchema = z.strictObject({
  storeId: storeIdSchema,
  cursor: catalogFeedCursorSchema.optional(),
  limit: z.number().int().min(1).max(1000).default(200),
})
export type CatalogFeedRequest = z.infer<typeof catalogFeedRequestSchema>
