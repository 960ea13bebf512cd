import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser } from 'puppeteer-core'
import { io } from 'socket.io-client'
import { PROTOCOL_VERSION } from '@pos/protocols'
import { apiToken, launch, withPage, screenshot, signIn, terminalSocket, texts } from './support/browser.ts'
import { e2e } from './support/env.ts'
import { uuidv7 } from './support/ids.ts'

const fx = e2e.fixtures()
let browser: Browser

before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

const row = (presence: string) => `tr[data-terminal-id="${fx.a.terminalId}"][data-presence="${presence}"]`

test('the dashboard shows a terminal come online, report its outbox and drop, live and without a reload', async (t) => {
  await withPage(browser, 'dashboard', async (page, problems) => {
    await signIn(page, fx.a.manager.email, fx.password)
    const card = await page.waitForSelector(`[data-store-id="${fx.a.storeId}"]`)
    await card!.click()
    await page.waitForSelector('[data-testid=connection][data-state=live]')
    await page.waitForSelector(row('offline'))
    await screenshot(page, 'dashboard-before')
    // Survives only as long as the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = 'same page'))

    // The terminal connects through the second node when there is one: facts cross nodes.
    const node = e2e.secondUrl() ?? e2e.baseUrl()
    const terminal = await terminalSocket(fx.a.deviceKey, node)
    t.after(() => terminal.disconnect())
    await page.waitForSelector(row('online'), { timeout: 10_000 })

    const ack = await terminal.emitWithAck('terminal.reportOutbox', { commandId: uuidv7(), depth: 3 })
    assert.equal(ack.ok, true, JSON.stringify(ack))
    await page.waitForFunction(
      (selector) => document.querySelector(`${selector} [data-testid=outbox]`)?.textContent === '3',
      { timeout: 10_000 },
      `tr[data-terminal-id="${fx.a.terminalId}"]`
    )

    // A manager opens the day from elsewhere (another socket): the badge follows.
    const token = await apiToken(fx.a.manager.email, fx.password)
    const manager = io(node, { path: '/socket.io', transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION, token, storeId: fx.a.storeId } })
    t.after(() => manager.disconnect())
    const opened = await manager.timeout(10_000).emitWithAck('store.open', { commandId: uuidv7(), storeId: fx.a.storeId })
    assert.equal(opened.ok, true, JSON.stringify(opened))
    await page.waitForFunction(() => document.querySelector('[data-testid=store-status]')?.textContent === 'Open', { timeout: 10_000 })
    manager.disconnect()

    const feed = await texts(page, '[data-testid=fact-feed] li')
    assert.ok(feed.some((line) => line.includes('Counter 1 is online')), feed.join('\n'))
    assert.ok(feed.some((line) => line.includes('Store opened by Tenant A Manager')), feed.join('\n'))
    const bars = await page.$$eval('[data-testid=activity] [data-testid=bar-chart] rect.chart-bar', (rects) => rects.map((r) => Number(r.getAttribute('data-value'))))
    assert.equal(bars.length, 24)
    assert.ok(bars.reduce((a, b) => a + b, 0) >= 3, 'the activity chart counts the facts')
    // No sale yet: the server's summary says zero, in rupees.
    await page.waitForSelector('[data-testid=sales-today][data-count="0"]')
    assert.equal(await page.$eval('[data-testid=sales-value]', (n) => n.textContent), '₹0.00')
    await screenshot(page, 'dashboard-live')

    terminal.disconnect()
    await page.waitForSelector(row('reconnecting'), { timeout: 10_000 })
    // After the server's grace period (PRESENCE_GRACE_MS) the terminal is offline.
    await page.waitForSelector(row('offline'), { timeout: 60_000 })
    assert.equal(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker), 'same page')
    await screenshot(page, 'dashboard-offline')
    assert.deepEqual(problems, [])
  })
})
