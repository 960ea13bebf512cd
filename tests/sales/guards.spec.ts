import { test } from '@japa/runner'
import { v7 as uuidv7 } from 'uuid'
import { connect, journal, send, tenantRows } from '../realtime/support.js'
import {
  cart,
  command,
  createSalesStore,
  http,
  invoiceNumber,
  lineOf,
  must,
  openShift,
  payAndComplete,
  receiveStock,
  signInCashier,
  startSale,
  type SalesFixture,
} from './support.js'

/** A till of the fixture's first terminal with the cashier signed in and a shift open. */
async function readyTill(store: SalesFixture, cleanup: (close: () => void) => void, index = 0, shift = true) {
  const { terminalId, deviceKey } = store.terminals[index]!
  const till = await connect({ deviceKey })
  cleanup(() => void till.close())
  await signInCashier(store, terminalId, till)
  const shiftId = shift ? await openShift(till, store) : null
  return { till, terminalId, deviceKey, shiftId }
}

const ALLOW_NEGATIVE = { inventory: { negativeStock: 'allow-with-review' } }

test.group('sales over sockets: refusals', () => {
  test("a cashier's discount over the limit is refused until a manager approves it from their own session", async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { till } = await readyTill(store, cleanup)
    const manager = await connect({ token: store.managerToken, storeId: store.storeId })
    cleanup(() => void manager.close())
    const saleId = await cart(till, store, [{ item: store.items.shampoo, quantity: '2' }])

    const over = await command(till, 'sale.discountLine', { saleId, lineId: 'l1', discount: { percent: '10' } })
    const byTerminal = await command(till, 'sale.approve', { saleId, storeId: store.storeId, scope: 'discount' })
    const approved = await command(manager, 'sale.approve', { saleId, storeId: store.storeId, scope: 'discount' })
    const within = await command(till, 'sale.discountLine', { saleId, lineId: 'l1', discount: { percent: '10' } })

    assert.deepEqual([over.ok, over.error?.code], [false, 'E_SALE_DISCOUNT_OVER_LIMIT'])
    assert.deepEqual([byTerminal.ok, byTerminal.error?.code], [false, 'E_AUTH_FORBIDDEN'])
    assert.isTrue(approved.ok, JSON.stringify(approved))
    assert.isTrue(within.ok, JSON.stringify(within))
    const last = (await journal(store, 'sale', saleId)).at(-1)!
    assert.deepEqual(last.context_after.lines[0].discountApproval.approverId, store.managerId)
    assert.deepEqual(last.context_after.approvals.map((a: any) => [a.approverId, a.scope, a.usedFor?.type]), [[store.managerId, 'discount', 'sale.discountLine']])
  })

  test('sale.start is refused unless the cashier is signed in on the terminal and states the role limits and store setup', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { terminalId, deviceKey } = store.terminals[0]!
    const till = await connect({ deviceKey })
    cleanup(() => void till.close())
    const other = await createSalesStore(1)

    const notSignedIn = await startSale(till, store)
    await signInCashier(store, terminalId, till)
    const managerLimits = await startSale(till, store, uuidv7(), { limits: { maxLineDiscountPercent: '100', maxBillDiscountPercent: '100', priceOverride: true } })
    const wrongState = await startSale(till, store, uuidv7(), { supplierStateCode: '27' })
    const stranger = await startSale(till, store, uuidv7(), { cashierId: other.cashierId, offline: true })
    const fine = await startSale(till, store)

    assert.equal(notSignedIn.ack.error?.code, 'E_SALE_CASHIER_NOT_SIGNED_IN')
    assert.equal(managerLimits.ack.error?.code, 'E_SALE_LIMITS_MISMATCH')
    assert.deepEqual(managerLimits.ack.error?.details.expected, { maxLineDiscountPercent: '5', maxBillDiscountPercent: '5', priceOverride: false })
    assert.equal(wrongState.ack.error?.code, 'E_SALE_SETUP_MISMATCH')
    assert.equal(stranger.ack.error?.code, 'E_SALE_CASHIER_INVALID')
    assert.isTrue(fine.ack.ok, JSON.stringify(fine.ack))
    for (const refused of [notSignedIn, managerLimits, wrongState, stranger]) assert.lengthOf(await journal(store, 'sale', refused.saleId), 0)
  })

  test('bad input is refused before it reaches a sale', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { till } = await readyTill(store, cleanup, 0, false)
    const saleId = await cart(till, store, [{ item: store.items.soap, quantity: '1' }])
    const before = await journal(store, 'sale', saleId)
    const line = lineOf({ item: store.items.soap, quantity: '1' }, 5)

    const answers = [
      await command(till, 'sale.addLine', { saleId, line: { ...line, quantity: '-1' } }),
      await command(till, 'sale.addLine', { saleId, line: { ...line, unitPricePaise: 10.5 } }),
      await command(till, 'sale.addLine', { saleId: 'not-a-uuid', line }),
      await command(till, 'sale.addTender', { saleId, tender: { tenderId: 't1', method: 'upi', amountPaise: 4_500 } }),
      await command(till, 'sale.attachCustomer', { saleId, gstin: '27AAPFU0939F1ZX' }),
      await command(till, 'sale.void', { saleId, reason: '' }),
    ]

    assert.deepEqual(
      answers.map((a) => a.error?.code),
      ['E_VALIDATION', 'E_VALIDATION', 'E_VALIDATION', 'E_VALIDATION', 'E_SALE_GSTIN_INVALID', 'E_VALIDATION']
    )
    assert.deepEqual(await journal(store, 'sale', saleId), before)
  })

  test('another tenant, or another terminal of the store, cannot touch a sale; they cannot read its invoice either', async ({ assert, cleanup }) => {
    const store = await createSalesStore(2, ALLOW_NEGATIVE)
    const { till, deviceKey } = await readyTill(store, cleanup)
    const saleId = await cart(till, store, [{ item: store.items.soap, quantity: '1' }])
    const before = await journal(store, 'sale', saleId)
    const neighbour = await connect({ deviceKey: store.terminals[1]!.deviceKey })
    const other = await createSalesStore(1, ALLOW_NEGATIVE)
    const stranger = await connect({ deviceKey: other.terminals[0]!.deviceKey })
    cleanup(() => {
      neighbour.close()
      stranger.close()
    })
    const line = lineOf({ item: store.items.soap, quantity: '1' }, 7)

    const fromNeighbour = await command(neighbour, 'sale.addLine', { saleId, line })
    const fromStranger = await command(stranger, 'sale.addLine', { saleId, line })
    const voidByStranger = await command(stranger, 'sale.void', { saleId, reason: 'mine now' })

    assert.equal(fromNeighbour.error?.code, 'E_SALE_OTHER_ORIGIN')
    // Another tenant's socket reaches a sale of its own tenant that was never started: nothing of this one shows.
    assert.equal(fromStranger.error?.code, 'E_SALE_WRONG_STATE')
    assert.equal(voidByStranger.error?.code, 'E_SALE_WRONG_STATE')
    assert.deepEqual(await journal(store, 'sale', saleId), before)
    assert.lengthOf(await journal(other, 'sale', saleId), 0)

    const done = await payAndComplete(till, saleId, [{ tenderId: 't1', method: 'cash', amountPaise: 4_500 }], invoiceNumber('T1', 1))
    assert.isTrue(done.ok, JSON.stringify(done))
    const [invoice] = await tenantRows(store, 'invoices', { sale_id: saleId })
    assert.equal((await http('get', `/invoices/${invoice.id}`, { token: store.managerToken })).status, 200)
    assert.equal((await http('get', `/invoices/${invoice.id}`, { deviceKey })).status, 200)
    assert.equal((await http('get', `/invoices/${invoice.id}`, { token: other.managerToken })).status, 404)
    assert.equal((await http('get', `/invoices/${invoice.id}`, { deviceKey: other.terminals[0]!.deviceKey })).status, 404)
    assert.equal((await http('get', `/invoices/${invoice.id}`, { deviceKey: store.terminals[1]!.deviceKey })).status, 404)
    assert.equal((await http('get', `/stores/${store.storeId}/invoices`, { token: other.managerToken })).status, 404)
    const listed = await http('get', `/stores/${store.storeId}/invoices`, { token: store.cashierToken })
    assert.deepEqual(listed.body.invoices.map((each: any) => each.id), [invoice.id])
  })

  test('without an open shift, online completion is refused and nothing is written', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { till, terminalId } = await readyTill(store, cleanup, 0, false)
    const saleId = await cart(till, store, [{ item: store.items.biscuit, quantity: '2' }])

    const done = await payAndComplete(till, saleId, [{ tenderId: 't1', method: 'cash', amountPaise: 6_000 }], invoiceNumber('T1', 1))

    assert.equal(done.error?.code, 'E_SALE_NO_OPEN_SHIFT')
    assert.lengthOf(await tenantRows(store, 'invoices', { sale_id: saleId }), 0)
    assert.lengthOf(await tenantRows(store, 'invoice_series', { terminal_id: terminalId }), 0)
    assert.lengthOf(await tenantRows(store, 'stock_movements', { reference_type: 'invoice' }), 0)
    assert.notInclude((await journal(store, 'sale', saleId)).map((e) => e.event_type), 'sale.complete')
  })

  test('cash of ₹2,00,000 is refused in one sale and for one buyer across the day (s.269ST)', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { till } = await readyTill(store, cleanup)
    const tv = await cart(till, store, [{ item: store.items.tv, quantity: '1' }])
    await must(till, 'sale.startTender', { saleId: tv })
    const inOneSale = await command(till, 'sale.addTender', { saleId: tv, tender: { tenderId: 'c1', method: 'cash', amountPaise: 20_000_000 } })
    assert.equal(inOneSale.error?.code, 'E_SALE_CASH_LIMIT')

    // ₹1,50,000 in cash today, then ₹60,000 more from the same phone.
    const buy = async (quantity: string, number: number) => {
      const saleId = await cart(till, store, [{ item: { ...store.items.soap, unitPricePaise: 1_500_000 }, quantity }])
      await must(till, 'sale.attachCustomer', { saleId, phone: '9876543210' })
      const cash = Number(quantity) * 1_500_000
      return payAndComplete(till, saleId, [{ tenderId: 'c1', method: 'cash', amountPaise: cash }], invoiceNumber('T1', number))
    }
    const first = await buy('10', 1)
    const second = await buy('4', 2)
    assert.isTrue(first.ok, JSON.stringify(first))
    assert.equal(second.error?.code, 'E_SALE_CASH_LIMIT_DAY')
  })

  test('online, a sale beyond the stock is refused (nothing written); completed offline it stands, with the shortfall for review', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1)
    const { till } = await readyTill(store, cleanup)
    const online = await cart(till, store, [{ item: store.items.soap, quantity: '2' }])
    const refused = await payAndComplete(till, online, [{ tenderId: 't1', method: 'cash', amountPaise: 9_000 }], invoiceNumber('T1', 1))
    assert.equal(refused.error?.code, 'E_STOCK_INSUFFICIENT')
    assert.lengthOf(await tenantRows(store, 'invoices', {}), 0)

    const soldAt = new Date(Date.now() - 3_600_000).toISOString()
    const offline = await cart(till, store, [{ item: store.items.soap, quantity: '2' }])
    const stood = await payAndComplete(till, offline, [{ tenderId: 't1', method: 'cash', amountPaise: 9_000 }], invoiceNumber('T1', 1), { soldAt })
    assert.isTrue(stood.ok, JSON.stringify(stood))
    const [invoice] = await tenantRows(store, 'invoices', { sale_id: offline })
    assert.include(invoice, { offline: true, number: invoiceNumber('T1', 1) })
    assert.equal(new Date(invoice.issued_at).toISOString(), soldAt)
    const reviews = await tenantRows(store, 'review_items', { kind: 'negative_stock' })
    assert.lengthOf(reviews, 1)
    const [level] = await tenantRows(store, 'stock_levels', { item_id: store.items.soap.itemId })
    assert.equal(Number(level.on_hand), -2)
  })

  test('refund to store credit, then spend it; spending more than the balance is refused', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { till } = await readyTill(store, cleanup)
    const phone = '+919812345678'
    const saleId = await cart(till, store, [{ item: store.items.shampoo, quantity: '1' }])
    assert.isTrue((await payAndComplete(till, saleId, [{ tenderId: 't1', method: 'card', amountPaise: 11_800, reference: 'APPR-1' }], invoiceNumber('T1', 1))).ok)
    const noPhone = await command(till, 'sale.return', { saleId, returnId: uuidv7(), lines: [{ lineId: 'l1', quantity: '1' }], refund: 'store_credit', reason: 'wrong size' })
    assert.equal(noPhone.error?.code, 'E_SALE_RETURN_PHONE_REQUIRED')
    await must(till, 'sale.return', { saleId, returnId: uuidv7(), lines: [{ lineId: 'l1', quantity: '1' }], refund: 'store_credit', phone, reason: 'wrong size' })
    const ledger = await tenantRows(store, 'store_credit_ledger', { customer_phone: phone })
    assert.deepEqual(ledger.map((row) => [row.kind, Number(row.amount_paise)]), [['refund', 11_800]])

    const spend = async (amount: number, number: number) => {
      const next = await cart(till, store, [{ item: store.items.shampoo, quantity: '2' }])
      await must(till, 'sale.attachCustomer', { saleId: next, phone })
      return payAndComplete(
        till,
        next,
        [
          { tenderId: 's1', method: 'store_credit', amountPaise: amount },
          { tenderId: 'c1', method: 'cash', amountPaise: 23_600 - amount },
        ],
        invoiceNumber('T1', number)
      )
    }
    const tooMuch = await spend(11_900, 2)
    const exact = await spend(11_800, 2)
    assert.equal(tooMuch.error?.code, 'E_SALE_STORE_CREDIT_INSUFFICIENT')
    assert.isTrue(exact.ok, JSON.stringify(exact))
    const after = await tenantRows(store, 'store_credit_ledger', { customer_phone: phone }, 'created_at')
    assert.equal(after.reduce((sum, row) => sum + Number(row.amount_paise), 0), 0)
  })

  test('returns: another terminal of the store takes them; the last return on a line is the remainder; more than sold is refused', async ({ assert, cleanup }) => {
    const store = await createSalesStore(2, ALLOW_NEGATIVE)
    const { till } = await readyTill(store, cleanup)
    const second = await readyTill(store, cleanup, 1)
    // 3 × ₹99.50 dal at 5 %: total 29850; thirds are not whole paise.
    const saleId = await cart(till, store, [{ item: store.items.dal, quantity: '3' }])
    assert.isTrue((await payAndComplete(till, saleId, [{ tenderId: 't1', method: 'cash', amountPaise: 29_900 }], invoiceNumber('T1', 1))).ok)

    for (const quantity of ['1', '1', '1']) {
      await must(second.till, 'sale.return', { saleId, returnId: uuidv7(), lines: [{ lineId: 'l1', quantity }], refund: 'original', reason: 'spoilt' })
    }
    const beyond = await command(second.till, 'sale.return', { saleId, returnId: uuidv7(), lines: [{ lineId: 'l1', quantity: '0.001' }], refund: 'original', reason: 'spoilt' })
    assert.equal(beyond.error?.code, 'E_TAX_RETURN_EXCEEDS_SOLD')

    const notes = await tenantRows(store, 'credit_notes', { sale_id: saleId }, 'seq')
    assert.deepEqual(notes.map((n) => n.terminal_id), [second.terminalId, second.terminalId, second.terminalId])
    assert.deepEqual(notes.map((n) => n.seq), [1, 2, 3])
    const [sold] = await tenantRows(store, 'invoice_lines', { invoice_id: notes[0].invoice_id })
    const lines = await tenantRows(store, 'credit_note_lines', { invoice_id: notes[0].invoice_id })
    for (const field of ['taxable_paise', 'cgst_paise', 'sgst_paise', 'total_paise']) {
      assert.equal(lines.reduce((sum, line) => sum + Number(line[field]), 0), Number(sold[field]), field)
    }
    assert.deepEqual(lines.map((line) => line.is_final_return).sort(), [false, false, true])
  })

  test('a void is recorded for the shift; after completion a void is refused', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { till, shiftId } = await readyTill(store, cleanup)
    const voided = await cart(till, store, [{ item: store.items.biscuit, quantity: '2' }])
    await must(till, 'sale.void', { saleId: voided, reason: 'customer left' })
    const [row] = await tenantRows(store, 'sale_voids', { sale_id: voided })
    assert.include(row, { shift_id: shiftId, reason: 'customer left', cashier_id: store.cashierId })
    assert.equal(Number(row.total_paise), 6_000)

    const sold = await cart(till, store, [{ item: store.items.biscuit, quantity: '1' }])
    assert.isTrue((await payAndComplete(till, sold, [{ tenderId: 't1', method: 'cash', amountPaise: 3_000 }], invoiceNumber('T1', 1))).ok)
    assert.equal((await command(till, 'sale.void', { saleId: sold, reason: 'too late' })).error?.code, 'E_SALE_WRONG_STATE')
  })
})

test.group('shifts: the close guard', () => {
  test('a terminal with unsynced commands cannot close; a manager can, only with a reason, and the override is on record', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { till, shiftId } = await readyTill(store, cleanup)
    const manager = await connect({ token: store.managerToken, storeId: store.storeId })
    cleanup(() => void manager.close())
    const count = { '50000': 4 }

    const ownReport = await command(till, 'shift.close', { shiftId, cashierId: store.cashierId, unsyncedCommands: 2, cashCount: count })
    const terminalOverride = await command(till, 'shift.close', { shiftId, cashierId: store.cashierId, unsyncedCommands: 2, cashCount: count, overrideReason: 'hurry' })
    // The store actor hears the terminal's outbox depth; a back-office close checks it.
    await must(till, 'terminal.reportOutbox', { depth: 3 })
    const managerPlain = await command(manager, 'shift.close', { shiftId, storeId: store.storeId, cashCount: count })
    const cashierToken = await connect({ token: store.cashierToken, storeId: store.storeId })
    cleanup(() => void cashierToken.close())
    const cashierOverride = await command(cashierToken, 'shift.close', { shiftId, storeId: store.storeId, cashCount: count, overrideReason: 'I am sure' })
    const managerOverride = await command(manager, 'shift.close', { shiftId, storeId: store.storeId, cashCount: count, overrideReason: 'tablet dropped, outbox lost' })

    assert.equal(ownReport.error?.code, 'E_SHIFT_UNSYNCED')
    assert.equal(terminalOverride.error?.code, 'E_AUTH_FORBIDDEN')
    assert.equal(managerPlain.error?.code, 'E_SHIFT_UNSYNCED')
    assert.equal(cashierOverride.error?.code, 'E_AUTH_FORBIDDEN')
    assert.isTrue(managerOverride.ok, JSON.stringify(managerOverride))
    const [shift] = await tenantRows(store, 'shifts', { id: shiftId })
    assert.include(shift, { status: 'closed', closed_by: store.managerId, override_by: store.managerId, override_reason: 'tablet dropped, outbox lost', unsynced_commands: 3 })
    const [z] = await tenantRows(store, 'z_reports', { shift_id: shiftId })
    assert.deepEqual(JSON.parse(z.report_json).shift.override, { by: store.managerId, reason: 'tablet dropped, outbox lost' })
  })

  test('one open shift per terminal; cash movements need a reason', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, ALLOW_NEGATIVE)
    const { till, shiftId } = await readyTill(store, cleanup)
    const second = await command(till, 'shift.open', { shiftId: uuidv7(), cashierId: store.cashierId, cashCount: {} })
    const noReason = await send(till, 'shift.moveCash', { commandId: uuidv7(), shiftId, movementId: uuidv7(), cashierId: store.cashierId, direction: 'in', amountPaise: 100, reason: ' ' })
    assert.equal(second.error?.code, 'E_SHIFT_ALREADY_OPEN')
    assert.equal(noReason.error?.code, 'E_VALIDATION')
    assert.lengthOf(await tenantRows(store, 'shifts', { status: 'open' }), 1)
  })

  test('with stock received, the Z report of an empty shift is the float; a re-read is reproducible', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1)
    const { till, shiftId } = await readyTill(store, cleanup)
    const manager = await connect({ token: store.managerToken, storeId: store.storeId })
    cleanup(() => void manager.close())
    await receiveStock(manager, store, '5')
    assert.isTrue((await command(till, 'shift.close', { shiftId, cashierId: store.cashierId, unsyncedCommands: 0, cashCount: { '50000': 4 } })).ok)
    const z = await http('get', `/shifts/${shiftId}/z-report`, { deviceKey: store.terminals[0]!.deviceKey })
    assert.equal(z.status, 200)
    assert.isTrue(z.body.reproducible)
    assert.include(z.body.report.cash, { expectedPaise: 200_000, countedPaise: 200_000, differencePaise: 0 })
    assert.equal(z.body.report.sales.count, 0)
  })
})
