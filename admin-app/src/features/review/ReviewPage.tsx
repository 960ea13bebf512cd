import { useState, type FormEvent } from 'react'
import type { InventoryReviewItem, Store } from '@pos/protocols'
import { Link } from '../../app/router.tsx'
import { useApi } from '../auth/session-context.tsx'
import { loadDirectory, type Directory } from '../stores/stores.api.ts'
import { useLoad } from '../../shared/ui/hooks.ts'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { formatDateTime, shortId } from '../../shared/ui/format.ts'
import { formatRupees } from '../../shared/money/format-rupees.ts'
import { kindText, otherFields, reviewDiff } from './review.ts'
import { reviewApi, type Resolution } from './review.api.ts'

const RESOLUTIONS: Array<[Resolution, string]> = [
  ['accepted', 'Accept as it is'],
  ['stock_adjusted', 'Stock adjusted'],
  ['follow_up', 'Needs follow-up'],
]

/**
 * The store's conflict review inbox: what the server accepted but a manager should look at
 * (negative stock, renumbered invoices, catalogue differences...). Each item opens its sale's
 * invoice and history; resolving it needs a reason, which the server records in the audit log.
 */
export function ReviewPage({ store }: { store: Store }) {
  const api = useApi()
  const [status, setStatus] = useState<'open' | 'resolved'>('open')
  const [selected, setSelected] = useState<string | null>(null)
  const data = useLoad(async () => {
    const [items, directory] = await Promise.all([reviewApi.list(api, store.id, status), loadDirectory(api, store.id)])
    return { items, directory }
  }, [api, store.id, status])

  if (data.status === 'loading') return <Loading what="review items" />
  if (data.status === 'failed') return <ErrorNote error={data.error} />
  const { items, directory } = data.data
  const current = items.find((i) => i.id === selected) ?? null
  return (
    <section className="page">
      <header className="page-head">
        <h1>Review inbox</h1>
        <label className="inline">
          Show
          <select value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'resolved')} data-testid="review-status">
            <option value="open">open</option>
            <option value="resolved">resolved</option>
          </select>
        </label>
      </header>
      <div className="grid two">
        <section className="card">
          <table className="table" data-testid="review-items">
            <thead>
              <tr>
                <th>What</th>
                <th>Subject</th>
                <th>When</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted">
                    {status === 'open' ? 'Nothing to review.' : 'Nothing resolved yet.'}
                  </td>
                </tr>
              )}
              {items.map((item) => (
                <tr key={item.id} data-review-id={item.id} data-kind={item.kind} className={item.id === selected ? 'selected' : ''}>
                  <td>
                    <button type="button" className="link" onClick={() => setSelected(item.id)}>
                      {kindText(item.kind)}
                    </button>
                  </td>
                  <td className="mono small">
                    {item.subjectType} {shortId(item.subjectId)}
                  </td>
                  <td>{formatDateTime(item.createdAt, store.timezone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {current ? (
          <ReviewDetail key={current.id} store={store} item={current} directory={directory} onResolved={() => { setSelected(null); data.reload() }} />
        ) : (
          <section className="card">
            <p className="muted">Choose an item to see what differs and resolve it.</p>
          </section>
        )}
      </div>
    </section>
  )
}

function ReviewDetail({ store, item, directory, onResolved }: { store: Store; item: InventoryReviewItem; directory: Directory; onResolved: () => void }) {
  const api = useApi()
  const invoice = useLoad(async () => (item.subjectType === 'invoice' ? reviewApi.invoice(api, item.subjectId) : null), [api, item.subjectType, item.subjectId])
  const [resolution, setResolution] = useState<Resolution>('accepted')
  const [note, setNote] = useState('')
  const [error, setError] = useState<Error | null>(null)
  const [busy, setBusy] = useState(false)
  const diff = reviewDiff(item)
  const saleId = typeof item.data.saleId === 'string' ? item.data.saleId : invoice.status === 'ready' ? invoice.data?.saleId : undefined

  const resolve = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await reviewApi.resolve(api, store.id, item.id, resolution, note)
      onResolved()
    } catch (e) {
      setError(e as Error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" data-testid="review-detail" data-review-id={item.id}>
      <h2>{kindText(item.kind)}</h2>
      {diff.length > 0 && (
        <table className="table compact" data-testid="review-diff">
          <thead>
            <tr>
              <th />
              <th>Terminal had</th>
              <th>Server recorded</th>
            </tr>
          </thead>
          <tbody>
            {diff.map((row, i) => (
              <tr key={i}>
                <th>{row.field}</th>
                <td className="mono">{row.left}</td>
                <td className="mono">{row.right}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl className="details">
        {otherFields(item).map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd className="mono small">{value}</dd>
          </div>
        ))}
      </dl>
      {invoice.status === 'ready' && invoice.data && (
        <div data-testid="review-invoice">
          <h3>
            Invoice <span className="mono">{invoice.data.number}</span> · {formatRupees(invoice.data.totals.grandTotalPaise)}
          </h3>
          <p className="muted small">
            {directory.terminalName(invoice.data.terminalId) ?? shortId(invoice.data.terminalId)} · {directory.userName(invoice.data.cashierId) ?? shortId(invoice.data.cashierId)} ·{' '}
            {formatDateTime(invoice.data.issuedAt, store.timezone)}
          </p>
          <ul className="small">
            {invoice.data.lines.map((line) => (
              <li key={line.lineNo}>
                {line.quantity} × {line.name} @ {formatRupees(line.unitPricePaise)} = {formatRupees(line.totalPaise)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {invoice.status === 'failed' && <ErrorNote error={invoice.error} />}
      {saleId && (
        <p>
          <Link to={{ name: 'history', storeId: store.id, kind: 'sale', actorId: saleId }} data-testid="review-sale-history">
            Open the sale's history
          </Link>
        </p>
      )}
      {item.status === 'open' ? (
        <form className="stack" onSubmit={resolve} data-testid="resolve-form">
          <label>
            Resolution
            <select value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)} name="resolution">
              {RESOLUTIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Reason (recorded)
            <textarea name="note" value={note} onChange={(e) => setNote(e.target.value)} minLength={3} maxLength={1000} required rows={3} />
          </label>
          <button type="submit" disabled={busy || note.trim().length < 3}>
            Resolve
          </button>
          {error && <ErrorNote error={error} />}
        </form>
      ) : (
        <p data-testid="resolution">
          Resolved <strong>{item.resolution}</strong> by {directory.userName(item.resolvedBy) ?? shortId(item.resolvedBy ?? '')} on{' '}
          {formatDateTime(item.resolvedAt, store.timezone)}: “{item.resolutionNote}”
        </p>
      )}
    </section>
  )
}
