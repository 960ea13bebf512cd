import { z } from 'zod'

/*
 * Field schemas shared by the catalog's requests, responses and feed. Their
 * patterns are the database's own checks (database/migrations/0004_catalog_core.ts),
 * so what passes here is never refused by a constraint later.
 */

/** An item's stock-keeping unit, unique in its tenant: `AMUL-BTR-500`. */
export const skuSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'letters, digits and . _ / - (up to 40), starting with a letter or digit')

/** An HSN (goods) or SAC (services) code: 4, 6 or 8 digits. */
export const hsnSchema = z.string().trim().regex(/^[0-9]{4}([0-9]{2}){0,2}$/, '4, 6 or 8 digits')

/**
 * The GST unit quantity codes (UQC) of the e-invoice and GSTR-1 schemas and what
 * they mean: what an item's quantity counts. `KGS` for loose goods sold by weight,
 * `NOS` for pieces, `OTH` for anything else.
 */
export const UQC_NAMES = {
  BAG: 'Bags', BAL: 'Bale', BDL: 'Bundles', BKL: 'Buckles', BOU: 'Billion of units', BOX: 'Box',
  BTL: 'Bottles', BUN: 'Bunches', CAN: 'Cans', CBM: 'Cubic meters', CCM: 'Cubic centimeters',
  CMS: 'Centimeters', CTN: 'Cartons', DOZ: 'Dozens', DRM: 'Drums', GGK: 'Great gross', GMS: 'Grammes',
  GRS: 'Gross', GYD: 'Gross yards', KGS: 'Kilograms', KLR: 'Kilolitre', KME: 'Kilometre', LTR: 'Litres',
  MLT: 'Millilitre', MTR: 'Meters', MTS: 'Metric ton', NOS: 'Numbers', OTH: 'Others', PAC: 'Packs',
  PCS: 'Pieces', PRS: 'Pairs', QTL: 'Quintal', ROL: 'Rolls', SET: 'Sets', SQF: 'Square feet',
  SQM: 'Square meters', SQY: 'Square yards', TBS: 'Tablets', TGM: 'Ten gross', THD: 'Thousands',
  TON: 'Tonnes', TUB: 'Tubes', UGS: 'US gallons', UNT: 'Units', YDS: 'Yards',
} as const satisfies Record<string, string>
export type Uqc = keyof typeof UQC_NAMES
export const UQC_CODES = Object.keys(UQC_NAMES) as [Uqc, ...Uqc[]]
export const uqcSchema = z.enum(UQC_CODES)

/** Whether `code` is a unit quantity code (upper case, as stored). */
export function isUqc(code: string): code is Uqc {
  return Object.hasOwn(UQC_NAMES, code)
}

/** A code of letters, digits, `_` and `-` in capitals (tax classes, price lists): `GST18`. */
export const codeSchema = z.string().trim().toUpperCase().regex(/^[A-Z0-9_-]{1,30}$/, 'capitals, digits, _ and - (up to 30)')

/** A display name. */
export const nameSchema = (max: number) => z.string().trim().min(1).max(max)

/** A calendar date `YYYY-MM-DD` (catalog dates are dates in India, Asia/Kolkata). */
export const dateSchema = z.iso.date()

/** A percentage as an exact decimal string with at most two places: `"18"`, `"12.5"`. Never a float. */
export const percentSchema = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^[0-9]{1,3}(\.[0-9]{1,2})?$/, 'a decimal string with at most two places, e.g. "18" or "12.5"')
    .refine((value) => Number(value) <= max, `at most ${max}`)

/** A non-negative amount of money in paise. */
export const nonNegativePaiseSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/** A quantity as a decimal string with up to three places (numeric(14,3)): `"1.25"`. */
export const quantitySchema = z.string().trim().regex(/^[0-9]{1,11}(\.[0-9]{1,3})?$/, 'a decimal string with up to 3 places')

/** The kitchen or print station a category's lines go to: `kitchen`, `bar`, `tandoor`. */
export const stationRouteSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9_-]{1,40}$/, 'lowercase letters, digits, _ and - (up to 40)')

/** A barcode as stored: an EAN/UPC (`gtin`) or a shop's own code (`internal`, e.g. a scale PLU). */
export const barcodeCodeSchema = z.string().trim().regex(/^[0-9A-Za-z-]{4,40}$/, 'letters, digits and - (4 to 40)')
export const barcodeKindSchema = z.enum(['gtin', 'internal'])
export type BarcodeKind = z.infer<typeof barcodeKindSchema>

/** An item's variant attributes, shown on the terminal: `{ "size": "500 g" }`. */
export const variantSchema = z.record(z.string().trim().min(1).max(40), z.string().trim().max(80)).refine((value) => Object.keys(value).length <= 10, 'at most 10 attributes')

/** A batch (lot) number as printed on the pack. */
export const batchNoSchema = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'letters, digits and . _ / - (up to 40)')

/**
 * How a tenant's scale labels embed an item code and a weight or price in an EAN-13
 * (the shape of `EmbeddedBarcodeRule` in @pos/state-machines, which also checks
 * that the digits add up).
 */
export const embeddedBarcodeRuleSchema = z.strictObject({
  prefix: z.string().regex(/^[0-9]{1,11}$/),
  kind: z.enum(['weight', 'price']),
  itemCodeDigits: z.number().int().min(1).max(11),
  valueDigits: z.number().int().min(1).max(11),
  valueScale: z.number().int().min(0).max(3),
})
export type EmbeddedBarcodeRuleInput = z.infer<typeof embeddedBarcodeRuleSchema>
