/*
 * What the catalog refuses: writes by cashiers and devices, malformed input,
 * and conflicts. Each refusal carries its typed code, and the superuser's row
 * counts show nothing was written.
 */
import { test } from '@japa/runner'
import type { Assert } from '@japa/assert'
import { gtinCheckDigit } from '@pos/state-machines'
import { expectWrites as expectWritesTo } from '#tests/helpers/db'
import { assertError } from '#tests/helpers/http'
import { asDeviceKey, catalogTenant, createItem, ean13, ok, sku } from './support.js'
import { addTerminalDevice } from '#tests/helpers/fixtures'

const WATCHED = ['tax_classes', 'tax_class_rates', 'categories', 'products', 'items', 'barcodes', 'price_lists', 'item_prices', 'batches', 'catalog_changes', 'audit_log'] as const

const nothingWritten = (assert: Assert, requests: () => Promise<void>) => expectWritesTo(assert, WATCHED, requests)

test.group('catalog guards', () => {
  test('a cashier and a device read the catalog but cannot change it (403 E_AUTH_FORBIDDEN / 401)', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const item = await createItem(f)
    const device = asDeviceKey(client, await addTerminalDevice(f.t))
    const writes: Array<[method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: unknown]> = [
      ['post', '/tax-classes', { code: 'GST0', name: 'Nil', rates: [{ effectiveFrom: '2017-07-01', ratePercent: '0' }] }],
      ['post', `/tax-classes/${f.gst5.id}/rates`, { effectiveFrom: '2099-01-01', ratePercent: '12' }],
      ['patch', `/tax-classes/${f.gst5.id}`, { active: false }],
      ['post', '/categories', { name: 'Snacks' }],
      ['patch', `/categories/${f.categoryId}`, { stationRoute: 'bar' }],
      ['post', '/products', { name: 'X', hsn: '1905', taxClassId: f.gst18.id, unit: 'NOS', items: [{ sku: sku('X'), name: 'X' }] }],
      ['patch', `/products/${item.product.id}`, { active: false }],
      ['patch', `/items/${item.itemId}`, { active: false }],
      ['post', `/items/${item.itemId}/barcodes`, { code: ean13() }],
      ['delete', `/items/${item.itemId}/barcodes/${item.barcode}`],
      ['put', `/items/${item.itemId}/price`, { pricePaise: 1 }],
      ['put', `/stores/${f.t.storeId}/items/${item.itemId}/price`, { pricePaise: 1 }],
      ['post', '/price-lists', { code: 'X', name: 'X' }],
      ['patch', '/catalog/settings', { batchTracking: true }],
      ['post', `/items/${item.itemId}/batches`, { batchNo: 'B1' }],
    ]
    await nothingWritten(assert, async () => {
      for (const [method, path, body] of writes) {
        assertError(await f.cashier(method, path, body), 403, 'E_AUTH_FORBIDDEN')
        const byDevice = await device(method, path, body)
        assert.equal(byDevice.status(), 401, `${method} ${path} by a device: ${JSON.stringify(byDevice.body())}`)
      }
    })
    for (const path of ['/tax-classes', '/categories', '/products', `/products/${item.product.id}`, '/price-lists', '/catalog/settings', `/stores/${f.t.storeId}/barcodes/${item.barcode}`]) {
      await ok(f.cashier('get', path))
      await ok(device('get', path))
    }
  })

  test('malformed input is answered 422 E_VALIDATION naming the field, and nothing is written', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const item = await createItem(f)
    const product = { name: 'Atta', hsn: '1101', taxClassId: f.gst5.id, unit: 'KGS', items: [{ sku: sku('ATTA'), name: 'Atta 5 kg', pricePaise: 27_000 }] }
    const cases: Array<[string, string, unknown, string]> = [
      ['post', '/products', { ...product, hsn: '11' }, 'hsn'],
      ['post', '/products', { ...product, unit: 'KG' }, 'unit'],
      ['post', '/products', { ...product, items: [{ ...product.items[0], pricePaise: 270.5 }] }, 'items.0.pricePaise'],
      ['post', '/products', { ...product, items: [] }, 'items'],
      ['post', '/products', { ...product, items: [{ ...product.items[0], sku: 'has space' }] }, 'items.0.sku'],
      ['post', '/products', { ...product, isAdmin: true }, '(body)'],
      ['post', '/products', { ...product, items: [product.items[0], product.items[0]] }, 'items'],
      ['post', '/tax-classes', { code: 'GST9', name: 'x', rates: [{ effectiveFrom: '2017-07-01', ratePercent: 9 }] }, 'rates.0.ratePercent'],
      ['post', '/tax-classes', { code: 'GST9', name: 'x', rates: [{ effectiveFrom: '2017-07-01', ratePercent: '101' }] }, 'rates.0.ratePercent'],
      ['post', '/tax-classes', { code: 'GST9', name: 'x', rates: [{ effectiveFrom: '01-07-2017', ratePercent: '9' }] }, 'rates.0.effectiveFrom'],
      ['post', '/categories', { name: '', stationRoute: 'kitchen' }, 'name'],
      ['post', '/categories', { name: 'Bar', stationRoute: 'the bar!' }, 'stationRoute'],
      ['put', `/items/${item.itemId}/price`, { pricePaise: -1 }, 'pricePaise'],
      ['put', `/items/${item.itemId}/price`, { pricePaise: '100' }, 'pricePaise'],
      ['post', `/items/${item.itemId}/barcodes`, { code: 'ab', kind: 'gtin' }, 'code'],
      ['post', `/items/${item.itemId}/barcodes`, { code: ean13(), kind: 'qr' }, 'kind'],
      ['patch', '/catalog/settings', { scaleBarcodeRules: [{ prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5 }] }, 'scaleBarcodeRules.0.valueScale'],
      ['patch', `/items/${item.itemId}`, {}, '(body)'],
    ]
    await nothingWritten(assert, async () => {
      for (const [method, path, body, field] of cases) {
        const response = await f.manager(method as 'post', path, body)
        assertError(response, 422, 'E_VALIDATION')
        const paths = (response.body().error.details.issues as Array<{ path: string }>).map((issue) => issue.path)
        assert.include(paths, field, `${method} ${path} ${JSON.stringify(body)}: issues at ${paths.join(', ')}`)
      }
      assertError(await f.manager('get', `/stores/${f.t.storeId}/catalog/feed?limit=0`), 422, 'E_VALIDATION')
      assertError(await f.manager('delete', `/tax-classes/${f.gst5.id}/rates/not-a-date`), 422, 'E_VALIDATION')
      assertError(await f.manager('get', `/products/not-a-uuid`), 404, 'E_NOT_FOUND')
    })
  })

  test('refusals part way through a product leave nothing behind', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const taken = await createItem(f)
    const product = (barcodes: Array<{ code: string; kind?: string }>) => ({
      name: 'Biscuits', hsn: '1905', taxClassId: f.gst18.id, unit: 'NOS',
      items: [
        { sku: sku('B1'), name: 'Parle-G 250 g', barcodes: [{ code: ean13() }] },
        { sku: sku('B2'), name: 'Parle-G 800 g', barcodes },
      ],
    })
    const body = '890171900010'
    const wrongCheckDigit = `${body}${(gtinCheckDigit(body)! + 1) % 10}`
    await nothingWritten(assert, async () => {
      assertError(await f.manager('post', '/products', product([{ code: taken.barcode }])), 409, 'E_CATALOG_BARCODE_EXISTS')
      assertError(await f.manager('post', '/products', product([{ code: wrongCheckDigit }])), 422, 'E_CATALOG_BARCODE_CHECK_DIGIT')
      assertError(await f.manager('post', '/products', { ...product([]), categoryId: f.t.storeId }), 404, 'E_CATALOG_CATEGORY_NOT_FOUND')
      assertError(await f.manager('patch', `/items/${f.t.storeId}`, { name: 'Nobody' }), 404, 'E_CATALOG_ITEM_NOT_FOUND')
      assertError(await f.manager('put', `/items/${taken.itemId}/price`, { pricePaise: 5, priceListId: f.t.storeId }), 404, 'E_CATALOG_PRICE_LIST_NOT_FOUND')
    })
  })
})
