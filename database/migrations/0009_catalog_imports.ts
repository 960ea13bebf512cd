import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Catalog import jobs (CSV/XLSX) and what they found wrong.
 *
 * - catalog_import_jobs: one uploaded file, processed in the background in
 *   batches; the counters move with each committed batch, so they always
 *   describe what is in the catalog. At most one unfinished job per tenant (a
 *   second upload is refused while one runs: two imports racing on the same SKUs
 *   would only produce conflicts).
 * - catalog_import_issues: the per-row report (row number as the user sees it
 *   in the file, column, reason), append-only, capped per job by the importer;
 *   the job keeps the full count.
 */
export default class extends BaseSchema {
  override async up() {
    this.schema.raw(`
      create table catalog_import_jobs (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        created_by uuid not null references users(id),
        file_name text check (file_name is null or length(file_name) between 1 and 255),
        format text not null check (format in ('csv', 'xlsx')),
        file_bytes bigint not null check (file_bytes >= 0),
        status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
        -- Data rows in the file (null until known: XLSX rows are counted as they are read).
        total_rows integer check (total_rows is null or total_rows >= 0),
        processed_rows integer not null default 0 check (processed_rows >= 0),
        created_items integer not null default 0 check (created_items >= 0),
        updated_items integer not null default 0 check (updated_items >= 0),
        unchanged_items integer not null default 0 check (unchanged_items >= 0),
        rejected_rows integer not null default 0 check (rejected_rows >= 0),
        -- Every issue found; at most a capped number of them are stored.
        issue_count integer not null default 0 check (issue_count >= 0),
        error_code text check (error_code is null or error_code ~ '^E_[A-Z_]{2,60}$'),
        error_message text,
        created_at timestamptz not null default now(),
        started_at timestamptz,
        finished_at timestamptz,
        -- Moves with every batch: a job that stops moving was interrupted.
        updated_at timestamptz not null default now(),
        unique (tenant_id, id),
        check ((status in ('succeeded', 'failed')) = (finished_at is not null))
      );
      create unique index catalog_import_jobs_one_active on catalog_import_jobs (tenant_id) where status in ('queued', 'running');
      create index catalog_import_jobs_recent on catalog_import_jobs (tenant_id, created_at desc);
      select app_enable_tenant_rls('catalog_import_jobs');
      -- The record of an import stays.
      revoke delete on catalog_import_jobs from pos_app;

      create table catalog_import_issues (
        tenant_id uuid not null,
        job_id uuid not null,
        seq integer not null check (seq >= 1),
        row_number integer not null check (row_number >= 1),
        -- The column at fault (null: the row as a whole).
        column_name text check (column_name is null or column_name ~ '^[a-z_]{1,40}$'),
        sku text,
        reason text not null check (length(reason) between 1 and 500),
        primary key (tenant_id, job_id, seq),
        foreign key (tenant_id, job_id) references catalog_import_jobs (tenant_id, id) on delete cascade
      );
      create index catalog_import_issues_row on catalog_import_issues (tenant_id, job_id, row_number);
      select app_enable_tenant_rls('catalog_import_issues');
      -- A report is written once, with the batch it describes.
      revoke update, delete on catalog_import_issues from pos_app;
    `)
  }

  override async down() {
    this.schema.raw(`
      drop table if exists catalog_import_issues;
      drop table if exists catalog_import_jobs;
    `)
  }
}
