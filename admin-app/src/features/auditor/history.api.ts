import type { ActorHistory, ActorSummary, JournalEntry } from '@pos/protocols'
import type { ApiClient } from '../../shared/api/http.ts'

/** Pages of 500 (the server's maximum); a history longer than this many pages is cut, and says so. */
export const PAGE_SIZE = 500
export const MAX_PAGES = 40

export const historyApi = {
  actors: (api: ApiClient, storeId: string) => api.get<{ actors: ActorSummary[] }>('/actors', { storeId }).then((r) => r.actors),

  /** An actor's whole journal, oldest first, fetched page by page. */
  async history(api: ApiClient, kind: string, actorId: string): Promise<{ entries: JournalEntry[]; truncated: boolean }> {
    const entries: JournalEntry[] = []
    let afterSeq = 0
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await api.get<ActorHistory>(`/actors/${encodeURIComponent(kind)}/${encodeURIComponent(actorId)}/history`, { afterSeq, limit: PAGE_SIZE })
      entries.push(...result.entries)
      if (result.nextAfterSeq === null) return { entries, truncated: false }
      afterSeq = result.nextAfterSeq
    }
    return { entries, truncated: true }
  },
}
