/*
 * Actor activation from snapshot, measured in-process against the real
 * runtime code (a child of bench/run.ts, IPC).
 *
 * The app is booted in the `console` environment (database, Redis and config
 * providers; no HTTP server, no Socket.IO gateway, no timer poller). A private
 * ActorHost (single-node placement) with the store and terminal kinds:
 *  1. builds long journals: each store actor gets ~`transitions` durable steps
 *     through `host.dispatch` (10 terminals registered and connected, then outbox
 *     reports that flip the depth), so the host writes a snapshot every 25 steps
 *     and the tail after the last snapshot varies from actor to actor;
 *  2. measures `ActorHost.load(ref)` on a second, fresh host (nothing cached):
 *     one transaction that reads the actor row, the latest snapshot and the
 *     journal tail, resolves the snapshot and replays the tail;
 *  3. the same with the snapshot rows removed (full journal replay), for contrast,
 *     then puts the snapshots back;
 *  4. a breakdown of one activation (database reads vs. resolve + replay CPU),
 *     re-doing #rebuild's steps with the repository the host uses.
 */
import { Ignitor } from '@adonisjs/core'
import { createHash } from 'node:crypto'
import { v7 as uuidv7 } from 'uuid'
import { transition, type AnyMachineSnapshot } from 'xstate'
import { Samples, summarize } from './lib/stats.js'

export interface ActivationSpec {
  tenantId: string
  /** The first store is a warm-up actor, not measured. */
  storeIds: string[]
  /** Target journal length per store (same order). */
  transitions: number[]
  terminalsPerStore: number
  loadPasses: number
}

const APP_ROOT = new URL('../', import.meta.url)
const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) return import(new URL(filePath, APP_ROOT).href)
  return import(filePath)
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')

process.once('message', (spec: ActivationSpec) => {
  run(spec).then(
    (result) => process.send?.({ type: 'result', result }, () => process.exit(0)),
    (error: Error) => process.send?.({ type: 'error', message: error.stack ?? String(error) }, () => process.exit(1))
  )
})
process.send?.({ type: 'ready' })

async function run(spec: ActivationSpec) {
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
    return await measure(spec)
  } finally {
    await app.terminate()
  }
}

async function measure(spec: ActivationSpec) {
  const { ActorHost } = await import('#core/actors/actor_host')
  const { actorRepository } = await import('#core/actors/actor_repository')
  const { withTenant } = await import('#core/db/tenancy')
  const { storeActorKind, terminalActorKind } = await import('#modules/tenancy/index')
  const { default: db } = await import('@adonisjs/lucid/services/db')

  const newHost = (name: string) => {
    const host = new ActorHost({ nodeId: name })
    host.register(storeActorKind)
    host.register(terminalActorKind)
    return host
  }
  const refOf = (storeId: string) => ({ tenantId: spec.tenantId, kind: 'store', actorId: storeId })

  // 1. Long journals.
  const builder = newHost('bench-activation-builder')
  const buildStart = performance.now()
  let steps = 0
  const finalSeq = await Promise.all(
    spec.storeIds.map(async (storeId, i) => {
      const ref = refOf(storeId)
      const target = spec.transitions[i]!
      const terminals = Array.from({ length: spec.terminalsPerStore }, (_, k) => ({ id: uuidv7(), name: `Counter ${k + 1}`, depth: 0 }))
      const step = async (event: { type: string; [k: string]: unknown }) => {
        const outcome = await builder.dispatch({
          ref,
          commandId: uuidv7(),
          commandType: event.type,
          payloadHash: sha256Hex(JSON.stringify(event)),
          event,
          sender: { userId: null, deviceId: null },
        })
        steps++
        if (!outcome.ok) throw new Error(`build step ${event.type} failed: ${JSON.stringify(outcome.error)}`)
        return outcome.data.actorSeq
      }
      let seq = 0
      for (const t of terminals) seq = await step({ type: 'terminal.register', terminalId: t.id, name: t.name })
      for (const t of terminals) seq = await step({ type: 'terminal.connected', terminalId: t.id })
      for (let j = 0; seq < target; j++) {
        const t = terminals[j % terminals.length]!
        t.depth = t.depth === 0 ? 1 : 0
        seq = await step({ type: 'terminal.outboxReported', terminalId: t.id, depth: t.depth })
      }
      return seq
    })
  )
  const buildMs = performance.now() - buildStart
  await builder.stop()

  const measured = spec.storeIds.slice(1)
  const shuffled = () => [...measured].sort(() => Math.random() - 0.5)

  // 2. ActorHost.load on a fresh host, one at a time.
  const loader = newHost('bench-activation-loader')
  await loader.load(refOf(spec.storeIds[0]!)) // warm-up (code paths), not measured
  const firstPass = new Samples()
  const laterPasses = new Samples()
  for (let pass = 0; pass < spec.loadPasses; pass++) {
    for (const storeId of shuffled()) {
      const t0 = performance.now()
      await loader.load(refOf(storeId))
      const dt = performance.now() - t0
      ;(pass === 0 ? firstPass : laterPasses).push(dt)
    }
  }

  // 4. Breakdown (same steps as ActorHost#rebuild, timed separately).
  const kind = storeActorKind
  const readMs = new Samples()
  const cpuMs = new Samples()
  const tailLengths: number[] = []
  for (const storeId of shuffled()) {
    const ref = refOf(storeId)
    await withTenant(ref.tenantId, async (trx) => {
      const t0 = performance.now()
      const row = await trx.from('actors').select('seq').where({ tenant_id: ref.tenantId, kind: ref.kind, actor_id: ref.actorId }).first()
      const found = await actorRepository.latestSnapshot(trx, ref)
      const from = found ? found.seq : 0
      const tail = await actorRepository.journalTail(trx, ref, from, Number(row.seq))
      const t1 = performance.now()
      let snapshot: AnyMachineSnapshot = kind.machine.resolveState(found!.snapshot as never)
      for (const entry of tail) snapshot = transition(kind.machine, snapshot, entry.event as never)[0]
      const t2 = performance.now()
      readMs.push(t1 - t0)
      cpuMs.push(t2 - t1)
      tailLengths.push(tail.length)
    })
  }

  // 3. Without snapshots: the whole journal is replayed.
  const owner = db.connection('owner')
  const saved = await owner.transaction(async (trx) => {
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [spec.tenantId])
    const rows = await trx.from('actor_snapshots').select('*').where('kind', 'store').whereIn('actor_id', measured)
    await trx.from('actor_snapshots').where('kind', 'store').whereIn('actor_id', measured).delete()
    return rows
  })
  const replay = new Samples()
  const replayHost = newHost('bench-activation-replay')
  for (const storeId of shuffled()) {
    const t0 = performance.now()
    await replayHost.load(refOf(storeId))
    replay.push(performance.now() - t0)
  }
  await owner.transaction(async (trx) => {
    await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [spec.tenantId])
    for (const row of saved) {
      await trx.table('actor_snapshots').insert({ ...row, snapshot: JSON.stringify(row.snapshot) })
    }
  })
  await loader.stop()
  await replayHost.stop()

  const seqs = finalSeq.slice(1)
  return {
    actors: measured.length,
    journalLength: { min: Math.min(...seqs), max: Math.max(...seqs) },
    tailAfterSnapshot: { min: Math.min(...tailLengths), max: Math.max(...tailLengths), mean: tailLengths.reduce((a, b) => a + b, 0) / tailLengths.length },
    build: { steps, ms: Math.round(buildMs), stepsPerS: Math.round((steps / buildMs) * 1000) },
    loadFromSnapshotMs: { firstPass: summarize(firstPass.values()), laterPasses: summarize(laterPasses.values()) },
    breakdownMs: { databaseReads: summarize(readMs.values()), resolveAndReplay: summarize(cpuMs.values()) },
    fullReplayWithoutSnapshotMs: summarize(replay.values()),
  }
}
