import type { InventoryReviewItem, InventoryReviewItemsQuery, ResolveInventoryReviewItemRequest } from '@pos/protocols'
import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { recordAudit } from '#modules/audit/index'
import { requireStore } from '#modules/tenancy/index'
import { inventoryErrors } from '../errors.js'
import { reviewRepository, type ReviewRow } from '../repositories/review_repository.js'

type User = Extract<Principal, { kind: 'user' }>

function toReviewItem(row: ReviewRow): InventoryReviewItem {
  return {
    id: row.id,
    storeId: row.store_id,
    kind: row.kind,
    status: row.status,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    data: row.data ?? {},
    createdAt: new Date(row.created_at).toISOString(),
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
  } as InventoryReviewItem
}

/** The store's review inbox: negative stock allowed by policy, and whatever other flows open there. */
export const reviewService = {
  async list(principal: Principal, storeId: string, query: InventoryReviewItemsQuery): Promise<InventoryReviewItem[]> {
    const rows = await withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      return reviewRepository.list(trx, storeId, query)
    })
    return rows.map(toReviewItem)
  },

  /** Closes an open item with how it was settled; the audit log records who, how and why. */
  async resolve(principal: User, storeId: string, reviewItemId: string, body: ResolveInventoryReviewItemRequest, requestId: string | null) {
    return withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      const item = await reviewRepository.lock(trx, storeId, reviewItemId)
      if (!item) throw inventoryErrors.reviewNotFound()
      if (item.status !== 'open') throw inventoryErrors.reviewResolved({ resolution: item.resolution })
      const resolved = await reviewRepository.resolve(trx, reviewItemId, { resolution: body.resolution, note: body.note, by: principal.userId })
      await recordAudit(trx, {
        tenantId: principal.tenantId,
        action: 'inventory.review_resolved',
        actorUserId: principal.userId,
        subjectType: 'review_item',
        subjectId: reviewItemId,
        data: { storeId, kind: item.kind, subjectType: item.subject_type, subjectId: item.subject_id, resolution: body.resolution, note: body.note },
        requestId,
      })
      return toReviewItem(resolved)
    })
  },
}
