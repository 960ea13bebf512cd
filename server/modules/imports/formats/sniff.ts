/*
 * Which format an uploaded file is in, by its first bytes first and its name
 * second: content types are whatever the browser or the script guessed.
 */
import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import type { CatalogFileFormat } from '@pos/protocols'
import { importErrors } from '../errors.js'

/** An XLSX workbook is a zip archive: local file header signature. */
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
/** Compound File Binary: the old .xls (and .doc) format. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf])

const TEXT_EXTENSIONS = new Set(['', '.csv', '.txt'])

/** Bytes read to decide. */
const HEAD_BYTES = 4096

/** The first bytes of a file. */
export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

/**
 * CSV or XLSX, from the file's first bytes and its name (either may be
 * missing). Throws a typed error for anything else: an empty file, an old
 * .xls, another zip-based document, UTF-16 text, binary data.
 */
export function sniffFormat(head: Buffer, fileName: string | null): CatalogFileFormat {
  const extension = fileName ? extname(fileName).toLowerCase() : ''
  const text = head.subarray(head.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0)
  if (text.toString('utf8').trim() === '' && head.length < HEAD_BYTES) throw importErrors.emptyFile(undefined, 'The file is empty')
  if (head.subarray(0, 4).equals(ZIP)) {
    if (extension !== '' && extension !== '.xlsx') {
      throw importErrors.unsupportedFormat({ extension }, `A ${extension} archive is not an Excel workbook; save it as .xlsx`)
    }
    return 'xlsx'
  }
  if (head.subarray(0, 8).equals(OLE)) {
    throw importErrors.unsupportedFormat({ extension }, 'This is an old Excel (.xls) file; save it as .xlsx or as CSV UTF-8')
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw importErrors.encoding(undefined, 'The file is UTF-16 text; save it as "CSV UTF-8"')
  }
  if (head.includes(0)) throw importErrors.unsupportedFormat({ extension }, 'The file is not text (CSV) nor an Excel workbook (.xlsx)')
  if (!TEXT_EXTENSIONS.has(extension)) {
    throw importErrors.unsupportedFormat({ extension }, `A ${extension} file cannot be imported; upload a .csv or .xlsx file`)
  }
  return 'csv'
}
