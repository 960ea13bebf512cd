import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { Readable } from 'node:stream'
import {
  CATALOG_COLUMNS,
  CATALOG_FILE_COLUMNS,
  UQC_NAMES,
  type CatalogFileFormat,
  type ImportAccepted,
  type ImportJobList,
  type ImportJobReport,
  type ImportReportQuery,
  type ImportTemplate,
} from '@pos/protocols'
import { withTenant, type Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { recordAudit } from '#modules/audit/index'
import { importErrors } from '../errors.js'
import { CSV_BOM, csvLine } from '../formats/csv_writer.js'
import { readHead, sniffFormat } from '../formats/sniff.js'
import { assertUtf8, readTable } from '../formats/table_reader.js'
import { xlsxStream } from '../formats/xlsx_writer.js'
import { importJobRepository, toImportJob } from '../repositories/import_job_repository.js'
import { importRunner, MAX_STORED_ISSUES } from './import_runner.js'
import { isBlankRow, mapHeader } from './row_parser.js'

type UserPrincipal = Extract<Principal, { kind: 'user' }>

/** Largest upload accepted (20 MiB: about 150,000 rows of CSV). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

/** An unfinished job that has not moved for this long lost its node. */
const STALE_AFTER_SECONDS = 10 * 60

/** An uploaded file, saved to a temporary path the import then owns. */
export interface Upload {
  path: string
  fileName: string | null
  bytes: number
}

export interface Meta {
  requestId: string | null
}

/** A file to download: its bytes as a stream and how to name it. */
export interface FileDownload {
  stream: Readable
  contentType: string
  fileName: string
}

export const CONTENT_TYPES: Record<CatalogFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/**
 * Checks what can be checked at once (format, encoding, header, at least one
 * row), so a wrong file is refused with a typed error instead of a failed job.
 */
async function inspect(upload: Upload): Promise<CatalogFileFormat> {
  const format = sniffFormat(await readHead(upload.path), upload.fileName)
  if (format === 'csv') await assertUtf8(upload.path)
  let header = false
  for await (const source of readTable(upload.path, format)) {
    if (isBlankRow(source.cells)) continue
    if (header) return format
    mapHeader(source.cells)
    header = true
  }
  throw importErrors.emptyFile(undefined, header ? 'The file has a header row and no rows to import' : 'The file has no header row')
}

async function* noRows(): AsyncGenerator<string[]> {}

async function failStale(trx: Tx, tenantId: string) {
  const error = importErrors.interrupted()
  const stale = await importJobRepository.failStale(trx, STALE_AFTER_SECONDS, { code: error.code, message: error.message })
  for (const job of stale) {
    await recordAudit(trx, {
      tenantId,
      action: 'catalog.import.finished',
      subjectType: 'catalog_import_job',
      subjectId: job.id,
      data: { status: 'failed', error: error.code },
    })
  }
}

export const importService = {
  /**
   * Accepts an uploaded catalog file: checks it, records a queued job (one
   * unfinished job per tenant) and starts it in the background. The upload's
   * temporary file belongs to the job from here on (or is removed on refusal).
   */
  async start(principal: UserPrincipal, upload: Upload, meta: Meta): Promise<ImportAccepted> {
    try {
      if (upload.bytes > MAX_UPLOAD_BYTES) throw importErrors.fileTooLarge({ maxBytes: MAX_UPLOAD_BYTES })
      const format = await inspect(upload)
      const jobId = randomUUID()
      await withTenant(principal.tenantId, async (trx) => {
        await failStale(trx, principal.tenantId)
        const job = await importJobRepository.insert(trx, {
          id: jobId,
          tenantId: principal.tenantId,
          createdBy: principal.userId,
          fileName: upload.fileName,
          format,
          fileBytes: upload.bytes,
        })
        if (!job) throw importErrors.inProgress()
        await recordAudit(trx, {
          tenantId: principal.tenantId,
          action: 'catalog.import.started',
          actorUserId: principal.userId,
          subjectType: 'catalog_import_job',
          subjectId: jobId,
          data: { fileName: upload.fileName, format, bytes: upload.bytes },
          requestId: meta.requestId,
        })
      })
      importRunner.run({
        jobId,
        tenantId: principal.tenantId,
        userId: principal.userId,
        path: upload.path,
        format,
        fileName: upload.fileName,
        requestId: meta.requestId,
      })
      return { jobId, status: 'queued' }
    } catch (error) {
      await rm(upload.path, { force: true })
      throw error
    }
  },

  /** A job and one page of its report (rows in file order). */
  async show(principal: UserPrincipal, jobId: string, page: ImportReportQuery): Promise<ImportJobReport> {
    return withTenant(principal.tenantId, async (trx) => {
      await failStale(trx, principal.tenantId)
      const job = await importJobRepository.find(trx, jobId)
      if (!job) throw importErrors.jobNotFound()
      const { issues, total } = await importJobRepository.issues(trx, jobId, page.offset, page.limit)
      return { job: toImportJob(job, MAX_STORED_ISSUES), issues, page: { offset: page.offset, limit: page.limit, total } }
    })
  },

  /** The tenant's 50 most recent jobs. */
  async list(principal: UserPrincipal): Promise<ImportJobList> {
    const rows = await withTenant(principal.tenantId, async (trx) => {
      await failStale(trx, principal.tenantId)
      return importJobRepository.recent(trx, 50)
    })
    return { jobs: rows.map((row) => toImportJob(row, MAX_STORED_ISSUES)) }
  },

  /** The file format, column by column. */
  template(): ImportTemplate {
    return { columns: [...CATALOG_COLUMNS], units: { ...UQC_NAMES }, maxBytes: MAX_UPLOAD_BYTES }
  },

  /** An empty catalog file: the header row only. */
  templateFile(format: CatalogFileFormat): FileDownload {
    const stream =
      format === 'csv'
        ? Readable.from([CSV_BOM + csvLine(CATALOG_FILE_COLUMNS)])
        : xlsxStream(noRows(), () => {})
    return { stream, contentType: CONTENT_TYPES[format], fileName: `catalog-template.${format}` }
  },
}
