import {
  inventoryCommandSchemas,
  inventoryErrorCodes,
  inventoryFactSchemas,
  inventoryQuerySchemas,
  inventorySettingsSchema,
  positiveStockQuantitySchema,
  resolveInventoryReviewItemRequestSchema,
  signedStockQuantitySchema,
  stockAdjustmentRequestSchema,
  stockCogsQuerySchema,
  stockLevelsQuerySchema,
  stockQuantitySchema,
  stockReceiptRequestSchema,
  stockTransferDispatchRequestSchema,
  stockTransferReceiveRequestSchema,
  stockWastageRequestSchema,
} from './index.ts'
import { assert, describe, it, omit, OTHER_V4, schemaCases, V4, V7 } from '../schema-cases.spec.ts'

schemaCases('stockQuantitySchema', stockQuantitySchema, {
  accepts: [
    ['a whole number', '12'],
    ['grams of a kilo', '0.250'],
    ['a negative adjustment', '-2.5'],
    ['the largest numeric(14,3)', '99999999999.999'],
  ],
  rejects: {
    'a number': [12, ''],
    'four decimals': ['1.2345', ''],
    'an exponent': ['1e3', ''],
    'a leading zero': ['012', ''],
    'a bare point': ['.5', ''],
    'twelve integer digits': ['100000000000', ''],
    'a plus sign': ['+1', ''],
    'spaces': [' 1', ''],
  },
})

schemaCases('positiveStockQuantitySchema', positiveStockQuantitySchema, {
  accepts: [['a kilo', '1'], ['a gram', '0.001']],
  rejects: { zero: ['0.000', ''], 'negative zero': ['-0', ''], negative: ['-1', ''] },
})

schemaCases('signedStockQuantitySchema', signedStockQuantitySchema, {
  accepts: [['down', '-3'], ['up', '0.5']],
  rejects: { zero: ['0', ''], 'negative zero': ['-0.0', ''] },
})

const receipt = {
  commandId: V7,
  lines: [{ itemId: V4, quantity: '10', unitCostPaise: 4_150, batchId: OTHER_V4 }],
  reference: { type: 'supplier_bill', id: 'SB/0042' },
  note: 'morning delivery',
}
schemaCases('stockReceiptRequestSchema', stockReceiptRequestSchema, {
  accepts: [
    ['a receipt with a batch and a reference', receipt],
    ['a bare receipt', { commandId: V7, lines: [{ itemId: V4, quantity: '0.5', unitCostPaise: 0 }] }],
  ],
  rejects: {
    'no commandId': [omit(receipt, 'commandId'), 'commandId'],
    'a v4 commandId': [{ ...receipt, commandId: V4 }, 'commandId'],
    'no lines': [{ ...receipt, lines: [] }, 'lines'],
    '501 lines': [{ ...receipt, lines: Array.from({ length: 501 }, () => receipt.lines[0]) }, 'lines'],
    'a line without a cost': [{ ...receipt, lines: [omit(receipt.lines[0]!, 'unitCostPaise')] }, 'lines.0.unitCostPaise'],
    'fractional paise': [{ ...receipt, lines: [{ ...receipt.lines[0], unitCostPaise: 1.5 }] }, 'lines.0.unitCostPaise'],
    'a negative quantity': [{ ...receipt, lines: [{ ...receipt.lines[0], quantity: '-1' }] }, 'lines.0.quantity'],
    'an item that is no UUID': [{ ...receipt, lines: [{ ...receipt.lines[0], itemId: 'rice' }] }, 'lines.0.itemId'],
    'an unknown field on a line': [{ ...receipt, lines: [{ ...receipt.lines[0], price: 1 }] }, 'lines.0'],
    'a reference type with capitals': [{ ...receipt, reference: { type: 'Bill', id: '1' } }, 'reference.type'],
  },
})

const adjustment = { commandId: V7, reason: 'shelf count', lines: [{ itemId: V4, quantity: '-2' }] }
schemaCases('stockAdjustmentRequestSchema', stockAdjustmentRequestSchema, {
  accepts: [
    ['a decrease', adjustment],
    ['an increase at a cost', { ...adjustment, lines: [{ itemId: V4, quantity: '1.5', unitCostPaise: 100 }] }],
  ],
  rejects: {
    'no reason': [omit(adjustment, 'reason'), 'reason'],
    'a two-letter reason': [{ ...adjustment, reason: 'ok' }, 'reason'],
    'a zero quantity': [{ ...adjustment, lines: [{ itemId: V4, quantity: '0' }] }, 'lines.0.quantity'],
  },
})

const wastage = { commandId: V7, reason: 'expired', lines: [{ itemId: V4, quantity: '3' }] }
schemaCases('stockWastageRequestSchema', stockWastageRequestSchema, {
  accepts: [['a write-off', wastage]],
  rejects: {
    'a negative quantity': [{ ...wastage, lines: [{ itemId: V4, quantity: '-3' }] }, 'lines.0.quantity'],
    'a blank reason': [{ ...wastage, reason: '    ' }, 'reason'],
    'a cost (write-offs take FIFO cost)': [{ ...wastage, lines: [{ itemId: V4, quantity: '3', unitCostPaise: 1 }] }, 'lines.0'],
  },
})

const dispatch = { commandId: V7, toStoreId: V4, lines: [{ itemId: V4, quantity: '5' }, { itemId: OTHER_V4, quantity: '0.5' }] }
schemaCases('stockTransferDispatchRequestSchema', stockTransferDispatchRequestSchema, {
  accepts: [['two items', dispatch]],
  rejects: {
    'an item twice': [{ ...dispatch, lines: [dispatch.lines[0], dispatch.lines[0]] }, 'lines'],
    'no destination': [omit(dispatch, 'toStoreId'), 'toStoreId'],
    'a zero quantity': [{ ...dispatch, lines: [{ itemId: V4, quantity: '0' }] }, 'lines.0.quantity'],
  },
})

schemaCases('stockTransferReceiveRequestSchema', stockTransferReceiveRequestSchema, {
  accepts: [['part of a line', { commandId: V7, lines: [{ itemId: V4, quantity: '2' }] }]],
  rejects: { 'no lines': [{ commandId: V7, lines: [] }, 'lines'] },
})

schemaCases('stockLevelsQuerySchema', stockLevelsQuerySchema, {
  accepts: [
    ['defaults', {}, { limit: 100 }],
    ['a page after a SKU, low only', { limit: '20', after: 'SKU-9', lowOnly: 'true' }, { limit: 20, after: 'SKU-9', lowOnly: true }],
    ['lowOnly false', { lowOnly: 'false' }, { limit: 100, lowOnly: false }],
  ],
  rejects: { 'a limit of 501': [{ limit: '501' }, 'limit'], 'lowOnly yes': [{ lowOnly: 'yes' }, 'lowOnly'] },
})

schemaCases('stockCogsQuerySchema', stockCogsQuerySchema, {
  accepts: [['an invoice', { referenceType: 'invoice', referenceId: 'B1T2/25-26/000123' }]],
  rejects: { 'no id': [{ referenceType: 'invoice' }, 'referenceId'] },
})

schemaCases('inventorySettingsSchema', inventorySettingsSchema, {
  accepts: [['refuse', { negativeStock: 'refuse' }], ['allow with review', { negativeStock: 'allow-with-review' }]],
  rejects: { 'another policy': [{ negativeStock: 'allow' }, 'negativeStock'], 'an unknown key': [{ negativeStock: 'refuse', x: 1 }, ''] },
})

schemaCases('resolveInventoryReviewItemRequestSchema', resolveInventoryReviewItemRequestSchema, {
  accepts: [['stock adjusted', { resolution: 'stock_adjusted', note: 'counted in the back room' }]],
  rejects: { 'an unknown resolution': [{ resolution: 'ignored', note: 'later' }, 'resolution'], 'no note': [{ resolution: 'accepted' }, 'note'] },
})

const changed = { itemId: V4, onHand: '-1', delta: '-1', kind: 'sale', movementId: OTHER_V4 }
schemaCases('stock.changed', inventoryFactSchemas['stock.changed'], {
  accepts: [['a sale taking stock negative', changed]],
  rejects: {
    'a numeric onHand': [{ ...changed, onHand: -1 }, 'onHand'],
    'an unknown kind': [{ ...changed, kind: 'theft' }, 'kind'],
    'no movementId': [omit(changed, 'movementId'), 'movementId'],
  },
})

schemaCases('stock.low', inventoryFactSchemas['stock.low'], {
  accepts: [['at its level', { itemId: V4, onHand: '5', reorderLevel: '5' }]],
  rejects: { 'no reorderLevel': [{ itemId: V4, onHand: '5' }, 'reorderLevel'] },
})

const socketReceipt = { commandId: V7, storeId: V4, lines: [{ itemId: OTHER_V4, quantity: '1', unitCostPaise: 10 }] }
schemaCases('stock.receive (socket)', inventoryCommandSchemas['stock.receive'], {
  accepts: [['a receipt', socketReceipt], ['with clientSeq', { ...socketReceipt, clientSeq: 3 }]],
  rejects: { 'no storeId': [omit(socketReceipt, 'storeId'), 'storeId'], 'an unknown field': [{ ...socketReceipt, tenantId: V4 }, ''] },
})

schemaCases('stock.levels (socket query)', inventoryQuerySchemas['stock.levels'].request, {
  accepts: [['two items', { storeId: V4, itemIds: [V4, OTHER_V4] }]],
  rejects: { 'no items': [{ storeId: V4, itemIds: [] }, 'itemIds'], '201 items': [{ storeId: V4, itemIds: Array.from({ length: 201 }, () => V4) }, 'itemIds'] },
})

describe('inventory error codes', () => {
  it('are E_INVENTORY_* besides the shared E_STOCK_INSUFFICIENT, without repeats', () => {
    assert.equal(new Set(inventoryErrorCodes).size, inventoryErrorCodes.length)
    for (const code of inventoryErrorCodes) assert.match(code, /^E_(INVENTORY_[A-Z_]+|STOCK_INSUFFICIENT)$/)
  })
})
