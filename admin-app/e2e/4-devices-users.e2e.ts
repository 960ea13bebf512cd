import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser } from 'puppeteer-core'
import { launch, withPage, screenshot, signIn, texts, url } from './support/browser.ts'
import { e2e } from './support/env.ts'

const fx = e2e.fixtures()
let browser: Browser

before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

test('a manager pairs a device with a code, sees it listed and revokes it; its key stops working', async () => {
  await withPage(browser, 'devices', async (page, problems) => {
    await signIn(page, fx.a.manager.email, fx.password, `/stores/${fx.a.storeId}/devices`)
    await page.waitForSelector('[data-testid=devices]')
    await page.click('[data-testid=create-pairing-code]')
    const shown = await page.waitForSelector('[data-testid=pairing-code] .code-big')
    const code = ((await shown!.evaluate((n) => n.textContent)) ?? '').trim()
    assert.match(code, /^[0-9A-Z]{4}-?[0-9A-Z]{4}$/)

    // The device side of pairing: the code is exchanged for a key (shown once).
    const paired = await fetch(`${e2e.baseUrl()}/api/v1/devices/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, name: 'Back office tablet' }),
    })
    assert.equal(paired.status, 201)
    const { deviceId, deviceKey } = (await paired.json()) as { deviceId: string; deviceKey: string }

    await page.goto(url(`/stores/${fx.a.storeId}/devices`), { waitUntil: 'domcontentloaded' })
    const rowSelector = `tr[data-device-id="${deviceId}"]`
    await page.waitForSelector(rowSelector)
    assert.match(await page.$eval(rowSelector, (n) => n.textContent ?? ''), /Back office tablet.*active/)
    await screenshot(page, 'devices')

    await page.click(`${rowSelector} [data-testid=revoke]`)
    await page.click(`${rowSelector} [data-testid=confirm-revoke]`)
    await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('revoked'), {}, rowSelector)
    const me = await fetch(`${e2e.baseUrl()}/api/v1/device/me`, { headers: { 'x-device-key': deviceKey } })
    assert.equal(me.status, 401)
    await screenshot(page, 'devices-revoked')
    assert.deepEqual(problems, [])
  })
})

test('an owner sees the people of the business and adds a manager', async () => {
  await withPage(browser, 'users', async (page, problems) => {
    await signIn(page, fx.a.owner.email, fx.password, '/users')
    await page.waitForSelector('[data-testid=users] tbody tr')
    const before = await texts(page, '[data-testid=users] tbody tr td:first-child')
    assert.deepEqual([...before].sort(), [fx.a.cashier.name, fx.a.manager.name, fx.a.owner.name].sort())

    const email = `new-manager-${Date.now()}@e2e.test`
    const form = '[data-testid=add-user]'
    await page.type(`${form} label:nth-of-type(1) input`, 'Kavya Iyer')
    await page.type(`${form} input[type=email]`, email)
    await page.type(`${form} input[type=password]`, 'a-long-password-1')
    await page.select(`${form} label:nth-of-type(5) select`, 'manager')
    await page.select(`${form} label:nth-of-type(6) select`, fx.a.storeId)
    await page.click(`${form} button[type=submit]`)
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=users] tbody td:first-child')].some((td) => td.textContent === 'Kavya Iyer'))
    const row = await page.$$eval('[data-testid=users] tbody tr', (rows) => rows.map((r) => r.textContent ?? '').find((t) => t.includes('Kavya Iyer')))
    assert.match(row ?? '', /manager · Sharma Kirana/)
    await screenshot(page, 'users')
    assert.deepEqual(problems, [])
  })
})
