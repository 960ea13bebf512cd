/*
 * Receives an uploaded catalog file into a temporary file, streamed (never
 * whole in memory), from any of the accepted bodies:
 * - multipart/form-data with the file in a part named "file" (browsers);
 * - a raw body: the XLSX content type, application/octet-stream, or any other
 *   type the body parser leaves alone (scripts: curl --data-binary);
 * - text/csv: the application's body parser reads text bodies itself, up to
 *   its raw limit (64 kB); larger CSV files go as multipart or octet-stream.
 */
import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { finished } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import type { HttpContext } from '@adonisjs/core/http'
import { importErrors } from '../errors.js'
import { MAX_UPLOAD_BYTES, type Upload } from '../services/import_service.js'

const tempPath = () => join(tmpdir(), `pos-import-${randomUUID()}`)

/** The name a client gave its file, without any folder, as the job records it (null when none). */
function cleanName(name: string | null | undefined): string | null {
  const base = (name ?? '').split(/[\\/]/).pop()!.trim().slice(0, 255)
  return base === '' ? null : base
}

/**
 * Copies `source` to a temporary file. Past the limit the rest is read and
 * dropped, so the client still receives its 413 instead of a reset connection.
 */
async function save(source: AsyncIterable<Buffer> & Partial<Pick<Readable, 'resume'>>, fileName: string | null): Promise<Upload> {
  const path = tempPath()
  const output = createWriteStream(path)
  let bytes = 0
  try {
    for await (const chunk of source) {
      bytes += chunk.length
      if (bytes > MAX_UPLOAD_BYTES) continue
      if (!output.write(chunk)) await once(output, 'drain')
    }
    output.end()
    await finished(output)
  } catch (error) {
    output.destroy()
    await rm(path, { force: true })
    throw error
  }
  if (bytes > MAX_UPLOAD_BYTES) {
    await rm(path, { force: true })
    throw importErrors.fileTooLarge({ maxBytes: MAX_UPLOAD_BYTES })
  }
  return { path, fileName, bytes }
}

/** The request's file, saved; `fileName` names a raw body (a multipart part names itself). */
export async function receiveUpload(ctx: HttpContext, requestedName: string | null): Promise<Upload> {
  const request = ctx.request
  const fileName = cleanName(requestedName)
  const declared = Number(request.header('content-length') ?? 0)
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) throw importErrors.fileTooLarge({ maxBytes: MAX_UPLOAD_BYTES })

  if (request.is(['multipart/form-data'])) {
    let upload: Upload | undefined
    let failure: unknown
    request.multipart.onFile('file', {}, async (part) => {
      // One file per import: a second part named "file" is read and dropped.
      if (upload || failure) return void part.resume()
      try {
        upload = await save(part, cleanName(part.filename) ?? fileName)
      } catch (error) {
        failure = error
        part.resume()
      }
    })
    try {
      await request.multipart.process()
    } catch (error) {
      if ((error as { code?: string }).code === 'E_REQUEST_ENTITY_TOO_LARGE') throw importErrors.fileTooLarge({ maxBytes: MAX_UPLOAD_BYTES })
      throw error
    }
    if (failure) throw failure
    if (!upload) throw importErrors.noFile()
    return upload
  }

  // JSON and forms were parsed by the body parser: not a file.
  if (request.is(['application/json', 'application/*+json', 'application/x-www-form-urlencoded'])) {
    throw importErrors.unsupportedFormat()
  }
  // A text body the body parser has already read (up to its raw limit).
  const text = request.raw()
  if (text !== null) {
    const path = tempPath()
    await writeFile(path, text, 'utf8')
    return { path, fileName, bytes: Buffer.byteLength(text) }
  }
  return save(request.request, fileName)
}
