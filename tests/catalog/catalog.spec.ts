/*
 * The catalog's HTTP API over real HTTP and Postgres: tax classes and dated
 * rates, categories, products with items, barcodes, prices and overrides,
 * settings and scale labels, batches, and resolveSaleItems for the sales module.
 */
import { test } from '@japa/runner'
import type { BarcodeResolution, CatalogProduct, TaxClass } from '@pos/protocols'
import { gtinCheckDigit } from '@pos/state-machines'
import { withTenant } from '#core/db/tenancy'
import { resolveSaleItems } from '#modules/catalog/index'
import { adminCount, adminRows, asOwner } from '#tests/helpers/db'
import { addStore, addUser } from '#tests/helpers/fixtures'
import { assertError, tokenFor } from '#tests/helpers/http'
import { asUser, catalogTenant, createItem, ean13, ok, sku } from './support.js'

const auditCount = (tenantId: string, action: string) => adminCount('audit_log', 'tenant_id = $1 and action = $2', [tenantId, action])

async function todayInIndia(): Promise<string> {
  const [row] = await adminRows(`select to_char(now() at time zone 'Asia/Kolkata', 'YYYY-MM-DD') as today`)
  return row!.today
}

test.group('catalog: tax classes', () => {
  test('a rate change is a new dated rate: the list shows current and upcoming, old dates keep the old rate', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const created = await ok<TaxClass>(
      f.manager('post', '/tax-classes', { code: 'gst12', name: 'GST 12%', rates: [{ effectiveFrom: '2017-07-01', ratePercent: '12' }] }),
      201
    )
    assert.containSubset(created, { code: 'GST12', current: { effectiveFrom: '2017-07-01', ratePercent: '12', cessPercent: '0' }, upcoming: [] })
    const item = await createItem(f, { taxClassId: created.id })

    const today = await todayInIndia()
    await ok(f.manager('post', `/tax-classes/${created.id}/rates`, { effectiveFrom: '2099-01-01', ratePercent: '18', cessPercent: '0' }), 201)
    const changed = await ok<TaxClass>(f.manager('post', `/tax-classes/${created.id}/rates`, { effectiveFrom: today, ratePercent: '5' }), 201)
    assert.deepEqual(changed.current, { effectiveFrom: today, ratePercent: '5', cessPercent: '0' })
    assert.deepEqual(changed.upcoming, [{ effectiveFrom: '2099-01-01', ratePercent: '18', cessPercent: '0' }])
    assert.lengthOf(changed.rates, 3)
    const listed = await ok(f.cashier('get', '/tax-classes'))
    assert.deepEqual(listed.taxClasses.find((c: TaxClass) => c.id === created.id), changed)

    const rateOn = async (on: string) =>
      (await ok<BarcodeResolution>(f.cashier('get', `/stores/${f.t.storeId}/barcodes/${item.barcode}?on=${on}`))).item.ratePercent
    assert.deepEqual([await rateOn('2020-01-01'), await rateOn(today), await rateOn('2099-01-01')], ['12', '5', '18'])
    const rates = await adminRows('select effective_from::text as d, rate_percent::text as r from tax_class_rates where tax_class_id = $1 order by 1', [created.id])
    assert.deepEqual(rates, [
      { d: '2017-07-01', r: '12.00' },
      { d: today, r: '5.00' },
      { d: '2099-01-01', r: '18.00' },
    ])
    assert.equal(await auditCount(f.t.tenantId, 'catalog.tax_rate_added'), 2)

    assertError(await f.manager('post', `/tax-classes/${created.id}/rates`, { effectiveFrom: '2099-01-01', ratePercent: '28' }), 409, 'E_CATALOG_TAX_RATE_EXISTS')
    assertError(await f.manager('post', `/tax-classes/${created.id}/rates`, { effectiveFrom: '2020-01-01', ratePercent: '28' }), 422, 'E_CATALOG_TAX_RATE_BACKDATED')
    assertError(await f.manager('delete', `/tax-classes/${created.id}/rates/${today}`), 404, 'E_CATALOG_TAX_RATE_NOT_FOUND')
    const cancelled = await ok<TaxClass>(f.manager('delete', `/tax-classes/${created.id}/rates/2099-01-01`))
    assert.deepEqual(cancelled.upcoming, [])
    assert.equal(await adminCount('tax_class_rates', 'tax_class_id = $1', [created.id]), 2)
  })

  test('a class in use by an active product cannot be retired; codes are unique', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const item = await createItem(f, { taxClassId: f.gst18.id })
    assertError(await f.manager('patch', `/tax-classes/${f.gst18.id}`, { active: false }), 409, 'E_CATALOG_TAX_CLASS_IN_USE')
    await ok(f.manager('patch', `/products/${item.product.id}`, { taxClassId: f.gst5.id }))
    const retired = await ok<TaxClass>(f.manager('patch', `/tax-classes/${f.gst18.id}`, { active: false }))
    assert.isFalse(retired.active)
    assertError(
      await f.manager('post', '/products', { name: 'X', hsn: '3401', taxClassId: f.gst18.id, unit: 'NOS', items: [{ sku: sku('X'), name: 'X' }] }),
      404,
      'E_CATALOG_TAX_CLASS_NOT_FOUND'
    )
    assertError(
      await f.manager('post', '/tax-classes', { code: 'GST5', name: 'again', rates: [{ effectiveFrom: '2017-07-01', ratePercent: '5' }] }),
      409,
      'E_CATALOG_TAX_CLASS_EXISTS'
    )
    assert.equal(await auditCount(f.t.tenantId, 'catalog.tax_class_retired'), 1)
  })
})

test.group('catalog: categories', () => {
  test('a tree with station routes; a move under its own subcategory is refused; retiring needs it empty', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const food = await ok(f.manager('post', '/categories', { name: 'Restaurant', stationRoute: null }), 201)
    const south = await ok(f.manager('post', '/categories', { name: 'South Indian', parentId: food.id, stationRoute: 'Kitchen' }), 201)
    assert.deepEqual(south, { id: south.id, parentId: food.id, name: 'South Indian', stationRoute: 'kitchen', active: true })
    const tree = (await ok(f.cashier('get', '/categories'))).categories.map((c: { name: string }) => c.name)
    assert.deepEqual(tree, ['Restaurant', 'South Indian', 'Staples'], 'parents before children')

    assertError(await f.manager('patch', `/categories/${food.id}`, { parentId: south.id }), 422, 'E_CATALOG_CATEGORY_CYCLE')
    assertError(await f.manager('post', '/categories', { name: 'south indian', parentId: food.id }), 409, 'E_CATALOG_CATEGORY_EXISTS')
    const moved = await ok(f.manager('patch', `/categories/${south.id}`, { stationRoute: 'tandoor', parentId: null }))
    assert.deepEqual([moved.parentId, moved.stationRoute], [null, 'tandoor'])

    const dosa = await createItem(f, { name: 'Dosa', categoryId: south.id })
    assertError(await f.manager('patch', `/categories/${south.id}`, { active: false }), 409, 'E_CATALOG_CATEGORY_IN_USE')
    await ok(f.manager('patch', `/products/${dosa.product.id}`, { active: false }))
    const retired = await ok(f.manager('patch', `/categories/${south.id}`, { active: false }))
    assert.isFalse(retired.active)
    assertError(await f.manager('post', '/categories', { name: 'Dosa corner', parentId: south.id }), 404, 'E_CATALOG_CATEGORY_NOT_FOUND')
    assert.equal(await auditCount(f.t.tenantId, 'catalog.category_retired'), 1)
  })
})

test.group('catalog: products and items', () => {
  test('a product with two items in one call; update, add an item, retire; read back', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const [half, one] = [ean13(), ean13()]
    const created = await ok<CatalogProduct>(
      f.manager('post', '/products', {
        name: 'Amul Butter',
        localName: 'अमूल बटर',
        categoryId: f.categoryId,
        hsn: '04051000',
        taxClassId: f.gst5.id,
        unit: 'NOS',
        items: [
          { sku: 'AMUL-BTR-100', name: 'Amul Butter 100 g', variant: { size: '100 g' }, mrpPaise: 6_000, pricePaise: 5_800, barcodes: [{ code: half, kind: 'gtin' }] },
          { sku: 'AMUL-BTR-500', name: 'Amul Butter 500 g', variant: { size: '500 g' }, mrpPaise: 28_500, pricePaise: 27_500, barcodes: [{ code: one }] },
        ],
      }),
      201
    )
    assert.containSubset(created, { name: 'Amul Butter', localName: 'अमूल बटर', hsn: '04051000', unit: 'NOS', fractional: false, active: true })
    assert.deepEqual(
      created.items.map((item) => [item.sku, item.variant, item.mrpPaise, item.barcodes, item.prices.map((p) => [p.storeId, p.pricePaise])]),
      [
        ['AMUL-BTR-100', { size: '100 g' }, 6_000, [{ code: half, kind: 'gtin' }], [[null, 5_800]]],
        ['AMUL-BTR-500', { size: '500 g' }, 28_500, [{ code: one, kind: 'gtin' }], [[null, 27_500]]],
      ]
    )
    assert.deepEqual(await ok(f.cashier('get', `/products/${created.id}`)), created)

    const updated = await ok<CatalogProduct>(f.manager('patch', `/products/${created.id}`, { name: 'Amul Pasteurised Butter', hsn: '0405' }))
    assert.deepEqual([updated.name, updated.hsn], ['Amul Pasteurised Butter', '0405'])
    const withThird = await ok<CatalogProduct>(f.manager('post', `/products/${created.id}/items`, { sku: 'AMUL-BTR-050', name: 'Amul Butter 50 g', mrpPaise: 3_000 }), 201)
    assert.lengthOf(withThird.items, 3)
    const third = withThird.items.find((item) => item.sku === 'AMUL-BTR-050')!
    const edited = await ok<CatalogProduct>(f.manager('patch', `/items/${third.id}`, { name: 'Amul Butter 50 g (pack)', reorderLevel: '12.5', active: false }))
    assert.containSubset(edited.items.find((item) => item.id === third.id)!, { name: 'Amul Butter 50 g (pack)', reorderLevel: '12.5', active: false })
    assert.deepEqual(await ok(f.cashier('get', `/items/${third.id}`)), edited)

    const search = await ok(f.cashier('get', '/products?q=btr-500'))
    assert.deepEqual(search.products.map((p: CatalogProduct) => p.id), [created.id])
    const retired = await ok<CatalogProduct>(f.manager('patch', `/products/${created.id}`, { active: false }))
    assert.isFalse(retired.active)
    assert.deepEqual((await ok(f.cashier('get', '/products?active=false'))).products.map((p: CatalogProduct) => p.id), [created.id])
    assert.equal(await adminCount('products', 'id = $1 and active = false', [created.id]), 1, 'retired, not deleted')
    for (const action of ['product_created', 'product_updated', 'item_created', 'item_retired', 'product_retired']) {
      assert.equal(await auditCount(f.t.tenantId, `catalog.${action}`), 1, action)
    }
  })

  test('a used SKU is a typed conflict and the whole product is refused', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const existing = await createItem(f)
    const before = await adminCount('products', 'tenant_id = $1', [f.t.tenantId])
    const response = await f.manager('post', '/products', {
      name: 'Two items',
      hsn: '1905',
      taxClassId: f.gst18.id,
      unit: 'NOS',
      items: [
        { sku: sku('NEW'), name: 'New one' },
        { sku: existing.sku.toLowerCase(), name: 'Clash' },
      ],
    })
    assertError(response, 409, 'E_CATALOG_SKU_EXISTS')
    assert.equal(await adminCount('products', 'tenant_id = $1', [f.t.tenantId]), before)
    const other = await createItem(f)
    assertError(await f.manager('patch', `/items/${other.itemId}`, { sku: existing.sku }), 409, 'E_CATALOG_SKU_EXISTS')
    assert.equal(await adminCount('items', 'id = $1 and sku = $2', [other.itemId, other.sku]), 1)
  })
})

test.group('catalog: barcodes', () => {
  test('a GTIN needs its check digit, a code names one item per tenant, and can be removed', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const other = await catalogTenant(client)
    const item = await createItem(f)
    const second = await createItem(f)
    const body = '890123456789'
    const wrongDigit = `${body}${(gtinCheckDigit(body)! + 1) % 10}`
    assertError(await f.manager('post', `/items/${item.itemId}/barcodes`, { code: wrongDigit, kind: 'gtin' }), 422, 'E_CATALOG_BARCODE_CHECK_DIGIT')
    assertError(await f.manager('post', `/items/${item.itemId}/barcodes`, { code: '12345', kind: 'gtin' }), 422, 'E_CATALOG_BARCODE_CHECK_DIGIT')
    const internal = await ok<CatalogProduct>(f.manager('post', `/items/${item.itemId}/barcodes`, { code: 'PLU-0042', kind: 'internal' }), 201)
    assert.sameDeepMembers(internal.items[0]!.barcodes, [
      { code: item.barcode, kind: 'gtin' },
      { code: 'PLU-0042', kind: 'internal' },
    ])
    const conflict = await f.manager('post', `/items/${second.itemId}/barcodes`, { code: item.barcode, kind: 'gtin' })
    assertError(conflict, 409, 'E_CATALOG_BARCODE_EXISTS')
    assert.deepEqual(conflict.body().error.details, { code: item.barcode })
    // Another business may use the same code for its own item.
    await ok(other.manager('post', '/products', {
      name: 'Same code elsewhere', hsn: '0713', taxClassId: other.gst5.id, unit: 'NOS', items: [{ sku: sku('O'), name: 'O', barcodes: [{ code: item.barcode }] }],
    }), 201)

    await ok(f.manager('delete', `/items/${item.itemId}/barcodes/${item.barcode}`))
    assertError(await f.manager('delete', `/items/${item.itemId}/barcodes/${item.barcode}`), 404, 'E_CATALOG_BARCODE_NOT_FOUND')
    assertError(await f.cashier('get', `/stores/${f.t.storeId}/barcodes/${item.barcode}`), 404, 'E_CATALOG_BARCODE_NOT_FOUND')
    await ok(f.manager('post', `/items/${second.itemId}/barcodes`, { code: item.barcode, kind: 'gtin' }), 201)
    const resolved = await ok<BarcodeResolution>(f.cashier('get', `/stores/${f.t.storeId}/barcodes/${item.barcode}`))
    assert.equal(resolved.item.itemId, second.itemId, 'the freed code now names the other item')
    assert.equal(await auditCount(f.t.tenantId, 'catalog.barcode_removed'), 1)
  })
})

test.group('catalog: prices', () => {
  test('a store override beats the tenant-wide price in that store only; clearing it falls back', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const { storeId: s2 } = await addStore(f.t.tenantId, 'S2')
    const item = await createItem(f, { pricePaise: 10_000 })
    const priceIn = async (storeId: string) => {
      const resolved = await ok<BarcodeResolution>(f.owner('get', `/stores/${storeId}/barcodes/${item.barcode}`))
      return [resolved.item.pricePaise, resolved.item.priceSource]
    }
    await ok(f.manager('put', `/stores/${f.t.storeId}/items/${item.itemId}/price`, { pricePaise: 9_500 }))
    assert.deepEqual(await priceIn(f.t.storeId), [9_500, 'store'])
    assert.deepEqual(await priceIn(s2), [10_000, 'tenant'])
    await ok(f.manager('put', `/items/${item.itemId}/price`, { pricePaise: 10_500 }))
    assert.deepEqual(await priceIn(f.t.storeId), [9_500, 'store'], 'the override stays')
    assert.deepEqual(await priceIn(s2), [10_500, 'tenant'])

    // The shared rule, as the sales module reads it inside its own transaction.
    const [inStore1] = await withTenant(f.t.tenantId, (trx) => resolveSaleItems(trx, { storeId: f.t.storeId, itemIds: [item.itemId], on: new Date() }))
    assert.deepEqual(inStore1, {
      itemId: item.itemId,
      productId: item.product.id,
      sku: item.sku,
      name: 'Toor Dal 1 kg',
      localName: null,
      hsn: '0713',
      unit: 'NOS',
      fractional: false,
      tracksBatches: false,
      taxClassId: f.gst5.id,
      ratePercent: '5',
      cessPercent: '0',
      pricePaise: 9_500,
      priceSource: 'store',
      pricesIncludeTax: true,
      mrpPaise: 18_000,
      categoryId: f.categoryId,
      stationRoute: null,
      active: true,
    })

    const cleared = await ok<CatalogProduct>(f.manager('delete', `/stores/${f.t.storeId}/items/${item.itemId}/price`))
    assert.deepEqual(cleared.items[0]!.prices.map((p) => [p.storeId, p.pricePaise]), [[null, 10_500]])
    assert.deepEqual(await priceIn(f.t.storeId), [10_500, 'tenant'])
    assertError(await f.manager('delete', `/stores/${f.t.storeId}/items/${item.itemId}/price`), 404, 'E_CATALOG_PRICE_NOT_FOUND')
    // A manager of store 1 only cannot touch store 2.
    assertError(await f.manager('put', `/stores/${s2}/items/${item.itemId}/price`, { pricePaise: 1 }), 404, 'E_TENANCY_STORE_NOT_FOUND')
    for (const action of ['store_price_set', 'price_set', 'store_price_cleared']) assert.equal(await auditCount(f.t.tenantId, `catalog.${action}`), 1, action)
  })

  test('price lists: the first one is the default; another can take the role', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const wholesale = await ok(f.manager('post', '/price-lists', { code: 'WHOLESALE', name: 'Wholesale', pricesIncludeTax: false }), 201)
    assert.isFalse(wholesale.isDefault)
    assertError(await f.manager('post', '/price-lists', { code: 'wholesale', name: 'Again' }), 409, 'E_CATALOG_PRICE_LIST_EXISTS')
    await ok(f.manager('patch', `/price-lists/${wholesale.id}`, { isDefault: true }))
    const lists = (await ok(f.cashier('get', '/price-lists'))).priceLists
    assert.deepEqual(lists.map((l: { code: string; isDefault: boolean }) => [l.code, l.isDefault]), [['RETAIL', false], ['WHOLESALE', true]])
    const item = await createItem(f, { pricePaise: 100 })
    const resolved = await ok<BarcodeResolution>(f.cashier('get', `/stores/${f.t.storeId}/barcodes/${item.barcode}`))
    assert.deepEqual([resolved.item.pricePaise, resolved.item.pricesIncludeTax], [100, false], 'new prices go on the new default')
  })
})

test.group('catalog: settings, scale labels and batches', () => {
  test('scale rules are checked like the terminals read them; a weight label resolves to its item and quantity', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    await asOwner(f.t.tenantId, (trx) => trx.rawQuery(`update tenants set settings = '{"inventory": {"negativeStock": "refuse"}}' where id = ?`, [f.t.tenantId]))
    const rule = { prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 }
    const bad = await f.manager('patch', '/catalog/settings', { scaleBarcodeRules: [rule, { ...rule, prefix: '22', valueDigits: 4 }] })
    assertError(bad, 422, 'E_CATALOG_BARCODE_RULE_INVALID')
    assert.deepEqual(bad.body().error.details, { index: 1, prefix: '22', reason: 'E_BARCODE_RULE_DIGITS' })
    assertError(await f.manager('patch', '/catalog/settings', { scaleBarcodeRules: [rule, rule] }), 422, 'E_CATALOG_BARCODE_RULE_INVALID')
    assertError(await f.manager('patch', '/catalog/settings', { scaleBarcodeRules: [{ ...rule, valueScale: 3, kind: 'price' }] }), 422, 'E_CATALOG_BARCODE_RULE_INVALID')
    assert.deepEqual(await ok(f.cashier('get', '/catalog/settings')), { scaleBarcodeRules: [], batchTracking: false })

    assert.deepEqual(await ok(f.manager('patch', '/catalog/settings', { scaleBarcodeRules: [rule] })), { scaleBarcodeRules: [rule], batchTracking: false })
    const [stored] = await adminRows('select settings from tenants where id = $1', [f.t.tenantId])
    assert.deepEqual(stored!.settings, { inventory: { negativeStock: 'refuse' }, catalog: { scaleBarcodeRules: [rule], batchTracking: false } }, 'only the catalog key is written')

    const sugar = await ok<CatalogProduct>(
      f.manager('post', '/products', {
        name: 'Sugar (loose)', hsn: '1701', taxClassId: f.gst5.id, unit: 'KGS', fractional: true,
        items: [{ sku: sku('SUGAR'), name: 'Sugar (loose)', pricePaise: 4_800, barcodes: [{ code: '00042', kind: 'internal' }] }],
      }),
      201
    )
    const label = `210004201250`
    const code = label + String(gtinCheckDigit(label))
    const resolved = await ok<BarcodeResolution>(f.cashier('get', `/stores/${f.t.storeId}/barcodes/${code}`))
    assert.containSubset(resolved, { code, reading: 'weight', quantity: '1.25', labelPricePaise: null })
    assert.containSubset(resolved.item, { itemId: sugar.items[0]!.id, unit: 'KGS', fractional: true, pricePaise: 4_800 })
    const badDigit = label + String((gtinCheckDigit(label)! + 1) % 10)
    assertError(await f.cashier('get', `/stores/${f.t.storeId}/barcodes/${badDigit}`), 422, 'E_CATALOG_BARCODE_CHECK_DIGIT')
    const unknownPlu = `210009901250`
    assertError(await f.cashier('get', `/stores/${f.t.storeId}/barcodes/${unknownPlu}${gtinCheckDigit(unknownPlu)}`), 404, 'E_CATALOG_BARCODE_NOT_FOUND')
    assert.equal(await auditCount(f.t.tenantId, 'catalog.settings_updated'), 1)
  })

  test('batches are kept only when the tenant tracks them and the product does', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const plain = await createItem(f)
    const tracked = {
      name: 'Paracetamol 500 mg', hsn: '3004', taxClassId: f.gst5.id, unit: 'BOX', tracksBatches: true,
      items: [{ sku: sku('PCM'), name: 'Paracetamol 500 mg x 10' }],
    }
    assertError(await f.manager('post', '/products', tracked), 409, 'E_CATALOG_BATCH_TRACKING_OFF')
    assertError(await f.manager('post', `/items/${plain.itemId}/batches`, { batchNo: 'B1' }), 409, 'E_CATALOG_BATCH_TRACKING_OFF')
    await ok(f.manager('patch', '/catalog/settings', { batchTracking: true }))
    const product = await ok<CatalogProduct>(f.manager('post', '/products', tracked), 201)
    const itemId = product.items[0]!.id
    assertError(await f.manager('post', `/items/${plain.itemId}/batches`, { batchNo: 'B1' }), 409, 'E_CATALOG_BATCH_NOT_TRACKED')
    const batch = await ok(f.manager('post', `/items/${itemId}/batches`, { batchNo: 'PCM2401', manufacturedOn: '2024-01-10', expiresOn: '2026-12-31' }), 201)
    assert.deepEqual(batch, { id: batch.id, itemId, batchNo: 'PCM2401', manufacturedOn: '2024-01-10', expiresOn: '2026-12-31' })
    await ok(f.manager('post', `/items/${itemId}/batches`, { batchNo: 'PCM2309', expiresOn: '2026-06-30' }), 201)
    assertError(await f.manager('post', `/items/${itemId}/batches`, { batchNo: 'pcm2401' }), 409, 'E_CATALOG_BATCH_EXISTS')
    const listed = await ok(f.cashier('get', `/items/${itemId}/batches`))
    assert.deepEqual(listed.batches.map((b: { batchNo: string }) => b.batchNo), ['PCM2309', 'PCM2401'], 'soonest expiry first')
    assert.equal(await auditCount(f.t.tenantId, 'catalog.batch_added'), 2)
  })

  test('a tenant-wide owner and a store manager of the tenant write; a manager of another tenant sees nothing', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const other = await catalogTenant(client)
    const item = await createItem(f)
    const stranger = asUser(client, await tokenFor(client, await addUser(other.t.tenantId, 'manager', null)))
    assertError(await stranger('get', `/products/${item.product.id}`), 404, 'E_CATALOG_PRODUCT_NOT_FOUND')
    assertError(await stranger('patch', `/items/${item.itemId}`, { name: 'Hijack' }), 404, 'E_CATALOG_ITEM_NOT_FOUND')
    assertError(await stranger('get', `/stores/${f.t.storeId}/barcodes/${item.barcode}`), 404, 'E_TENANCY_STORE_NOT_FOUND')
    assert.notInclude((await ok(stranger('get', '/tax-classes'))).taxClasses.map((c: TaxClass) => c.id), f.gst5.id)
    await ok(f.owner('patch', `/items/${item.itemId}`, { name: 'Toor Dal 1 kg (Owner)' }))
    assert.equal((await ok<CatalogProduct>(f.cashier('get', `/items/${item.itemId}`))).items[0]!.name, 'Toor Dal 1 kg (Owner)')
  })
})
