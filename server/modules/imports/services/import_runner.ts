/*
 * Runs import jobs in the background on the node that received the upload.
 * The file is parsed as a stream and processed in batches of a few hundred
 * rows, one transaction per batch (its catalog writes, its report lines and the
 * job's counters commit together); between batches the event loop is given
 * back, so requests and sockets keep being served during a large import.
 */
import { rm } from 'node:fs/promises'
import { setImmediate as nextTurn } from 'node:timers/promises'
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import type { CatalogFileFormat, JobProgress } from '@pos/protocols'
import { AppError } from '#core/errors'
import { withTenant, type Tx } from '#core/db/tenancy'
import { recordAudit } from '#modules/audit/index'
import { importErrors } from '../errors.js'
import { readTable } from '../formats/table_reader.js'
import { catalogRepository } from '../repositories/catalog_repository.js'
import { importJobRepository, type BatchCounts } from '../repositories/import_job_repository.js'
import { BatchPlanner, JobMemory } from './batch_planner.js'
import { isBlankRow, mapHeader, parseRow, type ColumnMap, type Issue, type ParsedRow } from './row_parser.js'

/** Rows per batch (and per transaction). */
export const BATCH_ROWS = 250
/** Report lines stored per job; the job counts every issue. */
export const MAX_STORED_ISSUES = 1000
/** Progress pushes per job and second, at most (the final state is always pushed). */
const PROGRESS_INTERVAL_MS = 250

export interface ImportTask {
  jobId: string
  tenantId: string
  userId: string
  path: string
  format: CatalogFileFormat
  fileName: string | null
  requestId: string | null
}

interface Totals extends BatchCounts {
  /** Report lines stored so far (≤ MAX_STORED_ISSUES). */
  stored: number
}

/** Data rows of a file (blank rows and the header excluded). */
export async function countDataRows(path: string, format: CatalogFileFormat): Promise<number> {
  let rows = 0
  let header = false
  for await (const source of readTable(path, format)) {
    if (isBlankRow(source.cells)) continue
    if (header) rows += 1
    else header = true
  }
  return rows
}

class ProgressReporter {
  #last = 0
  readonly #task: ImportTask

  constructor(task: ImportTask) {
    this.#task = task
  }

  async send(progress: Omit<JobProgress, 'jobId' | 'kind'>, force = false) {
    const now = Date.now()
    if (!force && now - this.#last < PROGRESS_INTERVAL_MS) return
    this.#last = now
    await emitter.emit('job:progress', {
      tenantId: this.#task.tenantId,
      userId: this.#task.userId,
      progress: { jobId: this.#task.jobId, kind: 'catalog.import', ...progress },
    })
  }
}

export class ImportRunner {
  readonly #running = new Map<string, Promise<void>>()
  #stopping = false

  /** Accepts jobs again (after stop). */
  start() {
    this.#stopping = false
  }

  /** Starts a job in the background; its outcome is recorded on the job row. */
  run(task: ImportTask) {
    const done = this.#execute(task).finally(() => this.#running.delete(task.jobId))
    this.#running.set(task.jobId, done)
  }

  /** Jobs still running end at their next batch boundary, failed as interrupted. */
  async stop() {
    this.#stopping = true
    await Promise.allSettled([...this.#running.values()])
  }

  async #execute(task: ImportTask) {
    const progress = new ProgressReporter(task)
    const totals: Totals = { processed: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, issues: 0, stored: 0 }
    let total: number | null = null
    const report = (status: JobProgress['status'], force = false, message?: string) =>
      progress.send(
        {
          status,
          processed: totals.processed,
          total,
          accepted: totals.created + totals.updated + totals.unchanged,
          rejected: totals.rejected,
          ...(message ? { message } : {}),
        },
        force
      )
    try {
      if (this.#stopping) throw importErrors.interrupted()
      // A CSV is cheap to count first, which gives the progress bar its end.
      total = task.format === 'csv' ? await countDataRows(task.path, task.format) : null
      await withTenant(task.tenantId, (trx) => importJobRepository.markRunning(trx, task.jobId, total))
      await report('running', true)
      const memory = new JobMemory()
      let columns: ColumnMap | null = null
      let batch: ParsedRow[] = []
      for await (const source of readTable(task.path, task.format)) {
        if (isBlankRow(source.cells)) continue
        if (!columns) {
          columns = mapHeader(source.cells)
          continue
        }
        batch.push(parseRow(source, columns))
        if (batch.length < BATCH_ROWS) continue
        await this.#batch(task, batch, memory, totals)
        batch = []
        await report('running')
        await nextTurn()
        if (this.#stopping) throw importErrors.interrupted()
      }
      if (batch.length > 0) await this.#batch(task, batch, memory, totals)
      total = totals.processed
      await this.#finish(task, totals, { status: 'succeeded', totalRows: total })
      await report('succeeded', true)
    } catch (error) {
      const expected = error instanceof AppError
      if (!expected) logger.error({ err: error, jobId: task.jobId }, 'catalog import failed')
      const failure = expected
        ? { code: error.code, message: error.message }
        : { code: 'E_INTERNAL', message: 'The import failed unexpectedly; it has been logged' }
      try {
        await this.#finish(task, totals, { status: 'failed', totalRows: null, error: failure })
        await report('failed', true, failure.message)
      } catch (finishError) {
        logger.error({ err: finishError, jobId: task.jobId }, 'recording the end of a catalog import failed')
      }
    } finally {
      await rm(task.path, { force: true }).catch(() => {})
    }
  }

  /**
   * One batch in one transaction. When the transaction fails (another writer
   * saved a conflicting change between the snapshot and the writes), the batch
   * is retried row by row, so only the colliding rows are refused.
   */
  async #batch(task: ImportTask, rows: ParsedRow[], memory: JobMemory, totals: Totals) {
    memory.checkpoint()
    try {
      const counts = await withTenant(task.tenantId, async (trx) => {
        const priceListId = await catalogRepository.defaultPriceList(trx, task.tenantId, false)
        const snapshot = await catalogRepository.loadSnapshot(trx, { priceListId, ...keysOf(rows) })
        const planner = new BatchPlanner(snapshot, memory)
        const counts: BatchCounts = { processed: rows.length, created: 0, updated: 0, unchanged: 0, rejected: 0, issues: 0 }
        const issues: Issue[] = []
        for (const row of rows) {
          const planned = planner.plan(row)
          counts[planned.outcome] += 1
          issues.push(...planned.issues)
        }
        await catalogRepository.applyWrites(trx, task.tenantId, priceListId, planner.writes)
        return this.#record(trx, task, totals, counts, issues)
      })
      memory.checkpoint()
      this.#add(totals, counts)
    } catch (error) {
      memory.rollback()
      if (error instanceof AppError || rows.length === 1) throw error
      logger.warn({ err: error, jobId: task.jobId }, 'a catalog import batch collided with another change; retrying row by row')
      for (const row of rows) {
        try {
          await this.#batch(task, [row], memory, totals)
        } catch (rowError) {
          if (rowError instanceof AppError) throw rowError
          await this.#refuse(task, row, memory, totals)
        }
      }
    }
  }

  /** A row that could not be saved even alone: reported, nothing written. */
  async #refuse(task: ImportTask, row: ParsedRow, memory: JobMemory, totals: Totals) {
    const issue: Issue = { row: row.row, column: null, sku: row.sku, reason: 'the row collided with a change saved at the same time; import the file again' }
    const counts = await withTenant(task.tenantId, (trx) =>
      this.#record(trx, task, totals, { processed: 1, created: 0, updated: 0, unchanged: 0, rejected: 1, issues: 1 }, [issue])
    )
    if (row.sku !== null && memory.skuRow(row.sku) === undefined) memory.rememberSku(row.sku, row.row)
    memory.checkpoint()
    this.#add(totals, counts)
  }

  /** Stores the batch's report lines (up to the cap) and adds its counts to the job. */
  async #record(trx: Tx, task: ImportTask, totals: Totals, counts: BatchCounts, issues: Issue[]) {
    const room = Math.max(0, MAX_STORED_ISSUES - totals.stored)
    const stored = issues.slice(0, room)
    counts.issues = issues.length
    await importJobRepository.addIssues(trx, task.tenantId, task.jobId, totals.stored + 1, stored)
    await importJobRepository.addBatch(trx, task.jobId, counts)
    return { ...counts, stored: stored.length }
  }

  #add(totals: Totals, counts: BatchCounts & { stored: number }) {
    totals.processed += counts.processed
    totals.created += counts.created
    totals.updated += counts.updated
    totals.unchanged += counts.unchanged
    totals.rejected += counts.rejected
    totals.issues += counts.issues
    totals.stored += counts.stored
  }

  async #finish(task: ImportTask, totals: Totals, outcome: Parameters<typeof importJobRepository.finish>[2]) {
    await withTenant(task.tenantId, async (trx) => {
      const row = await importJobRepository.finish(trx, task.jobId, outcome)
      if (!row) return
      await recordAudit(trx, {
        tenantId: task.tenantId,
        action: 'catalog.import.finished',
        actorUserId: task.userId,
        subjectType: 'catalog_import_job',
        subjectId: task.jobId,
        data: {
          status: outcome.status,
          fileName: task.fileName,
          rows: totals.processed,
          created: totals.created,
          updated: totals.updated,
          unchanged: totals.unchanged,
          rejected: totals.rejected,
          ...(outcome.error ? { error: outcome.error.code } : {}),
        },
        requestId: task.requestId,
      })
    })
  }
}

/** What a batch's snapshot must cover. */
function keysOf(rows: ParsedRow[]) {
  const skus = new Set<string>()
  const productNames = new Set<string>()
  const codes = new Set<string>()
  for (const row of rows) {
    if (row.sku !== null) skus.add(row.sku)
    const name = row.values.product ?? row.values.name
    if (name) productNames.add(name.toLowerCase())
    for (const barcode of row.values.barcodes ?? []) codes.add(barcode.code)
  }
  return { skus: [...skus], productNames: [...productNames], codes: [...codes] }
}

/** The node's one runner. */
export const importRunner = new ImportRunner()
