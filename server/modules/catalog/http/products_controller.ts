import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type {
  AddItemRequest,
  CreateItemBatchRequest,
  CreateProductRequest,
  ItemBarcodeInput,
  ProductListQuery,
  UpdateItemRequest,
  UpdateProductRequest,
} from '@pos/protocols'
import { barcodeService } from '../services/barcode_service.js'
import { batchService } from '../services/batch_service.js'
import { productService } from '../services/product_service.js'
import type { UserPrincipal } from '../services/audit.js'
import { writeMeta } from './meta.js'

/** Products with their items, barcodes and batches. */
export const productsController = {
  list({ principal, query }: RouteInput<undefined, ProductListQuery, Principal>) {
    return productService.list(principal, query)
  },

  get({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return productService.get(principal, params.productId!)
  },

  create(input: RouteInput<CreateProductRequest, undefined, UserPrincipal>) {
    return productService.create(input.principal, input.body, writeMeta(input))
  },

  update(input: RouteInput<UpdateProductRequest, undefined, UserPrincipal>) {
    return productService.update(input.principal, input.params.productId!, input.body, writeMeta(input))
  },

  addItem(input: RouteInput<AddItemRequest, undefined, UserPrincipal>) {
    return productService.addItem(input.principal, input.params.productId!, input.body, writeMeta(input))
  },

  getByItem({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return productService.getByItem(principal, params.itemId!)
  },

  updateItem(input: RouteInput<UpdateItemRequest, undefined, UserPrincipal>) {
    return productService.updateItem(input.principal, input.params.itemId!, input.body, writeMeta(input))
  },

  addBarcode(input: RouteInput<ItemBarcodeInput, undefined, UserPrincipal>) {
    return barcodeService.add(input.principal, input.params.itemId!, input.body, writeMeta(input))
  },

  removeBarcode(input: RouteInput<undefined, undefined, UserPrincipal>) {
    return barcodeService.remove(input.principal, input.params.itemId!, input.params.code!, writeMeta(input))
  },

  async batches({ principal, params }: RouteInput<undefined, undefined, Principal>) {
    return { batches: await batchService.list(principal, params.itemId!) }
  },

  addBatch(input: RouteInput<CreateItemBatchRequest, undefined, UserPrincipal>) {
    return batchService.add(input.principal, input.params.itemId!, input.body, writeMeta(input))
  },
}
