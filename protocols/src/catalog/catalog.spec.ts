import { assert, describe, it, V4, OTHER_V4, schemaCases } from '../schema-cases.spec.ts'
import { isUqc, UQC_CODES, UQC_NAMES } from './fields.ts'
import { catalogFeedQuerySchema, catalogFeedRequestSchema } from './feed.ts'
import {
  addTaxRateRequestSchema,
  createCategoryRequestSchema,
  createItemBatchRequestSchema,
  createProductRequestSchema,
  createTaxClassRequestSchema,
  setItemPriceRequestSchema,
  updateCatalogSettingsRequestSchema,
  updateItemRequestSchema,
} from './requests.ts'

const rate = { effectiveFrom: '2017-07-01', ratePercent: '18', cessPercent: '0' }

schemaCases('createTaxClassRequestSchema', createTaxClassRequestSchema, {
  accepts: [
    ['a class with one rate', { code: 'GST18', name: 'GST 18%', rates: [rate] }],
    ['a lowercase code (stored in capitals) and a default cess', { code: 'gst28c12', name: 'Aerated', rates: [{ effectiveFrom: '2017-07-01', ratePercent: '28' }] }, {
      code: 'GST28C12',
      name: 'Aerated',
      rates: [{ effectiveFrom: '2017-07-01', ratePercent: '28', cessPercent: '0' }],
    }],
  ],
  rejects: {
    'no rates': [{ code: 'GST18', name: 'x', rates: [] }, 'rates'],
    'a rate as a number': [{ code: 'GST18', name: 'x', rates: [{ ...rate, ratePercent: 18 }] }, 'rates.0.ratePercent'],
    'three decimals': [{ code: 'GST18', name: 'x', rates: [{ ...rate, ratePercent: '18.125' }] }, 'rates.0.ratePercent'],
    'over 100 percent': [{ code: 'GST18', name: 'x', rates: [{ ...rate, ratePercent: '100.5' }] }, 'rates.0.ratePercent'],
    'cess over 400': [{ code: 'GST18', name: 'x', rates: [{ ...rate, cessPercent: '401' }] }, 'rates.0.cessPercent'],
    'a day-first date': [{ code: 'GST18', name: 'x', rates: [{ ...rate, effectiveFrom: '01-07-2017' }] }, 'rates.0.effectiveFrom'],
    'two rates on one date': [{ code: 'GST18', name: 'x', rates: [rate, rate] }, 'rates'],
    'a code with spaces': [{ code: 'GST 18', name: 'x', rates: [rate] }, 'code'],
    'an unknown field': [{ code: 'GST18', name: 'x', rates: [rate], hsn: '1234' }, ''],
  },
})

schemaCases('addTaxRateRequestSchema', addTaxRateRequestSchema, {
  accepts: [['a dated rate with cess', { effectiveFrom: '2026-04-01', ratePercent: '12.5', cessPercent: '12' }]],
  rejects: { 'no date': [{ ratePercent: '5' }, 'effectiveFrom'], 'a negative rate': [{ effectiveFrom: '2026-04-01', ratePercent: '-5' }, 'ratePercent'] },
})

schemaCases('createCategoryRequestSchema', createCategoryRequestSchema, {
  accepts: [
    ['a top-level category', { name: 'Staples' }, { name: 'Staples', parentId: null, stationRoute: null }],
    ['a routed subcategory (route in lowercase)', { name: 'Dosa', parentId: V4, stationRoute: 'Kitchen' }, { name: 'Dosa', parentId: V4, stationRoute: 'kitchen' }],
  ],
  rejects: {
    'an empty name': [{ name: '  ' }, 'name'],
    'a route with spaces': [{ name: 'Bar', stationRoute: 'the bar' }, 'stationRoute'],
    'a parent that is no id': [{ name: 'Bar', parentId: 'bar' }, 'parentId'],
  },
})

const item = { sku: 'AMUL-BTR-100', name: 'Amul Butter 100 g' }
const product = { name: 'Amul Butter', hsn: '0405', taxClassId: V4, unit: 'NOS', items: [item] }

schemaCases('createProductRequestSchema', createProductRequestSchema, {
  accepts: [
    ['a product with one item and defaults', product, {
      ...product,
      localName: null,
      categoryId: null,
      fractional: false,
      tracksBatches: false,
      items: [{ ...item, localName: null, variant: {}, mrpPaise: null, costPaise: 0, reorderLevel: '0', barcodes: [] }],
    }],
    ['loose sugar by weight, with a price and a scale PLU', {
      ...product, hsn: '1701', unit: 'KGS', fractional: true,
      items: [{ ...item, sku: 'SUGAR', pricePaise: 4_800, barcodes: [{ code: '00001', kind: 'internal' }] }],
    }, {
      ...product, hsn: '1701', unit: 'KGS', fractional: true, localName: null, categoryId: null, tracksBatches: false,
      items: [{ ...item, sku: 'SUGAR', localName: null, variant: {}, mrpPaise: null, costPaise: 0, reorderLevel: '0', pricePaise: 4_800, barcodes: [{ code: '00001', kind: 'internal' }] }],
    }],
  ],
  rejects: {
    'a 5-digit HSN': [{ ...product, hsn: '04051' }, 'hsn'],
    'an unknown unit': [{ ...product, unit: 'KG' }, 'unit'],
    'no items': [{ ...product, items: [] }, 'items'],
    'a price in rupees with paise as a fraction': [{ ...product, items: [{ ...item, pricePaise: 58.5 }] }, 'items.0.pricePaise'],
    'a negative MRP': [{ ...product, items: [{ ...item, mrpPaise: -1 }] }, 'items.0.mrpPaise'],
    'two items with one SKU': [{ ...product, items: [item, { ...item, sku: 'amul-btr-100' }] }, 'items'],
    'a barcode kind that is not known': [{ ...product, items: [{ ...item, barcodes: [{ code: '8901262010016', kind: 'qr' }] }] }, 'items.0.barcodes.0.kind'],
    'a reorder level with 4 decimals': [{ ...product, items: [{ ...item, reorderLevel: '1.2345' }] }, 'items.0.reorderLevel'],
  },
})

schemaCases('updateItemRequestSchema', updateItemRequestSchema, {
  accepts: [['a retirement', { active: false }]],
  rejects: { 'nothing to change': [{}, ''], 'an unknown field': [{ price: 5 }, ''] },
})

schemaCases('setItemPriceRequestSchema', setItemPriceRequestSchema, {
  accepts: [['a price on a named list', { pricePaise: 4_500, priceListId: OTHER_V4 }]],
  rejects: { 'a price as text': [{ pricePaise: '45' }, 'pricePaise'], 'a negative price': [{ pricePaise: -1 }, 'pricePaise'] },
})

const weight21 = { prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 }

schemaCases('updateCatalogSettingsRequestSchema', updateCatalogSettingsRequestSchema, {
  accepts: [['a weight rule', { scaleBarcodeRules: [weight21] }], ['batch tracking on', { batchTracking: true }]],
  rejects: {
    'nothing to change': [{}, ''],
    'a rule kind that is not known': [{ scaleBarcodeRules: [{ ...weight21, kind: 'count' }] }, 'scaleBarcodeRules.0.kind'],
    'a prefix with letters': [{ scaleBarcodeRules: [{ ...weight21, prefix: '2A' }] }, 'scaleBarcodeRules.0.prefix'],
    'a missing scale': [{ scaleBarcodeRules: [{ ...weight21, valueScale: undefined }] }, 'scaleBarcodeRules.0.valueScale'],
  },
})

schemaCases('createItemBatchRequestSchema', createItemBatchRequestSchema, {
  accepts: [['a batch with expiry', { batchNo: 'PCM2401', expiresOn: '2026-12-31' }, { batchNo: 'PCM2401', manufacturedOn: null, expiresOn: '2026-12-31' }]],
  rejects: {
    'expiry before manufacture': [{ batchNo: 'B1', manufacturedOn: '2026-01-01', expiresOn: '2025-01-01' }, 'expiresOn'],
    'a batch number with spaces': [{ batchNo: 'B 1' }, 'batchNo'],
  },
})

schemaCases('catalogFeedQuerySchema', catalogFeedQuerySchema, {
  accepts: [
    ['no cursor (a full download), the default page', {}, { limit: 200 }],
    ['a cursor and a limit from the query string', { cursor: 'eyJ2IjoxfQ', limit: '50' }, { cursor: 'eyJ2IjoxfQ', limit: 50 }],
  ],
  rejects: { 'a limit of 0': [{ limit: '0' }, 'limit'], 'a cursor with padding': [{ cursor: 'abc=' }, 'cursor'], 'an unknown parameter': [{ since: '1' }, ''] },
})

schemaCases('catalogFeedRequestSchema', catalogFeedRequestSchema, {
  accepts: [['a store and a cursor', { storeId: V4, cursor: 'abc', limit: 10 }]],
  rejects: { 'no store': [{ cursor: 'abc' }, 'storeId'], 'a command id instead of a store id': [{ storeId: 'S1' }, 'storeId'] },
})


describe('unit quantity codes', () => {
  it('are the GST list, upper case only, each with its name', () => {
    for (const code of ['NOS', 'PCS', 'KGS', 'LTR', 'BOX', 'PAC', 'OTH']) assert.equal(isUqc(code), true, code)
    for (const code of ['kgs', 'KG', 'XYZ', 'NA', 'toString', '']) assert.equal(isUqc(code), false, code)
    assert.equal(UQC_CODES.length, 45)
    assert.equal(UQC_NAMES.KGS, 'Kilograms')
  })
})
