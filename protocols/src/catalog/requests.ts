import { z } from 'zod'
import { uuidSchema } from '../ids.ts'
import {
  barcodeCodeSchema,
  barcodeKindSchema,
  batchNoSchema,
  codeSchema,
  dateSchema,
  embeddedBarcodeRuleSchema,
  hsnSchema,
  nameSchema,
  nonNegativePaiseSchema,
  percentSchema,
  quantitySchema,
  skuSchema,
  stationRouteSchema,
  uqcSchema,
  variantSchema,
} from './fields.ts'

/*
 * Bodies and queries of the catalog's HTTP routes. Every body is strict: an
 * unknown field is refused (E_VALIDATION naming it).
 */

export const taxClassRateInputSchema = z.strictObject({
  effectiveFrom: dateSchema,
  ratePercent: percentSchema(100),
  /** Compensation cess on the taxable value (aerated drinks, tobacco...). */
  cessPercent: percentSchema(400).default('0'),
})
export type TaxClassRateInput = z.infer<typeof taxClassRateInputSchema>

/** A tax class with its first rate(s); later changes are new dated rates. */
export const createTaxClassRequestSchema = z
  .strictObject({
    code: codeSchema,
    name: nameSchema(100),
    rates: z.array(taxClassRateInputSchema).min(1).max(20),
  })
  .refine((body) => new Set(body.rates.map((rate) => rate.effectiveFrom)).size === body.rates.length, {
    message: 'one rate per effective date',
    path: ['rates'],
  })
export type CreateTaxClassRequest = z.infer<typeof createTaxClassRequestSchema>

/** Rename or retire (`active: false`) a tax class. Rates are never edited: add a dated one. */
export const updateTaxClassRequestSchema = z
  .strictObject({ name: nameSchema(100).optional(), active: z.boolean().optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
export type UpdateTaxClassRequest = z.infer<typeof updateTaxClassRequestSchema>

/** A rate change: a new rate from a date, today or later (past dates would rewrite history). */
export const addTaxRateRequestSchema = taxClassRateInputSchema
export type AddTaxRateRequest = z.infer<typeof addTaxRateRequestSchema>

export const createCategoryRequestSchema = z.strictObject({
  name: nameSchema(100),
  parentId: uuidSchema.nullable().default(null),
  stationRoute: stationRouteSchema.nullable().default(null),
})
export type CreateCategoryRequest = z.infer<typeof createCategoryRequestSchema>

/** Rename, move, reroute or retire (`active: false`) a category. */
export const updateCategoryRequestSchema = z
  .strictObject({
    name: nameSchema(100).optional(),
    parentId: uuidSchema.nullable().optional(),
    stationRoute: stationRouteSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
export type UpdateCategoryRequest = z.infer<typeof updateCategoryRequestSchema>

export const itemBarcodeInputSchema = z.strictObject({
  code: barcodeCodeSchema,
  kind: barcodeKindSchema.default('gtin'),
})
export type ItemBarcodeInput = z.infer<typeof itemBarcodeInputSchema>

/** One sellable variant, with its tenant-wide price on the default list when given. */
export const catalogItemInputSchema = z.strictObject({
  sku: skuSchema,
  name: nameSchema(200),
  localName: nameSchema(200).nullable().default(null),
  variant: variantSchema.default({}),
  mrpPaise: nonNegativePaiseSchema.nullable().default(null),
  costPaise: nonNegativePaiseSchema.default(0),
  reorderLevel: quantitySchema.default('0'),
  pricePaise: nonNegativePaiseSchema.optional(),
  barcodes: z.array(itemBarcodeInputSchema).max(20).default([]),
})
export type CatalogItemInput = z.infer<typeof catalogItemInputSchema>

/** A product and its items (one for a product without variants), created together. */
export const createProductRequestSchema = z
  .strictObject({
    name: nameSchema(200),
    localName: nameSchema(200).nullable().default(null),
    categoryId: uuidSchema.nullable().default(null),
    hsn: hsnSchema,
    taxClassId: uuidSchema,
    unit: uqcSchema,
    fractional: z.boolean().default(false),
    tracksBatches: z.boolean().default(false),
    items: z.array(catalogItemInputSchema).min(1).max(100),
  })
  .refine((body) => new Set(body.items.map((item) => item.sku.toLowerCase())).size === body.items.length, {
    message: 'each item needs its own SKU',
    path: ['items'],
  })
export type CreateProductRequest = z.infer<typeof createProductRequestSchema>

/** Change a product's fields, or retire it (`active: false`: its items stop selling). */
export const updateProductRequestSchema = z
  .strictObject({
    name: nameSchema(200).optional(),
    localName: nameSchema(200).nullable().optional(),
    categoryId: uuidSchema.nullable().optional(),
    hsn: hsnSchema.optional(),
    taxClassId: uuidSchema.optional(),
    unit: uqcSchema.optional(),
    fractional: z.boolean().optional(),
    tracksBatches: z.boolean().optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
export type UpdateProductRequest = z.infer<typeof updateProductRequestSchema>

/** Add a variant to a product. */
export const addItemRequestSchema = catalogItemInputSchema
export type AddItemRequest = z.infer<typeof addItemRequestSchema>

/** Change an item's fields, or retire it (`active: false`). */
export const updateItemRequestSchema = z
  .strictObject({
    sku: skuSchema.optional(),
    name: nameSchema(200).optional(),
    localName: nameSchema(200).nullable().optional(),
    variant: variantSchema.optional(),
    mrpPaise: nonNegativePaiseSchema.nullable().optional(),
    costPaise: nonNegativePaiseSchema.optional(),
    reorderLevel: quantitySchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
export type UpdateItemRequest = z.infer<typeof updateItemRequestSchema>

export const productListQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  categoryId: uuidSchema.optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  /** Keyset paging: the last product id of the previous page. */
  after: uuidSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type ProductListQuery = z.infer<typeof productListQuerySchema>

export const createPriceListRequestSchema = z.strictObject({
  code: codeSchema,
  name: nameSchema(100),
  pricesIncludeTax: z.boolean().default(true),
  /** Making a list the default takes the role from the previous default. */
  isDefault: z.boolean().default(false),
})
export type CreatePriceListRequest = z.infer<typeof createPriceListRequestSchema>

export const updatePriceListRequestSchema = z
  .strictObject({
    name: nameSchema(100).optional(),
    pricesIncludeTax: z.boolean().optional(),
    /** Only `true`: a tenant always has a default once it had one; make another list the default instead. */
    isDefault: z.literal(true).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
export type UpdatePriceListRequest = z.infer<typeof updatePriceListRequestSchema>

/** Set a price: tenant-wide (PUT /items/:itemId/price) or a store's override (PUT /stores/:storeId/items/:itemId/price). */
export const setItemPriceRequestSchema = z.strictObject({
  pricePaise: nonNegativePaiseSchema,
  /** Default: the tenant's default list. */
  priceListId: uuidSchema.optional(),
})
export type SetItemPriceRequest = z.infer<typeof setItemPriceRequestSchema>

export const clearItemPriceQuerySchema = z.strictObject({ priceListId: uuidSchema.optional() })
export type ClearItemPriceQuery = z.infer<typeof clearItemPriceQuerySchema>

/** Change the catalog settings; what is left out stays as it is. */
export const updateCatalogSettingsRequestSchema = z
  .strictObject({
    scaleBarcodeRules: z.array(embeddedBarcodeRuleSchema).max(20).optional(),
    batchTracking: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
export type UpdateCatalogSettingsRequest = z.infer<typeof updateCatalogSettingsRequestSchema>

export const createItemBatchRequestSchema = z
  .strictObject({
    batchNo: batchNoSchema,
    manufacturedOn: dateSchema.nullable().default(null),
    expiresOn: dateSchema.nullable().default(null),
  })
  .refine((body) => body.manufacturedOn === null || body.expiresOn === null || body.manufacturedOn <= body.expiresOn, {
    message: 'expires before it was made',
    path: ['expiresOn'],
  })
export type CreateItemBatchRequest = z.infer<typeof createItemBatchRequestSchema>

/** Barcode resolution: the date whose tax rate applies (default: today in India). */
export const resolveBarcodeQuerySchema = z.strictObject({ on: dateSchema.optional() })
export type ResolveBarcodeQuery = z.infer<typeof resolveBarcodeQuerySchema>
