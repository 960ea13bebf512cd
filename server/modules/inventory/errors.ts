import { defineErrors } from '#core/errors'

export const inventoryErrors = defineErrors({
  insufficient: {
    code: 'E_STOCK_INSUFFICIENT',
    status: 409,
    message: 'Not enough stock: this would take on-hand below zero, which this business does not allow',
  },
  itemNotFound: { code: 'E_INVENTORY_ITEM_NOT_FOUND', status: 404, message: 'No such item' },
  quantityInvalid: {
    code: 'E_INVENTORY_QUANTITY_INVALID',
    status: 422,
    message: 'A quantity is not valid here (a non-zero decimal with at most 3 places, with the sign its kind needs)',
  },
  reasonRequired: { code: 'E_INVENTORY_REASON_REQUIRED', status: 422, message: 'Adjustments and write-offs need a reason' },
  unitCostRequired: { code: 'E_INVENTORY_UNIT_COST_REQUIRED', status: 422, message: 'Received stock needs a cost per unit in paise' },
  transferNotFound: { code: 'E_INVENTORY_TRANSFER_NOT_FOUND', status: 404, message: 'No such transfer to this store' },
  transferSameStore: { code: 'E_INVENTORY_TRANSFER_SAME_STORE', status: 422, message: 'A transfer goes to another store' },
  transferDestinationNotFound: {
    code: 'E_INVENTORY_TRANSFER_DESTINATION_NOT_FOUND',
    status: 404,
    message: 'No such store to send the transfer to',
  },
  transferOverReceived: {
    code: 'E_INVENTORY_TRANSFER_OVER_RECEIVED',
    status: 409,
    message: 'More than is still in transit on this transfer (or an item it does not carry)',
  },
  transferClosed: { code: 'E_INVENTORY_TRANSFER_CLOSED', status: 409, message: 'This transfer has been received in full' },
  reviewNotFound: { code: 'E_INVENTORY_REVIEW_NOT_FOUND', status: 404, message: 'No such review item in this store' },
  reviewResolved: { code: 'E_INVENTORY_REVIEW_RESOLVED', status: 409, message: 'This review item is already resolved' },
})
