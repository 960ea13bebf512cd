import type { InvoiceSummary, SalesSummary, StockLevelsPage } from '@pos/protocols'
import type { ApiClient } from '../../shared/api/http.ts'

export const dashboardApi = {
  /** The store's sales today (Asia/Kolkata), as the server counts them. */
  summary: (api: ApiClient, storeId: string) => api.get<SalesSummary>(`/stores/${storeId}/sales/summary`),
  recentInvoices: (api: ApiClient, storeId: string, limit = 10) =>
    api.get<{ invoices: InvoiceSummary[] }>(`/stores/${storeId}/invoices`, { limit }).then((r) => r.invoices),
  lowStock: (api: ApiClient, storeId: string) => api.get<StockLevelsPage>(`/stores/${storeId}/stock`, { lowOnly: 'true', limit: 100 }).then((r) => r.levels),
}
