import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser } from 'puppeteer-core'
import { apiGet, apiToken, eventually, launch, withPage, screenshot, signIn, terminalSocket, texts, url } from './support/browser.ts'
import { e2e } from './support/env.ts'

const fx = e2e.fixtures()
let browser: Browser

before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('a cashier cannot open the admin app', async () => {
  await withPage(browser, 'cashier', async (page, problems) => {
    await page.goto(url('/'), { waitUntil: 'domcontentloaded' })
    await page.waitForSelector('input[name=login]')
    await page.type('input[name=login]', fx.a.cashier.email)
    await page.type('input[name=password]', fx.password)
    await page.click('button[type=submit]')
    const error = await page.waitForSelector('[data-testid=sign-in-error][data-code=E_ADMIN_ROLE_REFUSED]')
    const message = await error!.evaluate((node) => node.textContent ?? '')
    assert.match(message, /cashier login/i)
    assert.match(message, /managers and owners/i)
    assert.equal(await page.$('[data-testid=who]'), null, 'no page of the app is shown')
    assert.equal(await page.evaluate(() => window.sessionStorage.length), 0, 'no token is kept')
    await screenshot(page, 'cashier-refused')

    // Going straight to a screen changes nothing: it is the sign-in form again.
    await page.goto(url(`/stores/${fx.a.storeId}`), { waitUntil: 'domcontentloaded' })
    await page.waitForSelector('input[name=login]')
    assert.equal(await page.$('[data-testid=roster]'), null)
    assert.deepEqual(problems.filter((p) => !p.includes('401') && !p.includes('403')), [])
  })
})

test('a manager of tenant A sees nothing of tenant B', async (t) => {
  // Tenant B has a live store actor with a journal: its terminal connects once.
  const terminalB = await terminalSocket(fx.b.deviceKey)
  t.after(() => terminalB.disconnect())
  const tokenB = await apiToken(fx.b.manager.email, fx.password)
  // The connection is recorded by the store actor just after the socket connects.
  await eventually("tenant B's manager sees B's history", async () => {
    const own = await apiGet<{ entries: unknown[] }>(tokenB, `/actors/store/${fx.b.storeId}/history`)
    return own.status === 200 && own.body.entries.length > 0 ? own : undefined
  })

  await withPage(browser, 'tenant-isolation', async (page, problems) => {
    await signIn(page, fx.a.manager.email, fx.password)
    await page.waitForSelector('[data-testid=store-list]')
    const storeIds = await page.$$eval('[data-store-id]', (nodes) => nodes.map((n) => n.getAttribute('data-store-id')))
    assert.deepEqual(storeIds, [fx.a.storeId])
    assert.ok(!(await page.content()).includes(fx.b.storeName))
    await screenshot(page, 'store-picker')

    // B's store by its id: not found, exactly as a store that does not exist.
    await page.goto(url(`/stores/${fx.b.storeId}`), { waitUntil: 'domcontentloaded' })
    await page.waitForSelector('[data-testid=not-found]')
    await screenshot(page, 'tenant-b-store-not-found')

    // B's store actor's history, asked for from A's store: the server answers 404.
    await page.goto(url(`/stores/${fx.a.storeId}/history/store/${fx.b.storeId}`), { waitUntil: 'domcontentloaded' })
    const refusal = await page.waitForSelector('[role=alert]')
    assert.match(await refusal!.evaluate((n) => n.textContent ?? ''), /E_NOT_FOUND/)
    assert.equal(await page.$('[data-testid=timeline]'), null)

    // A's actor list and users list hold nothing of B's.
    await page.goto(url(`/stores/${fx.a.storeId}/history`), { waitUntil: 'domcontentloaded' })
    await page.waitForSelector('[data-testid=actors]')
    const actorIds = await page.$$eval('[data-actor-id]', (nodes) => nodes.map((n) => n.getAttribute('data-actor-id')))
    assert.ok(!actorIds.includes(fx.b.storeId) && !actorIds.includes(fx.b.terminalId))
    await page.goto(url('/users'), { waitUntil: 'domcontentloaded' })
    await page.waitForSelector('[data-testid=users] tbody tr')
    const names = await texts(page, '[data-testid=users] tbody tr td:first-child')
    assert.ok(names.includes(fx.a.manager.name))
    assert.ok(!names.some((name) => name.startsWith('Tenant B')), `no user of B is listed: ${names.join(', ')}`)

    // The one expected refusal: B's history, answered 404.
    assert.deepEqual(problems.filter((p) => !/\b404\b/.test(p)), [])
  })
})
