import { useState } from 'react'
import type { Store } from '@pos/protocols'
import { Link } from '../../app/router.tsx'
import { useApi } from '../auth/session-context.tsx'
import { loadDirectory } from '../stores/stores.api.ts'
import { useLoad } from '../../shared/ui/hooks.ts'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { formatDateTime, shortId } from '../../shared/ui/format.ts'
import { historyApi } from './history.api.ts'
import { machineFor } from './replay.ts'

/** The actors of a store (the store itself, its terminals, its sales, ...), each opening its history. */
export function ActorsPage({ store }: { store: Store }) {
  const api = useApi()
  const data = useLoad(async () => {
    const [actors, directory] = await Promise.all([historyApi.actors(api, store.id), loadDirectory(api, store.id)])
    return { actors, directory }
  }, [api, store.id])
  const [kind, setKind] = useState('')

  if (data.status === 'loading') return <Loading what="actors" />
  if (data.status === 'failed') return <ErrorNote error={data.error} />
  const { actors, directory } = data.data
  const kinds = [...new Set(actors.map((a) => a.kind))].sort()
  const shown = actors.filter((a) => !kind || a.kind === kind)
  const label = (a: (typeof actors)[number]) =>
    a.kind === 'store' ? (store.tradeName ?? store.legalName) : a.kind === 'terminal' ? (directory.terminalName(a.actorId) ?? shortId(a.actorId)) : shortId(a.actorId)

  return (
    <section className="page">
      <header className="page-head">
        <h1>History</h1>
        <label className="inline">
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="kind-filter">
            <option value="">all</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      </header>
      <p className="muted">Every actor's state machine records each transition it takes. Open one to read and replay it.</p>
      <div className="card">
        <table className="table" data-testid="actors">
          <thead>
            <tr>
              <th>Kind</th>
              <th>Actor</th>
              <th className="num">Transitions</th>
              <th>Last change</th>
              <th>Machine</th>
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No actor has recorded anything in this store yet.
                </td>
              </tr>
            )}
            {shown.map((actor) => (
              <tr key={`${actor.kind}:${actor.actorId}`} data-kind={actor.kind} data-actor-id={actor.actorId}>
                <td>{actor.kind}</td>
                <td>
                  <Link to={{ name: 'history', storeId: store.id, kind: actor.kind, actorId: actor.actorId }}>{label(actor)}</Link>
                  <div className="muted small mono">{actor.actorId}</div>
                </td>
                <td className="num">{actor.seq}</td>
                <td>{formatDateTime(actor.updatedAt, store.timezone)}</td>
                <td>{machineFor(actor.kind) ? 'replayable' : <span className="muted">no machine in this app</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
