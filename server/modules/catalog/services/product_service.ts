import { withTenant, type Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import type {
  AddItemRequest,
  CatalogItemInput,
  CatalogProduct,
  CreateProductRequest,
  ItemBarcodeInput,
  ProductListQuery,
  UpdateItemRequest,
  UpdateProductRequest,
} from '@pos/protocols'
import { isValidGtin } from '@pos/state-machines'
import { catalogErrors } from '../errors.js'
import { categoryRepository } from '../repositories/category_repository.js'
import { priceRepository } from '../repositories/price_repository.js'
import { barcodeRepository, productRepository } from '../repositories/product_repository.js'
import { taxClassRepository } from '../repositories/tax_class_repository.js'
import { uniqueViolation } from '../repositories/values.js'
import { auditCatalog, type UserPrincipal, type WriteMeta } from './audit.js'
import { readCatalogSettings } from './settings_service.js'

/** Barcodes to add: a GTIN carries a correct check digit; no code twice; none already used in the tenant. */
export async function checkNewBarcodes(trx: Tx, barcodes: ItemBarcodeInput[]) {
  const seen = new Set<string>()
  for (const barcode of barcodes) {
    if (barcode.kind === 'gtin' && !isValidGtin(barcode.code)) throw catalogErrors.barcodeCheckDigit({ code: barcode.code })
    if (seen.has(barcode.code)) throw catalogErrors.barcodeExists({ code: barcode.code })
    seen.add(barcode.code)
  }
  const [taken] = await barcodeRepository.taken(trx, [...seen])
  if (taken !== undefined) throw catalogErrors.barcodeExists({ code: taken })
}

/** Maps a unique violation raced past the checks above to its typed conflict. */
export function conflictOf(error: unknown) {
  const constraint = uniqueViolation(error)
  if (constraint === null) return error
  if (constraint.startsWith('barcodes')) return catalogErrors.barcodeExists()
  if (constraint.startsWith('items')) return catalogErrors.skuExists()
  if (constraint.startsWith('batches')) return catalogErrors.batchExists()
  if (constraint.startsWith('price_lists')) return catalogErrors.priceListExists()
  if (constraint.startsWith('categories')) return catalogErrors.categoryExists()
  if (constraint.startsWith('tax_class')) return catalogErrors.taxClassExists()
  return error
}

async function checkTaxClass(trx: Tx, taxClassId: string) {
  const taxClass = await taxClassRepository.lock(trx, taxClassId)
  if (!taxClass || !taxClass.active) throw catalogErrors.taxClassNotFound({ taxClassId })
}

async function checkCategory(trx: Tx, categoryId: string | null) {
  if (categoryId === null) return
  const category = await categoryRepository.find(trx, categoryId)
  if (!category || !category.active) throw catalogErrors.categoryNotFound({ categoryId })
}

async function checkBatchTracking(trx: Tx, tenantId: string, tracksBatches: boolean | undefined) {
  if (tracksBatches && !(await readCatalogSettings(trx, tenantId)).batchTracking) throw catalogErrors.batchTrackingOff()
}

async function checkSkus(trx: Tx, skus: string[], exceptItemId: string | null = null) {
  const [taken] = await productRepository.skusTaken(trx, skus, exceptItemId)
  if (taken !== undefined) throw catalogErrors.skuExists({ sku: taken })
}

/** Inserts items (with barcodes and tenant-wide prices on the default list) of a product. */
async function insertItems(trx: Tx, tenantId: string, productId: string, items: CatalogItemInput[]): Promise<string[]> {
  await checkSkus(
    trx,
    items.map((item) => item.sku)
  )
  await checkNewBarcodes(
    trx,
    items.flatMap((item) => item.barcodes)
  )
  const priced = items.some((item) => item.pricePaise !== undefined)
  const priceList = priced ? await priceRepository.findDefault(trx) : null
  if (priced && !priceList) throw catalogErrors.priceListNotFound()
  const ids: string[] = []
  try {
    for (const item of items) {
      const itemId = await productRepository.insertItem(trx, tenantId, productId, item)
      await barcodeRepository.insert(trx, tenantId, itemId, item.barcodes)
      if (item.pricePaise !== undefined) {
        await priceRepository.set(trx, tenantId, { priceListId: priceList!.id, itemId, storeId: null, pricePaise: item.pricePaise })
      }
      ids.push(itemId)
    }
  } catch (error) {
    throw conflictOf(error)
  }
  return ids
}

async function loadProduct(trx: Tx, productId: string): Promise<CatalogProduct> {
  const [product] = await productRepository.load(trx, [productId])
  return product!
}

/** Products and their sellable variants (items). Nothing is deleted: retire with active = false. */
export const productService = {
  async list(principal: Principal, query: ProductListQuery): Promise<{ products: CatalogProduct[]; nextAfter: string | null }> {
    return withTenant(principal.tenantId, async (trx) => {
      const ids = await productRepository.pageIds(trx, query)
      const products = await productRepository.load(trx, ids)
      return { products, nextAfter: ids.length === query.limit ? ids.at(-1)! : null }
    })
  },

  async get(principal: Principal, productId: string): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      const [product] = await productRepository.load(trx, [productId])
      if (!product) throw catalogErrors.productNotFound()
      return product
    })
  },

  /** A product and all its items in one transaction: all of it, or (on any refusal) none of it. */
  async create(principal: UserPrincipal, body: CreateProductRequest, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      await checkTaxClass(trx, body.taxClassId)
      await checkCategory(trx, body.categoryId)
      await checkBatchTracking(trx, principal.tenantId, body.tracksBatches)
      const productId = await productRepository.insert(trx, principal.tenantId, body)
      const itemIds = await insertItems(trx, principal.tenantId, productId, body.items)
      await auditCatalog(trx, principal, meta, {
        action: 'product_created',
        subjectType: 'product',
        subjectId: productId,
        data: { name: body.name, hsn: body.hsn, taxClassId: body.taxClassId, items: body.items.map((item, index) => ({ id: itemIds[index], sku: item.sku })) },
      })
      return loadProduct(trx, productId)
    })
  },

  async update(principal: UserPrincipal, productId: string, body: UpdateProductRequest, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      const current = await productRepository.findState(trx, productId, true)
      if (!current) throw catalogErrors.productNotFound()
      if (body.taxClassId !== undefined && body.taxClassId !== current.taxClassId) await checkTaxClass(trx, body.taxClassId)
      if (body.categoryId !== undefined && body.categoryId !== current.categoryId) await checkCategory(trx, body.categoryId)
      if (body.tracksBatches && !current.tracksBatches) await checkBatchTracking(trx, principal.tenantId, true)
      await productRepository.update(trx, productId, body)
      await auditCatalog(trx, principal, meta, {
        action: body.active === false && current.active ? 'product_retired' : 'product_updated',
        subjectType: 'product',
        subjectId: productId,
        data: { before: current, changes: body },
      })
      return loadProduct(trx, productId)
    })
  },

  /** Adds a variant to a product. */
  async addItem(principal: UserPrincipal, productId: string, body: AddItemRequest, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      const product = await productRepository.findState(trx, productId, true)
      if (!product) throw catalogErrors.productNotFound()
      const [itemId] = await insertItems(trx, principal.tenantId, productId, [body])
      await auditCatalog(trx, principal, meta, { action: 'item_created', subjectType: 'item', subjectId: itemId!, data: { productId, sku: body.sku } })
      return loadProduct(trx, productId)
    })
  },

  async updateItem(principal: UserPrincipal, itemId: string, body: UpdateItemRequest, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      const current = await productRepository.findItem(trx, itemId, true)
      if (!current) throw catalogErrors.itemNotFound()
      if (body.sku !== undefined && body.sku !== current.sku) await checkSkus(trx, [body.sku], itemId)
      try {
        await productRepository.updateItem(trx, itemId, body)
      } catch (error) {
        throw conflictOf(error)
      }
      await auditCatalog(trx, principal, meta, {
        action: body.active === false && current.active ? 'item_retired' : 'item_updated',
        subjectType: 'item',
        subjectId: itemId,
        data: { before: current, changes: body },
      })
      return loadProduct(trx, current.productId)
    })
  },

  /** The product an item belongs to, with all its items. */
  async getByItem(principal: Principal, itemId: string): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      const item = await productRepository.findItem(trx, itemId)
      if (!item) throw catalogErrors.itemNotFound()
      return loadProduct(trx, item.productId)
    })
  },
}
