import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'puppeteer-core'
import type { ActorHistory } from '@pos/protocols'
import { apiGet, apiToken, launch, withPage, screenshot, signIn, texts, url } from './support/browser.ts'
import { e2e } from './support/env.ts'

const fx = e2e.fixtures()
let browser: Browser

before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function serverHistory(kind: string, actorId: string): Promise<ActorHistory> {
  const token = await apiToken(fx.a.owner.email, fx.password)
  const { status, body } = await apiGet<ActorHistory>(token, `/actors/${kind}/${actorId}/history?limit=500`)
  assert.equal(status, 200)
  return body
}

/** Waits until a file appears in `dir` (a download finishing). */
async function downloaded(dir: string, name: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    if (readdirSync(dir).includes(name)) return readFileSync(join(dir, name), 'utf8')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${name} was not downloaded to ${dir}`)
}

test("the store's history shows every transition in order, and the browser's replay reaches the server's state", async () => {
  const server = await serverHistory('store', fx.a.storeId)
  // The dashboard run recorded: register, connected, outbox, open, disconnected, grace expired.
  assert.ok(server.entries.length >= 6, `store journal has ${server.entries.length} entries`)
  const last = server.entries.at(-1)!

  await withPage(browser, 'auditor-store', async (page, problems) => {
    await signIn(page, fx.a.owner.email, fx.password, `/stores/${fx.a.storeId}/history`)
    await page.waitForSelector(`tr[data-kind=store][data-actor-id="${fx.a.storeId}"] a`)
    await screenshot(page, 'auditor-actors')
    await page.click(`tr[data-kind=store][data-actor-id="${fx.a.storeId}"] a`)
    await page.waitForSelector('[data-testid=timeline] > li')

    const seqs = await page.$$eval('[data-testid=timeline] > li', (items) => items.map((li) => Number(li.getAttribute('data-seq'))))
    assert.deepEqual(seqs, server.entries.map((e) => e.seq))
    assert.deepEqual(await texts(page, '[data-testid=timeline] [data-testid=event-type]'), server.entries.map((e) => String(e.event.type)))

    const verdict = await page.waitForSelector('[data-testid=replay-verdict]')
    const verdictData = await verdict!.evaluate((n) => ({ match: n.getAttribute('data-match'), final: n.getAttribute('data-final-state'), server: n.getAttribute('data-server-state') }))
    assert.equal(verdictData.match, 'true')
    assert.deepEqual(JSON.parse(verdictData.final!), last.stateAfter)
    assert.deepEqual(JSON.parse(verdictData.server!), last.stateAfter)
    assert.equal(await page.$eval('[data-testid=replay-state]', (n) => n.textContent), String(last.stateAfter))
    assert.equal(await page.$eval('[data-state-path="open"]', (n) => n.getAttribute('data-active')), 'true')
    await screenshot(page, 'auditor-store-final')

    // Step back to the start: the diagram moves to `closed`.
    await page.click('button[aria-label=First]')
    await page.waitForFunction(() => document.querySelector('[data-testid=replay-state]')?.textContent === 'closed')
    assert.equal(await page.$eval('[data-state-path="closed"]', (n) => n.getAttribute('data-active')), 'true')
    assert.equal(await page.$eval('[data-testid=replay-position]', (n) => n.textContent), `0 / ${server.entries.length}`)
    const openSeq = server.entries.find((e) => e.event.type === 'store.open')!.seq
    for (let i = 0; i < openSeq; i++) await page.click('[data-testid=replay-forward]')
    await page.waitForFunction(() => document.querySelector('[data-testid=replay-state]')?.textContent === 'open')
    await page.waitForSelector(`[data-testid=timeline] > li.selected[data-seq="${openSeq}"]`)
    await screenshot(page, 'auditor-store-step')

    // Filter by event type, then export what is shown.
    await page.select('[data-testid=filter-event]', 'terminal.connected')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=timeline] > li').length === 1)
    const downloads = mkdtempSync(join(tmpdir(), 'admin-e2e-'))
    const cdp = await page.createCDPSession()
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads })
    await page.click('[data-testid=export-json]')
    const json = JSON.parse(await downloaded(downloads, `store-${fx.a.storeId}-history.json`))
    assert.deepEqual(json.entries, server.entries.filter((e) => e.event.type === 'terminal.connected'))
    await page.select('[data-testid=filter-event]', '')
    await page.click('[data-testid=export-csv]')
    const csv = (await downloaded(downloads, `store-${fx.a.storeId}-history.csv`)).trimEnd().split('\r\n')
    assert.equal(csv.length, server.entries.length + 1)
    assert.match(csv[0]!, /^seq,at,event_type,sender_user_id/)
    assert.deepEqual(problems, [])
  })
})

test("the terminal's history (a parallel machine) replays to the server's state too", async () => {
  const server = await serverHistory('terminal', fx.a.terminalId)
  assert.ok(server.entries.length >= 3)
  await withPage(browser, 'auditor-terminal', async (page, problems) => {
    await signIn(page, fx.a.owner.email, fx.password, `/stores/${fx.a.storeId}/history/terminal/${fx.a.terminalId}`)
    const verdict = await page.waitForSelector('[data-testid=replay-verdict]')
    assert.equal(await verdict!.evaluate((n) => n.getAttribute('data-match')), 'true')
    assert.deepEqual(JSON.parse((await verdict!.evaluate((n) => n.getAttribute('data-final-state')))!), server.entries.at(-1)!.stateAfter)
    const seqs = await page.$$eval('[data-testid=timeline] > li', (items) => items.map((li) => Number(li.getAttribute('data-seq'))))
    assert.deepEqual(seqs, server.entries.map((e) => e.seq))
    assert.equal(await page.$eval('[data-state-path="paired.connection.offline"]', (n) => n.getAttribute('data-active')), 'true')
    await screenshot(page, 'auditor-terminal')
    assert.deepEqual(problems, [])
  })
})

test('an address outside the app is refused by the server, not the SPA', async () => {
  const response = await fetch(`${e2e.baseUrl()}/admin/..%2f..%2fpackage.json`)
  assert.equal(response.status, 404)
  await withPage(browser, 'unknown-path', async (page) => {
    await page.goto(url('/no/such/screen'), { waitUntil: 'domcontentloaded' })
    await page.waitForSelector('input[name=login]')
  })
})
