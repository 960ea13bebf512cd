/*
 * The sales bench (npm run bench, suite `sales`): complete sales per second
 * through a real server process, driven by real terminal sockets (paired device
 * keys, a signed-in cashier, an open shift), beside the raw Postgres insert rate
 * of the same rows in the same run. It measures; no number is pass/fail.
 *
 *   node --import=@poppinss/ts-exec bench/sales.ts [--quick] [--sizes=50,200]
 *        [--seconds=20] [--warmup=3] [--rate=18] [--raw-concurrency=16] [--pool=30]
 *
 * Needs the environment of a fresh, migrated database (DATABASE_URL,
 * DATABASE_OWNER_URL, REDIS_URL, APP_KEY, JWT_SECRET), as scripts/tasks/bench.mjs
 * provides.
 *
 *  1. Fixtures (owner role, tenant set): per scenario, stores of 10 terminals with
 *     device keys, a catalogue of 5 items (5 % and 18 %) on a tax-inclusive default
 *     price list, a cashier per tenant and a manager token.
 *  2. One server node (bin/server.ts). A manager receives opening stock through the
 *     inventory command; each terminal connects, its cashier signs in
 *     (HTTP), it opens a shift and reads its sales setup.
 *  3. For 50 and 200 terminals: each terminal sells in a closed loop, one command
 *     at a time with its clientSeq, as a till does: sale.start, 5 × sale.addLine,
 *     sale.startTender, a cash tender (with change), sale.complete with the next
 *     number of its own series. A terminal sends at most `rate` commands a second
 *     (the gateway limits a socket to 20/s sustained). Sales/s over the window,
 *     completion latency (sale.complete sent → ack) and whole-sale latency.
 *  4. Raw Postgres: the rows one completion writes (invoice, 5 lines, the tender,
 *     5 stock movements, the on-hand updates) inserted by `raw-concurrency`
 *     connections as the application role, one transaction per sale, spread over the
 *     scenario's stores, for the same window: sales/s, and the ratio actor / raw.
 *  5. Checks afterwards: one invoice per acknowledged completion, every terminal's
 *     series without a gap.
 *
 * Results: bench/results/sales-<timestamp>.json and stdout; progress on stderr.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SignJWT } from 'jose'
import pg from 'pg'
import { inTenant } from './lib/fixtures.js'
import type { Socket } from 'socket.io-client'
import { v7 as uuidv7 } from 'uuid'
import { documentNumber, financialYearOf, indianDate } from '@pos/state-machines'
import { connectSocket } from './lib/socket.js'
import { cpuMs, freePort, startChild, stopAll, type Child } from './lib/procs.js'
import { Samples, round, sleep, summarize } from './lib/stats.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const TS = '--import=@poppinss/ts-exec'
const PROTOCOL_VERSION = 1
const argv = process.argv.slice(2)
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const quick = argv.includes('--quick')
const cfg = {
  mode: quick ? 'quick' : 'full',
  sizes: (flag('sizes') ?? (quick ? '20,50' : '50,200')).split(',').map(Number),
  terminalsPerStore: 10,
  storesPerTenant: 5,
  warmupMs: Number(flag('warmup') ?? (quick ? 2 : 3)) * 1000,
  measureMs: Number(flag('seconds') ?? (quick ? 6 : 20)) * 1000,
  /** Commands per second a terminal sends at most (the gateway allows a burst of 40, then 20/s). */
  ratePerTerminal: Number(flag('rate') ?? 18),
  rawConcurrency: Number(flag('raw-concurrency') ?? 16),
  /** The server node's database pool (DATABASE_POOL_MAX; the default is 10). */
  serverPool: Number(flag('pool') ?? 30),
  linesPerSale: 5,
  ackTimeoutMs: 30_000,
  connectBatch: 50,
}

const env = process.env
for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'REDIS_URL', 'JWT_SECRET', 'APP_KEY']) {
  if (!env[name]) throw new Error(`bench/sales.ts: ${name} is not set (run it with npm run bench -- --only=sales)`)
}
const ownerUrl = env.DATABASE_OWNER_URL!
const appUrl = env.DATABASE_URL!
const log = (message: string) => console.error(`[bench sales] ${message}`)
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')

/** Catalogue of every bench tenant: whole-rupee inclusive prices, so a 5-line cart's total is whole rupees. */
const CATALOG = [
  { sku: 'SHAMPOO', name: 'Shampoo 180 ml', hsn: '3305', rate: '18', price: 11_800, cost: 7_000 },
  { sku: 'SOAP', name: 'Bath soap 100 g', hsn: '3401', rate: '5', price: 4_500, cost: 3_000 },
  { sku: 'BISCUIT', name: 'Biscuits 200 g', hsn: '1905', rate: '5', price: 3_000, cost: 2_000 },
  { sku: 'TEA', name: 'Tea 250 g', hsn: '0902', rate: '5', price: 14_000, cost: 10_000 },
  { sku: 'TOOTHPASTE', name: 'Toothpaste 150 g', hsn: '3306', rate: '5', price: 9_500, cost: 6_000 },
]

interface BenchTerminal {
  tenantId: string
  storeId: string
  terminalId: string
  deviceKey: string
  prefix: string
  cashierId: string
  cashierToken: string
  items: Array<{ itemId: string; sku: string; name: string; hsn: string; rate: string; price: number }>
}

interface Scenario {
  terminals: BenchTerminal[]
  managers: Array<{ tenantId: string; storeIds: string[]; token: string; items: string[] }>
}

// ---------------------------------------------------------------- fixtures

async function token(claims: { userId: string; tenantId: string; role: string; stores: string[] | '*' }) {
  const key = new TextEncoder().encode(env.JWT_SECRET!)
  return new SignJWT({ tid: claims.tenantId, role: claims.role, stores: claims.stores, typ: 'access' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer('pos-platform')
    .setAudience('pos-api')
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(key)
}

/** `count` terminals in stores of 10, tenants of 5 stores, each tenant with its catalogue, a cashier and a manager. */
async function createScenario(count: number, label: string): Promise<Scenario> {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  const terminals: BenchTerminal[] = []
  const managers: Scenario['managers'] = []
  const stores = Math.ceil(count / cfg.terminalsPerStore)
  try {
    for (let first = 0; first < stores; first += cfg.storesPerTenant) {
      const tenantId = randomUUID()
      const storeIds = Array.from({ length: Math.min(cfg.storesPerTenant, stores - first) }, () => randomUUID())
      const cashierId = randomUUID()
      const managerId = randomUUID()
      const items = CATALOG.map((item) => ({ ...item, itemId: randomUUID() }))
      await inTenant(client, tenantId, async () => {
        await client.query(`insert into tenants (id, name, slug) values ($1, $2, $3)`, [tenantId, `Bench sales ${label}`, `bench-sales-${tenantId.slice(0, 8)}`])
        for (const [s, storeId] of storeIds.entries()) {
          await client.query(
            `insert into stores (id, tenant_id, code, legal_name, state_code, address_line1, city, pincode) values ($1, $2, $3, $4, '29', '1 MG Road', 'Bengaluru', '560001')`,
            [storeId, tenantId, `S${s + 1}`, `Bench Store ${s + 1} Pvt Ltd`]
          )
        }
        await client.query(`insert into users (id, name, email, password_hash, created_by_tenant) values ($1, 'Bench Cashier', $2, 'x', $3), ($4, 'Bench Manager', $5, 'x', $3)`, [
          cashierId,
          `cashier-${cashierId}@bench.test`,
          tenantId,
          managerId,
          `manager-${managerId}@bench.test`,
        ])
        await client.query(`insert into memberships (tenant_id, user_id, store_id, role) values ($1, $2, null, 'cashier'), ($1, $3, null, 'manager')`, [tenantId, cashierId, managerId])
        const classes: Record<string, string> = { '5': randomUUID(), '18': randomUUID() }
        for (const [rate, id] of Object.entries(classes)) {
          await client.query(`insert into tax_classes (id, tenant_id, code, name) values ($1, $2, $3, $4)`, [id, tenantId, `GST${rate}`, `GST ${rate}%`])
          await client.query(`insert into tax_class_rates (tenant_id, tax_class_id, effective_from, rate_percent) values ($1, $2, '2025-09-22', $3)`, [tenantId, id, rate])
        }
        const priceListId = randomUUID()
        await client.query(`insert into price_lists (id, tenant_id, code, name, is_default, prices_include_tax) values ($1, $2, 'RETAIL', 'Retail', true, true)`, [priceListId, tenantId])
        for (const item of items) {
          const productId = randomUUID()
          await client.query(`insert into products (id, tenant_id, name, hsn_sac, tax_class_id, unit) values ($1, $2, $3, $4, $5, 'NOS')`, [productId, tenantId, item.name, item.hsn, classes[item.rate]])
          await client.query(`insert into items (id, tenant_id, product_id, sku, name, cost_paise) values ($1, $2, $3, $4, $5, $6)`, [item.itemId, tenantId, productId, item.sku, item.name, item.cost])
          await client.query(`insert into item_prices (tenant_id, price_list_id, item_id, store_id, price_paise) values ($1, $2, $3, null, $4)`, [tenantId, priceListId, item.itemId, item.price])
        }
        for (const [s, storeId] of storeIds.entries()) {
          for (let t = 0; t < cfg.terminalsPerStore && terminals.length < count; t++) {
            const terminalId = randomUUID()
            const deviceKey = `dk_${randomBytes(32).toString('base64url')}`
            const prefix = `S${s + 1}T${t + 1}`
            await client.query(`insert into terminals (id, tenant_id, store_id, name, invoice_prefix) values ($1, $2, $3, $4, $5)`, [terminalId, tenantId, storeId, `Counter ${t + 1}`, prefix])
            await client.query(
              `insert into devices (id, tenant_id, store_id, terminal_id, kind, name, key_hash, key_prefix) values ($1, $2, $3, $4, 'terminal', $5, $6, $7)`,
              [randomUUID(), tenantId, storeId, terminalId, `Counter ${t + 1}`, sha256Hex(deviceKey), deviceKey.slice(0, 10)]
            )
            terminals.push({ tenantId, storeId, terminalId, deviceKey, prefix, cashierId, cashierToken: '', items })
          }
        }
      })
      const cashierToken = await token({ userId: cashierId, tenantId, role: 'cashier', stores: '*' })
      for (const terminal of terminals) if (terminal.tenantId === tenantId) terminal.cashierToken = cashierToken
      managers.push({ tenantId, storeIds, token: await token({ userId: managerId, tenantId, role: 'manager', stores: '*' }), items: items.map((item) => item.itemId) })
    }
  } finally {
    await client.end()
  }
  return { terminals, managers }
}

// ---------------------------------------------------------------- a till

/** Sends one command and waits for its ack (with the socket's clientSeq). */
class Till {
  seq = 0
  invoiceSeq = 0
  fyLabel = ''
  #tokens: number
  #last = Date.now()

  constructor(
    readonly socket: Socket,
    readonly terminal: BenchTerminal,
    readonly rate: number
  ) {
    this.#tokens = rate
  }

  /** Client-side pacing: at most `rate` commands a second, so the gateway's limiter never refuses. */
  async #pace() {
    for (;;) {
      const now = Date.now()
      this.#tokens = Math.min(this.rate, this.#tokens + ((now - this.#last) / 1000) * this.rate)
      this.#last = now
      if (this.#tokens >= 1) {
        this.#tokens -= 1
        return
      }
      await sleep(Math.ceil(((1 - this.#tokens) / this.rate) * 1000))
    }
  }

  async send(name: string, payload: Record<string, unknown>): Promise<any> {
    await this.#pace()
    this.seq += 1
    const ack = await this.socket.timeout(cfg.ackTimeoutMs).emitWithAck(name, { commandId: uuidv7(), clientSeq: this.seq, ...payload })
    if (!ack.ok) throw new Error(`${name} refused: ${JSON.stringify(ack.error)}`)
    return ack
  }

  /** One sale of 5 lines paid in cash with change; resolves with the completion latency and the whole sale's. */
  async sell(): Promise<{ completionMs: number; saleMs: number }> {
    const started = performance.now()
    const saleId = uuidv7()
    await this.send('sale.start', {
      saleId,
      cashierId: this.terminal.cashierId,
      supplierStateCode: '29',
      pricesIncludeTax: true,
      composition: false,
      limits: { maxLineDiscountPercent: '5', maxBillDiscountPercent: '5', priceOverride: false },
    })
    let total = 0
    for (const [index, item] of this.terminal.items.entries()) {
      const quantity = 1 + ((this.invoiceSeq + index) % 3)
      total += item.price * quantity
      await this.send('sale.addLine', {
        saleId,
        line: { lineId: `l${index + 1}`, itemId: item.itemId, sku: item.sku, name: item.name, hsn: item.hsn, quantity: String(quantity), unitPricePaise: item.price, ratePercent: item.rate },
      })
    }
    await this.send('sale.startTender', { saleId })
    // Notes up to the next ₹100: change on most sales.
    await this.send('sale.addTender', { saleId, tender: { tenderId: 'cash', method: 'cash', amountPaise: Math.ceil(total / 10_000) * 10_000 } })
    this.invoiceSeq += 1
    const completing = performance.now()
    await this.send('sale.complete', { saleId, invoiceNumber: documentNumber('tax_invoice', this.terminal.prefix, this.fyLabel, this.invoiceSeq) })
    const done = performance.now()
    return { completionMs: done - completing, saleMs: done - started }
  }
}

async function http(url: string, method: string, path: string, bearer: string) {
  const response = await fetch(`${url}/api/v1${path}`, { method, headers: { authorization: `Bearer ${bearer}` } })
  if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
}

/** Connects every terminal, signs its cashier in, opens its shift; a manager receives opening stock per store. */
async function prepare(url: string, scenario: Scenario): Promise<Till[]> {
  for (const manager of scenario.managers) {
    const socket = await connectSocket(url, { protocolVersion: PROTOCOL_VERSION, token: manager.token, storeId: manager.storeIds[0] })
    try {
      for (const storeId of manager.storeIds) {
        const ack = await socket.timeout(cfg.ackTimeoutMs).emitWithAck('stock.receive', {
          commandId: uuidv7(),
          storeId,
          lines: manager.items.map((itemId) => ({ itemId, quantity: '1000000', unitCostPaise: 1_000 })),
        })
        if (!ack.ok) throw new Error(`stock.receive refused: ${JSON.stringify(ack.error)}`)
      }
    } finally {
      socket.close()
    }
  }
  const tills: Till[] = []
  const fyLabel = financialYearOf(indianDate(new Date().toISOString())).label
  for (let i = 0; i < scenario.terminals.length; i += cfg.connectBatch) {
    const batch = scenario.terminals.slice(i, i + cfg.connectBatch)
    tills.push(
      ...(await Promise.all(
        batch.map(async (terminal) => {
          const socket = await connectSocket(url, { protocolVersion: PROTOCOL_VERSION, deviceKey: terminal.deviceKey })
          const till = new Till(socket, terminal, cfg.ratePerTerminal)
          till.fyLabel = fyLabel
          // Answered after the connection is recorded: the terminal actor is paired and online.
          await till.send('terminal.reportOutbox', { depth: 0 })
          await http(url, 'POST', `/terminals/${terminal.terminalId}/cashier-session`, terminal.cashierToken)
          await till.send('shift.open', { shiftId: uuidv7(), cashierId: terminal.cashierId, cashCount: { '50000': 4 } })
          return till
        })
      ))
    )
  }
  return tills
}

/** Every till sells in a closed loop; sales completed inside the window are counted. */
async function load(tills: Till[]) {
  const completion = new Samples()
  const whole = new Samples()
  let inWindow = 0
  let errors = 0
  let firstError: string | null = null
  let measuring = false
  let stopping = false
  await Promise.all(
    tills.map(async (till) => {
      while (!stopping) {
        try {
          const timing = await till.sell()
          if (measuring) {
            inWindow++
            completion.push(timing.completionMs)
            whole.push(timing.saleMs)
          }
        } catch (error) {
          errors++
          firstError ??= (error as Error).message
          // A refused command leaves this till's sale behind; it starts the next one.
          await sleep(100)
        }
      }
    }).concat(
      (async () => {
        await sleep(cfg.warmupMs)
        measuring = true
        const started = performance.now()
        await sleep(cfg.measureMs)
        measuring = false
        windowMs = performance.now() - started
        stopping = true
      })()
    )
  )
  return { inWindow, windowMs, completion: summarize(completion.values()), sale: summarize(whole.values()), errors, firstError }
}
let windowMs = 0

// ---------------------------------------------------------------- raw inserts

/**
 * The rows of one completed sale, inserted as the application role in one transaction:
 * the invoice, its 5 lines, the tender, 5 stock movements and the 5 on-hand updates.
 */
async function rawInserts(scenario: Scenario) {
  const fy = financialYearOf(indianDate(new Date().toISOString())).label
  // One raw "terminal" per store of the scenario, so the raw rows meet the same per-store contention (stock levels).
  const stores = [...new Map(scenario.terminals.map((terminal) => [terminal.storeId, terminal])).values()].map((terminal, index) => ({
    terminal,
    rawTerminalId: randomUUID(),
    prefix: `R${index + 1}`,
    seq: 0,
  }))
  const owner = new pg.Client({ connectionString: ownerUrl })
  await owner.connect()
  for (const store of stores) {
    await inTenant(owner, store.terminal.tenantId, async () => {
      await owner.query(`insert into terminals (id, tenant_id, store_id, name, invoice_prefix) values ($1, $2, $3, 'Raw', $4)`, [store.rawTerminalId, store.terminal.tenantId, store.terminal.storeId, store.prefix])
    })
  }
  await owner.end()
  const pool = new pg.Pool({ connectionString: appUrl, max: cfg.rawConcurrency })
  let count = 0
  let measuring = false
  let stopping = false
  const latency = new Samples()
  const one = async (worker: number) => {
    const store = stores[worker % stores.length]!
    const { terminal, rawTerminalId } = store
    const client = await pool.connect()
    try {
      const started = performance.now()
      await client.query('begin')
      await client.query(`select set_config('app.tenant_id', $1, true)`, [terminal.tenantId])
      const invoiceId = uuidv7()
      const mine = ++store.seq
      const lines = terminal.items.map((item, index) => ({ item, quantity: 1 + (index % 3) }))
      const total = lines.reduce((sum, line) => sum + line.item.price * line.quantity, 0)
      await client.query(
        `insert into invoices (id, tenant_id, store_id, terminal_id, sale_id, doc_type, number, fy_label, seq, cashier_id, supplier_state_code,
           place_of_supply_state_code, supply_type, prices_include_tax, gross_paise, discount_paise, taxable_paise, cgst_paise, sgst_paise,
           igst_paise, cess_paise, total_paise, round_off_paise, grand_total_paise, issued_at)
         values ($1, $2, $3, $4, $5, 'tax_invoice', $6, $7, $8, $9, '29', '29', 'intra', true, $10, 0, $10, 0, 0, 0, 0, $10, 0, $10, now())`,
        [invoiceId, terminal.tenantId, terminal.storeId, rawTerminalId, uuidv7(), documentNumber('tax_invoice', store.prefix, fy, mine), fy, mine, terminal.cashierId, total]
      )
      const values: unknown[] = []
      const tuples = lines.map((line, index) => {
        const base = values.length
        values.push(terminal.tenantId, invoiceId, index + 1, `l${index + 1}`, line.item.itemId, line.item.sku, line.item.name, line.item.hsn, line.quantity, line.item.price, line.item.rate, line.item.price * line.quantity)
        const p = (k: number) => `$${base + k}`
        return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}, 0, 0, ${p(12)}, 0, 0, 0, 0, ${p(12)})`
      })
      await client.query(
        `insert into invoice_lines (tenant_id, invoice_id, line_no, line_id, item_id, sku, name, hsn, quantity, unit_price_paise, rate_percent,
           gross_paise, discount_paise, bill_discount_paise, taxable_paise, cgst_paise, sgst_paise, igst_paise, cess_paise, total_paise) values ${tuples.join(', ')}`,
        values
      )
      await client.query(`insert into invoice_tenders (tenant_id, invoice_id, position, tender_id, method, amount_paise) values ($1, $2, 1, 'cash', 'cash', $3)`, [terminal.tenantId, invoiceId, total])
      for (const line of [...lines].sort((a, b) => (a.item.itemId < b.item.itemId ? -1 : 1))) {
        const level = await client.query(
          `update stock_levels set on_hand = on_hand - $1, updated_at = now() where store_id = $2 and item_id = $3 returning on_hand`,
          [line.quantity, terminal.storeId, line.item.itemId]
        )
        await client.query(
          `insert into stock_movements (id, tenant_id, store_id, item_id, kind, quantity, on_hand_after, total_cost_paise, reference_type, reference_id)
           values ($1, $2, $3, $4, 'sale', $5, $6, $7, 'invoice', $8)`,
          [uuidv7(), terminal.tenantId, terminal.storeId, line.item.itemId, -line.quantity, level.rows[0]?.on_hand ?? -line.quantity, line.quantity * 1_000, invoiceId]
        )
      }
      await client.query('commit')
      if (measuring) {
        count++
        latency.push(performance.now() - started)
      }
    } catch (error) {
      await client.query('rollback').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }
  let rawWindow = 0
  await Promise.all(
    Array.from({ length: cfg.rawConcurrency }, async (_, worker) => {
      while (!stopping) await one(worker)
    }).concat(
      (async () => {
        await sleep(cfg.warmupMs)
        measuring = true
        const started = performance.now()
        await sleep(cfg.measureMs)
        measuring = false
        rawWindow = performance.now() - started
        stopping = true
      })()
    )
  )
  await pool.end()
  return { rawTerminalIds: stores.map((store) => store.rawTerminalId), salesPerSecond: round((count / rawWindow) * 1000, 1), transactions: count, latencyMs: summarize(latency.values()), concurrency: cfg.rawConcurrency }
}

// ---------------------------------------------------------------- checks

async function checks(scenario: Scenario, acked: number, rawTerminalIds: string[]) {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  let invoices = 0
  let gaps = 0
  try {
    for (const manager of scenario.managers) {
      await inTenant(client, manager.tenantId, async () => {
        const { rows } = await client.query(
          `select terminal_id, count(*)::int as n, max(seq)::int as top from invoices where terminal_id <> all($1::uuid[]) group by terminal_id`,
          [rawTerminalIds]
        )
        for (const row of rows) {
          invoices += row.n
          if (row.n !== row.top) gaps++
        }
      })
    }
  } finally {
    await client.end()
  }
  return { invoicesStored: invoices, completionsAcked: acked, terminalsWithGaps: gaps }
}

// ---------------------------------------------------------------- main

async function main() {
  const started = new Date()
  const results: Array<Record<string, unknown>> = []
  let node: Child | null = null
  try {
    const port = await freePort()
    node = await startChild({ name: 'node sales', root: ROOT, args: [TS, 'bin/server.ts'], env: { ...env, NODE_ID: 'bench-sales', HOST: '127.0.0.1', PORT: String(port), DATABASE_POOL_MAX: String(cfg.serverPool) }, port })
    for (const size of cfg.sizes) {
      log(`${size} terminals: fixtures`)
      const scenario = await createScenario(size, `t${size}`)
      log(`${size} terminals: connecting, signing in, opening shifts, receiving stock`)
      const tills = await prepare(node.url, scenario)
      log(`${size} terminals: selling (${cfg.warmupMs / 1000} s warm-up, ${cfg.measureMs / 1000} s measured)`)
      const cpuBefore = cpuMs(node.pid) ?? 0
      const sold = await load(tills)
      const cpuUsed = (cpuMs(node.pid) ?? 0) - cpuBefore
      for (const till of tills) till.socket.close()
      const acked = tills.reduce((sum, till) => sum + till.invoiceSeq, 0)
      log(`${size} terminals: raw inserts of the same rows (${cfg.rawConcurrency} connections)`)
      const raw = await rawInserts(scenario)
      const salesPerSecond = round((sold.inWindow / sold.windowMs) * 1000, 1)
      const result = {
        terminals: size,
        salesPerSecond,
        salesInWindow: sold.inWindow,
        windowSeconds: round(sold.windowMs / 1000, 2),
        completionLatencyMs: sold.completion,
        saleLatencyMs: sold.sale,
        commandsPerSale: 4 + cfg.linesPerSale,
        /** The ceiling the till pacing sets: terminals × rate ÷ commands per sale. */
        pacingCeilingSalesPerSecond: round((size * cfg.ratePerTerminal) / (4 + cfg.linesPerSale), 1),
        serverCpuCoresUsed: round(cpuUsed / (cfg.warmupMs + cfg.measureMs), 2),
        errors: sold.errors,
        firstError: sold.firstError,
        raw: { salesPerSecond: raw.salesPerSecond, transactions: raw.transactions, latencyMs: raw.latencyMs, concurrency: raw.concurrency },
        ratioActorToRaw: raw.salesPerSecond > 0 ? round(salesPerSecond / raw.salesPerSecond, 3) : null,
        checks: await checks(scenario, acked, raw.rawTerminalIds),
      }
      log(`${size} terminals: ${salesPerSecond} sales/s, completion p50 ${sold.completion?.p50} ms p99 ${sold.completion?.p99} ms; raw ${raw.salesPerSecond}/s; ratio ${result.ratioActorToRaw}`)
      results.push(result)
    }
  } finally {
    await stopAll()
  }
  const report = {
    suite: 'sales',
    mode: cfg.mode,
    startedAt: started.toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGb: round(os.totalmem() / 2 ** 30, 1), node: process.version },
    config: cfg,
    results,
  }
  const json = JSON.stringify(report, null, 2)
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
  writeFileSync(join(ROOT, `bench/results/sales-${started.toISOString().replace(/[:.]/g, '-')}.json`), json)
  process.stdout.write(`${json}\n`)
}

main().catch(async (error) => {
  console.error(error)
  await stopAll()
  process.exit(1)
})
