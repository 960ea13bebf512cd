import { test } from '@japa/runner'
import { v7 as uuidv7 } from 'uuid'
import { connect, userToken } from '../realtime/support.js'
import { asTenant, cart, command, createSalesStore, http, invoiceNumber, openShift, payAndComplete, receiveStock, signInCashier } from './support.js'

/** The Asia/Kolkata calendar day and hour of an instant. */
function kolkata(at: Date) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(at)
  const part = (type: string) => parts.find((p) => p.type === type)!.value
  return { date: `${part('year')}-${part('month')}-${part('day')}`, hour: Number(part('hour')) }
}

test.group('sales summary of a store and day', () => {
  test('counts issued invoices, their value by tender and by hour, and returns; other days and stores are left out', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1)
    const other = await createSalesStore(1)
    const { terminalId, deviceKey } = store.terminals[0]!
    const till = await connect({ deviceKey })
    const manager = await connect({ token: store.managerToken, storeId: store.storeId })
    cleanup(() => {
      till.close()
      manager.close()
    })
    await receiveStock(manager, store)
    await signInCashier(store, terminalId, till)
    await openShift(till, store)

    // ₹118 paid ₹100 UPI + ₹20 cash (₹2 change); ₹45 by card.
    const first = await cart(till, store, [{ item: store.items.shampoo, quantity: '1' }])
    const done1 = await payAndComplete(
      till,
      first,
      [
        { tenderId: 't1', method: 'upi', amountPaise: 10_000, reference: 'UPI-1' },
        { tenderId: 't2', method: 'cash', amountPaise: 2_000 },
      ],
      invoiceNumber('T1', 1)
    )
    assert.isTrue(done1.ok, JSON.stringify(done1))
    const second = await cart(till, store, [{ item: store.items.soap, quantity: '1' }])
    const done2 = await payAndComplete(till, second, [{ tenderId: 't1', method: 'card', amountPaise: 4_500, reference: 'APPR-1' }], invoiceNumber('T1', 2))
    assert.isTrue(done2.ok, JSON.stringify(done2))
    const returned = await command(till, 'sale.return', { saleId: second, returnId: uuidv7(), lines: [{ lineId: 'l1', quantity: '1' }], refund: 'original', reason: 'damaged' })
    assert.isTrue(returned.ok, JSON.stringify(returned))

    // An invoice of yesterday (moved back a day in the table) must not count today.
    const third = await cart(till, store, [{ item: store.items.biscuit, quantity: '1' }])
    assert.isTrue((await payAndComplete(till, third, [{ tenderId: 't1', method: 'cash', amountPaise: 3_000 }], invoiceNumber('T1', 3))).ok)
    await asTenant(store.tenantId, (trx) => trx.rawQuery(`update invoices set issued_at = issued_at - interval '1 day' where sale_id = ?`, [third]))

    const { date, hour } = kolkata(new Date())
    const token = await userToken(store, 'manager')
    const today = await http('get', `/stores/${store.storeId}/sales/summary`, { token })
    assert.equal(today.status, 200, JSON.stringify(today.body))
    assert.equal(today.body.date, date)
    assert.deepEqual(today.body.sales, { count: 2, valuePaise: 11_800 + 4_500 })
    assert.deepEqual(today.body.byTender, { cash: 1_800, card: 4_500, upi: 10_000, store_credit: 0 })
    assert.deepEqual(today.body.returns, { count: 1, valuePaise: 4_500 })
    assert.lengthOf(today.body.byHour, 24)
    assert.deepEqual(today.body.byHour[hour], { count: 2, valuePaise: 16_300 })
    assert.equal(
      today.body.byHour.reduce((sum: number, h: { count: number }) => sum + h.count, 0),
      2
    )

    const same = await http('get', `/stores/${store.storeId}/sales/summary?date=${date}`, { token })
    assert.deepEqual(same.body, today.body)
    const yesterday = new Date(Date.parse(`${date}T12:00:00+05:30`) - 86_400_000).toISOString().slice(0, 10)
    const before = await http('get', `/stores/${store.storeId}/sales/summary?date=${yesterday}`, { token })
    assert.deepEqual(before.body.sales, { count: 1, valuePaise: 3_000 })
    assert.deepEqual(before.body.byTender, { cash: 3_000, card: 0, upi: 0, store_credit: 0 })

    // Another tenant's store is not found; an empty store has zeros.
    const foreign = await http('get', `/stores/${other.storeId}/sales/summary`, { token })
    assert.equal(foreign.status, 404)
    const empty = await http('get', `/stores/${other.storeId}/sales/summary`, { token: await userToken(other, 'owner', '*') })
    assert.equal(empty.status, 200)
    assert.deepEqual(empty.body.sales, { count: 0, valuePaise: 0 })
    assert.deepEqual(empty.body.byHour[0], { count: 0, valuePaise: 0 })
  })

  test('is for managers and owners only, and refuses a malformed date', async ({ assert }) => {
    const store = await createSalesStore(1)
    const cashier = await http('get', `/stores/${store.storeId}/sales/summary`, { token: store.cashierToken })
    assert.equal(cashier.status, 403)
    const device = await http('get', `/stores/${store.storeId}/sales/summary`, { deviceKey: store.terminals[0]!.deviceKey })
    assert.oneOf(device.status, [401, 403])
    const bad = await http('get', `/stores/${store.storeId}/sales/summary?date=2026-13-45`, { token: await userToken(store, 'manager') })
    assert.equal(bad.status, 422)
  })
})
