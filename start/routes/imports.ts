/*
 * The imports module's HTTP routes, declared on the shared route table. The
 * upload declares no body schema: its body is a file (multipart part "file",
 * or the raw CSV/XLSX bytes), which the controller streams to disk itself.
 */
import * as p from '@pos/protocols'
import { importsController } from '#modules/imports/index'
import { api } from '#start/api'

api.route({
  method: 'post',
  path: '/catalog/imports',
  tag: 'catalog',
  summary:
    'Import the catalog from a CSV (UTF-8) or XLSX file: multipart/form-data with the file in part "file", or the raw bytes ' +
    '(XLSX content type or application/octet-stream; text/csv up to 64 kB). Answers 202 with the job at once; progress is ' +
    'pushed to your sockets as job.progress. Columns: GET /catalog/import-template',
  auth: 'user',
  minRole: 'manager',
  query: p.importUploadQuerySchema,
  response: p.importAcceptedSchema,
  status: 202,
  errors: [
    'E_AUTH_FORBIDDEN',
    'E_IMPORT_UNSUPPORTED_FORMAT',
    'E_IMPORT_ENCODING',
    'E_IMPORT_FILE_TOO_LARGE',
    'E_IMPORT_NO_FILE',
    'E_IMPORT_EMPTY_FILE',
    'E_IMPORT_MISSING_COLUMNS',
    'E_IMPORT_UNKNOWN_COLUMNS',
    'E_IMPORT_UNREADABLE',
    'E_IMPORT_IN_PROGRESS',
  ],
  handle: importsController.upload,
})

api.route({
  method: 'get',
  path: '/catalog/imports',
  tag: 'catalog',
  summary: "The tenant's recent catalog imports, newest first",
  auth: 'user',
  minRole: 'manager',
  response: p.importJobListSchema,
  errors: ['E_AUTH_FORBIDDEN'],
  handle: importsController.list,
})

api.route({
  method: 'get',
  path: '/catalog/imports/:jobId',
  tag: 'catalog',
  summary: 'An import: status, counts and a page of its report (row as numbered in the file, column, reason)',
  auth: 'user',
  minRole: 'manager',
  query: p.importReportQuerySchema,
  response: p.importJobReportSchema,
  errors: ['E_AUTH_FORBIDDEN', 'E_IMPORT_JOB_NOT_FOUND'],
  handle: importsController.show,
})

api.route({
  method: 'get',
  path: '/catalog/import-template',
  tag: 'catalog',
  summary:
    'The catalog file format: its columns (format=json, the default) or an empty file with the header row (format=csv or xlsx)',
  auth: 'user',
  minRole: 'manager',
  query: p.importTemplateQuerySchema,
  response: p.importTemplateSchema,
  errors: ['E_AUTH_FORBIDDEN'],
  handle: importsController.template,
})

api.route({
  method: 'get',
  path: '/catalog/export',
  tag: 'catalog',
  summary: "Download the tenant's catalog in the import format (format=csv, the default, or xlsx): importing it changes nothing",
  auth: 'user',
  minRole: 'manager',
  query: p.catalogExportQuerySchema,
  errors: ['E_AUTH_FORBIDDEN'],
  handle: importsController.exportCatalog,
})
