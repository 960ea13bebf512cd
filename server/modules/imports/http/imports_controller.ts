import type { RouteInput } from '#core/http/api'
import type { Principal } from '#core/http/principal'
import type { HttpContext } from '@adonisjs/core/http'
import type { CatalogExportQuery, ImportReportQuery, ImportTemplateQuery, ImportUploadQuery } from '@pos/protocols'
import { exportService } from '../services/export_service.js'
import { importService, type FileDownload } from '../services/import_service.js'
import { receiveUpload } from './upload.js'

type User = Extract<Principal, { kind: 'user' }>

function download(ctx: HttpContext, file: FileDownload) {
  ctx.response.header('content-type', file.contentType)
  ctx.response.header('content-disposition', `attachment; filename="${file.fileName}"`)
  ctx.response.header('cache-control', 'no-store')
  ctx.response.stream(file.stream)
}

export const importsController = {
  async upload(input: RouteInput<undefined, ImportUploadQuery, User>) {
    const upload = await receiveUpload(input.ctx, input.query.fileName ?? null)
    return importService.start(input.principal, upload, { requestId: input.ctx.request.id() ?? null })
  },

  show(input: RouteInput<undefined, ImportReportQuery, User>) {
    return importService.show(input.principal, input.params.jobId!, input.query)
  },

  list(input: RouteInput<undefined, undefined, User>) {
    return importService.list(input.principal)
  },

  template(input: RouteInput<undefined, ImportTemplateQuery, User>) {
    if (input.query.format === 'json') return importService.template()
    download(input.ctx, importService.templateFile(input.query.format))
    return undefined
  },

  exportCatalog(input: RouteInput<undefined, CatalogExportQuery, User>) {
    download(input.ctx, exportService.catalog(input.principal.tenantId, input.query.format))
  },
}
