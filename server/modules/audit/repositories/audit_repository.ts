import type { Tx } from '#core/db/tenancy'

export interface AuditRecord {
  tenantId: string
  action: string
  actorUserId?: string | null
  actorDeviceId?: string | null
  subjectType?: string | null
  subjectId?: string | null
  data?: Record<string, unknown>
  requestId?: string | null
}

/* The audit log is append-only: the database refuses updates and deletes. */
export const auditRepository = {
  async append(trx: Tx, record: AuditRecord) {
    await trx
      .insertQuery()
      .table('audit_log')
      .insert({
        tenant_id: record.tenantId,
        action: record.action,
        actor_user_id: record.actorUserId ?? null,
        actor_device_id: record.actorDeviceId ?? null,
        subject_type: record.subjectType ?? null,
        subject_id: record.subjectId ?? null,
        data: JSON.stringify(record.data ?? {}),
        request_id: record.requestId ?? null,
      })
  },

  async page(trx: Tx, options: { limit: number; before?: string }) {
    const query = trx
      .from('audit_log')
      .select('id', 'at', 'action', 'actor_user_id', 'actor_device_id', 'subject_type', 'subject_id', 'data', 'request_id')
      .orderBy('id', 'desc')
      .limit(options.limit)
    if (options.before) query.where('id', '<', options.before)
    return query
  },
}
