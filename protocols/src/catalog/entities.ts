import { z } from 'zod'
import { storeIdSchema, uuidSchema } from '../ids.ts'
import { barcodeKindSchema, embeddedBarcodeRuleSchema, uqcSchema } from './fields.ts'

/*
 * What the catalog's HTTP routes answer. Rates are canonical decimal strings
 * ("18", "12.5", "0"); money is integer paise; dates are `YYYY-MM-DD`.
 */

/** One dated rate of a tax class: applies from `effectiveFrom` until the next one. */
export const taxClassRateSchema = z.object({
  effectiveFrom: z.string(),
  ratePercent: z.string(),
  cessPercent: z.string(),
})
export type TaxClassRate = z.infer<typeof taxClassRateSchema>

export const taxClassSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  /** Every dated rate, oldest first. */
  rates: z.array(taxClassRateSchema),
  /** The rate in force today (India); null when the class has only future rates. */
  current: taxClassRateSchema.nullable(),
  /** Rates that start after today, soonest first. */
  upcoming: z.array(taxClassRateSchema),
})
export type TaxClass = z.infer<typeof taxClassSchema>

export const catalogCategorySchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  name: z.string(),
  stationRoute: z.string().nullable(),
  active: z.boolean(),
})
export type CatalogCategory = z.infer<typeof catalogCategorySchema>

export const itemBarcodeSchema = z.object({ code: z.string(), kind: barcodeKindSchema })
export type ItemBarcode = z.infer<typeof itemBarcodeSchema>

/** A price of an item on a list: tenant-wide (`storeId` null) or one store's override. */
export const itemPriceSchema = z.object({
  priceListId: uuidSchema,
  storeId: storeIdSchema.nullable(),
  pricePaise: z.number().int(),
})
export type ItemPrice = z.infer<typeof itemPriceSchema>

/** A sellable variant of a product, with its own SKU. */
export const catalogItemSchema = z.object({
  id: uuidSchema,
  productId: uuidSchema,
  sku: z.string(),
  name: z.string(),
  localName: z.string().nullable(),
  variant: z.record(z.string(), z.string()),
  mrpPaise: z.number().int().nullable(),
  costPaise: z.number().int(),
  reorderLevel: z.string(),
  active: z.boolean(),
  barcodes: z.array(itemBarcodeSchema),
  /** Prices on every list: tenant-wide and store overrides. */
  prices: z.array(itemPriceSchema),
})
export type CatalogItem = z.infer<typeof catalogItemSchema>

export const catalogProductSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  localName: z.string().nullable(),
  categoryId: uuidSchema.nullable(),
  hsn: z.string(),
  taxClassId: uuidSchema,
  unit: uqcSchema,
  fractional: z.boolean(),
  tracksBatches: z.boolean(),
  active: z.boolean(),
  items: z.array(catalogItemSchema),
})
export type CatalogProduct = z.infer<typeof catalogProductSchema>

export const priceListSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  pricesIncludeTax: z.boolean(),
  isDefault: z.boolean(),
})
export type PriceList = z.infer<typeof priceListSchema>

/** The tenant's catalog settings (`tenants.settings.catalog`). */
export const catalogSettingsSchema = z.object({
  scaleBarcodeRules: z.array(embeddedBarcodeRuleSchema),
  batchTracking: z.boolean(),
})
export type CatalogSettings = z.infer<typeof catalogSettingsSchema>

export const itemBatchSchema = z.object({
  id: uuidSchema,
  itemId: uuidSchema,
  batchNo: z.string(),
  manufacturedOn: z.string().nullable(),
  expiresOn: z.string().nullable(),
})
export type ItemBatch = z.infer<typeof itemBatchSchema>

/**
 * An item as a sale in one store sees it on a date: its store's effective price
 * (the default list's store override, else its tenant-wide price) and the tax
 * rate in force on that date.
 */
export const sellableItemSchema = z.object({
  itemId: uuidSchema,
  productId: uuidSchema,
  sku: z.string(),
  name: z.string(),
  localName: z.string().nullable(),
  hsn: z.string(),
  unit: uqcSchema,
  fractional: z.boolean(),
  tracksBatches: z.boolean(),
  taxClassId: uuidSchema,
  /** Null when the class has no rate on that date (only future rates). */
  ratePercent: z.string().nullable(),
  cessPercent: z.string().nullable(),
  /** Null when the item has no price on the default list. */
  pricePaise: z.number().int().nullable(),
  priceSource: z.enum(['store', 'tenant']).nullable(),
  pricesIncludeTax: z.boolean(),
  mrpPaise: z.number().int().nullable(),
  categoryId: uuidSchema.nullable(),
  stationRoute: z.string().nullable(),
  /** False when the item or its product is retired. */
  active: z.boolean(),
})
export type SellableItem = z.infer<typeof sellableItemSchema>

/** What a scanned code is in a store: the item, and for scale labels the weight or price it carries. */
export const barcodeResolutionSchema = z.object({
  code: z.string(),
  /** `plain`: the code is the item's barcode; `weight` / `price`: a scale label. */
  reading: z.enum(['plain', 'weight', 'price']),
  item: sellableItemSchema,
  /** Weight labels: the quantity in the item's unit (kg for scale 3), a decimal string. */
  quantity: z.string().nullable(),
  /** Price labels: the line price printed by the scale, in paise. */
  labelPricePaise: z.number().int().nullable(),
})
export type BarcodeResolution = z.infer<typeof barcodeResolutionSchema>
