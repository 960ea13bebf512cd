/*
 * audit: the append-only, tenant-scoped record of who did what.
 * Other modules call `recordAudit` inside their own transaction, so the entry
 * commits (or not) together with the change it describes.
 */
import { auditRepository, type AuditRecord } from './repositories/audit_repository.js'
import type { Tx } from '#core/db/tenancy'

export { auditController } from './http/audit_controller.js'
export { actorsController } from './http/actors_controller.js'
export type { AuditRecord }

export function recordAudit(trx: Tx, record: AuditRecord) {
  return auditRepository.append(trx, record)
}
