import type { Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { recordAudit } from '#modules/audit/index'

export type UserPrincipal = Extract<Principal, { kind: 'user' }>

/** What a write knows of its request, for the audit log. */
export interface WriteMeta {
  requestId: string | null
}

/** Records a catalog write in the audit log, in the write's own transaction. */
export function auditCatalog(
  trx: Tx,
  principal: UserPrincipal,
  meta: WriteMeta,
  entry: { action: string; subjectType: string; subjectId: string; data?: Record<string, unknown> }
) {
  return recordAudit(trx, {
    tenantId: principal.tenantId,
    action: `catalog.${entry.action}`,
    actorUserId: principal.userId,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    data: entry.data ?? {},
    requestId: meta.requestId,
  })
}
