/*
 * Selling over real sockets: a store with a catalogue, stock, a signed-in cashier and a
 * terminal that numbers its own invoices, as the terminal app does.
 */
import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { Socket } from 'socket.io-client'
import { v7 as uuidv7 } from 'uuid'
import { documentNumber, financialYearOf, indianDate } from '@pos/state-machines'
import { signAccessToken } from '#modules/identity/index'
import { createStore, newCommandId, send, serverUrl, type StoreFixture } from '../realtime/support.js'

export interface CatalogItem {
  itemId: string
  sku: string
  name: string
  hsn: string
  ratePercent: string
  unitPricePaise: number
  unitCostPaise: number
}

export interface SalesFixture extends StoreFixture {
  cashierId: string
  cashierToken: string
  items: Record<'shampoo' | 'dal' | 'soap' | 'biscuit' | 'tv', CatalogItem>
}

const CATALOG: Array<[keyof SalesFixture['items'], string, string, string, number, number]> = [
  // key, name, HSN, rate, price (inclusive), cost
  ['shampoo', 'Shampoo 180 ml', '3305', '18', 11_800, 7_000],
  ['dal', 'Toor dal (loose, per kg)', '0713', '5', 9_950, 8_000],
  ['soap', 'Bath soap 100 g', '3401', '5', 4_500, 3_000],
  ['biscuit', 'Biscuits 200 g', '1905', '5', 3_000, 2_000],
  ['tv', 'Television 65"', '8528', '18', 25_000_000, 18_000_000],
]

/** Runs `work` as the table owner inside the tenant's RLS context. */
export function asTenant<T>(tenantId: string, work: (trx: any) => Promise<T>): Promise<T> {
  return db.connection('owner').transaction(async (trx) => {
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [tenantId])
    return work(trx)
  })
}

/**
 * A store (Karnataka, '29') with `terminalCount` paired terminals, a manager, a cashier, five
 * catalogue items on a tax-inclusive default price list, and `settings` merged into the tenant's.
 */
export async function createSalesStore(terminalCount = 1, settings: Record<string, unknown> = {}): Promise<SalesFixture> {
  const store = await createStore(terminalCount)
  const cashierId = randomUUID()
  const items = {} as SalesFixture['items']
  await asTenant(store.tenantId, async (trx) => {
    await trx.from('tenants').where('id', store.tenantId).update({ settings: JSON.stringify(settings) })
    await trx.table('users').insert({ id: cashierId, name: 'Cashier', email: `cashier-${cashierId}@example.test`, password_hash: 'x', created_by_tenant: store.tenantId })
    await trx.table('memberships').insert({ tenant_id: store.tenantId, user_id: cashierId, store_id: store.storeId, role: 'cashier' })
    const classes: Record<string, string> = {}
    for (const rate of ['5', '18']) {
      classes[rate] = randomUUID()
      await trx.table('tax_classes').insert({ id: classes[rate], tenant_id: store.tenantId, code: `GST${rate}`, name: `GST ${rate}%` })
      await trx.table('tax_class_rates').insert({ tenant_id: store.tenantId, tax_class_id: classes[rate], effective_from: '2025-09-22', rate_percent: rate })
    }
    const priceListId = randomUUID()
    await trx.table('price_lists').insert({ id: priceListId, tenant_id: store.tenantId, code: 'RETAIL', name: 'Retail', is_default: true, prices_include_tax: true })
    for (const [key, name, hsn, rate, price, cost] of CATALOG) {
      const productId = randomUUID()
      const itemId = randomUUID()
      await trx.table('products').insert({ id: productId, tenant_id: store.tenantId, name, hsn_sac: hsn, tax_class_id: classes[rate], unit: key === 'dal' ? 'KGS' : 'NOS', fractional: key === 'dal' })
      await trx.table('items').insert({ id: itemId, tenant_id: store.tenantId, product_id: productId, sku: `${key.toUpperCase()}-1`, name, cost_paise: cost })
      await trx.table('item_prices').insert({ tenant_id: store.tenantId, price_list_id: priceListId, item_id: itemId, store_id: null, price_paise: price })
      items[key] = { itemId, sku: `${key.toUpperCase()}-1`, name, hsn, ratePercent: rate, unitPricePaise: price, unitCostPaise: cost }
    }
  })
  const cashierToken = await signAccessToken({ userId: cashierId, tenantId: store.tenantId, role: 'cashier', stores: [store.storeId] } as never)
  return { ...store, cashierId, cashierToken, items }
}

/** POST/DELETE over HTTP with a bearer token or a device key (plain fetch to the running test server). */
export async function http(method: string, path: string, auth: { token?: string; deviceKey?: string }, body?: unknown) {
  const headers: Record<string, string> = {}
  if (auth.token) headers.authorization = `Bearer ${auth.token}`
  if (auth.deviceKey) headers['x-device-key'] = auth.deviceKey
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${serverUrl()}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: response.status, body: (await response.json().catch(() => null)) as any }
}

/**
 * The cashier signs in on the terminal with their own session. The terminal's socket must be
 * connected: a first command on it is answered only after the connection is recorded (the
 * terminal actor is then paired and online).
 */
export async function signInCashier(fixture: SalesFixture, terminalId: string, till: Socket) {
  await command(till, 'terminal.reportOutbox', { depth: 0 })
  const answer = await http('post', `/terminals/${terminalId}/cashier-session`, { token: fixture.cashierToken })
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`)
}

/** Sends a command with a fresh commandId; resolves with the ack. */
export function command(socket: Socket, name: string, payload: Record<string, unknown>) {
  return send(socket, name, { commandId: newCommandId(), ...payload })
}

/** Sends a command that must be applied. */
export async function must(socket: Socket, name: string, payload: Record<string, unknown>) {
  const ack = await command(socket, name, payload)
  if (!ack.ok) throw new Error(`${name} refused: ${JSON.stringify(ack.error)}`)
  return ack
}

/** Asks the `sales.setup` query (what sale.start must state, the terminal's next numbers). */
export function salesSetup(socket: Socket, storeId: string): Promise<any> {
  return socket.timeout(10_000).emitWithAck('sales.setup', { storeId })
}

/** A terminal's own numbering, as the terminal app keeps it: the series' next. */
export function invoiceNumber(prefix: string, seq: number, at = new Date().toISOString()) {
  return documentNumber('tax_invoice', prefix, financialYearOf(indianDate(at)).label, seq)
}

export interface LineSpec {
  item: CatalogItem
  quantity: string
  lineId?: string
  unitPricePaise?: number
}

/** `sale.start` as the terminal sends it, with the setup the server gave (limits of the cashier role). */
export async function startSale(socket: Socket, fixture: SalesFixture, saleId = uuidv7(), over: Record<string, unknown> = {}) {
  const setup = await salesSetup(socket, fixture.storeId)
  if (!setup.ok) throw new Error(`sales.setup refused: ${JSON.stringify(setup.error)}`)
  const ack = await command(socket, 'sale.start', {
    saleId,
    cashierId: fixture.cashierId,
    supplierStateCode: setup.data.supplierStateCode,
    pricesIncludeTax: setup.data.pricesIncludeTax,
    composition: setup.data.composition,
    limits: setup.data.limits.cashier,
    ...over,
  })
  return { saleId, ack, setup: setup.data }
}

export function lineOf(spec: LineSpec, index: number) {
  return {
    lineId: spec.lineId ?? `l${index + 1}`,
    itemId: spec.item.itemId,
    sku: spec.item.sku,
    name: spec.item.name,
    hsn: spec.item.hsn,
    quantity: spec.quantity,
    unitPricePaise: spec.unitPricePaise ?? spec.item.unitPricePaise,
    ratePercent: spec.item.ratePercent,
  }
}

/** Starts a sale and adds its lines (each must be taken). */
export async function cart(socket: Socket, fixture: SalesFixture, lines: LineSpec[], saleId = uuidv7()) {
  const started = await startSale(socket, fixture, saleId)
  if (!started.ack.ok) throw new Error(`sale.start refused: ${JSON.stringify(started.ack.error)}`)
  for (const [index, spec] of lines.entries()) await must(socket, 'sale.addLine', { saleId, line: lineOf(spec, index) })
  return saleId
}

/** Tenders and completes a cart with `number`; resolves with the completion ack (not asserted). */
export async function payAndComplete(socket: Socket, saleId: string, tenders: Array<Record<string, unknown>>, number: string, extra: Record<string, unknown> = {}) {
  await must(socket, 'sale.startTender', { saleId })
  for (const tender of tenders) await must(socket, 'sale.addTender', { saleId, tender })
  return command(socket, 'sale.complete', { saleId, invoiceNumber: number, ...extra })
}

/** Opens a shift on the terminal with a float of `floatPaise` in ₹500 notes (a multiple of 50000). */
export async function openShift(socket: Socket, fixture: SalesFixture, floatPaise = 200_000) {
  const shiftId = uuidv7()
  await must(socket, 'shift.open', { shiftId, cashierId: fixture.cashierId, cashCount: { '50000': floatPaise / 50_000 } })
  return shiftId
}

/** A manager of the fixture's store receives `quantity` of each item at its cost (the inventory module's command). */
export async function receiveStock(manager: Socket, fixture: SalesFixture, quantity = '100') {
  await must(manager, 'stock.receive', {
    storeId: fixture.storeId,
    lines: Object.values(fixture.items).map((item) => ({ itemId: item.itemId, quantity, unitCostPaise: item.unitCostPaise })),
  })
}
