/*
 * The terminal feed over real HTTP (and the socket): a full download, changes
 * since a cursor with removals, the store filter, tenant isolation, and the
 * ordering guarantee with two real concurrent transactions.
 */
import { test } from '@japa/runner'
import type { CatalogFeed } from '@pos/protocols'
import { withTenant } from '#core/db/tenancy'
import { adminRows } from '#tests/helpers/db'
import { addStore } from '#tests/helpers/fixtures'
import { assertError } from '#tests/helpers/http'
import { connect, send } from '#tests/realtime/support'
import { asDeviceKey, catalogTenant, createItem, drainFeed, ean13, ok } from './support.js'
import { addTerminalDevice } from '#tests/helpers/fixtures'

const feedPath = (storeId: string, cursor?: string) => `/stores/${storeId}/catalog/feed${cursor ? `?cursor=${cursor}` : ''}`

test.group('catalog feed', () => {
  test('a terminal downloads its store catalog in pages: active items with store price, rates, barcodes and station route', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const kitchen = await ok(f.manager('post', '/categories', { name: 'Kitchen', stationRoute: 'kitchen' }), 201)
    const upcoming = '2099-04-01'
    await ok(f.manager('post', `/tax-classes/${f.gst5.id}/rates`, { effectiveFrom: upcoming, ratePercent: '12', cessPercent: '0' }), 201)
    const dal = await createItem(f, { name: 'Toor Dal 1 kg', pricePaise: 16_500 })
    const dosa = await createItem(f, { name: 'Masala Dosa', pricePaise: 9_000, categoryId: kitchen.id, taxClassId: f.gst5.id })
    const soap = await createItem(f, { name: 'Lux Soap 100 g', pricePaise: 4_000, taxClassId: f.gst18.id })
    const retired = await createItem(f, { name: 'Old Biscuit' })
    const plain = await createItem(f, { name: 'Sugar 1 kg', pricePaise: 5_000 })
    await ok(f.manager('put', `/stores/${f.t.storeId}/items/${soap.itemId}/price`, { pricePaise: 3_800 }))
    await ok(f.manager('patch', `/items/${retired.itemId}`, { active: false }))
    await ok(f.manager('patch', '/catalog/settings', { scaleBarcodeRules: [{ prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 }] }))

    const terminal = asDeviceKey(client, await addTerminalDevice(f.t))
    const drained = await drainFeed(terminal, f.t.storeId, undefined, 2)
    const [first, ...rest] = drained.pages
    assert.isTrue(first!.reset && first!.full)
    assert.deepEqual(drained.pages.filter((page) => page.full).map((page) => page.items.length), [2, 2], 'four items in pages of two')
    assert.isTrue(rest.every((page) => !page.reset))
    assert.sameMembers([...drained.items.keys()], [dal.itemId, dosa.itemId, soap.itemId, plain.itemId], 'every active item, the retired one left out')
    assert.sameMembers(first!.taxClasses.map((c) => c.code), ['GST5', 'GST18'])
    assert.deepEqual(first!.taxClasses.find((c) => c.code === 'GST5')!.rates, [
      { effectiveFrom: '2017-07-01', ratePercent: '5', cessPercent: '0' },
      { effectiveFrom: upcoming, ratePercent: '12', cessPercent: '0' },
    ])
    assert.sameMembers(first!.categories.map((c) => c.name), ['Staples', 'Kitchen'])
    assert.deepEqual(first!.settings, { scaleBarcodeRules: [{ prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 }], batchTracking: false })

    const dalRow = drained.items.get(dal.itemId)!
    assert.containSubset(dalRow, {
      sku: dal.sku,
      name: 'Toor Dal 1 kg',
      hsn: '0713',
      unit: 'NOS',
      fractional: false,
      ratePercent: '5',
      cessPercent: '0',
      upcomingRates: [{ effectiveFrom: upcoming, ratePercent: '12', cessPercent: '0' }],
      mrpPaise: 18_000,
      pricePaise: 16_500,
      priceSource: 'tenant',
      pricesIncludeTax: true,
      barcodes: [{ code: dal.barcode, kind: 'gtin' }],
      stationRoute: null,
      active: true,
    })
    assert.equal(drained.items.get(dosa.itemId)!.stationRoute, 'kitchen')
    assert.containSubset(drained.items.get(soap.itemId)!, { pricePaise: 3_800, priceSource: 'store', ratePercent: '18' })
  })

  test('after the download, the feed carries only what changed, with removals', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const items = await Promise.all(['A', 'B', 'C', 'D', 'E', 'F'].map((name) => createItem(f, { name: `Item ${name}` })))
    const [a, b, c, d, e, untouched] = items as [typeof items[0], typeof items[0], typeof items[0], typeof items[0], typeof items[0], typeof items[0]]
    await ok(f.manager('put', `/stores/${f.t.storeId}/items/${e.itemId}/price`, { pricePaise: 1_000 }))
    const terminal = asDeviceKey(client, await addTerminalDevice(f.t))
    const full = await drainFeed(terminal, f.t.storeId)
    assert.equal(full.items.size, 6)

    const idle = await drainFeed(terminal, f.t.storeId, full.cursor)
    assert.deepEqual([idle.items.size, idle.pages.at(-1)!.reset, idle.pages.at(-1)!.full], [0, false, false], 'nothing changed, nothing sent')

    await ok(f.manager('put', `/items/${a.itemId}/price`, { pricePaise: 17_000 }))
    const added = ean13()
    await ok(f.manager('post', `/items/${b.itemId}/barcodes`, { code: added, kind: 'gtin' }), 201)
    await ok(f.manager('delete', `/items/${c.itemId}/barcodes/${c.barcode}`))
    await ok(f.manager('patch', `/items/${d.itemId}`, { active: false }))
    await ok(f.manager('delete', `/stores/${f.t.storeId}/items/${e.itemId}/price`))

    const changes = await drainFeed(terminal, f.t.storeId, full.cursor)
    assert.sameMembers([...changes.items.keys()], [a.itemId, b.itemId, c.itemId, d.itemId, e.itemId], 'only the changed items')
    assert.notInclude([...changes.items.keys()], untouched.itemId)
    assert.equal(changes.items.get(a.itemId)!.pricePaise, 17_000)
    assert.sameMembers(changes.items.get(b.itemId)!.barcodes.map((x) => x.code), [b.barcode, added])
    assert.deepEqual(changes.items.get(c.itemId)!.barcodes, [])
    assert.deepEqual([...changes.removedBarcodes], [c.barcode])
    assert.deepEqual([...changes.removedItems], [d.itemId])
    assert.isFalse(changes.items.get(d.itemId)!.active)
    assert.deepEqual([...changes.removedStorePrices], [e.itemId])
    assert.containSubset(changes.items.get(e.itemId)!, { pricePaise: 16_500, priceSource: 'tenant' })

    // A new dated rate reaches every item of its class; a class change reaches terminals as the class row too.
    const future = '2099-01-01'
    await ok(f.manager('post', `/tax-classes/${f.gst5.id}/rates`, { effectiveFrom: future, ratePercent: '18' }), 201)
    const rated = await drainFeed(terminal, f.t.storeId, changes.cursor)
    assert.sameMembers([...rated.items.keys()], items.map((item) => item.itemId))
    assert.deepEqual(rated.items.get(a.itemId)!.upcomingRates, [{ effectiveFrom: future, ratePercent: '18', cessPercent: '0' }])
    assert.deepEqual(rated.pages.flatMap((page) => page.taxClasses.map((x) => x.id)), [f.gst5.id])
  })

  test("another store's price override never reaches this store's feed", async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const { storeId: otherStore } = await addStore(f.t.tenantId, 'S2')
    const item = await createItem(f, { pricePaise: 5_000 })
    const terminal = asDeviceKey(client, await addTerminalDevice(f.t))
    const here = await drainFeed(terminal, f.t.storeId)
    const there = await drainFeed(f.owner, otherStore)

    await ok(f.owner('put', `/stores/${otherStore}/items/${item.itemId}/price`, { pricePaise: 4_200 }))
    const hereAfter = await drainFeed(terminal, f.t.storeId, here.cursor)
    assert.equal(hereAfter.items.size, 0, 'no row for the other store override')
    const thereAfter = await drainFeed(f.owner, otherStore, there.cursor)
    assert.containSubset(thereAfter.items.get(item.itemId)!, { pricePaise: 4_200, priceSource: 'store' })
    const rows = await adminRows('select store_id from catalog_changes where tenant_id = $1 and entity_key = $2 and store_id is not null', [f.t.tenantId, item.itemId])
    assert.deepEqual(rows, [{ store_id: otherStore }], 'the change is logged for that store only')

    // The terminal of store 1 cannot read store 2's feed; its cursor is not store 2's either.
    assertError(await terminal('get', feedPath(otherStore)), 404, 'E_TENANCY_STORE_NOT_FOUND')
    assertError(await f.owner('get', feedPath(otherStore, here.cursor)), 400, 'E_CATALOG_CURSOR_INVALID')
  })

  test("tenant B's changes never appear in tenant A's feed, and B's store is not found for A", async ({ client, assert }) => {
    const a = await catalogTenant(client)
    const b = await catalogTenant(client)
    await createItem(a)
    const terminal = asDeviceKey(client, await addTerminalDevice(a.t))
    const start = await drainFeed(terminal, a.t.storeId)
    const bItem = await createItem(b, { name: 'Tenant B dal' })
    await ok(b.manager('put', `/items/${bItem.itemId}/price`, { pricePaise: 1 }))
    await ok(b.manager('post', `/tax-classes/${b.gst5.id}/rates`, { effectiveFrom: '2099-02-01', ratePercent: '28' }), 201)
    const after = await drainFeed(terminal, a.t.storeId, start.cursor)
    assert.equal(after.items.size, 0)
    assert.deepEqual(after.pages.flatMap((page) => page.taxClasses), [])
    assertError(await terminal('get', feedPath(b.t.storeId)), 404, 'E_TENANCY_STORE_NOT_FOUND')
    assertError(await a.owner('get', feedPath(b.t.storeId)), 404, 'E_TENANCY_STORE_NOT_FOUND')
    assertError(await a.owner('get', feedPath(a.t.storeId, 'not-a-cursor')), 400, 'E_CATALOG_CURSOR_INVALID')
  })

  test('a change committed late by a slower transaction is not skipped (sequence vs commit order)', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const slow = await createItem(f, { name: 'Slow', pricePaise: 1_000 })
    const fast = await createItem(f, { name: 'Fast', pricePaise: 2_000 })
    const terminal = asDeviceKey(client, await addTerminalDevice(f.t))
    const start = await drainFeed(terminal, f.t.storeId)

    // Transaction 1 changes a price first (taking the lower log id) and stays open.
    let slowLogId = 0
    let written!: () => void
    let release!: () => void
    const wrote = new Promise<void>((resolve) => (written = resolve))
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slowTransaction = withTenant(f.t.tenantId, async (trx) => {
      await trx.from('item_prices').where({ item_id: slow.itemId }).whereNull('store_id').update({ price_paise: 1_111 })
      // Its own log row, visible only inside it until it commits.
      slowLogId = (await trx.rawQuery('select max(id)::int as id from catalog_changes where entity_key = ?', [slow.itemId])).rows[0].id
      written()
      await gate
    })
    let during: CatalogFeed
    try {
      // (If the slow transaction failed, stop here rather than wait for a write that never comes.)
      await Promise.race([wrote, slowTransaction])
      // Transaction 2 changes another price and commits first (a higher log id, committed earlier).
      await ok(f.manager('put', `/items/${fast.itemId}/price`, { pricePaise: 2_222 }))
      const [fastRow] = await adminRows('select max(id)::int as id from catalog_changes where entity_key = $1', [fast.itemId])
      assert.isBelow(slowLogId, fastRow!.id, 'the slow transaction holds the lower log id, the fast one committed first')

      // While transaction 1 is open, the fast change is committed but held back behind it.
      during = await ok<CatalogFeed>(terminal('get', feedPath(f.t.storeId, start.cursor)))
      assert.deepEqual(during.items.map((item) => item.id), [])
      assert.isTrue(during.pending, 'committed changes wait for the open transaction')
    } finally {
      // Always end transaction 1, or the run would wait on its connection forever.
      release()
      await slowTransaction
    }
    const after = await drainFeed(terminal, f.t.storeId, during!.cursor)
    assert.equal(after.items.get(slow.itemId)?.pricePaise, 1_111, 'the slow change arrives from the cursor given while it was open')
    assert.equal(after.items.get(fast.itemId)?.pricePaise, 2_222)
  })

  test('the socket query catalog.feed answers a terminal as the HTTP route does, within its store', async ({ client, assert }) => {
    const f = await catalogTenant(client)
    const item = await createItem(f)
    const deviceKey = await addTerminalDevice(f.t)
    const other = await catalogTenant(client)
    const socket = await connect({ deviceKey })
    try {
      const ack = await send(socket, 'catalog.feed', { storeId: f.t.storeId, limit: 50 })
      assert.isTrue(ack.ok, JSON.stringify(ack))
      assert.deepEqual(ack.data.items.map((row: { id: string }) => row.id), [item.itemId])
      assert.isTrue(ack.data.reset)
      const http = await ok<CatalogFeed>(asDeviceKey(client, deviceKey)('get', `${feedPath(f.t.storeId)}`))
      const content = (page: CatalogFeed) => [page.storeId, page.full, page.reset, page.items, page.taxClasses, page.categories, page.settings, page.removed]
      assert.deepEqual(content(ack.data), content(http))
      const next = await send(socket, 'catalog.feed', { storeId: f.t.storeId, cursor: ack.data.cursor })
      assert.isTrue(next.ok && next.data.items.length === 0 && !next.data.full)
      const refused = await send(socket, 'catalog.feed', { storeId: other.t.storeId })
      assert.deepEqual(refused.ok ? null : refused.error.code, 'E_STORE_NOT_SUBSCRIBED')
    } finally {
      socket.close()
    }
  })
})
