import { withTenant } from '#core/db/tenancy'
import type { AuditEntry, PageQuery } from '@pos/protocols'
import { auditRepository } from '../repositories/audit_repository.js'

export const auditService = {
  async page(tenantId: string, query: PageQuery): Promise<{ entries: AuditEntry[]; nextBefore: string | null }> {
    const rows = await withTenant(tenantId, (trx) => auditRepository.page(trx, query))
    const entries = rows.map((row: Record<string, any>) => ({
      id: String(row.id),
      at: new Date(row.at).toISOString(),
      action: row.action,
      actorUserId: row.actor_user_id,
      actorDeviceId: row.actor_device_id,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      data: row.data,
      requestId: row.request_id,
    })) as AuditEntry[]
    const last = entries.at(-1)
    return { entries, nextBefore: entries.length === query.limit && last ? last.id : null }
  },
}
