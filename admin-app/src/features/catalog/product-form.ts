/*
 * The product forms' data: what a manager types (text) turned into the catalog's request
 * bodies, checked with the same schemas the server uses, and the server's typed refusals
 * placed next to the field they are about.
 */
import {
  createProductRequestSchema,
  updateItemRequestSchema,
  updateProductRequestSchema,
  type CatalogItem,
  type CatalogProduct,
  type CreateProductRequest,
  type UpdateItemRequest,
  type UpdateProductRequest,
} from '@pos/protocols'
import { ApiError } from '../../shared/api/http.ts'
import { rupeesToPaise } from '../inventory/stock-forms.ts'

/** The fields of the product form, as typed. */
export interface ProductDraft {
  name: string
  sku: string
  hsn: string
  unit: string
  taxClassId: string
  /** Selling price in rupees (`"281"`, `"1,250.50"`). */
  price: string
  /** Maximum retail price in rupees; empty for none. */
  mrp: string
  barcode: string
  reorderLevel: string
}

export type ProductField = keyof ProductDraft
/** Problems by field; `form` for those that belong to no one field. */
export type FieldErrors = Partial<Record<ProductField | 'form', string>>

export const emptyDraft = (taxClassId = ''): ProductDraft => ({
  name: '',
  sku: '',
  hsn: '',
  unit: 'NOS',
  taxClassId,
  price: '',
  mrp: '',
  barcode: '',
  reorderLevel: '0',
})

/** A draft showing an existing product and one of its items (the edit form). */
export function draftOf(product: CatalogProduct, item: CatalogItem): ProductDraft {
  const price = item.prices.find((p) => p.storeId === null)?.pricePaise
  return {
    name: item.name,
    sku: item.sku,
    hsn: product.hsn,
    unit: product.unit,
    taxClassId: product.taxClassId,
    price: price === undefined ? '' : paiseToRupeesText(price),
    mrp: item.mrpPaise === null ? '' : paiseToRupeesText(item.mrpPaise),
    barcode: item.barcodes[0]?.code ?? '',
    reorderLevel: item.reorderLevel,
  }
}

/** 28100 → `"281.00"` (the text an amount field starts from), without float division. */
export function paiseToRupeesText(paise: number): string {
  return `${Math.trunc(paise / 100)}.${String(paise % 100).padStart(2, '0')}`
}

/** A GTIN is 8, 12, 13 or 14 digits; anything else is the shop's own code. */
export const barcodeKindOf = (code: string) => (/^([0-9]{8}|[0-9]{12,14})$/.test(code) ? 'gtin' : 'internal')

type Parsed<T> = { ok: true; body: T } | { ok: false; errors: FieldErrors }

function amount(text: string, field: ProductField, errors: FieldErrors): number | undefined {
  if (text.trim() === '') return undefined
  try {
    return rupeesToPaise(text)
  } catch (e) {
    errors[field] = (e as Error).message
    return undefined
  }
}

/** Where a schema or server issue path (`items.0.barcodes.0.code`) belongs on the form. */
export function fieldOfPath(path: string): ProductField | 'form' {
  const last = path.split('.').filter((part) => !/^[0-9]+$/.test(part))
  if (last.includes('barcodes')) return 'barcode'
  const key = last[last.length - 1] ?? ''
  const byKey: Record<string, ProductField> = {
    name: 'name',
    sku: 'sku',
    hsn: 'hsn',
    unit: 'unit',
    taxClassId: 'taxClassId',
    pricePaise: 'price',
    mrpPaise: 'mrp',
    reorderLevel: 'reorderLevel',
  }
  return byKey[key] ?? 'form'
}

function issuesToErrors(issues: ReadonlyArray<{ path: string; message: string }>, errors: FieldErrors): FieldErrors {
  for (const issue of issues) {
    const field = fieldOfPath(issue.path)
    errors[field] ??= issue.message
  }
  return errors
}

/** The create request for a new product with one item, or the problems to show. */
export function createProductBody(draft: ProductDraft): Parsed<CreateProductRequest> {
  const errors: FieldErrors = {}
  const pricePaise = amount(draft.price, 'price', errors)
  const mrpPaise = amount(draft.mrp, 'mrp', errors)
  if (draft.price.trim() === '') errors.price = 'a price is needed'
  if (!draft.taxClassId) errors.taxClassId = 'choose a tax class'
  const code = draft.barcode.trim()
  const candidate = {
    name: draft.name,
    hsn: draft.hsn,
    taxClassId: draft.taxClassId,
    unit: draft.unit,
    items: [
      {
        sku: draft.sku,
        name: draft.name,
        mrpPaise: mrpPaise ?? null,
        reorderLevel: draft.reorderLevel.trim() || '0',
        ...(pricePaise === undefined ? {} : { pricePaise }),
        barcodes: code ? [{ code, kind: barcodeKindOf(code) }] : [],
      },
    ],
  }
  const parsed = createProductRequestSchema.safeParse(candidate)
  if (!parsed.success) issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })), errors)
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, body: parsed.data }
}

/** The changes an edit makes: a product PATCH and an item PATCH, each only with what changed (null: nothing). */
export interface ProductEdit {
  product: UpdateProductRequest | null
  item: UpdateItemRequest | null
  /** A new price for the item (PUT /items/:itemId/price), when it changed. */
  pricePaise: number | null
}

export function editBodies(product: CatalogProduct, item: CatalogItem, draft: ProductDraft): { ok: true; edit: ProductEdit } | { ok: false; errors: FieldErrors } {
  const before = draftOf(product, item)
  const errors: FieldErrors = {}
  const productChange: Record<string, unknown> = {}
  const itemChange: Record<string, unknown> = {}
  if (draft.hsn.trim() !== before.hsn) productChange.hsn = draft.hsn
  if (draft.unit !== before.unit) productChange.unit = draft.unit
  if (draft.taxClassId !== before.taxClassId) productChange.taxClassId = draft.taxClassId
  if (draft.name.trim() !== before.name) {
    itemChange.name = draft.name
    // A product with one item is named as its item.
    if (product.items.length === 1) productChange.name = draft.name
  }
  if (draft.sku.trim() !== before.sku) itemChange.sku = draft.sku
  if (draft.reorderLevel.trim() !== before.reorderLevel) itemChange.reorderLevel = draft.reorderLevel
  if (draft.mrp.trim() !== before.mrp) itemChange.mrpPaise = draft.mrp.trim() === '' ? null : (amount(draft.mrp, 'mrp', errors) ?? null)
  let pricePaise: number | null = null
  if (draft.price.trim() !== before.price) {
    if (draft.price.trim() === '') errors.price = 'a price is needed'
    else pricePaise = amount(draft.price, 'price', errors) ?? null
  }
  const check = <T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: Record<string, unknown>): T | null => {
    if (Object.keys(value).length === 0) return null
    const parsed = schema.safeParse(value)
    if (parsed.success) return parsed.data
    issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })), errors)
    return null
  }
  const productBody = check<UpdateProductRequest>(updateProductRequestSchema, productChange)
  const itemBody = check<UpdateItemRequest>(updateItemRequestSchema, itemChange)
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  if (!productBody && !itemBody && pricePaise === null) return { ok: false, errors: { form: 'nothing changed' } }
  return { ok: true, edit: { product: productBody, item: itemBody, pricePaise } }
}

const FIELD_OF_CODE: Record<string, ProductField> = {
  E_CATALOG_SKU_EXISTS: 'sku',
  E_CATALOG_BARCODE_EXISTS: 'barcode',
  E_CATALOG_BARCODE_CHECK_DIGIT: 'barcode',
  E_CATALOG_TAX_CLASS_NOT_FOUND: 'taxClassId',
}

/** A refusal from the server, placed next to its field (`E_VALIDATION` issues each on theirs). */
export function serverFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return { form: error instanceof Error ? error.message : String(error) }
  const field = FIELD_OF_CODE[error.code]
  if (field) return { [field]: `${error.message} (${error.code})` }
  const issues = (error.details as { issues?: Array<{ path: string; message: string }> } | undefined)?.issues
  if (error.code === 'E_VALIDATION' && Array.isArray(issues) && issues.length > 0) return issuesToErrors(issues, {})
  return { form: `${error.message} (${error.code})` }
}
