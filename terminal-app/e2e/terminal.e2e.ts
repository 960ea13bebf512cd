/*
 * The terminal app in Debian's Chromium against the real server (started by run.ts):
 * pairing, cashier sign-in, shift, a sale by barcode and by search with split tender, then 20
 * sales with the server unreachable (and a reload in the middle), replayed on reconnect —
 * checked in Postgres: each sale invoiced once, numbered from the terminal's own series, stock
 * and journal consistent.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import pg from 'pg'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { inTenant, OPENING_STOCK, type E2eFixtures } from './support/fixtures.ts'

const appUrl = process.env['POS_E2E_APP_URL']!
const serverUrl = process.env['POS_E2E_SERVER_URL']!
const artifacts = process.env['POS_E2E_ARTIFACTS']!
const fixtures = JSON.parse(readFileSync(process.env['POS_E2E_FIXTURES']!, 'utf8')) as E2eFixtures
const OFFLINE_SALES = 20

let browser: Browser
let page: Page
let db: pg.Client
const receipts: string[] = []

function control(command: 'cut' | 'restore'): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(process.env['POS_E2E_CONTROL_PORT']), '127.0.0.1', () => socket.write(`${command}\n`))
    socket.on('data', () => resolve())
    socket.on('error', reject)
  })
}

async function api<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${serverUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json = (await response.json()) as T
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  return inTenant(db, fixtures.tenantId, async () => (await db.query<T>(sql, values)).rows)
}

async function shot(name: string) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true })
}

async function type(selector: string, text: string) {
  await page.waitForSelector(selector, { visible: true })
  await page.click(selector, { count: 3 })
  await page.keyboard.down('Control')
  await page.keyboard.press('KeyA')
  await page.keyboard.up('Control')
  await page.keyboard.press('Backspace')
  await page.type(selector, text)
}

const text = (selector: string) => page.$eval(selector, (el) => (el.textContent ?? '').trim())
const lineCount = () => page.$$eval('[data-test=line]', (rows) => rows.length)
const depth = async () => Number(await text('[data-test=outbox-depth]'))

async function waitForText(selector: string, expected: (value: string) => boolean, timeout = 30_000) {
  const deadline = Date.now() + timeout
  let last = ''
  while (Date.now() < deadline) {
    last = await page.$eval(selector, (el) => (el.textContent ?? '').trim()).catch(() => '')
    if (expected(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await shot(`failure-${selector.replace(/\W+/g, '-')}`)
  throw new Error(`${selector} still reads “${last}” after ${timeout} ms`)
}

/** Scans a code with a keyboard-wedge scanner: the digits, then Enter, into the focused field. */
async function scan(code: string) {
  await page.waitForSelector('[data-test=scan]', { visible: true })
  await page.focus('[data-test=scan]')
  await page.keyboard.type(code)
  await page.keyboard.press('Enter')
}

/** One cash sale of a scanned item, by keyboard alone; returns the receipt's invoice number. */
async function cashSaleByKeyboard(code: string): Promise<string> {
  const linesBefore = await lineCount()
  await scan(code)
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=line]').length > n, {}, linesBefore)
  await page.keyboard.press('F8')
  await page.waitForSelector('[data-test=tender-amount]', { visible: true })
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'tender-amount')
  await page.keyboard.press('Enter') // the amount is prefilled with what is due
  await waitForText('[data-test=remaining-due]', (v) => v === '₹0.00')
  await page.keyboard.press('F9')
  await page.waitForSelector('[data-test=receipt]', { visible: true })
  const heading = await text('[data-test=receipt] h2')
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'new-sale')
  await page.keyboard.press('Enter')
  await page.waitForSelector('[data-test=cart]', { visible: true })
  return heading.replace('Tax invoice ', '')
}

before(async () => {
  db = new pg.Client({ connectionString: process.env['DATABASE_OWNER_URL'] })
  await db.connect()
  browser = await puppeteer.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  page = await browser.newPage()
  await page.setViewport({ width: 1280, height: 800 })
  page.on('pageerror', (error) => console.error('[page error]', error))
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('[page console]', message.text())
  })
})

after(async () => {
  await browser?.close()
  await db?.end()
})

test('pairs with a one-time code, signs the cashier in and opens the shift', async () => {
  const manager = await api<{ accessToken: string }>('POST', '/auth/login', { login: fixtures.manager.email, password: fixtures.password })
  const { code } = await api<{ code: string }>('POST', `/stores/${fixtures.storeId}/pairing-codes`, { terminalId: fixtures.terminalId }, manager.accessToken)

  await page.goto(appUrl, { waitUntil: 'networkidle0' })
  await type('[data-test=pair-code]', code)
  await shot('01-pairing')
  await page.click('[data-test=pair-submit]')
  await page.waitForSelector('[data-test=login], [data-test=pair-error]', { visible: true }).catch(async (error: unknown) => {
    await shot('failure-pairing')
    console.error('[page text]', await page.evaluate(() => document.body.innerText))
    throw error
  })
  assert.equal(await page.$('[data-test=pair-error]'), null, `pairing failed: ${await text('[data-test=pair-error]').catch(() => '')}`)

  await type('[data-test=login]', fixtures.cashier.email)
  await type('[data-test=password]', fixtures.password)
  await page.click('[data-test=sign-in]')

  await page.waitForSelector('[data-test=shift-panel]', { visible: true })
  await type('[data-test=float-50000]', '4')
  await waitForText('[data-test=float-total]', (v) => v === '₹2,000.00')
  await page.click('[data-test=open-shift]')
  await page.waitForSelector('[data-test=shift-panel]', { hidden: true })
  await waitForText('[data-test=connection]', (v) => v === 'Online')
  await page.waitForFunction(() => document.body.textContent?.includes('3 items on this terminal'))
  await waitForText('[data-test=outbox-depth]', (v) => v === '0')

  const devices = await query<{ kind: string }>('select kind from devices where terminal_id = $1 and revoked_at is null', [fixtures.terminalId])
  assert.deepEqual(devices, [{ kind: 'terminal' }])
  const shifts = await query('select id from shifts where terminal_id = $1 and closed_at is null', [fixtures.terminalId])
  assert.equal(shifts.length, 1)
})

test('sells by barcode and by search, split between UPI and cash, and the server invoices it', async () => {
  await scan(fixtures.items[0]!.barcode)
  await page.waitForFunction(() => document.querySelectorAll('[data-test=line]').length === 1)
  await type('[data-test=scan]', 'assam')
  await page.waitForSelector('[data-test=result]', { visible: true })
  await page.keyboard.press('Enter')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=line]').length === 2)
  await waitForText('[data-test=grand-total]', (v) => v === '₹185.00')
  await shot('02-cart')

  await page.keyboard.press('F8')
  // The amount field comes prefilled with what is due, and focused.
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-test') === 'tender-amount')
  assert.equal(await page.$eval('[data-test=tender-amount]', (el) => (el as HTMLInputElement).value), '185.00')
  await page.click('[data-test=method-upi]')
  await type('[data-test=tender-amount]', '100')
  await type('[data-test=tender-reference]', 'RRN0042')
  await page.keyboard.press('Enter')
  await waitForText('[data-test=remaining-due]', (v) => v === '₹85.00')
  await page.click('[data-test=method-cash]')
  await type('[data-test=tender-amount]', '135')
  await page.keyboard.press('Enter')
  await waitForText('[data-test=change-due]', (v) => v === '₹50.00')
  await shot('03-split-tender')
  await page.keyboard.press('F9')
  await page.waitForSelector('[data-test=receipt]', { visible: true })
  const number = (await text('[data-test=receipt] h2')).replace('Tax invoice ', '')
  receipts.push(number)
  assert.equal(await text('[data-test=receipt-change]'), '₹50.00')
  await shot('04-receipt')
  await waitForText('[data-test=outbox-depth]', (v) => v === '0')

  const invoices = await query<{ number: string; grand_total_paise: string; offline: boolean }>(
    'select number, grand_total_paise, offline from invoices where terminal_id = $1',
    [fixtures.terminalId],
  )
  assert.deepEqual(invoices, [{ number, grand_total_paise: '18500', offline: false }])
  const tenders = await query<{ method: string; amount_paise: string }>(
    'select t.method, t.amount_paise from invoice_tenders t join invoices i on i.tenant_id = t.tenant_id and i.id = t.invoice_id where i.terminal_id = $1 order by t.method',
    [fixtures.terminalId],
  )
  assert.deepEqual(tenders.map((t) => [t.method, Number(t.amount_paise)]), [
    ['cash', 13500],
    ['upi', 10000],
  ])
  await page.keyboard.press('Enter')
})

test(`keeps selling offline (${OFFLINE_SALES} sales, a reload in the middle) and replays each once on reconnect`, async () => {
  await control('cut')
  await waitForText('[data-test=connection]', (v) => v.startsWith('OFFLINE'))

  for (let i = 1; i <= OFFLINE_SALES; i++) {
    receipts.push(await cashSaleByKeyboard(fixtures.items[i % fixtures.items.length]!.barcode))
    if (i === OFFLINE_SALES / 2) {
      const queued = await depth()
      await shot('05-offline-before-reload')
      await page.reload({ waitUntil: 'domcontentloaded' })
      await page.waitForSelector('[data-test=scan]', { visible: true })
      await waitForText('[data-test=connection]', (v) => v.startsWith('OFFLINE'))
      assert.equal(await depth(), queued, 'the outbox survives the reload')
    }
  }
  // Each offline sale is five commands: start, addLine, startTender, addTender, complete.
  assert.equal(await depth(), OFFLINE_SALES * 5)
  await shot('06-offline-queue')
  const whileOffline = await query('select id from invoices where terminal_id = $1', [fixtures.terminalId])
  assert.equal(whileOffline.length, 1, 'nothing reached the server while it was cut off')

  await control('restore')
  await waitForText('[data-test=connection]', (v) => v === 'Online', 30_000)
  await waitForText('[data-test=outbox-depth]', (v) => v === '0', 120_000)
  await shot('07-replayed')

  const invoices = await query<{ number: string; seq: number; sale_id: string; offline: boolean; proposed_number: string | null }>(
    'select number, seq, sale_id, offline, proposed_number from invoices where terminal_id = $1 order by seq',
    [fixtures.terminalId],
  )
  assert.equal(invoices.length, 1 + OFFLINE_SALES, 'exactly one invoice per sale')
  assert.equal(new Set(invoices.map((i) => i.sale_id)).size, invoices.length)
  assert.deepEqual(
    invoices.map((i) => i.seq),
    invoices.map((_, n) => n + 1),
    'consecutive numbers of the terminal series',
  )
  assert.deepEqual(invoices.map((i) => i.number), receipts, 'the numbers the terminal printed are the stored ones')
  assert.ok(invoices.every((i) => i.number.startsWith(`${fixtures.invoicePrefix}/`) && i.proposed_number === null))
  assert.equal(invoices.filter((i) => i.offline).length, OFFLINE_SALES)

  const numberReviews = await query("select id from review_items where kind = 'invoice_number_changed'")
  assert.equal(numberReviews.length, 0)

  // Every command of this terminal applied once, in one gapless clientSeq sequence.
  const commands = await query<{ client_seq: number }>('select client_seq from processed_commands where terminal_id = $1 and client_seq is not null order by client_seq', [
    fixtures.terminalId,
  ])
  assert.deepEqual(
    commands.map((c) => Number(c.client_seq)),
    commands.map((_, n) => n + 1),
  )
  // shift.open; the first sale: start, two lines, startTender, two tenders, complete; 5 per offline sale.
  assert.equal(commands.length, 1 + 7 + 5 * OFFLINE_SALES)

  // Stock: on hand = opening − sold, and the ledger adds up to it.
  for (const item of fixtures.items) {
    const [sold] = await query<{ q: string | null }>('select sum(quantity) as q from invoice_lines where item_id = $1', [item.id])
    const [level] = await query<{ on_hand: string }>('select on_hand from stock_levels where item_id = $1', [item.id])
    const [ledger] = await query<{ q: string }>('select sum(quantity) as q from stock_movements where item_id = $1', [item.id])
    assert.equal(Number(level!.on_hand), OPENING_STOCK - Number(sold!.q ?? 0), `${item.sku} on hand`)
    assert.equal(Number(ledger!.q), Number(level!.on_hand), `${item.sku} ledger`)
  }

  // The journal has each completion once.
  const completions = await query<{ n: string }>(
    "select count(*) as n from actor_journal j join invoices i on i.tenant_id = j.tenant_id and i.sale_id::text = j.actor_id where j.kind = 'sale' and j.event->>'type' = 'sale.complete' and i.terminal_id = $1",
    [fixtures.terminalId],
  )
  assert.equal(Number(completions[0]!.n), 1 + OFFLINE_SALES)
  const recent = await page.$$eval('[data-test=recent-sale]', (rows) => rows.map((r) => r.getAttribute('data-status')))
  assert.ok(recent.length >= OFFLINE_SALES && recent.every((s) => s === 'issued' || s === 'sent'), `recent sales: ${recent.join(',')}`)
})
