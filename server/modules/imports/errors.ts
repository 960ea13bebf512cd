import { defineErrors } from '#core/errors'

export const importErrors = defineErrors({
  unsupportedFormat: {
    code: 'E_IMPORT_UNSUPPORTED_FORMAT',
    status: 415,
    message: 'Upload a CSV (UTF-8) or an Excel workbook (.xlsx)',
  },
  encoding: {
    code: 'E_IMPORT_ENCODING',
    status: 422,
    message: 'The file is not UTF-8 text; save it as "CSV UTF-8" or as .xlsx',
  },
  fileTooLarge: { code: 'E_IMPORT_FILE_TOO_LARGE', status: 413, message: 'The file is too large to import' },
  noFile: { code: 'E_IMPORT_NO_FILE', status: 422, message: 'Send the file in a multipart part named "file"' },
  emptyFile: { code: 'E_IMPORT_EMPTY_FILE', status: 422, message: 'The file has no rows to import' },
  missingColumns: { code: 'E_IMPORT_MISSING_COLUMNS', status: 422, message: 'The header row lacks a required column' },
  unknownColumns: {
    code: 'E_IMPORT_UNKNOWN_COLUMNS',
    status: 422,
    message: 'The header row has columns the catalog format does not know, or a column twice',
  },
  unreadable: { code: 'E_IMPORT_UNREADABLE', status: 422, message: 'The file cannot be read' },
  inProgress: {
    code: 'E_IMPORT_IN_PROGRESS',
    status: 409,
    message: 'An import is already running for this business; wait for it to finish',
  },
  interrupted: {
    code: 'E_IMPORT_INTERRUPTED',
    status: 500,
    message: 'The import stopped with the server; rows up to the last saved batch are in the catalog. Import the file again to finish.',
  },
  jobNotFound: { code: 'E_IMPORT_JOB_NOT_FOUND', status: 404, message: 'No such import' },
})
