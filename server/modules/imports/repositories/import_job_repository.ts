import type { Tx } from '#core/db/tenancy'
import type { CatalogFileFormat, ImportIssue, ImportJob, ImportJobStatus } from '@pos/protocols'
import type { Issue } from '../services/row_parser.js'

export interface ImportJobRow {
  id: string
  tenant_id: string
  created_by: string
  file_name: string | null
  format: CatalogFileFormat
  file_bytes: string
  status: ImportJobStatus
  total_rows: number | null
  processed_rows: number
  created_items: number
  updated_items: number
  unchanged_items: number
  rejected_rows: number
  issue_count: number
  error_code: string | null
  error_message: string | null
  created_at: Date
  started_at: Date | null
  finished_at: Date | null
}

/** Counts of one committed batch, added to the job's. */
export interface BatchCounts {
  processed: number
  created: number
  updated: number
  unchanged: number
  rejected: number
  issues: number
}

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null)

export function toImportJob(row: ImportJobRow, storedIssueCap: number): ImportJob {
  return {
    id: row.id,
    status: row.status,
    fileName: row.file_name,
    format: row.format,
    fileBytes: Number(row.file_bytes),
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    accepted: row.created_items + row.updated_items + row.unchanged_items,
    created: row.created_items,
    updated: row.updated_items,
    unchanged: row.unchanged_items,
    rejected: row.rejected_rows,
    issueCount: row.issue_count,
    issuesTruncated: row.issue_count > storedIssueCap,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  }
}

const UNIQUE_VIOLATION = '23505'

export const importJobRepository = {
  /** Inserts a queued job; null when the tenant already has an unfinished one. */
  async insert(
    trx: Tx,
    job: { id: string; tenantId: string; createdBy: string; fileName: string | null; format: CatalogFileFormat; fileBytes: number }
  ): Promise<ImportJobRow | null> {
    try {
      // A savepoint, so the refusal leaves the surrounding transaction usable.
      return await trx.transaction(async (inner) => {
        const [row] = await inner
          .insertQuery()
          .table('catalog_import_jobs')
          .insert({
            id: job.id,
            tenant_id: job.tenantId,
            created_by: job.createdBy,
            file_name: job.fileName,
            format: job.format,
            file_bytes: job.fileBytes,
          })
          .returning('*')
        return row as ImportJobRow
      })
    } catch (error) {
      if ((error as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION) return null
      throw error
    }
  },

  async find(trx: Tx, jobId: string): Promise<ImportJobRow | null> {
    return ((await trx.from('catalog_import_jobs').select('*').where('id', jobId).first()) as ImportJobRow | null) ?? null
  },

  async recent(trx: Tx, limit: number): Promise<ImportJobRow[]> {
    return trx.from('catalog_import_jobs').select('*').orderBy('created_at', 'desc').limit(limit)
  },

  /**
   * Fails the tenant's unfinished jobs that stopped moving (their node went
   * away mid-import); returns them.
   */
  async failStale(trx: Tx, staleAfterSeconds: number, error: { code: string; message: string }): Promise<ImportJobRow[]> {
    return trx
      .from('catalog_import_jobs')
      .whereIn('status', ['queued', 'running'])
      .where('updated_at', '<', trx.raw(`now() - make_interval(secs => ?)`, [staleAfterSeconds]))
      .update({ status: 'failed', error_code: error.code, error_message: error.message, finished_at: trx.raw('now()'), updated_at: trx.raw('now()') })
      .returning('*')
  },

  async markRunning(trx: Tx, jobId: string, totalRows: number | null) {
    await trx
      .from('catalog_import_jobs')
      .where('id', jobId)
      .update({ status: 'running', total_rows: totalRows, started_at: trx.raw('now()'), updated_at: trx.raw('now()') })
  },

  async addBatch(trx: Tx, jobId: string, counts: BatchCounts) {
    await trx
      .from('catalog_import_jobs')
      .where('id', jobId)
      .update({
        processed_rows: trx.raw('processed_rows + ?', [counts.processed]),
        created_items: trx.raw('created_items + ?', [counts.created]),
        updated_items: trx.raw('updated_items + ?', [counts.updated]),
        unchanged_items: trx.raw('unchanged_items + ?', [counts.unchanged]),
        rejected_rows: trx.raw('rejected_rows + ?', [counts.rejected]),
        issue_count: trx.raw('issue_count + ?', [counts.issues]),
        updated_at: trx.raw('now()'),
      })
  },

  /** Appends report lines numbered from `firstSeq`. */
  async addIssues(trx: Tx, tenantId: string, jobId: string, firstSeq: number, issues: Issue[]) {
    if (issues.length === 0) return
    await trx.table('catalog_import_issues').multiInsert(
      issues.map((issue, index) => ({
        tenant_id: tenantId,
        job_id: jobId,
        seq: firstSeq + index,
        row_number: issue.row,
        column_name: issue.column,
        sku: issue.sku?.slice(0, 100) ?? null,
        reason: issue.reason.slice(0, 500),
      }))
    )
  },

  /** Ends a job; a job still unfinished is the only one changed (a stale sweep may have ended it). */
  async finish(trx: Tx, jobId: string, outcome: { status: 'succeeded' | 'failed'; totalRows: number | null; error?: { code: string; message: string } }) {
    const rows = await trx
      .from('catalog_import_jobs')
      .where('id', jobId)
      .whereIn('status', ['queued', 'running'])
      .update({
        status: outcome.status,
        ...(outcome.totalRows === null ? {} : { total_rows: outcome.totalRows }),
        error_code: outcome.error?.code ?? null,
        error_message: outcome.error?.message.slice(0, 1000) ?? null,
        finished_at: trx.raw('now()'),
        updated_at: trx.raw('now()'),
      })
      .returning('*')
    return (rows[0] as ImportJobRow | undefined) ?? null
  },

  async issues(trx: Tx, jobId: string, offset: number, limit: number): Promise<{ issues: ImportIssue[]; total: number }> {
    const rows: Array<{ row_number: number; column_name: string | null; sku: string | null; reason: string }> = await trx
      .from('catalog_import_issues')
      .select('row_number', 'column_name', 'sku', 'reason')
      .where('job_id', jobId)
      .orderBy([{ column: 'row_number' }, { column: 'seq' }])
      .offset(offset)
      .limit(limit)
    const [{ n }] = await trx.from('catalog_import_issues').where('job_id', jobId).count('* as n')
    return {
      issues: rows.map((row) => ({ row: row.row_number, column: row.column_name, sku: row.sku, reason: row.reason })),
      total: Number(n),
    }
  },
}
