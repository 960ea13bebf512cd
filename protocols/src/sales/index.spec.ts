import { salesCommandSchemas, salesErrorCodes, salesFactSchemas } from './index.ts'
import { salesFactFixtures } from './fact-fixtures.spec.ts'
import { assert, describe, it, omit, schemaCases, V4, V7 } from '../schema-cases.spec.ts'

const line = { lineId: 'l1', itemId: V4, sku: 'RICE-1', name: 'Rice', hsn: '1006', quantity: '1.25', unitPricePaise: 9000, ratePercent: '5' }
const addLine = { commandId: V7, saleId: V7, line }
schemaCases('sale.addLine', salesCommandSchemas['sale.addLine'], {
  accepts: [
    ['a loose line', addLine],
    ['a scale-label line with cess and its barcode', { ...addLine, line: { ...line, embedded: 'weight', cessPercent: '12' }, barcode: '2100250012509' }],
  ],
  rejects: {
    'a v4 sale id': [{ ...addLine, saleId: V4 }, 'saleId'],
    'a zero quantity': [{ ...addLine, line: { ...line, quantity: '0.000' } }, 'line.quantity'],
    'four decimals': [{ ...addLine, line: { ...line, quantity: '1.2345' } }, 'line.quantity'],
    'a fractional price': [{ ...addLine, line: { ...line, unitPricePaise: 10.5 } }, 'line.unitPricePaise'],
    'a 5-digit HSN': [{ ...addLine, line: { ...line, hsn: '10061' } }, 'line.hsn'],
    'a store id in the payload': [{ ...addLine, storeId: V4 }, ''],
    'a missing line': [omit(addLine, 'line'), 'line'],
  },
})

const tender = { commandId: V7, saleId: V7, tender: { tenderId: 't1', method: 'upi', amountPaise: 30000, reference: 'RRN123' } }
schemaCases('sale.addTender', salesCommandSchemas['sale.addTender'], {
  accepts: [
    ['UPI with its reference', tender],
    ['cash without a reference', { ...tender, tender: { tenderId: 't2', method: 'cash', amountPaise: 50000 } }],
  ],
  rejects: {
    'UPI without a reference': [{ ...tender, tender: omit(tender.tender, 'reference') }, 'tender.reference'],
    'a zero amount': [{ ...tender, tender: { ...tender.tender, amountPaise: 0 } }, 'tender.amountPaise'],
    'an unknown method': [{ ...tender, tender: { ...tender.tender, method: 'cheque' } }, 'tender.method'],
  },
})

const close = { commandId: V7, shiftId: V7, cashCount: { '50000': 4, '50': 3 }, unsyncedCommands: 0, cashierId: V4 }
schemaCases('shift.close', salesCommandSchemas['shift.close'], {
  accepts: [
    ['a terminal close', close],
    ['a manager override', { commandId: V7, shiftId: V7, cashCount: {}, storeId: V4, overrideReason: 'tablet lost' }],
  ],
  rejects: {
    'an unknown denomination': [{ ...close, cashCount: { '30000': 1 } }, 'cashCount'],
    'a negative count': [{ ...close, cashCount: { '100': -1 } }, 'cashCount.100'],
    'a blank override reason': [{ ...close, overrideReason: '  ' }, 'overrideReason'],
  },
})

describe('sales facts and errors', () => {
  it('every fact has a fixture its schema accepts', () => {
    assert.deepEqual(Object.keys(salesFactFixtures).sort(), Object.keys(salesFactSchemas).sort())
    for (const [name, schema] of Object.entries(salesFactSchemas)) assert.ok(schema.safeParse(salesFactFixtures[name]).success, name)
  })

  it('error codes are E_SALE_, E_SHIFT_ or (the tax engine beneath a sale) E_TAX_, and unique', () => {
    assert.equal(new Set(salesErrorCodes).size, salesErrorCodes.length)
    for (const code of salesErrorCodes) assert.match(code, /^E_(SALE|SHIFT|TAX)_[A-Z_]+$/)
  })
})
