/*
 * The stock bench (npm run bench, suite `stock`): stock movements per second
 * through the store actor, against the same movements through the stock
 * contract without the actor, and as bare SQL. It measures; no number is
 * pass/fail.
 *
 *   node --import=@poppinss/ts-exec bench/stock.ts [--quick] [--seconds=10] [--warmup=2]
 *        [--concurrency=4,16,32] [--lines=1,5] [--stores=4] [--items=1000]
 *
 * Needs the environment of a fresh, migrated database (DATABASE_URL,
 * DATABASE_OWNER_URL, REDIS_URL, APP_KEY, JWT_SECRET), as scripts/tasks/bench.mjs
 * provides. The app is booted in-process in the `console` environment (no HTTP
 * server, no sockets, no timer poller), with a private ActorHost (single-node
 * placement) hosting the store kind and the inventory module's stock effects.
 *
 *  1. Fixtures (owner role, tenant set): one tenant, `stores` stores, `items` items.
 *  2. Opening stock: every item received into every store through the actor, in
 *     commands of 500 lines (bulk receipts).
 *  3. For each line count L and concurrency C: C dispatchers, dispatcher i sending
 *     to store i mod S, one command at a time: a mix of receipts (+, at a cost),
 *     adjustments (−1) and write-offs (−0.5) of L random items. Each command is one
 *     durable step: journal entry, L movements with FIFO layers, L stock.changed
 *     facts (store events), on-hand updates. Movements/s and command latency.
 *  4. The same mix through applyStockMovements in plain tenant transactions
 *     (what another actor's step does, e.g. a sale), without the store actor.
 *  5. The same movements as bare SQL on the same pool (update on-hand, insert the
 *     movement; no cost layers, no facts, no journal): the floor to compare with.
 *  6. The ledger invariant is checked afterwards (on-hand = sum of movements).
 *
 * Results: bench/results/stock-<timestamp>.json and stdout; progress on stderr.
 */
import { Ignitor } from '@adonisjs/core'
import { createHash, randomInt } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { v7 as uuidv7 } from 'uuid'
import { createOpsFixture } from './lib/fixtures.js'
import { Samples, round, sleep, summarize } from './lib/stats.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const argv = process.argv.slice(2)
const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const quick = argv.includes('--quick')
const list = (value: string) => value.split(',').map(Number)
const cfg = {
  mode: quick ? 'quick' : 'full',
  stores: Number(flag('stores') ?? 4),
  items: Number(flag('items') ?? 1000),
  concurrency: list(flag('concurrency') ?? (quick ? '4,16' : '4,16,32')),
  lines: list(flag('lines') ?? '1,5'),
  warmupMs: Number(flag('warmup') ?? (quick ? 1 : 2)) * 1000,
  measureMs: Number(flag('seconds') ?? (quick ? 3 : 10)) * 1000,
  openingLinesPerCommand: 500,
}

const env = process.env
for (const name of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'REDIS_URL', 'JWT_SECRET', 'APP_KEY']) {
  if (!env[name]) throw new Error(`bench/stock.ts: ${name} is not set (run it with npm run bench -- --only=stock)`)
}
// Enough pooled connections for the widest scenario without the actor (each dispatcher holds one);
// every path uses this one pool, so the bench never holds more (Postgres' max_connections is shared).
env.DATABASE_POOL_MAX ??= String(Math.max(10, Math.max(...cfg.concurrency) + 4))
env.NODE_ID ??= 'bench-stock'

const log = (message: string) => console.error(`[bench:stock] ${message}`)
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')

const APP_ROOT = new URL('../', import.meta.url)
const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) return import(new URL(filePath, APP_ROOT).href)
  return import(filePath)
}

// ---------------------------------------------------------------- fixtures

async function createItems(ownerUrl: string, tenantId: string, count: number) {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  const ids = Array.from({ length: count }, () => uuidv7())
  try {
    await client.query('begin')
    await client.query(`select set_config('app.tenant_id', $1, true)`, [tenantId])
    const taxClassId = uuidv7()
    const productId = uuidv7()
    await client.query(`insert into tax_classes (id, tenant_id, code, name) values ($1, $2, 'GST5', 'GST 5%')`, [taxClassId, tenantId])
    await client.query(
      `insert into products (id, tenant_id, name, hsn_sac, tax_class_id, unit, fractional) values ($1, $2, 'Bench goods', '1006', $3, 'KGS', true)`,
      [productId, tenantId, taxClassId]
    )
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500)
      const values: unknown[] = []
      const tuples = chunk.map((id, k) => {
        values.push(id, tenantId, productId, `B-${String(i + k + 1).padStart(6, '0')}`, `Bench item ${i + k + 1}`)
        const n = values.length
        return `($${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n}, 1000, 10)`
      })
      await client.query(`insert into items (id, tenant_id, product_id, sku, name, cost_paise, reorder_level) values ${tuples.join(', ')}`, values)
    }
    await client.query('commit')
  } finally {
    await client.end()
  }
  return ids
}

// ---------------------------------------------------------------- workload

type Line = { itemId: string; quantity: string; unitCostPaise?: number }
type Command = { kind: 'receipt' | 'adjustment' | 'wastage'; lines: Line[]; reason: string | null }

/** The mix: 4 in 10 receipts (+1..3 at a cost), 4 adjustments (−1), 2 write-offs (−0.5); stock only grows on balance. */
function nextCommand(n: number, items: string[], lineCount: number): Command {
  const picked = new Set<string>()
  while (picked.size < lineCount) picked.add(items[randomInt(items.length)]!)
  const slot = n % 10
  if (slot < 4) return { kind: 'receipt', reason: null, lines: [...picked].map((itemId) => ({ itemId, quantity: String(1 + (n % 3)), unitCostPaise: 900 + randomInt(200) })) }
  if (slot < 8) return { kind: 'adjustment', reason: 'bench count', lines: [...picked].map((itemId) => ({ itemId, quantity: '-1' })) }
  return { kind: 'wastage', reason: 'bench write-off', lines: [...picked].map((itemId) => ({ itemId, quantity: '0.5' })) }
}

interface ScenarioResult {
  path: 'actor' | 'contract' | 'sql'
  lines: number
  concurrency: number
  windowMs: number
  commands: number
  movements: number
  movementsPerS: number
  commandsPerS: number
  latencyMs: ReturnType<typeof summarize>
  errors: Record<string, number>
  /** CPU of this process (the app: actor host, services, pg driver) per movement; Postgres is not included. */
  appCpuMsPerMovement: number | null
}

/**
 * Runs `send` from `concurrency` closed loops for warm-up + measure; only commands that
 * start and finish inside the measure window count.
 */
async function closedLoops(
  label: Omit<ScenarioResult, 'windowMs' | 'commands' | 'movements' | 'movementsPerS' | 'commandsPerS' | 'latencyMs' | 'errors' | 'appCpuMsPerMovement'>,
  send: (worker: number, n: number) => Promise<string | null>
): Promise<ScenarioResult> {
  const samples = new Samples()
  const errors: Record<string, number> = {}
  let commands = 0
  const t0 = performance.now()
  const measureFrom = t0 + cfg.warmupMs
  const measureTo = measureFrom + cfg.measureMs
  let cpuStart: NodeJS.CpuUsage | null = null
  let cpuEnd: NodeJS.CpuUsage | null = null
  const marks = (async () => {
    await sleep(cfg.warmupMs)
    cpuStart = process.cpuUsage()
    await sleep(cfg.measureMs)
    cpuEnd = process.cpuUsage(cpuStart)
  })()
  await Promise.all(
    Array.from({ length: label.concurrency }, async (_, worker) => {
      for (let n = worker; performance.now() < measureTo; n += label.concurrency) {
        const start = performance.now()
        const error = await send(worker, n).catch((e: Error & { code?: string }) => e.code ?? e.message)
        const end = performance.now()
        if (start < measureFrom || end > measureTo) continue
        if (error) errors[error] = (errors[error] ?? 0) + 1
        else {
          commands++
          samples.push(end - start)
        }
      }
    })
  )
  await marks
  const movements = commands * label.lines
  const cpu = cpuEnd as NodeJS.CpuUsage | null
  const result: ScenarioResult = {
    ...label,
    windowMs: cfg.measureMs,
    commands,
    movements,
    movementsPerS: round((movements / cfg.measureMs) * 1000, 1),
    commandsPerS: round((commands / cfg.measureMs) * 1000, 1),
    latencyMs: summarize(samples.values()),
    errors,
    appCpuMsPerMovement: cpu && movements > 0 ? round((cpu.user + cpu.system) / 1000 / movements, 3) : null,
  }
  log(
    `${label.path.padEnd(8)} L=${label.lines} C=${String(label.concurrency).padStart(3)}: ${String(result.movementsPerS).padStart(8)} movements/s ` +
      `(${result.commandsPerS} commands/s)  p50 ${result.latencyMs?.p50 ?? '-'} ms  p99 ${result.latencyMs?.p99 ?? '-'} ms  errors ${JSON.stringify(errors)}`
  )
  return result
}

// ---------------------------------------------------------------- main

async function main() {
  const started = new Date()
  log(`mode ${cfg.mode}: ${cfg.stores} stores x ${cfg.items} items; lines ${cfg.lines.join(',')}; concurrency ${cfg.concurrency.join(',')}; ${cfg.warmupMs / 1000}+${cfg.measureMs / 1000} s per scenario`)
  const ops = await createOpsFixture(env.DATABASE_OWNER_URL!, { activation: cfg.stores, warmup: 0, memory: 0 })
  const tenantId = ops.tenantId
  const stores = ops.activationStores
  const items = await createItems(env.DATABASE_OWNER_URL!, tenantId, cfg.items)

  const ignitor = new Ignitor(APP_ROOT, { importer: IMPORTER }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
  })
  const app = ignitor.createApp('console')
  await app.init()
  await app.boot()
  await app.start(() => {})
  try {
    const { ActorHost } = await import('#core/actors/actor_host')
    const { withTenant } = await import('#core/db/tenancy')
    const { storeActorKind } = await import('#modules/tenancy/index')
    const { applyStockMovements, inventoryModule, ledgerService } = await import('#modules/inventory/index')

    const host = new ActorHost({ nodeId: 'bench-stock' })
    host.register(storeActorKind)
    host.addEffects('store', inventoryModule.effects!.store!)
    const ref = (storeId: string) => ({ tenantId, kind: 'store', actorId: storeId })
    const dispatch = async (storeId: string, command: Command) => {
      const event = { type: 'stock.record', by: null, kind: command.kind, lines: command.lines, reason: command.reason, reference: null }
      const outcome = await host.dispatch({
        ref: ref(storeId),
        commandId: uuidv7(),
        commandType: `stock.${command.kind}`,
        payloadHash: sha256Hex(JSON.stringify(event)),
        event,
        sender: { userId: null, deviceId: null },
      })
      return outcome.ok ? null : outcome.error.code
    }

    // Opening stock, 500 lines per command, all stores at once.
    const openingStart = performance.now()
    const openingLatency = new Samples()
    await Promise.all(
      stores.map(async (storeId) => {
        for (let i = 0; i < items.length; i += cfg.openingLinesPerCommand) {
          const lines = items.slice(i, i + cfg.openingLinesPerCommand).map((itemId) => ({ itemId, quantity: '100000', unitCostPaise: 900 + randomInt(200) }))
          const t = performance.now()
          const error = await dispatch(storeId, { kind: 'receipt', reason: null, lines })
          openingLatency.push(performance.now() - t)
          if (error) throw new Error(`opening receipt refused: ${error}`)
        }
      })
    )
    const openingMs = performance.now() - openingStart
    const openingMovements = stores.length * items.length
    const opening = {
      movements: openingMovements,
      linesPerCommand: cfg.openingLinesPerCommand,
      ms: Math.round(openingMs),
      movementsPerS: round((openingMovements / openingMs) * 1000, 1),
      commandLatencyMs: summarize(openingLatency.values()),
    }
    log(`opening stock: ${openingMovements} movements in ${opening.ms} ms (${opening.movementsPerS}/s, ${cfg.openingLinesPerCommand}-line receipts)`)

    const scenarios: ScenarioResult[] = []

    // Through the store actor.
    for (const lines of cfg.lines) {
      for (const concurrency of cfg.concurrency) {
        scenarios.push(await closedLoops({ path: 'actor', lines, concurrency }, (worker, n) => dispatch(stores[worker % stores.length]!, nextCommand(n, items, lines))))
      }
    }

    // The stock contract in plain transactions, as another actor's step calls it.
    for (const lines of cfg.lines) {
      for (const concurrency of cfg.concurrency) {
        scenarios.push(
          await closedLoops({ path: 'contract', lines, concurrency }, async (worker, n) => {
            const storeId = stores[worker % stores.length]!
            const command = nextCommand(n, items, lines)
            const stepRef = { tenantId, kind: 'sale', actorId: uuidv7() }
            await withTenant(tenantId, (trx) =>
              applyStockMovements(
                {
                  trx,
                  ref: stepRef,
                  request: { ref: stepRef, commandId: uuidv7(), commandType: 'bench', payloadHash: 'bench', event: { type: 'bench' }, sender: { userId: null, deviceId: null } },
                  seq: 1,
                  context: null,
                  at: new Date().toISOString(),
                  // No store event sequence here: facts are counted, not written.
                  emitFact: async () => {},
                },
                { storeId, kind: command.kind, lines: command.lines, reason: command.reason, reference: { type: 'bench', id: String(n) } }
              )
            )
            return null
          })
        )
      }
    }

    // Bare SQL on the same pool and driver: the movement row and the on-hand update, nothing else.
    for (const lines of cfg.lines) {
      for (const concurrency of cfg.concurrency) {
        scenarios.push(
          await closedLoops({ path: 'sql', lines, concurrency }, async (worker, n) => {
            const storeId = stores[worker % stores.length]!
            const command = nextCommand(n, items, lines)
            await withTenant(tenantId, async (trx) => {
              // Item id order, as the ledger locks, so concurrent commands cannot deadlock.
              for (const line of [...command.lines].sort((a, b) => (a.itemId < b.itemId ? -1 : 1))) {
                const delta = command.kind === 'wastage' ? `-${line.quantity}` : line.quantity
                const { rows } = await trx.rawQuery(
                  `update stock_levels set on_hand = on_hand + ?::numeric where tenant_id = ? and store_id = ? and item_id = ? returning on_hand`,
                  [delta, tenantId, storeId, line.itemId]
                )
                await trx.rawQuery(
                  `insert into stock_movements (id, tenant_id, store_id, item_id, kind, quantity, on_hand_after, unit_cost_paise, total_cost_paise, reason, reference_type, reference_id)
                   values (?, ?, ?, ?, ?, ?::numeric, ?, ?, 0, ?, 'bench', ?)`,
                  [uuidv7(), tenantId, storeId, line.itemId, command.kind, delta, rows[0].on_hand, line.unitCostPaise ?? null, command.reason, String(n)]
                )
              }
            })
            return null
          })
        )
      }
    }

    const check = await ledgerService.verify({ tenantId, source: 'ace' })
    log(`ledger check: ${check.checked} stock levels, ${check.mismatches.length} mismatches`)
    await host.stop()

    const pick = (path: string, lines: number, concurrency: number) => scenarios.find((s) => s.path === path && s.lines === lines && s.concurrency === concurrency)
    const comparison = cfg.lines.flatMap((lines) =>
      cfg.concurrency.map((concurrency) => {
        const actor = pick('actor', lines, concurrency)!
        const contract = pick('contract', lines, concurrency)!
        const sql = pick('sql', lines, concurrency)!
        return {
          lines,
          concurrency,
          movementsPerS: { actor: actor.movementsPerS, contract: contract.movementsPerS, sql: sql.movementsPerS },
          p50Ms: { actor: actor.latencyMs?.p50 ?? null, contract: contract.latencyMs?.p50 ?? null, sql: sql.latencyMs?.p50 ?? null },
          p99Ms: { actor: actor.latencyMs?.p99 ?? null, contract: contract.latencyMs?.p99 ?? null, sql: sql.latencyMs?.p99 ?? null },
          actorOverSql: sql.movementsPerS > 0 ? round(actor.movementsPerS / sql.movementsPerS, 3) : null,
        }
      })
    )

    const finished = new Date()
    const cpus = os.cpus()
    const report = {
      schema: 'pos-bench/stock@1',
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationS: Math.round((finished.getTime() - started.getTime()) / 1000),
      mode: cfg.mode,
      machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? null, node: process.versions.node, loadavgAtEnd: os.loadavg().map((v) => round(v, 2)) },
      config: { stores: cfg.stores, items: cfg.items, lines: cfg.lines, concurrency: cfg.concurrency, warmupS: cfg.warmupMs / 1000, measureS: cfg.measureMs / 1000 },
      method: {
        actor:
          'ActorHost.dispatch of stock.record to the store actor (dispatcher i → store i mod S, closed loop): one durable step per command — ' +
          'command claim, actor row lock, journal entry, L movements with FIFO layer consumption or opening, L stock.changed store events, on-hand updates.',
        contract: 'applyStockMovements in a plain tenant transaction per command (what a sale step does), same mix; facts not written.',
        sql: 'per command one tenant transaction on the same pool and driver: per line UPDATE stock_levels (on_hand + delta) and INSERT stock_movements; no layers, facts or journal.',
        mix: '4 in 10 receipts (+1..3 at 900..1099 paise), 4 adjustments (−1), 2 write-offs (−0.5), L distinct random items each.',
        latency: 'per command, dispatch to outcome, ms; only commands that start and end inside the measure window count.',
        sharedMachine: 'Postgres, this process and whatever else runs here share the same cores; throughput is a lower bound.',
      },
      opening,
      scenarios,
      comparison,
      ledgerCheck: { checked: check.checked, mismatches: check.mismatches.length },
    }
    const resultsDir = join(ROOT, 'bench/results')
    mkdirSync(resultsDir, { recursive: true })
    const file = join(resultsDir, `stock-${started.toISOString().replace(/[:.]/g, '-')}.json`)
    writeFileSync(file, JSON.stringify(report, null, 2))
    log(`results: ${file}`)
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  } finally {
    await app.terminate()
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  }
)
