import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, ElementHandle, Page } from 'puppeteer-core'
import type { Socket } from 'socket.io-client'
import type { ActorHistory, CatalogProduct, InventoryReviewItem, TaxClass } from '@pos/protocols'
import { apiGet, apiToken, launch, screenshot, signIn, terminalSocket, withPage } from './support/browser.ts'
import { e2e } from './support/env.ts'
import { must, sell, startSelling, userSocket } from './support/till.ts'

const fx = e2e.fixtures()
const a = fx.a
let browser: Browser
let till: Socket
let manager: Socket
/** The terminal and the stock commands go through the second node; the browser watches the first. */
const node = e2e.secondUrl() ?? e2e.baseUrl()
let soldSaleId = ''

before(async () => {
  browser = await launch()
  till = await terminalSocket(a.till.deviceKey, node)
  manager = await userSocket(node, await apiToken(a.manager.email, fx.password), a.storeId)
  await must(manager, 'stock.receive', {
    storeId: a.storeId,
    lines: Object.values(a.items).map((item) => ({ itemId: item.itemId, quantity: '100', unitCostPaise: item.unitCostPaise })),
  })
  await startSelling(till, node, a, await apiToken(a.cashier.email, fx.password))
})
after(async () => {
  till?.disconnect()
  manager?.disconnect()
  await browser?.close()
})

const text = (el: ElementHandle | null) => el!.evaluate((n) => n.textContent)

test("the dashboard shows a terminal's cart and sale within a second, without reload, across nodes", async () => {
  await withPage(browser, 'sales-dashboard', async (page, problems) => {
    await signIn(page, a.manager.email, fx.password, `/stores/${a.storeId}`)
    await page.waitForSelector('[data-testid=connection][data-state=live]')
    await page.waitForSelector('[data-testid=sales-today][data-count="0"]')
    // Soap was received to its reorder level: low from the first load.
    await page.waitForSelector(`[data-testid=low-stock] tr[data-item-id="${a.items.soap.itemId}"]`)
    await page.evaluate(() => ((window as unknown as { e2eMarker: string }).e2eMarker = 'same page'))

    const { saleId, complete } = await sell(till, a, {
      lines: [
        { item: a.items.shampoo, quantity: '2' },
        { item: a.items.soap, quantity: '1' },
      ],
      tender: { method: 'upi', amountPaise: 28_100, reference: 'UPI-E2E-1' },
      beforeTender: async () => {
        // The open cart (2 × ₹118 + ₹45 = ₹281) shows on the terminal's roster row.
        await page.waitForFunction(
          (sel) => document.querySelector(sel)?.getAttribute('data-value') === '28100',
          { timeout: 1_000 },
          `tr[data-terminal-id="${a.till.terminalId}"] [data-testid=cart]`
        )
      },
    })
    assert.equal(complete.ok, true)
    soldSaleId = saleId
    await page.waitForSelector(`[data-testid=recent-invoices] tr[data-sale-id="${saleId}"]`, { timeout: 1_000 })
    // The live feed words the sale and its invoice in rupees, not as raw fact types.
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=fact-feed] li[data-fact-type="sale.completed"]')].some((li) => / sold \S+ for ₹281\.00$/.test(li.textContent ?? '')),
      { timeout: 5_000 }
    )
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=fact-feed] li[data-fact-type="invoice.issued"]')].some((li) => /Invoice \S+ issued for ₹281\.00 on /.test(li.textContent ?? '')),
      { timeout: 5_000 }
    )
    await page.waitForSelector('[data-testid=sales-today][data-count="1"]', { timeout: 1_000 })
    assert.equal(await text(await page.$('[data-testid=sales-value]')), '₹281.00')
    assert.equal(await text(await page.$('[data-testid=sales-by-tender] tr[data-tender=upi] td.num')), '₹281.00')
    assert.equal(await page.$eval(`tr[data-terminal-id="${a.till.terminalId}"] [data-testid=cart]`, (n) => n.textContent), '—')
    const bars = await page.$$eval('[data-testid=sales-by-hour] rect.chart-bar', (rects) => rects.map((r) => Number(r.getAttribute('data-value'))))
    assert.equal(bars.reduce((x, y) => x + y, 0), 1)
    assert.equal(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker), 'same page')
    await screenshot(page, 'sales-dashboard')

    // After a reload the numbers come from the server's summary.
    await page.reload({ waitUntil: 'domcontentloaded' })
    await page.waitForSelector('[data-testid=sales-today][data-count="1"]')
    assert.equal(await text(await page.$('[data-testid=sales-value]')), '₹281.00')
    assert.deepEqual(problems, [])
  })
})

test("the auditor opens that sale's history: every transition in order, replayed to the server's final state", async () => {
  assert.ok(soldSaleId, 'the dashboard test sold first')
  const owner = await apiToken(a.owner.email, fx.password)
  const { body: server } = await apiGet<ActorHistory>(owner, `/actors/sale/${soldSaleId}/history?limit=500`)
  assert.deepEqual(
    server.entries.map((e) => e.event.type),
    ['sale.start', 'sale.addLine', 'sale.addLine', 'sale.startTender', 'sale.addTender', 'sale.complete']
  )
  await withPage(browser, 'sales-auditor', async (page, problems) => {
    await signIn(page, a.manager.email, fx.password, `/stores/${a.storeId}`)
    const link = await page.waitForSelector(`[data-testid=recent-invoices] tr[data-sale-id="${soldSaleId}"] a`)
    await link!.click()
    await page.waitForSelector('[data-testid=timeline] > li')
    const seqs = await page.$$eval('[data-testid=timeline] > li', (items) => items.map((li) => Number(li.getAttribute('data-seq'))))
    assert.deepEqual(seqs, server.entries.map((e) => e.seq))
    const verdict = await page.waitForSelector('[data-testid=replay-verdict]')
    const data = await verdict!.evaluate((n) => ({ match: n.getAttribute('data-match'), final: n.getAttribute('data-final-state') }))
    assert.equal(data.match, 'true')
    assert.deepEqual(JSON.parse(data.final!), server.entries.at(-1)!.stateAfter)
    assert.equal(server.entries.at(-1)!.stateAfter, 'completed')
    assert.equal(await page.$eval('[data-state-path="completed"]', (n) => n.getAttribute('data-active')), 'true')
    await screenshot(page, 'sales-auditor-sale')

    // The actors list has the sale and the shift, both replayable.
    await page.goto(`${e2e.baseUrl()}/admin/stores/${a.storeId}/history`, { waitUntil: 'domcontentloaded' })
    await page.waitForSelector(`tr[data-kind=sale][data-actor-id="${soldSaleId}"]`)
    const shift = await page.waitForSelector('tr[data-kind=shift] a')
    await shift!.click()
    const shiftVerdict = await page.waitForSelector('[data-testid=replay-verdict]')
    assert.equal(await shiftVerdict!.evaluate((n) => n.getAttribute('data-match')), 'true')
    await screenshot(page, 'sales-auditor-shift')
    assert.deepEqual(problems, [])
  })
})

test('the review inbox shows a renumbered invoice, opens it, and resolves it with a reason', async () => {
  const { saleId } = await sell(till, a, {
    lines: [{ item: a.items.shampoo, quantity: '1' }],
    tender: { method: 'cash', amountPaise: 20_000 },
    // An offline-style number ahead of the series: the server keeps its series and records both.
    invoiceNumber: (next) => next.replace(/([0-9]+)$/, (n) => String(Number(n) + 5).padStart(n.length, '0')),
  })
  const token = await apiToken(a.manager.email, fx.password)
  const { body } = await apiGet<{ reviewItems: InventoryReviewItem[] }>(token, `/stores/${a.storeId}/review-items`)
  const item = body.reviewItems.find((i) => i.kind === 'invoice_number_changed' && i.data.saleId === saleId)
  assert.ok(item, JSON.stringify(body))

  await withPage(browser, 'review', async (page, problems) => {
    await signIn(page, a.manager.email, fx.password, `/stores/${a.storeId}/review`)
    const row = await page.waitForSelector(`tr[data-review-id="${item.id}"] button`)
    await row!.click()
    await page.waitForSelector(`[data-testid=review-detail][data-review-id="${item.id}"] [data-testid=review-invoice]`)
    const diff = await page.$$eval('[data-testid=review-diff] tbody td', (cells) => cells.map((c) => c.textContent))
    assert.deepEqual(diff, [String(item.data.proposed), String(item.data.assigned)])
    await page.waitForSelector('[data-testid=review-sale-history]')
    await screenshot(page, 'review-open')
    await page.select('[data-testid=resolve-form] select[name=resolution]', 'accepted')
    await page.type('[data-testid=resolve-form] textarea[name=note]', 'Terminal was offline; series number kept')
    await page.click('[data-testid=resolve-form] button[type=submit]')
    await page.waitForFunction((id) => !document.querySelector(`tr[data-review-id="${id}"]`), {}, item.id)
    await page.select('[data-testid=review-status]', 'resolved')
    const resolved = await page.waitForSelector(`tr[data-review-id="${item.id}"] button`)
    await resolved!.click()
    const resolution = await page.waitForSelector('[data-testid=resolution]')
    assert.match((await text(resolution))!, /Resolved accepted by Tenant A Manager .*Terminal was offline; series number kept/)
    await screenshot(page, 'review-resolved')
    assert.deepEqual(problems, [])
  })
  const { body: after } = await apiGet<{ reviewItems: InventoryReviewItem[] }>(token, `/stores/${a.storeId}/review-items?status=resolved`)
  assert.equal(after.reviewItems.find((i) => i.id === item.id)?.resolution, 'accepted')
})

test('a catalog import shows its progress and the per-row report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'admin-e2e-import-'))
  const file = join(dir, 'catalog.csv')
  const good = Array.from({ length: 40 }, (_, i) => `E2E-${String(i + 1).padStart(3, '0')},Notebook ${i + 1},4820,GST18,NOS,${50 + i}.00`)
  writeFileSync(file, ['sku,name,hsn,tax_class,unit,price', ...good, 'E2E-BAD,Broken row,12,GST99,NOS,abc'].join('\n'))
  await withPage(browser, 'import', async (page, problems) => {
    await signIn(page, a.manager.email, fx.password, '/catalog')
    const input = (await page.waitForSelector('[data-testid=import-file]')) as ElementHandle<HTMLInputElement>
    await input.uploadFile(file)
    await page.click('[data-testid=import-card] button[type=submit]')
    await page.waitForSelector('[data-testid=import-progress]')
    await page.waitForSelector('[data-testid=import-progress][data-status=succeeded]', { timeout: 30_000 })
    await page.waitForSelector('[data-testid=import-report] tr[data-row="42"]')
    const progress = await text(await page.$('[data-testid=import-progress] span'))
    assert.equal(progress, 'Done: 41 rows · 40 accepted, 1 rejected')
    assert.equal(await page.$eval('[data-testid=import-progress] progress', (n) => (n as HTMLProgressElement).value), 1)
    await screenshot(page, 'catalog-import')

    await page.type('[data-testid=product-search]', 'Notebook 7')
    await page.keyboard.press('Enter')
    await page.waitForSelector('[data-testid=products] tr[data-sku="E2E-007"]')
    assert.deepEqual(problems.filter((p) => !p.includes('/catalog/imports')), [])
  })
})

/** Replaces a field's text the way a person does: select all, then type. */
async function retype(page: Page, selector: string, value: string) {
  await page.focus(selector)
  await page.keyboard.down('Control')
  await page.keyboard.press('KeyA')
  await page.keyboard.up('Control')
  await page.keyboard.press('Backspace')
  if (value) await page.type(selector, value)
}

/** The value of the option whose text starts with `label` (tax classes are chosen by code). */
const optionValue = (page: Page, select: string, label: string) =>
  page.$eval(select, (el, l) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(l))?.value ?? '', label)

test('a manager creates a product in the catalog, finds it, edits and retires it; a taken barcode is refused beside its field', async () => {
  const token = await apiToken(a.manager.email, fx.password)
  await withPage(browser, 'catalog-products', async (page, problems) => {
    await signIn(page, a.manager.email, fx.password, '/catalog')
    await page.waitForSelector('[data-testid=products]')
    await page.waitForSelector('[data-testid=tax-classes] tr[data-tax-class=GST5]')
    const form = '[data-testid=new-product-form]'
    const field = (name: string) => `${form} [name=${name}]`
    await page.click('[data-testid=new-product]')
    await page.waitForSelector(form)
    await page.type(field('name'), 'Coconut oil 200 ml')
    await page.type(field('sku'), 'E2E-OIL-200')
    await page.type(field('hsn'), '15')
    await page.select(field('unit'), 'BTL')
    await page.select(field('taxClassId'), await optionValue(page, field('taxClassId'), 'GST5 '))
    await page.type(field('price'), '95')
    await page.type(field('mrp'), '99')
    await page.type(field('barcode'), 'E2E-OIL-1')
    await page.click(`${form} button[type=submit]`)
    // A bad HSN is shown beside its field before anything is sent.
    assert.equal(await text(await page.waitForSelector(`${form} [data-field-error=hsn]`)), '4, 6 or 8 digits')
    await retype(page, field('hsn'), '1513')
    await page.click(`${form} button[type=submit]`)
    await page.waitForSelector('[data-testid=product-created]')
    await page.waitForSelector('[data-testid=products][data-query="E2E-OIL-200"] tr[data-sku="E2E-OIL-200"]')

    // Found by name from a fresh search.
    await retype(page, '[data-testid=product-search]', 'Coconut')
    await page.keyboard.press('Enter')
    // The table names the search it shows, so the wait cannot see the previous list.
    const row = '[data-testid=products][data-query="Coconut"] tr[data-sku="E2E-OIL-200"]'
    await page.waitForSelector(row)
    assert.equal(await page.$eval(`${row} [data-testid=price]`, (n) => n.textContent), '₹95.00')

    // The same barcode on another product: the server's typed refusal, beside the barcode.
    await page.click('[data-testid=new-product]')
    await page.waitForSelector(form)
    await page.type(field('name'), 'Coconut oil 500 ml')
    await page.type(field('sku'), 'E2E-OIL-500')
    await page.type(field('hsn'), '1513')
    await page.type(field('price'), '210')
    await page.type(field('barcode'), 'E2E-OIL-1')
    await page.click(`${form} button[type=submit]`)
    const refusal = await text(await page.waitForSelector(`${form} [data-field-error=barcode]`))
    assert.match(refusal ?? '', /E_CATALOG_BARCODE_EXISTS/)
    await screenshot(page, 'catalog-barcode-taken')
    await page.click(`${form} button[type=button]`)

    // Edit: a new price and MRP, saved and shown in the list.
    await page.click(`${row} button[aria-label="Edit E2E-OIL-200"]`)
    const edit = '[data-testid=edit-product-form]'
    await page.waitForSelector(edit)
    await retype(page, `${edit} [name=price]`, '97.50')
    await retype(page, `${edit} [name=mrp]`, '105')
    await retype(page, `${edit} [name=reorderLevel]`, '12')
    await page.click(`${edit} button[type=submit]`)
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === '₹97.50', {}, `${row} [data-testid=price]`)
    await page.waitForSelector(`${edit} p.ok`)
    await screenshot(page, 'catalog-edit')
    const { body: found } = await apiGet<{ products: CatalogProduct[] }>(token, '/products?q=E2E-OIL-200')
    const item = found.products[0]?.items[0]
    assert.equal(item?.mrpPaise, 10_500)
    assert.equal(item?.reorderLevel.replace(/\.0+$/, ''), '12')
    assert.equal(found.products[0]?.unit, 'BTL')

    // Retire: the item stays listed, marked retired.
    await page.click(`${edit} button.danger`)
    await page.waitForSelector(`${row}[data-active=false]`)
    // The one refusal this test provokes is the taken barcode.
    assert.deepEqual(problems.filter((p) => !p.includes('E_CATALOG_BARCODE_EXISTS') && !p.includes('status of 409')), [])
  })
})

test('a manager adds a dated tax rate and cancels it before it starts', async () => {
  const token = await apiToken(a.manager.email, fx.password)
  const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 30 * 86_400_000))
  await withPage(browser, 'tax-rate', async (page, problems) => {
    await signIn(page, a.manager.email, fx.password, '/catalog')
    const row = '[data-testid=tax-classes] tr[data-tax-class=GST5]'
    await page.waitForSelector(row)
    assert.equal(await page.$eval(`${row} [data-testid=current-rate]`, (n) => n.textContent), '5 %')
    await page.click(`${row} button[aria-label="New rate for GST5"]`)
    const form = `${row} [data-testid=rate-form]`
    await page.waitForSelector(form)
    // A date input takes its value in the browser's locale when typed; set it as the picker does.
    await page.$eval(
      `${form} input[name=effectiveFrom]`,
      (el, value) => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(el, value)
        el.dispatchEvent(new Event('input', { bubbles: true }))
      },
      from
    )
    await page.type(`${form} input[name=ratePercent]`, '12')
    await page.click(`${form} button[type=submit]`)
    await page.waitForSelector(`${row} li[data-upcoming="${from}"]`)
    assert.match((await text(await page.$(`${row} li[data-upcoming="${from}"]`))) ?? '', new RegExp(`^12 % from ${from}`))
    await screenshot(page, 'catalog-tax-rate')
    const { body } = await apiGet<{ taxClasses: TaxClass[] }>(token, '/tax-classes')
    const gst5 = body.taxClasses.find((c) => c.code === 'GST5')
    assert.deepEqual(gst5?.upcoming, [{ effectiveFrom: from, ratePercent: '12', cessPercent: '0' }])
    assert.equal(gst5?.current?.ratePercent, '5')

    await page.click(`${row} li[data-upcoming="${from}"] button`)
    await page.waitForFunction((sel) => document.querySelector(sel) === null, {}, `${row} li[data-upcoming="${from}"]`)
    const { body: after } = await apiGet<{ taxClasses: TaxClass[] }>(token, '/tax-classes')
    assert.deepEqual(after.taxClasses.find((c) => c.code === 'GST5')?.upcoming, [])
    assert.deepEqual(problems, [])
  })
})
