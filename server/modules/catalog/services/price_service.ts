import { withTenant, type Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { requireStore } from '#modules/tenancy/index'
import type {
  CatalogProduct,
  CreatePriceListRequest,
  PriceList,
  SetItemPriceRequest,
  UpdatePriceListRequest,
} from '@pos/protocols'
import { catalogErrors } from '../errors.js'
import { priceRepository } from '../repositories/price_repository.js'
import { productRepository } from '../repositories/product_repository.js'
import { auditCatalog, type UserPrincipal, type WriteMeta } from './audit.js'
import { conflictOf } from './product_service.js'

/** The list a price goes on: the one named, or the tenant's default. */
async function listFor(trx: Tx, priceListId: string | undefined): Promise<PriceList> {
  const list = priceListId ? await priceRepository.find(trx, priceListId) : await priceRepository.findDefault(trx)
  if (!list) throw catalogErrors.priceListNotFound()
  return list
}

async function lockedItem(trx: Tx, itemId: string) {
  const item = await productRepository.findItem(trx, itemId, true)
  if (!item) throw catalogErrors.itemNotFound()
  return item
}

async function productOf(trx: Tx, productId: string): Promise<CatalogProduct> {
  const [product] = await productRepository.load(trx, [productId])
  return product!
}

/*
 * Price lists and prices. A store's effective price is the default list's
 * override for that store if there is one, else the list's tenant-wide price.
 */
export const priceService = {
  lists(principal: Principal): Promise<PriceList[]> {
    return withTenant(principal.tenantId, (trx) => priceRepository.lists(trx))
  },

  async createList(principal: UserPrincipal, body: CreatePriceListRequest, meta: WriteMeta): Promise<PriceList> {
    return withTenant(principal.tenantId, async (trx) => {
      if (await priceRepository.codeTaken(trx, body.code)) throw catalogErrors.priceListExists({ code: body.code })
      // The first list of a tenant is its default: prices need one.
      const isDefault = body.isDefault || (await priceRepository.findDefault(trx)) === null
      if (isDefault) await priceRepository.clearDefault(trx)
      let id: string
      try {
        id = await priceRepository.insert(trx, principal.tenantId, { ...body, isDefault })
      } catch (error) {
        throw conflictOf(error)
      }
      await auditCatalog(trx, principal, meta, { action: 'price_list_created', subjectType: 'price_list', subjectId: id, data: { ...body, isDefault } })
      return (await priceRepository.find(trx, id))!
    })
  },

  async updateList(principal: UserPrincipal, priceListId: string, body: UpdatePriceListRequest, meta: WriteMeta): Promise<PriceList> {
    return withTenant(principal.tenantId, async (trx) => {
      const current = await priceRepository.find(trx, priceListId)
      if (!current) throw catalogErrors.priceListNotFound()
      if (body.isDefault && !current.isDefault) await priceRepository.clearDefault(trx)
      await priceRepository.update(trx, priceListId, body)
      await auditCatalog(trx, principal, meta, {
        action: 'price_list_updated',
        subjectType: 'price_list',
        subjectId: priceListId,
        data: { before: current, changes: body },
      })
      return (await priceRepository.find(trx, priceListId))!
    })
  },

  /** The tenant-wide price of an item (every store without an override sells at it). */
  async setTenantPrice(principal: UserPrincipal, itemId: string, body: SetItemPriceRequest, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      const item = await lockedItem(trx, itemId)
      const list = await listFor(trx, body.priceListId)
      const before = await priceRepository.current(trx, { priceListId: list.id, itemId, storeId: null })
      await priceRepository.set(trx, principal.tenantId, { priceListId: list.id, itemId, storeId: null, pricePaise: body.pricePaise })
      await auditCatalog(trx, principal, meta, {
        action: 'price_set',
        subjectType: 'item',
        subjectId: itemId,
        data: { priceListId: list.id, storeId: null, before, after: body.pricePaise },
      })
      return productOf(trx, item.productId)
    })
  },

  /** One store's override of an item's price. */
  async setStorePrice(principal: UserPrincipal, storeId: string, itemId: string, body: SetItemPriceRequest, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      const item = await lockedItem(trx, itemId)
      const list = await listFor(trx, body.priceListId)
      const before = await priceRepository.current(trx, { priceListId: list.id, itemId, storeId })
      await priceRepository.set(trx, principal.tenantId, { priceListId: list.id, itemId, storeId, pricePaise: body.pricePaise })
      await auditCatalog(trx, principal, meta, {
        action: 'store_price_set',
        subjectType: 'item',
        subjectId: itemId,
        data: { priceListId: list.id, storeId, before, after: body.pricePaise },
      })
      return productOf(trx, item.productId)
    })
  },

  /** Removes a store's override: the store sells at the tenant-wide price again. */
  async clearStorePrice(principal: UserPrincipal, storeId: string, itemId: string, priceListId: string | undefined, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      const item = await lockedItem(trx, itemId)
      const list = await listFor(trx, priceListId)
      const before = await priceRepository.current(trx, { priceListId: list.id, itemId, storeId })
      if (!(await priceRepository.clear(trx, { priceListId: list.id, itemId, storeId }))) throw catalogErrors.priceNotFound()
      await auditCatalog(trx, principal, meta, {
        action: 'store_price_cleared',
        subjectType: 'item',
        subjectId: itemId,
        data: { priceListId: list.id, storeId, before },
      })
      return productOf(trx, item.productId)
    })
  },
}
