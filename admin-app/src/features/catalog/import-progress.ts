import type { ImportJob, JobProgress } from '@pos/protocols'

/** What the progress bar shows: a fraction (null until the row count is known), and a line of text. */
export interface ImportView {
  status: ImportJob['status']
  fraction: number | null
  text: string
}

/** The bar's state from a pushed progress report of an import (or the job as the server lists it). */
export function importView(progress: Pick<JobProgress, 'status' | 'processed' | 'total' | 'accepted' | 'rejected'>): ImportView {
  const { status, processed, total } = progress
  const fraction = total === null ? null : total === 0 ? 1 : Math.min(1, processed / total)
  const counts = `${progress.accepted ?? 0} accepted, ${progress.rejected ?? 0} rejected`
  const text =
    status === 'queued'
      ? 'Waiting to start…'
      : status === 'running'
        ? `${processed}${total === null ? '' : ` of ${total}`} rows · ${counts}`
        : status === 'succeeded'
          ? `Done: ${processed} rows · ${counts}`
          : `Stopped after ${processed} rows · ${counts}`
  return { status, fraction, text }
}

/** A job as a progress report (the job's own counters). */
export const progressOfJob = (job: ImportJob) => ({ status: job.status, processed: job.processedRows, total: job.totalRows, accepted: job.accepted, rejected: job.rejected })
