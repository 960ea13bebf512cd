/*
 * The imports part of the wire contract: the catalog file format (its columns;
 * units are the catalog's UQC codes), the import job and its report, and the import/export error codes. The
 * shared registries spread these in: error codes (errors.ts), socket commands
 * (socket/commands.ts), facts (socket/facts.ts) and socket queries
 * (socket/queries.ts). Progress of a running import travels as the
 * `job.progress` event (socket/events.ts) with kind `catalog.import`.
 */
import { z } from 'zod'

/** Error codes of the imports module (E_<MODULE>_<REASON>). */
export const importsErrorCodes = [
  /** Neither CSV (UTF-8 text) nor XLSX, by content, extension or content type. */
  'E_IMPORT_UNSUPPORTED_FORMAT',
  /** Text that is not UTF-8 (e.g. a CSV saved in a Windows code page, or as UTF-16). */
  'E_IMPORT_ENCODING',
  /** Over the upload limit. */
  'E_IMPORT_FILE_TOO_LARGE',
  /** A multipart upload without a `file` part. */
  'E_IMPORT_NO_FILE',
  /** No bytes, no header row, or a header and no rows. */
  'E_IMPORT_EMPTY_FILE',
  /** The header row lacks a required column (`sku`). */
  'E_IMPORT_MISSING_COLUMNS',
  /** The header row names a column twice or a column the format does not have. */
  'E_IMPORT_UNKNOWN_COLUMNS',
  /** The file cannot be read as what it claims to be (broken quoting, a damaged workbook). */
  'E_IMPORT_UNREADABLE',
  /** The tenant has an import running; one at a time. */
  'E_IMPORT_IN_PROGRESS',
  /** A job that stopped with the server (its rows up to the last batch are saved). */
  'E_IMPORT_INTERRUPTED',
  'E_IMPORT_JOB_NOT_FOUND',
] as const

/** Client→server imports commands (imperative names). */
export const importsCommandSchemas = {} satisfies Record<string, z.ZodType>

/** Server→client imports facts (past-tense names). */
export const importsFactSchemas = {} satisfies Record<string, z.ZodType>

/** Client→server imports queries answered over the socket: request and response schemas. */
export const importsQuerySchemas = {} satisfies Record<string, { request: z.ZodType; response: z.ZodType }>

/**
 * The columns of a catalog file, in the order the export writes them. One row per
 * item (variant); `sku` is the key. A column left out of a file leaves that field
 * as it is; a column present sets it (blank clears an optional field).
 */
export const CATALOG_FILE_COLUMNS = [
  'sku',
  'name',
  'local_name',
  'product',
  'variant',
  'category',
  'hsn',
  'tax_class',
  'unit',
  'fractional',
  'mrp',
  'price',
  'cost',
  'barcodes',
  'reorder_level',
  'active',
] as const
export type CatalogFileColumn = (typeof CATALOG_FILE_COLUMNS)[number]

/** What one column of the catalog file holds. */
export const catalogColumnSchema = z.object({
  name: z.enum(CATALOG_FILE_COLUMNS),
  /** Needed in the header of every file. */
  requiredInHeader: z.boolean(),
  /** Needed (non-blank) to create an item that does not exist yet. */
  requiredForNewItem: z.boolean(),
  description: z.string(),
  example: z.string(),
})
export type CatalogColumn = z.infer<typeof catalogColumnSchema>

/** The catalog file format, column by column (served by the template endpoint). */
export const CATALOG_COLUMNS: readonly CatalogColumn[] = [
  { name: 'sku', requiredInHeader: true, requiredForNewItem: true, example: 'RICE-BAS-1KG', description: 'The key: 1-40 letters, digits and . _ / - (starting with a letter or digit). Rows are matched to items by SKU; one row per SKU.' },
  { name: 'name', requiredInHeader: false, requiredForNewItem: true, example: 'India Gate Basmati Rice 1 kg', description: "The item's full display name (1-200 characters)." },
  { name: 'local_name', requiredInHeader: false, requiredForNewItem: false, example: 'बासमती चावल 1 किलो', description: 'Name in a local language (up to 200 characters); blank clears it.' },
  { name: 'product', requiredInHeader: false, requiredForNewItem: false, example: 'India Gate Basmati Rice', description: 'The product this item is a variant of, by name; rows with the same product name are variants of one product. Blank: the item name.' },
  { name: 'variant', requiredInHeader: false, requiredForNewItem: false, example: 'Size: 1 kg', description: 'What distinguishes this variant: "Size: 1 kg; Pack: 2" (option: value pairs separated by ;) or a plain label ("1 kg"). Blank: none.' },
  { name: 'category', requiredInHeader: false, requiredForNewItem: false, example: 'Staples > Rice', description: 'Category path, levels separated by >; missing categories are created. Blank: none. A product-level field.' },
  { name: 'hsn', requiredInHeader: false, requiredForNewItem: true, example: '1006', description: 'HSN/SAC code, 4, 6 or 8 digits (a leading zero dropped by a spreadsheet is restored). A product-level field.' },
  { name: 'tax_class', requiredInHeader: false, requiredForNewItem: true, example: 'GST5', description: 'Code of an existing tax class (e.g. GST5, GST18). A product-level field.' },
  { name: 'unit', requiredInHeader: false, requiredForNewItem: true, example: 'KGS', description: 'GST unit quantity code (UQC), e.g. NOS, PCS, KGS, LTR, BOX, PAC. A product-level field.' },
  { name: 'fractional', requiredInHeader: false, requiredForNewItem: false, example: 'yes', description: 'Whether quantities may be fractional (loose goods): yes/no. Blank: no. A product-level field.' },
  { name: 'mrp', requiredInHeader: false, requiredForNewItem: false, example: '1,234.50', description: 'Maximum retail price in rupees, up to 2 decimals; grouping with commas (1,23,456.00) is accepted. Blank: none.' },
  { name: 'price', requiredInHeader: false, requiredForNewItem: true, example: '1199.00', description: 'Selling price in rupees on the default price list, for every store (store overrides are not part of the file). Not above the MRP.' },
  { name: 'cost', requiredInHeader: false, requiredForNewItem: false, example: '980.00', description: 'Purchase cost in rupees. Blank: 0.' },
  { name: 'barcodes', requiredInHeader: false, requiredForNewItem: false, example: '8901234567890|8901234567906', description: "Every barcode of the item, separated by |. A new 8/12/13/14-digit code is a GTIN and needs a correct check digit; a barcode of another SKU is refused. Blank: none." },
  { name: 'reorder_level', requiredInHeader: false, requiredForNewItem: false, example: '10', description: 'Stock level at which to reorder, up to 3 decimals (whole numbers unless fractional). Blank: 0.' },
  { name: 'active', requiredInHeader: false, requiredForNewItem: false, example: 'yes', description: 'yes: sold; no: retired (kept for history). Blank: yes.' },
]

/** File formats the catalog is imported from and exported to. */
export const catalogFileFormatSchema = z.enum(['csv', 'xlsx'])
export type CatalogFileFormat = z.infer<typeof catalogFileFormatSchema>

export const importJobStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed'])
export type ImportJobStatus = z.infer<typeof importJobStatusSchema>

const count = z.number().int().min(0)

/** An import job: what was uploaded, how far it got and what it did. */
export const importJobSchema = z.object({
  id: z.uuid(),
  status: importJobStatusSchema,
  fileName: z.string().nullable(),
  format: catalogFileFormatSchema,
  fileBytes: count,
  /** Data rows in the file; null until known. */
  totalRows: count.nullable(),
  processedRows: count,
  /** created + updated + unchanged. */
  accepted: count,
  created: count,
  updated: count,
  /** Rows that matched the catalog exactly (importing the same file again). */
  unchanged: count,
  rejected: count,
  /** Problems found (a rejected row may have several); `issues` holds at most the stored ones. */
  issueCount: count,
  issuesTruncated: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime({ offset: true }),
  startedAt: z.iso.datetime({ offset: true }).nullable(),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
})
export type ImportJob = z.infer<typeof importJobSchema>

/** One problem of one row: the row number as seen in the file (header = row 1 in a CSV). */
export const importIssueSchema = z.object({
  row: z.number().int().min(1),
  /** The column at fault; null for the row as a whole. */
  column: z.string().nullable(),
  sku: z.string().nullable(),
  reason: z.string(),
})
export type ImportIssue = z.infer<typeof importIssueSchema>

/** Answer to an upload: the job, which runs in the background (202). */
export const importAcceptedSchema = z.object({
  jobId: z.uuid(),
  status: importJobStatusSchema,
})
export type ImportAccepted = z.infer<typeof importAcceptedSchema>

/** Query of an upload sent as a raw body (a multipart upload carries its file name). */
export const importUploadQuerySchema = z.strictObject({
  fileName: z.string().min(1).max(255).optional(),
})
export type ImportUploadQuery = z.infer<typeof importUploadQuerySchema>

/** A page of a job's report. */
export const importReportQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
export type ImportReportQuery = z.infer<typeof importReportQuerySchema>

/** A job with one page of its report, in file order. */
export const importJobReportSchema = z.object({
  job: importJobSchema,
  issues: z.array(importIssueSchema),
  page: z.object({ offset: count, limit: count, total: count }),
})
export type ImportJobReport = z.infer<typeof importJobReportSchema>

/** The tenant's recent import jobs, newest first. */
export const importJobListSchema = z.object({ jobs: z.array(importJobSchema) })
export type ImportJobList = z.infer<typeof importJobListSchema>

/** Export: the whole catalog in the import format. */
export const catalogExportQuerySchema = z.strictObject({
  format: catalogFileFormatSchema.default('csv'),
})
export type CatalogExportQuery = z.infer<typeof catalogExportQuerySchema>

/** Template: the columns as JSON, or an empty file with the header row. */
export const importTemplateQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
})
export type ImportTemplateQuery = z.infer<typeof importTemplateQuerySchema>

export const importTemplateSchema = z.object({
  columns: z.array(catalogColumnSchema),
  units: z.record(z.string(), z.string()),
  /** Largest accepted upload, in bytes. */
  maxBytes: count,
})
export type ImportTemplate = z.infer<typeof importTemplateSchema>
