import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { requireStore } from '#modules/tenancy/index'
import type { BarcodeResolution, CatalogProduct, ItemBarcodeInput } from '@pos/protocols'
import { BarcodeRuleError, parseBarcode, type BarcodeReading } from '@pos/state-machines'
import { catalogErrors } from '../errors.js'
import { itemViewRepository } from '../repositories/item_view_repository.js'
import { barcodeRepository, productRepository } from '../repositories/product_repository.js'
import { indiaToday } from '../repositories/values.js'
import { auditCatalog, type UserPrincipal, type WriteMeta } from './audit.js'
import { checkNewBarcodes, conflictOf } from './product_service.js'
import { readCatalogSettings } from './settings_service.js'

/*
 * Barcodes name items. A code names at most one item of a tenant; an EAN/UPC
 * (`gtin`) must carry its check digit. A scale label (see the tenant's scale
 * barcode rules) carries the item's own code (its PLU, stored as an `internal`
 * barcode of the item) and a weight or a price.
 */
export const barcodeService = {
  async add(principal: UserPrincipal, itemId: string, body: ItemBarcodeInput, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      const item = await productRepository.findItem(trx, itemId, true)
      if (!item) throw catalogErrors.itemNotFound()
      await checkNewBarcodes(trx, [body])
      try {
        await barcodeRepository.insert(trx, principal.tenantId, itemId, [body])
      } catch (error) {
        throw conflictOf(error)
      }
      await auditCatalog(trx, principal, meta, { action: 'barcode_added', subjectType: 'item', subjectId: itemId, data: { ...body } })
      const [product] = await productRepository.load(trx, [item.productId])
      return product!
    })
  },

  async remove(principal: UserPrincipal, itemId: string, code: string, meta: WriteMeta): Promise<CatalogProduct> {
    return withTenant(principal.tenantId, async (trx) => {
      const item = await productRepository.findItem(trx, itemId, true)
      if (!item) throw catalogErrors.itemNotFound()
      if (!(await barcodeRepository.delete(trx, itemId, code))) throw catalogErrors.barcodeNotFound({ code })
      await auditCatalog(trx, principal, meta, { action: 'barcode_removed', subjectType: 'item', subjectId: itemId, data: { code } })
      const [product] = await productRepository.load(trx, [item.productId])
      return product!
    })
  },

  /**
   * What a scanned code sells in a store: the item with its store price and the
   * tax rate on `on` (default today in India). An exact barcode wins; otherwise a
   * scale label is read with the tenant's rules and its item code looked up.
   */
  async resolve(principal: Principal, storeId: string, code: string, on: string | undefined): Promise<BarcodeResolution> {
    return withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      const date = on ?? (await indiaToday(trx))
      const text = code.trim()
      let reading: BarcodeReading = { kind: 'plain', code: text }
      let barcode = await barcodeRepository.find(trx, text)
      if (!barcode) {
        const { scaleBarcodeRules } = await readCatalogSettings(trx, principal.tenantId)
        try {
          reading = parseBarcode(text, scaleBarcodeRules)
        } catch (error) {
          // Stored rules are checked when saved; one that is not is ignored rather than blocking every scan.
          if (!(error instanceof BarcodeRuleError)) throw error
          reading = parseBarcode(text)
        }
        if (reading.kind === 'invalid') {
          if (reading.reason === 'E_BARCODE_CHECK_DIGIT') throw catalogErrors.barcodeCheckDigit({ code: text })
          throw catalogErrors.barcodeNotFound({ code: text, reason: reading.reason })
        }
        if (reading.kind === 'weight' || reading.kind === 'price') barcode = await barcodeRepository.find(trx, reading.itemCode)
      }
      if (!barcode) throw catalogErrors.barcodeNotFound({ code: text })
      const [item] = await itemViewRepository.sellable(trx, { storeId, on: date, itemIds: [barcode.itemId] })
      if (!item || !item.active) throw catalogErrors.barcodeNotFound({ code: text })
      return {
        code: text,
        reading: reading.kind === 'weight' || reading.kind === 'price' ? reading.kind : 'plain',
        item,
        quantity: reading.kind === 'weight' ? reading.quantity : null,
        labelPricePaise: reading.kind === 'price' ? reading.pricePaise : null,
      }
    })
  },
}
