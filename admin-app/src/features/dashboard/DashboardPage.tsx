import { useCallback, useMemo } from 'react'
import type { FactEnvelope, Store } from '@pos/protocols'
import { useApi } from '../auth/session-context.tsx'
import { loadDirectory, type Directory } from '../stores/stores.api.ts'
import { useLoad, useNow } from '../../shared/ui/hooks.ts'
import { BarChart } from '../../shared/ui/BarChart.tsx'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { formatAgo, formatTime, shortId } from '../../shared/ui/format.ts'
import { formatRupees } from '../../shared/money/format-rupees.ts'
import { describeFact, type FactNames } from './fact-text.ts'
import { rosterRows, type StoreFeed } from './store-feed.ts'
import { useStoreFeed } from './useStoreFeed.ts'
import type { FeedConnection } from '../../shared/socket/pos-socket.ts'
import type { SalesSummary, StockLevel } from '@pos/protocols'
import { Link } from '../../app/router.tsx'
import { dashboardApi } from './dashboard.api.ts'
import { useFactRefresh } from './useFactRefresh.ts'
import { SALES_REFRESH_FACTS, STOCK_REFRESH_FACTS, mergeInvoices, recentOf, type RecentInvoice } from './sales-picture.ts'

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
  const sales = useLoad(async () => {
    const [summary, invoices] = await Promise.all([dashboardApi.summary(api, store.id), dashboardApi.recentInvoices(api, store.id)])
    return { summary, invoices: invoices.map(recentOf) }
  }, [api, store.id])
  const low = useLoad(() => dashboardApi.lowStock(api, store.id), [api, store.id])
  useFactRefresh(feed.feed, feed.lastSeq, SALES_REFRESH_FACTS, sales.reload)
  const items = useLoad(() => dashboardApi.itemNames(api, store.id), [api, store.id])
  useFactRefresh(feed.feed, feed.lastSeq, STOCK_REFRESH_FACTS, low.reload)
  const itemNames = items.status === 'ready' ? items.data : null
  // Names do not change with stock: reload them only for an item the page has not seen yet.
  const namesUnknownItem = useCallback(
    (fact: FactEnvelope) => itemNames !== null && !itemNames.has(String((fact.data as { itemId?: unknown }).itemId)),
    [itemNames]
  )
  useFactRefresh(feed.feed, feed.lastSeq, STOCK_REFRESH_FACTS, items.reload, 100, namesUnknownItem)
  const saleTerminals = feed.sales.saleTerminal
  const factNames = useMemo<FactNames | null>(
    () =>
      ready && {
        terminalName: ready.terminalName,
        userName: ready.userName,
        itemName: (id) => (id ? (itemNames?.get(id) ?? null) : null),
        saleTerminal: (id) => (id ? (saleTerminals[id] ?? null) : null),
      },
    [ready, itemNames, saleTerminals]
  )

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
        <SalesCard sales={sales} />
        <SalesByHour sales={sales} />
        <ActivityCard feed={feed} />
      </div>

      <Roster feed={feed} names={names} timeZone={store.timezone} />

      <div className="grid two">
        <FactFeed feed={feed} names={factNames ?? names} timeZone={store.timezone} />
        <div className="stack">
          <LowStock low={low} />
          <RecentInvoices store={store} names={names} loaded={sales.status === 'ready' ? sales.data.invoices : []} live={feed.sales.invoices} />
        </div>
      </div>
    </section>
  )
}

function ActivityCard({ feed }: { feed: StoreFeed }) {
  const bars = feed.activity.byHour.map((value, hour) => ({ label: String(hour).padStart(2, '0'), value }))
  const total = feed.activity.byHour.reduce((a, b) => a + b, 0)
  return (
    <section className="card" data-testid="activity">
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
              <CartCell cart={feed.sales.carts[row.terminalId]} />
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

function FactFeed({ feed, names, timeZone }: { feed: StoreFeed; names: FactNames; timeZone: string }) {
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

type SalesLoad = ReturnType<typeof useLoad<{ summary: SalesSummary; invoices: RecentInvoice[] }>>

const TENDERS: Array<[keyof SalesSummary['byTender'], string]> = [
  ['cash', 'Cash'],
  ['upi', 'UPI'],
  ['card', 'Card'],
  ['store_credit', 'Store credit'],
]

/** Bills and value of the day, by tender, and returns: the server's summary, refreshed on every invoice or credit note. */
function SalesCard({ sales }: { sales: SalesLoad }) {
  if (sales.status === 'loading') return <section className="card"><h2>Sales today</h2><Loading what="sales" /></section>
  if (sales.status === 'failed') return <section className="card"><h2>Sales today</h2><ErrorNote error={sales.error} /></section>
  const { summary } = sales.data
  return (
    <section className="card" data-testid="sales-today" data-count={summary.sales.count} data-value={summary.sales.valuePaise}>
      <h2>
        Sales today <span className="muted small">{summary.date}</span>
      </h2>
      <dl className="kpis">
        <div>
          <dt>Bills</dt>
          <dd data-testid="sales-count">{summary.sales.count}</dd>
        </div>
        <div>
          <dt>Value</dt>
          <dd data-testid="sales-value">{formatRupees(summary.sales.valuePaise)}</dd>
        </div>
        <div>
          <dt>Returns</dt>
          <dd data-testid="sales-returns">
            {summary.returns.count} · {formatRupees(summary.returns.valuePaise)}
          </dd>
        </div>
      </dl>
      <table className="table compact" data-testid="sales-by-tender">
        <tbody>
          {TENDERS.map(([method, label]) => (
            <tr key={method} data-tender={method}>
              <td>{label}</td>
              <td className="num">{formatRupees(summary.byTender[method])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function SalesByHour({ sales }: { sales: SalesLoad }) {
  const byHour = sales.status === 'ready' ? sales.data.summary.byHour : Array.from({ length: 24 }, () => ({ count: 0, valuePaise: 0 }))
  const bars = byHour.map((h, hour) => {
    const label = String(hour).padStart(2, '0')
    return { label, value: h.count, note: `${label}:00 · ${h.count} bill${h.count === 1 ? '' : 's'} · ${formatRupees(h.valuePaise)}` }
  })
  return (
    <section className="card" data-testid="sales-by-hour">
      <h2>Sales by hour</h2>
      <BarChart title="Bills per hour (value in each bar's tooltip)" bars={bars} labelEvery={3} format={(v) => `${v} bill${v === 1 ? '' : 's'}`} />
    </section>
  )
}

function CartCell({ cart }: { cart: StoreFeed['sales']['carts'][string] | undefined }) {
  if (!cart) return <td className="num muted" data-testid="cart">—</td>
  return (
    <td className="num" data-testid="cart" data-sale-id={cart.saleId} data-value={cart.grandTotalPaise}>
      {formatRupees(cart.grandTotalPaise)}
      <div className="muted small">
        {cart.lines} line{cart.lines === 1 ? '' : 's'}
        {cart.status === 'cart' ? '' : ` · ${cart.status}`}
      </div>
    </td>
  )
}

function LowStock({ low }: { low: ReturnType<typeof useLoad<StockLevel[]>> }) {
  return (
    <section className="card" data-testid="low-stock">
      <h2>Low stock</h2>
      {low.status === 'loading' && <Loading what="stock" />}
      {low.status === 'failed' && <ErrorNote error={low.error} />}
      {low.status === 'ready' &&
        (low.data.length === 0 ? (
          <p className="muted">Every item is above its reorder level.</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th>Item</th>
                <th className="num">On hand</th>
                <th className="num">Reorder at</th>
              </tr>
            </thead>
            <tbody>
              {low.data.map((level) => (
                <tr key={level.itemId} data-item-id={level.itemId}>
                  <td>
                    {level.name} <span className="muted small mono">{level.sku}</span>
                  </td>
                  <td className="num warn">{level.onHand}</td>
                  <td className="num">{level.reorderLevel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  )
}

function RecentInvoices({ store, names, loaded, live }: { store: Store; names: Directory; loaded: RecentInvoice[]; live: RecentInvoice[] }) {
  const invoices = mergeInvoices(live, loaded)
  return (
    <section className="card" data-testid="recent-invoices">
      <h2>Recent invoices</h2>
      {invoices.length === 0 ? (
        <p className="muted">No invoice yet. Invoices appear here as terminals complete sales.</p>
      ) : (
        <table className="table compact">
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id} data-invoice-id={invoice.id} data-sale-id={invoice.saleId}>
                <td>
                  <Link to={{ name: 'history', storeId: store.id, kind: 'sale', actorId: invoice.saleId }} className="mono">
                    {invoice.number}
                  </Link>
                  {invoice.offline ? <span className="muted small"> offline</span> : null}
                </td>
                <td>{names.terminalName(invoice.terminalId) ?? shortId(invoice.terminalId)}</td>
                <td className="num">{formatRupees(invoice.grandTotalPaise)}</td>
                <td className="muted">{formatTime(invoice.at, store.timezone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

