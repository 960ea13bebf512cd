import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import { initialTransition, transition } from 'xstate'
import { saleMachine } from '@pos/state-machines'
import { saleActorKind } from '#modules/sales/index'
import { connect, record, tenantRows } from '../realtime/support.js'
import {
  cart,
  command,
  createSalesStore,
  http,
  invoiceNumber,
  must,
  openShift,
  payAndComplete,
  receiveStock,
  signInCashier,
} from './support.js'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

/** Resolves once `received` holds a `type` fact matching `match` (facts arrive after the ack). */
async function factOf(received: Array<{ event: string; payload: any }>, type: string, match: (data: any) => boolean = () => true) {
  for (let i = 0; i < 100; i++) {
    const found = received.find((each) => each.event === type && match(each.payload.data))
    if (found) return found.payload
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no ${type} fact: ${received.map((each) => each.event).join(', ')}`)
}

test.group('sales over sockets: the full flow', () => {
  test('open shift → sell with split tender → return → close → Z report: stored rows and pushed facts', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1)
    const { terminalId, deviceKey } = store.terminals[0]!
    const till = await connect({ deviceKey })
    const dashboard = await connect({ token: store.managerToken, storeId: store.storeId })
    cleanup(() => {
      till.close()
      dashboard.close()
    })
    const facts = record(dashboard)
    await receiveStock(dashboard, store)
    await signInCashier(store, terminalId, till)
    const shiftId = await openShift(till, store, 200_000)

    // Shampoo 2 × ₹118 (18 %) and dal 1.5 kg × ₹99.50 (5 %): ₹385.25 → ₹385 (domain doc §3.3, hand-computed in the machine spec).
    const saleId = await cart(till, store, [
      { item: store.items.shampoo, quantity: '2' },
      { item: store.items.dal, quantity: '1.5' },
    ])
    await must(till, 'sale.attachCustomer', { saleId, phone: '+919876543210', name: 'Asha' })
    const number = invoiceNumber('T1', 1)
    const completed = await payAndComplete(
      till,
      saleId,
      [
        { tenderId: 't1', method: 'upi', amountPaise: 30_000, reference: 'UPI-RRN-527318' },
        { tenderId: 't2', method: 'cash', amountPaise: 10_000 },
      ],
      number
    )
    assert.isTrue(completed.ok, JSON.stringify(completed))

    const [invoice] = await tenantRows(store, 'invoices', { sale_id: saleId })
    assert.include(invoice, {
      number,
      proposed_number: null,
      status: 'issued',
      doc_type: 'tax_invoice',
      terminal_id: terminalId,
      shift_id: shiftId,
      cashier_id: store.cashierId,
      customer_phone: '+919876543210',
      supply_type: 'intra',
      offline: false,
    })
    assert.deepEqual(
      [invoice.taxable_paise, invoice.cgst_paise, invoice.sgst_paise, invoice.total_paise, invoice.round_off_paise, invoice.grand_total_paise, invoice.change_paise].map(Number),
      [34_215, 2_155, 2_155, 38_525, -25, 38_500, 1_500]
    )
    const lines = await tenantRows(store, 'invoice_lines', { invoice_id: invoice.id }, 'line_no')
    assert.deepEqual(
      lines.map((l) => [l.line_id, l.hsn, String(Number(l.quantity)), String(Number(l.rate_percent)), ...[l.taxable_paise, l.cgst_paise, l.sgst_paise, l.total_paise].map(Number)]),
      [
        ['l1', '3305', '2', '18', 20_000, 1_800, 1_800, 23_600],
        ['l2', '0713', '1.5', '5', 14_215, 355, 355, 14_925],
      ]
    )
    // COGS from the FIFO layers received at cost: 2 × ₹70 and 1.5 × ₹80.
    assert.deepEqual(lines.map((l) => Number(l.cogs_paise)), [14_000, 12_000])
    const tenders = await tenantRows(store, 'invoice_tenders', { invoice_id: invoice.id }, 'position')
    assert.deepEqual(
      tenders.map((t) => [t.method, Number(t.amount_paise), t.reference, Number(t.change_paise)]),
      [
        ['upi', 30_000, 'UPI-RRN-527318', 0],
        ['cash', 10_000, null, 1_500],
      ]
    )
    const sold = await tenantRows(store, 'stock_movements', { reference_type: 'invoice', reference_id: invoice.id }, 'position')
    assert.sameDeepMembers(
      sold.map((m) => [m.item_id, m.kind, Number(m.quantity)]),
      [
        [store.items.shampoo.itemId, 'sale', -2],
        [store.items.dal.itemId, 'sale', -1.5],
      ]
    )
    const issued = await factOf(facts, 'invoice.issued', (data) => data.saleId === saleId)
    assert.include(issued.data, { invoiceId: invoice.id, number, proposedNumber: number, grandTotalPaise: 38_500, offline: false })
    assert.deepEqual(issued.data.reviewItemIds, [])
    const completedFact = await factOf(facts, 'sale.completed', (data) => data.saleId === saleId)
    assert.isBelow(issued.seq, completedFact.seq)
    assert.notProperty(completedFact.data.customer, 'phone')

    // One shampoo back, refunded to UPI and cash in proportion (UPI 30000 : cash kept 8500).
    const returnId = uuidv7()
    const returned = await command(till, 'sale.return', { saleId, returnId, lines: [{ lineId: 'l1', quantity: '1' }], refund: 'original', reason: 'leaking bottle' })
    assert.isTrue(returned.ok, JSON.stringify(returned))
    const [note] = await tenantRows(store, 'credit_notes', { return_id: returnId })
    assert.include(note, { invoice_id: invoice.id, shift_id: shiftId, number: `T1/C${number.slice(3, 7)}/0000001`, reason: 'leaking bottle' })
    assert.deepEqual([note.taxable_paise, note.cgst_paise, note.sgst_paise, note.grand_total_paise].map(Number), [10_000, 900, 900, 11_800])
    const noteLines = await tenantRows(store, 'credit_note_lines', { credit_note_id: note.id })
    assert.deepEqual(
      noteLines.map((l) => [l.invoice_line_no, String(Number(l.rate_percent)), Number(l.total_paise), l.is_final_return, Number(l.unit_cost_paise)]),
      [[1, '18', 11_800, false, 7_000]]
    )
    const refunds = await tenantRows(store, 'refunds', { credit_note_id: note.id }, 'method')
    assert.deepEqual(
      refunds.map((r) => [r.method, Number(r.amount_paise), r.status]),
      [
        ['cash', 2_605, 'paid'],
        ['upi', 9_195, 'pending'],
      ]
    )
    const back = await tenantRows(store, 'stock_movements', { reference_type: 'credit_note', reference_id: note.id })
    assert.deepEqual(back.map((m) => [m.item_id, m.kind, Number(m.quantity), Number(m.unit_cost_paise)]), [[store.items.shampoo.itemId, 'return', 1, 7_000]])
    const noteFact = await factOf(facts, 'creditNote.issued', (data) => data.returnId === returnId)
    assert.include(noteFact.data, { creditNoteId: note.id, number: note.number, grandTotalPaise: 11_800 })

    // A safe drop, then the close: expected cash 200000 + 8500 − 2605 − 5000 = 200895; counted 200900 (₹0.05 over).
    await must(till, 'shift.moveCash', { shiftId, movementId: uuidv7(), cashierId: store.cashierId, direction: 'out', amountPaise: 5_000, reason: 'safe drop' })
    const closed = await command(till, 'shift.close', {
      shiftId,
      cashierId: store.cashierId,
      unsyncedCommands: 0,
      cashCount: { '50000': 4, '500': 1, '200': 2 },
      tenderCounts: { upi: 20_805 },
    })
    assert.isTrue(closed.ok, JSON.stringify(closed))

    const [shift] = await tenantRows(store, 'shifts', { id: shiftId })
    assert.include(shift, { status: 'closed', closed_by: store.cashierId, override_reason: null })
    assert.equal(Number(shift.counted_cash_paise), 200_900)
    const [stored] = await tenantRows(store, 'z_reports', { shift_id: shiftId })
    assert.equal(stored.sha256, sha256(stored.report_json))
    const report = JSON.parse(stored.report_json)
    assert.include(report.sales, { count: 1, grandTotalPaise: 38_500, taxablePaise: 34_215, firstNumber: number, lastNumber: number })
    assert.include(report.returns, { count: 1, grandTotalPaise: 11_800, firstNumber: note.number })
    assert.deepEqual(
      report.taxByRate.map((row: any) => [row.ratePercent, row.sales.taxablePaise, row.returns.taxablePaise, row.net.cgstPaise]),
      [
        ['5', 14_215, 0, 355],
        ['18', 20_000, 10_000, 900],
      ]
    )
    assert.include(report.cash, { openingFloatPaise: 200_000, salesPaise: 8_500, refundsPaise: 2_605, outPaise: 5_000, expectedPaise: 200_895, countedPaise: 200_900, differencePaise: 5 })
    assert.deepEqual(
      report.reconciliation.find((row: any) => row.method === 'upi'),
      { method: 'upi', expectedPaise: 20_805, countedPaise: 20_805, differencePaise: 0 }
    )
    const zFact = await factOf(facts, 'shift.zReported', (data) => data.shiftId === shiftId)
    assert.include(zFact.data, { zReportId: stored.id, sha256: stored.sha256, cashDifferencePaise: 5 })

    // Over HTTP the manager reads the same bytes, and the shift's records still reproduce them.
    const z = await http('get', `/shifts/${shiftId}/z-report`, { token: store.managerToken })
    assert.equal(z.status, 200)
    assert.equal(z.body.json, stored.report_json)
    assert.isTrue(z.body.reproducible)
    const byNumber = await http('get', `/stores/${store.storeId}/invoices/lookup?number=${encodeURIComponent(number)}`, { token: store.managerToken })
    assert.equal(byNumber.status, 200)
    assert.deepEqual(byNumber.body.tenders.map((t: any) => t.method), ['upi', 'cash'])
    assert.deepEqual(byNumber.body.lines.map((l: any) => [l.ratePercent, l.cgstPaise]), [['18', 1_800], ['5', 355]])
    const notes = await http('get', `/stores/${store.storeId}/credit-notes?invoiceId=${invoice.id}`, { deviceKey })
    assert.deepEqual(notes.body.creditNotes.map((n: any) => n.number), [note.number])

    // The owner's history: every command of the sale, replayed with the shared machine, gives the stored sale.
    const history = await http('get', `/actors/sale/${saleId}/history?limit=100`, { token: store.managerToken })
    assert.equal(history.status, 200)
    const entries = history.body.entries
    assert.deepEqual(entries.map((e: any) => e.event.type), [
      'sale.start', 'sale.addLine', 'sale.addLine', 'sale.attachCustomer', 'sale.startTender', 'sale.addTender', 'sale.addTender', 'sale.complete', 'sale.return',
    ])
    let replayed = initialTransition(saleMachine, (await saleActorKind.input({ tenantId: store.tenantId, kind: 'sale', actorId: saleId }, null as never)) as never)[0]
    for (const entry of entries) replayed = transition(saleMachine, replayed, entry.event)[0]
    assert.deepEqual(replayed.context, entries.at(-1).contextAfter)
    assert.equal(replayed.value, 'completed')
  })

  test('completing with the same commandId twice makes one invoice; another completion of the sale is refused', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, { inventory: { negativeStock: 'allow-with-review' } })
    const { terminalId, deviceKey } = store.terminals[0]!
    const till = await connect({ deviceKey })
    cleanup(() => void till.close())
    await signInCashier(store, terminalId, till)
    await openShift(till, store)
    const saleId = await cart(till, store, [{ item: store.items.soap, quantity: '3' }])
    await must(till, 'sale.startTender', { saleId })
    await must(till, 'sale.addTender', { saleId, tender: { tenderId: 't1', method: 'cash', amountPaise: 13_500 } })
    const complete = { commandId: uuidv7(), saleId, invoiceNumber: invoiceNumber('T1', 1) }

    const [first, second] = await Promise.all([
      till.timeout(10_000).emitWithAck('sale.complete', complete),
      till.timeout(10_000).emitWithAck('sale.complete', complete),
    ])
    const again = await command(till, 'sale.complete', { saleId, invoiceNumber: invoiceNumber('T1', 2) })

    assert.sameMembers([first.data?.status, second.data?.status], ['applied', 'duplicate'])
    assert.equal(first.data.actorSeq, second.data.actorSeq)
    assert.isFalse(again.ok)
    assert.lengthOf(await tenantRows(store, 'invoices', { sale_id: saleId }), 1)
    const [series] = await tenantRows(store, 'invoice_series', { terminal_id: terminalId, doc_type: 'tax_invoice' })
    assert.equal(series.next_seq, 2)
  })

  test('a terminal number other than the series next: the next is used, a review item keeps both; the series has no gap', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, { inventory: { negativeStock: 'allow-with-review' } })
    const { terminalId, deviceKey } = store.terminals[0]!
    const till = await connect({ deviceKey })
    cleanup(() => void till.close())
    await signInCashier(store, terminalId, till)
    await openShift(till, store)
    const numbers: string[] = []
    for (const proposed of [1, 5, 3]) {
      const saleId = await cart(till, store, [{ item: store.items.biscuit, quantity: '1' }])
      const done = await payAndComplete(till, saleId, [{ tenderId: 't1', method: 'cash', amountPaise: 3_000 }], invoiceNumber('T1', proposed))
      assert.isTrue(done.ok, JSON.stringify(done))
      const [invoice] = await tenantRows(store, 'invoices', { sale_id: saleId })
      numbers.push(invoice.number)
      if (proposed !== numbers.length) {
        assert.equal(invoice.proposed_number, invoiceNumber('T1', proposed))
        const reviews = await tenantRows(store, 'review_items', { subject_type: 'invoice', subject_id: invoice.id })
        assert.deepEqual(reviews.map((r) => [r.kind, r.data.proposed, r.data.assigned]), [['invoice_number_changed', invoiceNumber('T1', proposed), invoice.number]])
      }
    }
    assert.deepEqual(numbers, [1, 2, 3].map((seq) => invoiceNumber('T1', seq)))
  })

  test('a line priced from a stale catalogue stands as sold; a review item records the difference', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, { inventory: { negativeStock: 'allow-with-review' } })
    const { terminalId, deviceKey } = store.terminals[0]!
    const till = await connect({ deviceKey })
    cleanup(() => void till.close())
    await signInCashier(store, terminalId, till)
    await openShift(till, store)
    // The terminal still has the shampoo at ₹110 and 12 %; the server's catalogue says ₹118 at 18 %.
    const stale = { ...store.items.shampoo, unitPricePaise: 11_000, ratePercent: '12' }
    const saleId = await cart(till, store, [{ item: stale, quantity: '1' }, { item: store.items.soap, quantity: '1' }])
    const done = await payAndComplete(till, saleId, [{ tenderId: 't1', method: 'cash', amountPaise: 15_500 }], invoiceNumber('T1', 1))
    assert.isTrue(done.ok, JSON.stringify(done))

    const [invoice] = await tenantRows(store, 'invoices', { sale_id: saleId })
    assert.equal(Number(invoice.grand_total_paise), 15_500)
    const [line] = await tenantRows(store, 'invoice_lines', { invoice_id: invoice.id, line_no: 1 })
    assert.deepEqual([Number(line.unit_price_paise), String(Number(line.rate_percent))], [11_000, '12'])
    const reviews = await tenantRows(store, 'review_items', { subject_type: 'invoice', subject_id: invoice.id })
    assert.lengthOf(reviews, 1)
    assert.equal(reviews[0].kind, 'price_changed')
    assert.deepEqual(
      reviews[0].data.differences.map((d: any) => [d.lineId, d.field, d.sold, d.catalogue]),
      [
        ['l1', 'price', 11_000, 11_800],
        ['l1', 'rate', '12', '18'],
      ]
    )
    assert.deepEqual([reviews[0].data.soldGrandTotalPaise, reviews[0].data.catalogueGrandTotalPaise], [15_500, 16_300])
  })

  test('several carts held on one terminal; a B2B buyer from another state is invoiced with IGST at the place of supply', async ({ assert, cleanup }) => {
    const store = await createSalesStore(1, { inventory: { negativeStock: 'allow-with-review' } })
    const { terminalId, deviceKey } = store.terminals[0]!
    const till = await connect({ deviceKey })
    cleanup(() => void till.close())
    await signInCashier(store, terminalId, till)
    await openShift(till, store)

    const held = await cart(till, store, [{ item: store.items.soap, quantity: '2' }])
    await must(till, 'sale.park', { saleId: held })
    const alsoHeld = await cart(till, store, [{ item: store.items.biscuit, quantity: '1' }])
    await must(till, 'sale.park', { saleId: alsoHeld })
    const parkedAdd = await command(till, 'sale.addLine', { saleId: held, line: { lineId: 'x1', itemId: store.items.tv.itemId, sku: 'TV-1', name: 'TV', hsn: '8528', quantity: '1', unitPricePaise: 100, ratePercent: '18' } })
    assert.equal(parkedAdd.error?.code, 'E_SALE_WRONG_STATE')

    // A Maharashtra GSTIN (27) at a Karnataka (29) store, goods delivered: IGST on 18 % shampoo.
    const b2b = await cart(till, store, [{ item: store.items.shampoo, quantity: '1' }])
    await must(till, 'sale.attachCustomer', { saleId: b2b, gstin: '27AAPFU0939F1ZV', name: 'Acme Traders' })
    assert.isTrue((await payAndComplete(till, b2b, [{ tenderId: 't1', method: 'card', amountPaise: 11_800, reference: 'APPR-77' }], invoiceNumber('T1', 1))).ok)
    await must(till, 'sale.resume', { saleId: held })
    assert.isTrue((await payAndComplete(till, held, [{ tenderId: 't1', method: 'cash', amountPaise: 9_000 }], invoiceNumber('T1', 2))).ok)

    const [invoice] = await tenantRows(store, 'invoices', { sale_id: b2b })
    assert.include(invoice, { b2b: true, customer_gstin: '27AAPFU0939F1ZV', place_of_supply_state_code: '27', supply_type: 'inter' })
    // 11800 × 18/118 = 1800 IGST; no CGST or SGST.
    assert.deepEqual([invoice.taxable_paise, invoice.igst_paise, invoice.cgst_paise, invoice.sgst_paise].map(Number), [10_000, 1_800, 0, 0])
    assert.lengthOf(await tenantRows(store, 'invoices', { sale_id: held }), 1)
    assert.lengthOf(await tenantRows(store, 'invoices', { sale_id: alsoHeld }), 0)
  })
})
