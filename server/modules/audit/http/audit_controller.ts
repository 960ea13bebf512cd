import type { RouteInput } from '#core/http/api'
import type { PageQuery } from '@pos/protocols'
import type { Principal } from '#core/http/principal'
import { auditService } from '../services/audit_service.js'

export const auditController = {
  list({ query, principal }: RouteInput<undefined, PageQuery, Principal>) {
    return auditService.page(principal.tenantId, query)
  },
}
