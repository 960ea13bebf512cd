import { randomUUID } from 'node:crypto'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TenantFixture } from '../fixtures.js'
import type { CatalogFill } from './catalog.js'

/** One row in every imports table (see fillEveryTable): a finished job with one reported row. */
export async function fillImports(trx: TransactionClientContract, t: TenantFixture, _catalog: CatalogFill) {
  const jobId = randomUUID()
  await trx.table('catalog_import_jobs').insert({
    id: jobId,
    tenant_id: t.tenantId,
    created_by: t.manager.id,
    file_name: 'catalog.csv',
    format: 'csv',
    file_bytes: 120,
    status: 'succeeded',
    total_rows: 2,
    processed_rows: 2,
    created_items: 1,
    rejected_rows: 1,
    issue_count: 1,
    started_at: new Date(),
    finished_at: new Date(),
  })
  await trx.table('catalog_import_issues').insert({
    tenant_id: t.tenantId,
    job_id: jobId,
    seq: 1,
    row_number: 3,
    column_name: 'hsn',
    sku: 'FIXTURE-1',
    reason: 'HSN/SAC must be 4, 6 or 8 digits',
  })
}
