import type { Store } from '@pos/protocols'
import { useApi } from '../auth/session-context.tsx'
import { loadDirectory, type Directory } from '../stores/stores.api.ts'
import { useLoad, useNow } from '../../shared/ui/hooks.ts'
import { BarChart } from '../../shared/ui/BarChart.tsx'
import { ErrorNote, Loading, Pending } from '../../shared/ui/Status.tsx'
import { formatAgo, formatTime, shortId } from '../../shared/ui/format.ts'
import { formatRupees } from '../../shared/money/format-rupees.ts'
import { describeFact } from './fact-text.ts'
import { rosterRows, type StoreFeed } from './store-feed.ts'
import { useStoreFeed } from './useStoreFeed.ts'
import type { FeedConnection } from '../../shared/socket/pos-socket.ts'

const CONNECTION_TEXT: Record<FeedConnection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Not allowed',
}

/** The live store dashboard: terminals, the day's activity and the latest facts, pushed over the socket. */
export function DashboardPage({ store }: { store: Store }) {
  const api = useApi()
  const directory = useLoad(() => loadDirectory(api, store.id), [api, store.id])
  const ready = directory.status === 'ready' ? directory.data : null
  const { feed, connection, error } = useStoreFeed(store, ready?.terminals ?? null)

  if (directory.status === 'loading') return <Loading what="the store" />
  if (directory.status === 'failed') return <ErrorNote error={directory.error} />
  const names = directory.data

  return (
    <section className="page dashboard">
      <header className="page-head">
        <h1>{store.tradeName ?? store.legalName}</h1>
        <span className={`badge day-${feed.status ?? 'unknown'}`} data-testid="store-status">
          {feed.status === 'open' ? 'Open' : feed.status === 'closed' ? 'Closed' : 'Day not started'}
        </span>
        <span className={`connection connection-${connection}`} data-testid="connection" data-state={connection}>
          <span className="dot" aria-hidden /> {CONNECTION_TEXT[connection]}
          {error ? ` (${error.code})` : ''}
        </span>
      </header>

      <div className="grid">
        <Pending title="Sales today">
          <dl className="kpis muted-kpis">
            <div>
              <dt>Bills</dt>
              <dd>—</dd>
            </div>
            <div>
              <dt>Value</dt>
              <dd>—</dd>
            </div>
            <div>
              <dt>By tender</dt>
              <dd>cash · UPI · card</dd>
            </div>
          </dl>
          <p className="muted small">Amounts will show in rupees, e.g. {formatRupees(12_345_600)}.</p>
        </Pending>
        <Pending title="Sales by hour" />
        <ActivityCard feed={feed} />
      </div>

      <Roster feed={feed} names={names} timeZone={store.timezone} />

      <div className="grid two">
        <FactFeed feed={feed} names={names} timeZone={store.timezone} />
        <div className="stack">
          <Pending title="Low stock" note="Appears when stock levels are recorded." />
          <Pending title="Recent invoices" />
        </div>
      </div>
    </section>
  )
}

function ActivityCard({ feed }: { feed: StoreFeed }) {
  const bars = feed.activity.byHour.map((value, hour) => ({ label: String(hour).padStart(2, '0'), value }))
  const total = feed.activity.byHour.reduce((a, b) => a + b, 0)
  return (
    <section className="card">
      <h2>Store activity today</h2>
      <BarChart title={`Facts per hour (${total} today)`} bars={bars} labelEvery={3} format={(v) => `${v} fact${v === 1 ? '' : 's'}`} />
      <p className="muted small">Every change the store records (terminals, day, stock, sales) counts as a fact.</p>
    </section>
  )
}

function Roster({ feed, names, timeZone }: { feed: StoreFeed; names: Directory; timeZone: string }) {
  const now = useNow(5000)
  const rows = rosterRows(feed)
  const online = rows.filter((r) => r.presence === 'online').length
  return (
    <section className="card">
      <h2>
        Terminals <span className="muted">({online} of {rows.length} online)</span>
      </h2>
      <table className="table" data-testid="roster">
        <thead>
          <tr>
            <th>Terminal</th>
            <th>Status</th>
            <th>Cashier</th>
            <th className="num">Current cart</th>
            <th className="num">Outbox</th>
            <th>Last seen</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No terminals yet. Pair one under Devices.
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.terminalId} data-terminal-id={row.terminalId} data-presence={row.presence}>
              <td>
                {row.name}
                {row.kind === 'station' ? <span className="muted"> (station)</span> : null}
              </td>
              <td>
                <span className={`presence presence-${row.presence}`}>{row.presence}</span>
              </td>
              <td>{row.cashierId ? (names.userName(row.cashierId) ?? shortId(row.cashierId)) : <span className="muted">nobody</span>}</td>
              <td className="num muted" title="Appears when sales are recorded">
                —
              </td>
              <td className={`num ${row.outboxDepth > 0 ? 'warn' : ''}`} data-testid="outbox">
                {row.outboxDepth}
              </td>
              <td title={row.lastSeenAt ?? ''}>
                {row.lastSeenAt ? `${formatTime(row.lastSeenAt, timeZone)} · ${formatAgo(row.lastSeenAt, now)}` : <span className="muted">never</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function FactFeed({ feed, names, timeZone }: { feed: StoreFeed; names: Directory; timeZone: string }) {
  return (
    <section className="card">
      <h2>Live feed</h2>
      {feed.feed.length === 0 ? (
        <p className="muted">Nothing has happened in this store yet. Facts appear here as they are recorded.</p>
      ) : (
        <ol className="feed" data-testid="fact-feed">
          {feed.feed.map((fact) => (
            <li key={fact.seq} data-fact-type={fact.type}>
              <time dateTime={fact.at}>{formatTime(fact.at, timeZone)}</time>
              <span className="fact-type">{fact.type}</span>
              <span>{describeFact(fact, names)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
