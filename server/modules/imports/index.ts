/*
 * imports: the catalog from and to CSV/XLSX files. Uploads become background
 * jobs (batched, one transaction per batch) whose progress is pushed to the
 * importing user's sockets; the export streams the catalog in the same format.
 */
import type { DomainModule } from '#core/modules'
import { importRunner } from './services/import_runner.js'

export { importsController } from './http/imports_controller.js'
export { importErrors } from './errors.js'

/** What imports brings to the live side: the background runner of import jobs. */
export const importsModule: DomainModule = {
  start: () => importRunner.start(),
  // Running jobs stop at their next batch boundary and are recorded as interrupted.
  stop: () => importRunner.stop(),
}
