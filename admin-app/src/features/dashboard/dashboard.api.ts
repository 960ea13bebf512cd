import type { InvoiceSummary, SalesSummary, StockLevelsPage } from '@pos/protocols'
import type { ApiClient } from '../../shared/api/http.ts'

export const dashboardApi = {
  /** The store's sales today (Asia/Kolkata), as the server counts them. */
  summary: (api: ApiClient, storeId: string) => api.get<SalesSummary>(`/stores/${storeId}/sales/summary`),
  recentInvoices: (api: ApiClient, storeId: string, limit = 10) =>
    api.get<{ invoices: InvoiceSummary[] }>(`/stores/${storeId}/invoices`, { limit }).then((r) => r.invoices),
  lowStock: (api: ApiClient, storeId: string) => api.get<StockLevelsPage>(`/stores/${storeId}/stock`, { lowOnly: 'true', limit: 100 }).then((r) => r.levels),
  /** Item names by id for the live feed's stock facts (the store's stocked items, first page). */
  itemNames: (api: ApiClient, storeId: string) =>
    api.get<StockLevelsPage>(`/stores/${storeId}/stock`, { limit: 500 }).then((r) => new Map(r.levels.map((l) => [l.itemId, l.name]))),
}
