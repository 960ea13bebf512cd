/*
 * The catalog part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 */
import type { z } from 'zod'
import { catalogFeedRequestSchema, catalogFeedSchema } from './feed.ts'

export {
  UQC_CODES,
  UQC_NAMES,
  isUqc,
  uqcSchema,
  type Uqc,
  skuSchema as catalogSkuSchema,
  hsnSchema as catalogHsnSchema,
  stationRouteSchema as catalogStationRouteSchema,
  barcodeCodeSchema as catalogBarcodeCodeSchema,
  barcodeKindSchema,
  type BarcodeKind,
  embeddedBarcodeRuleSchema,
  type EmbeddedBarcodeRuleInput,
} from './fields.ts'
export * from './entities.ts'
export * from './requests.ts'
export * from './feed.ts'

/** Error codes of the catalog module (E_<MODULE>_<REASON>). */
export const catalogErrorCodes = [
  'E_CATALOG_TAX_CLASS_NOT_FOUND',
  'E_CATALOG_TAX_CLASS_EXISTS',
  'E_CATALOG_TAX_CLASS_IN_USE',
  'E_CATALOG_TAX_RATE_EXISTS',
  'E_CATALOG_TAX_RATE_BACKDATED',
  'E_CATALOG_TAX_RATE_NOT_FOUND',
  'E_CATALOG_CATEGORY_NOT_FOUND',
  'E_CATALOG_CATEGORY_EXISTS',
  'E_CATALOG_CATEGORY_CYCLE',
  'E_CATALOG_CATEGORY_IN_USE',
  'E_CATALOG_PRODUCT_NOT_FOUND',
  'E_CATALOG_ITEM_NOT_FOUND',
  'E_CATALOG_SKU_EXISTS',
  'E_CATALOG_BARCODE_EXISTS',
  'E_CATALOG_BARCODE_CHECK_DIGIT',
  'E_CATALOG_BARCODE_NOT_FOUND',
  'E_CATALOG_BARCODE_RULE_INVALID',
  'E_CATALOG_PRICE_LIST_NOT_FOUND',
  'E_CATALOG_PRICE_LIST_EXISTS',
  'E_CATALOG_PRICE_NOT_FOUND',
  'E_CATALOG_BATCH_TRACKING_OFF',
  'E_CATALOG_BATCH_NOT_TRACKED',
  'E_CATALOG_BATCH_EXISTS',
  'E_CATALOG_CURSOR_INVALID',
] as const

/** Client→server catalog commands (imperative names). */
export const catalogCommandSchemas = {} satisfies Record<string, z.ZodType>

/** Server→client catalog facts (past-tense names). */
export const catalogFactSchemas = {} satisfies Record<string, z.ZodType>

/** Client→server catalog queries answered over the socket: request and response schemas. */
export const catalogQuerySchemas = {
  /** The terminal feed of a store (see feed.ts), the same answer as GET /stores/:storeId/catalog/feed. */
  'catalog.feed': { request: catalogFeedRequestSchema, response: catalogFeedSchema },
} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
