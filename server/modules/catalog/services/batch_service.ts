import { withTenant, type Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import type { CreateItemBatchRequest, ItemBatch } from '@pos/protocols'
import { catalogErrors } from '../errors.js'
import { batchRepository, productRepository } from '../repositories/product_repository.js'
import { auditCatalog, type UserPrincipal, type WriteMeta } from './audit.js'
import { conflictOf } from './product_service.js'
import { readCatalogSettings } from './settings_service.js'

/** The item, when batches may be kept for it: the tenant tracks batches and so does the item's product. */
async function trackedItem(trx: Tx, tenantId: string, itemId: string) {
  const item = await productRepository.findItem(trx, itemId)
  if (!item) throw catalogErrors.itemNotFound()
  if (!(await readCatalogSettings(trx, tenantId)).batchTracking) throw catalogErrors.batchTrackingOff()
  const product = await productRepository.findState(trx, item.productId)
  if (!product?.tracksBatches) throw catalogErrors.batchNotTracked()
  return item
}

/** Batches (lots) of items whose product tracks them; stock movements refer to their ids. */
export const batchService = {
  list(principal: Principal, itemId: string): Promise<ItemBatch[]> {
    return withTenant(principal.tenantId, async (trx) => {
      if (!(await productRepository.findItem(trx, itemId))) throw catalogErrors.itemNotFound()
      return batchRepository.list(trx, itemId)
    })
  },

  async add(principal: UserPrincipal, itemId: string, body: CreateItemBatchRequest, meta: WriteMeta): Promise<ItemBatch> {
    return withTenant(principal.tenantId, async (trx) => {
      await trackedItem(trx, principal.tenantId, itemId)
      if (await batchRepository.numberTaken(trx, itemId, body.batchNo)) throw catalogErrors.batchExists({ batchNo: body.batchNo })
      let batch: ItemBatch
      try {
        batch = await batchRepository.insert(trx, principal.tenantId, itemId, body)
      } catch (error) {
        throw conflictOf(error)
      }
      await auditCatalog(trx, principal, meta, { action: 'batch_added', subjectType: 'batch', subjectId: batch.id, data: { itemId, ...body } })
      return batch
    })
  },
}

/** A batch of the caller's tenant by id, inside its transaction (inventory checks the batch a movement names). */
export async function findBatch(trx: Tx, batchId: string): Promise<ItemBatch | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(batchId)) return null
  return batchRepository.find(trx, batchId)
}
