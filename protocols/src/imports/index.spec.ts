import {
  CATALOG_COLUMNS,
  CATALOG_FILE_COLUMNS,
  catalogExportQuerySchema,
  importIssueSchema,
  importJobSchema,
  importReportQuerySchema,
  importTemplateQuerySchema,
  importUploadQuerySchema,
} from './index.ts'
import { assert, AT, describe, it, omit, schemaCases, V4, OTHER_V4 } from '../schema-cases.spec.ts'

const job = {
  id: V4,
  status: 'succeeded',
  fileName: 'catalog.csv',
  format: 'csv',
  fileBytes: 1024,
  totalRows: 10,
  processedRows: 10,
  accepted: 3,
  created: 3,
  updated: 0,
  unchanged: 0,
  rejected: 7,
  issueCount: 7,
  issuesTruncated: false,
  error: null,
  createdBy: OTHER_V4,
  createdAt: AT,
  startedAt: AT,
  finishedAt: AT,
}

schemaCases('importJobSchema', importJobSchema, {
  accepts: [
    ['a finished job', job],
    ['a queued XLSX job whose row count is not known yet', { ...job, status: 'queued', format: 'xlsx', totalRows: null, startedAt: null, finishedAt: null }],
    ['a failed job with its error', { ...job, status: 'failed', error: { code: 'E_IMPORT_UNREADABLE', message: 'The CSV cannot be read at line 3' } }],
  ],
  rejects: {
    'an unknown status': [{ ...job, status: 'paused' }, 'status'],
    'an unknown format': [{ ...job, format: 'ods' }, 'format'],
    'a negative count': [{ ...job, rejected: -1 }, 'rejected'],
    'a fractional count': [{ ...job, created: 1.5 }, 'created'],
    'no creator': [omit(job, 'createdBy'), 'createdBy'],
  },
})

schemaCases('importIssueSchema', importIssueSchema, {
  accepts: [
    ['a cell', { row: 4, column: 'hsn', sku: 'BAD-HSN', reason: 'hsn "99" is not an HSN/SAC code' }],
    ['a whole row without a SKU', { row: 9, column: null, sku: null, reason: 'the row collided with a change saved at the same time' }],
  ],
  rejects: {
    'row 0 (the header is row 1)': [{ row: 0, column: null, sku: null, reason: 'x' }, 'row'],
    'no reason': [{ row: 2, column: 'sku', sku: null }, 'reason'],
  },
})

schemaCases('importReportQuerySchema', importReportQuerySchema, {
  accepts: [
    ['nothing: the first 100', {}, { offset: 0, limit: 100 }],
    ['a page from the query string', { offset: '200', limit: '50' }, { offset: 200, limit: 50 }],
  ],
  rejects: {
    'a negative offset': [{ offset: '-1' }, 'offset'],
    'a page over 500': [{ limit: '501' }, 'limit'],
    'an unknown parameter': [{ page: '2' }, ''],
  },
})

schemaCases('catalogExportQuerySchema', catalogExportQuerySchema, {
  accepts: [
    ['nothing: CSV', {}, { format: 'csv' }],
    ['XLSX', { format: 'xlsx' }],
  ],
  rejects: { 'another format': [{ format: 'json' }, 'format'] },
})

schemaCases('importTemplateQuerySchema', importTemplateQuerySchema, {
  accepts: [
    ['nothing: the columns as JSON', {}, { format: 'json' }],
    ['an empty CSV', { format: 'csv' }],
  ],
  rejects: { 'another format': [{ format: 'ods' }, 'format'] },
})

schemaCases('importUploadQuerySchema', importUploadQuerySchema, {
  accepts: [
    ['no name', {}],
    ['a file name', { fileName: 'catalog (2).xlsx' }],
  ],
  rejects: { 'an empty name': [{ fileName: '' }, 'fileName'], 'an unknown parameter': [{ format: 'csv' }, ''] },
})

describe('catalog file format', () => {
  it('describes every column once, in the order of the file', () => {
    assert.deepEqual(
      CATALOG_COLUMNS.map((column) => column.name),
      [...CATALOG_FILE_COLUMNS]
    )
  })

  it('needs only sku in the header', () => {
    assert.deepEqual(
      CATALOG_COLUMNS.filter((column) => column.requiredInHeader).map((column) => column.name),
      ['sku']
    )
  })

})
