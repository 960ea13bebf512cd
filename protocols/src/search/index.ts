/*
 * The search part of the wire contract. The shared registries spread these in:
 * error codes (errors.ts), socket commands (socket/commands.ts), facts
 * (socket/facts.ts) and socket queries (socket/queries.ts).
 *
 * Item search in a store: `GET /api/v1/stores/:storeId/items/search?q=&limit=`
 * and the socket query `items.search` answer the same thing.
 */
import { z } from 'zod'
import { storeIdSchema, uuidSchema } from '../ids.ts'

/** Error codes of the search module (E_<MODULE>_<REASON>). */
export const searchErrorCodes = ['E_SEARCH_QUERY_INVALID'] as const

/** The longest query text (a scanned code, a SKU or a few words). */
export const SEARCH_QUERY_MAX = 100
/** The most results one search returns. */
export const SEARCH_LIMIT_MAX = 50
/** Results returned when the request does not say. */
export const SEARCH_LIMIT_DEFAULT = 20

/**
 * What was typed or scanned: 1 to 100 characters (surrounding spaces removed),
 * with at least one letter or digit (punctuation alone finds nothing).
 */
export const searchTextSchema = z
  .string()
  .trim()
  .min(1)
  .max(SEARCH_QUERY_MAX)
  .refine((text) => /[\p{L}\p{N}]/u.test(text), 'must contain a letter or a digit')

/** The query string of `GET /stores/:storeId/items/search` (`limit` arrives as text). */
export const searchItemsQuerySchema = z.strictObject({
  q: searchTextSchema,
  limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
})
export type SearchItemsQuery = z.infer<typeof searchItemsQuerySchema>

/** The socket query `items.search`: the same, in a store. */
export const searchItemsRequestSchema = z.strictObject({
  storeId: storeIdSchema,
  q: searchTextSchema,
  limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
})
export type SearchItemsRequest = z.infer<typeof searchItemsRequestSchema>

/**
 * How a result matched, best first: the scanned code is one of the item's
 * barcodes (`barcode`); a scale label carries the item's internal code
 * (`scale`); the text is the item's SKU, in any letter case (`sku`); every word
 * of the text begins a word of the item's name, local name or SKU (`prefix`);
 * some word only resembles one of the item's words (`fuzzy`, typo-tolerant).
 */
export const searchMatchSchema = z.enum(['barcode', 'scale', 'sku', 'prefix', 'fuzzy'])
export type SearchMatch = z.infer<typeof searchMatchSchema>

/** What a scale label carries besides the item: a weight (quantity in the item's unit) or a line price. */
export const searchScaleReadingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('weight'), code: z.string(), quantity: z.string() }),
  z.object({ kind: z.literal('price'), code: z.string(), pricePaise: z.number().int().min(0) }),
])
export type SearchScaleReading = z.infer<typeof searchScaleReadingSchema>

/** One active item found, as the store sells it. */
export const searchResultSchema = z.object({
  itemId: uuidSchema,
  productId: uuidSchema,
  sku: z.string(),
  name: z.string(),
  localName: z.string().nullable(),
  /** GST unit quantity code of the product (`KGS`, `NOS`, ...). */
  unit: z.string(),
  mrpPaise: z.number().int().nullable(),
  /** The store's price on the default list: its override, else the tenant-wide price; null without either. */
  pricePaise: z.number().int().nullable(),
  priceSource: z.enum(['store', 'tenant']).nullable(),
  /** Null when the tenant has no default price list. */
  pricesIncludeTax: z.boolean().nullable(),
  /** Stock on hand in this store (decimal string), null when the store has no stock row for the item. */
  onHand: z.string().nullable(),
  match: searchMatchSchema,
  /** Scale labels only (match `scale`). */
  scale: searchScaleReadingSchema.nullable(),
})
export type SearchResult = z.infer<typeof searchResultSchema>

/** Results, best first. */
export const searchItemsResponseSchema = z.object({
  items: z.array(searchResultSchema),
})
export type SearchItemsResponse = z.infer<typeof searchItemsResponseSchema>

/** Client→server search commands (imperative names). */
export const searchCommandSchemas = {} satisfies Record<string, z.ZodType>

/** Server→client search facts (past-tense names). */
export const searchFactSchemas = {} satisfies Record<string, z.ZodType>

/** Client→server search queries answered over the socket: request and response schemas. */
export const searchQuerySchemas = {
  /** Item search in a store (the same answer as GET /stores/:storeId/items/search). */
  'items.search': { request: searchItemsRequestSchema, response: searchItemsResponseSchema },
} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>
