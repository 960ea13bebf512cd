/*
 * Item search over real HTTP, the socket and the service: ranking of the match
 * kinds, typo tolerance, prices and stock as the store sells, scale labels,
 * tenant and store isolation, bad input.
 */
import { test } from '@japa/runner'
import type { SearchResult } from '@pos/protocols'
import { searchService } from '#modules/search/index'
import { adminRows } from '#tests/helpers/db'
import { addStore, createTenant, type TenantFixture } from '#tests/helpers/fixtures'
import { assertError } from '#tests/helpers/http'
import { connect, send } from '#tests/realtime/support'
import { ean13, searchOk, searchRequest, seedItems, setScaleRules, tokenOf, type Auth, type SeededItem } from './support.js'
import { addTerminalDevice } from '#tests/helpers/fixtures'

const names = (results: SearchResult[]) => results.map((result) => result.name)
const ids = (results: SearchResult[]) => results.map((result) => result.itemId)

/** Expects `q` to fail with `code` (the service called directly). */
async function serviceError(input: { tenantId: string; storeId: string; q: string; limit: number }) {
  try {
    await searchService.search(input)
  } catch (error) {
    return (error as { code?: string }).code
  }
  return null
}

test.group('item search', (group) => {
  let a: TenantFixture
  let b: TenantFixture
  let store2: string
  let auth: Auth
  let item: Record<string, SeededItem>

  group.setup(async () => {
    a = await createTenant()
    b = await createTenant()
    store2 = (await addStore(a.tenantId, 'S2')).storeId
    auth = { token: await tokenOf(a, a.owner) }
    const rows = await seedItems(a, [
      { name: 'Amul Butter 500 g', sku: 'AMUL-BTR-500', barcodes: [ean13('890126201001')], pricePaise: 27_500, storePrices: { [a.storeId]: 26_900 }, stock: { [a.storeId]: '12.500' } },
      { name: 'Amul Butter 100 g', sku: 'AMUL-BTR-100', pricePaise: 5_600 },
      { name: 'Amul Taaza Toned Milk 1 L', sku: 'AMUL-TAAZA-1L', pricePaise: 5_400 },
      { name: 'Kesari Amul Ghee 1 L', sku: 'KESARI-GHEE', pricePaise: 61_000 },
      { name: 'Parle-G Glucose Biscuits 250 g', sku: 'PARLEG-250', pricePaise: 2_500 },
      { name: 'Heinz Tomato Ketchup 500 g', sku: 'HEINZ-TK-500', pricePaise: 14_000, mrpPaise: null },
      { name: 'Aashirvaad Atta 5 kg', sku: 'AASH-ATTA-5', localName: 'आशीर्वाद आटा 5 kg', unit: 'KGS', pricePaise: 28_500 },
      { name: 'Tata Salt 1 kg', sku: 'TATA-SALT-1', pricePaise: 2_800 },
      { name: 'Tata Salt Lite 1 kg', sku: 'TATA-SALT-LITE', active: false, barcodes: [ean13('890172500001')], pricePaise: 4_500 },
      // One code, three ways: a barcode of one item, the SKU of another, the start of a third's name.
      { name: 'Saffola Gold Oil 1 L', sku: 'SAF-GOLD-1', barcodes: ['ZX12345'], pricePaise: 21_000 },
      { name: 'Everest Garam Masala 100 g', sku: 'ZX12345', pricePaise: 9_000 },
      { name: 'ZX12345 Steel Tumbler', sku: 'TUMBLER-1', pricePaise: 15_000 },
      // Loose goods: sold by weight, scale labels carry their internal code.
      { name: 'Toor Dal Loose', sku: 'TOOR-LOOSE', unit: 'KGS', barcodes: [{ code: '10001', kind: 'internal' }], pricePaise: 16_000, stock: { [a.storeId]: '40.000' } },
      { name: 'Sona Masoori Rice Loose', sku: 'RICE-LOOSE', unit: 'KGS', barcodes: [{ code: '10002', kind: 'internal' }], pricePaise: 6_000 },
    ])
    item = Object.fromEntries(rows.map((row) => [row.sku, row]))
    await setScaleRules(a, [
      { prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 },
      { prefix: '22', kind: 'price', itemCodeDigits: 5, valueDigits: 5, valueScale: 2 },
    ])
    // Tenant B sells look-alikes, with the very same barcode and SKU as A's butter.
    await seedItems(b, [
      { name: 'Amul Butter 500 g', sku: 'AMUL-BTR-500', barcodes: [item['AMUL-BTR-500']!.barcodes[0]!], pricePaise: 1 },
      { name: 'Amul Cheese Slices', sku: 'B-CHEESE', pricePaise: 1 },
      { name: 'Tomato Puree', sku: 'B-PUREE', pricePaise: 1 },
    ])
  })

  test('a scanned barcode finds its item first, with the store price, MRP and on-hand', async ({ client, assert }) => {
    const butter = item['AMUL-BTR-500']!
    const [first, ...rest] = await searchOk(client, auth, a.storeId, butter.barcodes[0]!)
    assert.deepEqual(first, {
      itemId: butter.id,
      productId: butter.productId,
      sku: 'AMUL-BTR-500',
      name: 'Amul Butter 500 g',
      localName: null,
      unit: 'NOS',
      mrpPaise: 10_000,
      pricePaise: 26_900,
      priceSource: 'store',
      pricesIncludeTax: true,
      onHand: '12.500',
      match: 'barcode',
      scale: null,
    })
    assert.deepEqual(rest, [], 'a scan is decisive: nothing else is listed')
  })

  test('exact barcode, then exact SKU, then the name that starts with the code', async ({ client, assert }) => {
    const results = await searchOk(client, auth, a.storeId, 'ZX12345')
    assert.deepEqual(
      results.map((result) => [result.sku, result.match]),
      [
        ['SAF-GOLD-1', 'barcode'],
        ['ZX12345', 'sku'],
        ['TUMBLER-1', 'prefix'],
      ]
    )
  })

  test('an exact SKU in any letter case comes before items whose words it begins', async ({ client, assert }) => {
    const results = await searchOk(client, auth, a.storeId, 'amul-btr-100')
    assert.equal(results[0]!.itemId, item['AMUL-BTR-100']!.id)
    assert.equal(results[0]!.match, 'sku')
    assert.notInclude(ids(results.slice(1)), item['AMUL-BTR-100']!.id, 'listed once')
  })

  test('a prefix finds the items a word of which it begins, names that start with it first', async ({ client, assert }) => {
    const results = await searchOk(client, auth, a.storeId, 'amu')
    assert.deepEqual(names(results), ['Amul Butter 100 g', 'Amul Butter 500 g', 'Amul Taaza Toned Milk 1 L', 'Kesari Amul Ghee 1 L'])
    assert.isTrue(results.every((result) => result.match === 'prefix'))
    assert.deepEqual(names(await searchOk(client, auth, a.storeId, 'amul but')), ['Amul Butter 100 g', 'Amul Butter 500 g'])
    assert.deepEqual(names(await searchOk(client, auth, a.storeId, 'ghee')), ['Kesari Amul Ghee 1 L'], 'a word inside the name')
    assert.deepEqual(names(await searchOk(client, auth, a.storeId, 'amul', 2)), ['Amul Butter 100 g', 'Amul Butter 500 g'], 'limit')
  })

  test('misspelt words are found (typo-tolerant), after exact and prefix matches', async ({ client, assert }) => {
    const first = async (q: string) => (await searchOk(client, auth, a.storeId, q))[0]
    assert.containSubset(await first('tomoto'), { name: 'Heinz Tomato Ketchup 500 g', match: 'fuzzy' })
    assert.containSubset(await first('ataa'), { name: 'Aashirvaad Atta 5 kg', match: 'fuzzy' })
    assert.containSubset(await first('biscut'), { name: 'Parle-G Glucose Biscuits 250 g', match: 'fuzzy' })
    assert.containSubset(await first('amul buter'), { name: 'Amul Butter 100 g', match: 'fuzzy' })
    assert.containSubset(await first('kechup tomato'), { name: 'Heinz Tomato Ketchup 500 g', match: 'fuzzy' })
    for (const q of ['parle-g', 'parle g', 'PARLE G', 'parleg']) {
      assert.equal((await first(q))?.name, 'Parle-G Glucose Biscuits 250 g', q)
    }
    assert.deepEqual(await searchOk(client, auth, a.storeId, 'xqzvw'), [], 'nothing resembles it')
  })

  test('local names are searched too', async ({ client, assert }) => {
    assert.deepEqual(names(await searchOk(client, auth, a.storeId, 'आटा')), ['Aashirvaad Atta 5 kg'])
    assert.deepEqual(names(await searchOk(client, auth, a.storeId, 'आशी')), ['Aashirvaad Atta 5 kg'])
  })

  test('retired items are never found, by words or by their barcode', async ({ client, assert }) => {
    assert.deepEqual(names(await searchOk(client, auth, a.storeId, 'tata salt')), ['Tata Salt 1 kg'])
    assert.deepEqual(await searchOk(client, auth, a.storeId, item['TATA-SALT-LITE']!.barcodes[0]!), [])
    assert.notInclude(ids(await searchOk(client, auth, a.storeId, 'TATA-SALT-LITE')), item['TATA-SALT-LITE']!.id, 'nor by its SKU')
    assert.notInclude(ids(await searchOk(client, auth, a.storeId, 'lite')), item['TATA-SALT-LITE']!.id)
  })

  test("the price is the store's override when it has one, else the tenant-wide price; on-hand is the store's", async ({ client, assert }) => {
    const butter = (q: string, storeId: string) => searchOk(client, auth, storeId, q).then((results) => results.find((r) => r.sku === 'AMUL-BTR-500')!)
    assert.containSubset(await butter('amul butter', a.storeId), { pricePaise: 26_900, priceSource: 'store', onHand: '12.500' })
    assert.containSubset(await butter('amul butter', store2), { pricePaise: 27_500, priceSource: 'tenant', onHand: null })
    const ketchup = (await searchOk(client, auth, a.storeId, 'ketchup'))[0]!
    assert.containSubset(ketchup, { pricePaise: 14_000, priceSource: 'tenant', mrpPaise: null, onHand: null, pricesIncludeTax: true })
  })

  test('a scale label finds its item by internal code, with the weight or the price it carries', async ({ client, assert }) => {
    const weight = `2110001${'01250'}`
    const weightLabel = weight + ean13(weight).slice(-1)
    const [dal, ...others] = await searchOk(client, auth, a.storeId, weightLabel)
    assert.containSubset(dal, { itemId: item['TOOR-LOOSE']!.id, match: 'scale', unit: 'KGS', pricePaise: 16_000, onHand: '40.000' })
    assert.deepEqual(dal!.scale, { kind: 'weight', code: weightLabel, quantity: '1.25' })
    assert.deepEqual(others, [])

    const price = `2210002${'04550'}`
    const priceLabel = price + ean13(price).slice(-1)
    const [rice] = await searchOk(client, auth, a.storeId, priceLabel)
    assert.containSubset(rice, { itemId: item['RICE-LOOSE']!.id, match: 'scale', scale: { kind: 'price', code: priceLabel, pricePaise: 4_550 } })

    const unknown = `2199999${'01000'}`
    assert.deepEqual(await searchOk(client, auth, a.storeId, unknown + ean13(unknown).slice(-1)), [], 'no item has that code')
    // Tenant B has no scale rules: the same label is just an unknown code there.
    assert.deepEqual(await searchOk(client, { token: await tokenOf(b, b.owner) }, b.storeId, weightLabel), [])
  })

  test("tenant B's items never appear, even with the same names, barcode and SKU", async ({ client, assert }) => {
    for (const q of ['amul', 'tomato', 'AMUL-BTR-500', item['AMUL-BTR-500']!.barcodes[0]!]) {
      const found = ids(await searchOk(client, auth, a.storeId, q))
      assert.isAbove(found.length, 0, q)
      const owners = await adminRows<{ tenant_id: string }>('select distinct tenant_id from items where id = any($1)', [found])
      assert.deepEqual(owners.filter((row) => row.tenant_id !== a.tenantId), [], `${q}: another tenant's item`)
    }
    assert.deepEqual(await searchOk(client, auth, a.storeId, 'cheese'), [], "B's cheese is not A's")
    const inB = await searchOk(client, { token: await tokenOf(b, b.owner) }, b.storeId, 'amul')
    assert.deepEqual(names(inB), ['Amul Butter 500 g', 'Amul Cheese Slices'])
    assert.equal(inB[0]!.pricePaise, 1)
  })

  test("another tenant's store, or a store outside the caller's scope, is refused over HTTP", async ({ client }) => {
    assertError(await searchRequest(client, auth, b.storeId, { q: 'amul' }), 404, 'E_TENANCY_STORE_NOT_FOUND')
    const cashier = { token: await tokenOf(a, a.cashier) }
    assertError(await searchRequest(client, cashier, store2, { q: 'amul' }), 404, 'E_TENANCY_STORE_NOT_FOUND')
    const device = { deviceKey: await addTerminalDevice(a) }
    assertError(await searchRequest(client, device, store2, { q: 'amul' }), 404, 'E_TENANCY_STORE_NOT_FOUND')
    assertError(await searchRequest(client, device, 'not-a-uuid', { q: 'amul' }), 404, 'E_NOT_FOUND')
    assertError(await client.get(`/api/v1/stores/${a.storeId}/items/search`).qs({ q: 'amul' }), 401, 'E_AUTH_UNAUTHENTICATED')
  })

  test('bad input is refused over HTTP (E_VALIDATION) and by the service (E_SEARCH_QUERY_INVALID)', async ({ client, assert }) => {
    const cases: Array<Record<string, string>> = [
      {},
      { q: '' },
      { q: '   ' },
      { q: '-- // ..' },
      { q: 'a'.repeat(101) },
      { q: 'amul', limit: '0' },
      { q: 'amul', limit: '51' },
      { q: 'amul', limit: 'ten' },
      { q: 'amul', page: '2' },
    ]
    for (const query of cases) assertError(await searchRequest(client, auth, a.storeId, query), 422, 'E_VALIDATION')
    const input = { tenantId: a.tenantId, storeId: a.storeId, q: 'amul', limit: 20 }
    assert.equal(await serviceError({ ...input, q: '() -- !!' }), 'E_SEARCH_QUERY_INVALID')
    assert.equal(await serviceError({ ...input, q: '' }), 'E_SEARCH_QUERY_INVALID')
    assert.equal(await serviceError({ ...input, limit: 0 }), 'E_SEARCH_QUERY_INVALID')
    assert.equal(await serviceError({ ...input, storeId: b.storeId }), 'E_TENANCY_STORE_NOT_FOUND')
  })

  test('the socket query items.search answers what HTTP answers; other stores and bad input are refused', async ({ client, assert, cleanup }) => {
    const deviceKey = await addTerminalDevice(a)
    const socket = await connect({ deviceKey })
    cleanup(() => void socket.close())
    for (const q of ['amul', 'tomoto', 'ZX12345', item['AMUL-BTR-500']!.barcodes[0]!]) {
      const ack = await send(socket, 'items.search', { storeId: a.storeId, q, limit: 10 })
      assert.isTrue(ack.ok, JSON.stringify(ack))
      assert.deepEqual(ack.data.items, await searchOk(client, { deviceKey }, a.storeId, q, 10), q)
    }
    const refused = async (payload: Record<string, unknown>) => (await send(socket, 'items.search', payload)).error?.code
    assert.equal(await refused({ storeId: b.storeId, q: 'amul' }), 'E_STORE_NOT_SUBSCRIBED')
    assert.equal(await refused({ storeId: store2, q: 'amul' }), 'E_STORE_NOT_SUBSCRIBED')
    assert.equal(await refused({ storeId: a.storeId, q: '...' }), 'E_VALIDATION')
    assert.equal(await refused({ storeId: a.storeId, q: 'amul', limit: 0 }), 'E_VALIDATION')
    assert.equal(await refused({ storeId: a.storeId }), 'E_VALIDATION')

    // A tenant-wide owner over the socket: B's store id is neither confirmed nor searched.
    const owner = await connect({ token: await tokenOf(a, a.owner) })
    cleanup(() => void owner.close())
    assert.equal((await send(owner, 'items.search', { storeId: b.storeId, q: 'amul' })).error?.code, 'E_STORE_NOT_SUBSCRIBED')
    const ack = await send(owner, 'items.search', { storeId: store2, q: 'amul butter' })
    assert.deepEqual(names(ack.data.items), ['Amul Butter 100 g', 'Amul Butter 500 g'])
  })
})
