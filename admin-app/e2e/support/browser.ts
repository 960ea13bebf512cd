import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { io, type Socket } from 'socket.io-client'
import { PROTOCOL_VERSION } from '@pos/protocols'
import { e2e } from './env.ts'

/** Debian's Chromium, headless; no browser is ever downloaded. */
export async function launch(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: e2e.chromium(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=en-IN'],
    defaultViewport: { width: 1440, height: 1000 },
  })
}

/**
 * A page that records what went wrong in the app: uncaught errors and console errors
 * (a Content-Security-Policy violation shows up there too).
 */
export async function openPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().includes('/api/')) {
      void response.text().then(
        (body) => problems.push(`http ${response.status()} ${new URL(response.url()).pathname}: ${body.slice(0, 200)}`),
        () => problems.push(`http ${response.status()} ${new URL(response.url()).pathname}`)
      )
    }
  })
  page.setDefaultTimeout(15_000)
  return { page, problems }
}

/**
 * Runs `work` on a fresh page; when it fails, the page as it was is saved as
 * FAILED-<name>.png before the error goes on. The page is closed either way.
 */
export async function withPage(browser: Browser, name: string, work: (page: Page, problems: string[]) => Promise<void>) {
  const { page, problems } = await openPage(browser)
  try {
    await work(page, problems)
  } catch (error) {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined)
    if (problems.length > 0) console.error(`[${name}] the page reported:\n  ${problems.join('\n  ')}`)
    throw error
  } finally {
    await page.close().catch(() => undefined)
  }
}

export const url = (path: string) => `${e2e.baseUrl()}/admin${path}`

/** Signs in through the form; resolves once the shell shows who is signed in. */
export async function signIn(page: Page, login: string, password: string, path = '/') {
  await page.goto(url(path), { waitUntil: 'domcontentloaded' })
  await page.waitForSelector('input[name=login]')
  await page.type('input[name=login]', login)
  await page.type('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForSelector('[data-testid=who]')
}

/** Saves a full-page screenshot to test-artifacts/admin/<name>.png. */
export async function screenshot(page: Page, name: string) {
  const dir = e2e.artifacts()
  mkdirSync(dir, { recursive: true })
  await page.screenshot({ path: join(dir, `${name}.png`) as `${string}.png`, fullPage: true })
}

/** Text of every element matching `selector`. */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (nodes) => nodes.map((n) => (n.textContent ?? '').trim()))
}

/** A paired terminal's socket, as the terminal app opens it (device key at the handshake). */
export function terminalSocket(deviceKey: string, baseUrl = e2e.baseUrl()): Promise<Socket> {
  const socket = io(baseUrl, { path: '/socket.io', transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION, deviceKey }, reconnection: false })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (error) => reject(error))
  })
}

/** Signs in through the API (for comparing what the page shows with what the server says). */
export async function apiToken(login: string, password: string): Promise<string> {
  const response = await fetch(`${e2e.baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  })
  if (!response.ok) throw new Error(`sign-in of ${login} failed: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { accessToken: string }).accessToken
}

export async function apiGet<T>(token: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${e2e.baseUrl()}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: response.status, body: (await response.json()) as T }
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
