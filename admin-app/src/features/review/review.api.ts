import type { Invoice, InventoryReviewItem } from '@pos/protocols'
import type { ApiClient } from '../../shared/api/http.ts'

export type Resolution = 'accepted' | 'stock_adjusted' | 'follow_up'

export const reviewApi = {
  list: (api: ApiClient, storeId: string, status: 'open' | 'resolved') =>
    api.get<{ reviewItems: InventoryReviewItem[] }>(`/stores/${storeId}/review-items`, { status, limit: 200 }).then((r) => r.reviewItems),
  resolve: (api: ApiClient, storeId: string, itemId: string, resolution: Resolution, note: string) =>
    api.post<InventoryReviewItem>(`/stores/${storeId}/review-items/${itemId}/resolve`, { resolution, note }),
  invoice: (api: ApiClient, invoiceId: string) => api.get<Invoice>(`/invoices/${invoiceId}`),
}
