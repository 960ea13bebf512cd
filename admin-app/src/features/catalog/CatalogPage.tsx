import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { CatalogProduct, ImportAccepted, ImportJobReport, JobProgress, TaxClass } from '@pos/protocols'
import { useApi, useTokenSource } from '../auth/session-context.tsx'
import { useLoad } from '../../shared/ui/hooks.ts'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { formatRupees } from '../../shared/money/format-rupees.ts'
import { watchJobs } from '../../shared/socket/pos-socket.ts'
import { rupeesToPaise } from '../inventory/stock-forms.ts'
import { importView, progressOfJob } from './import-progress.ts'

/** The tenant's catalog: products and their prices (search, edit a price), tax classes, and import from CSV/XLSX. */
export function CatalogPage() {
  return (
    <section className="page">
      <header className="page-head">
        <h1>Catalog</h1>
      </header>
      <div className="grid two">
        <Products />
        <div className="stack">
          <ImportCard />
          <TaxClasses />
        </div>
      </div>
    </section>
  )
}

function Products() {
  const api = useApi()
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const products = useLoad(() => api.get<{ products: CatalogProduct[] }>('/products', { q: query || undefined, limit: 100 }).then((r) => r.products), [api, query])
  return (
    <section className="card">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          setQuery(q.trim())
        }}
      >
        <input type="search" placeholder="Name or SKU" value={q} onChange={(e) => setQ(e.target.value)} data-testid="product-search" />
        <button type="submit">Search</button>
      </form>
      {products.status === 'loading' && <Loading what="products" />}
      {products.status === 'failed' && <ErrorNote error={products.error} />}
      {products.status === 'ready' && (
        <table className="table" data-testid="products">
          <thead>
            <tr>
              <th>SKU</th>
              <th>Item</th>
              <th>HSN</th>
              <th className="num">Price</th>
            </tr>
          </thead>
          <tbody>
            {products.data.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No product matches.
                </td>
              </tr>
            )}
            {products.data.flatMap((p) =>
              p.items.map((item) => (
                <tr key={item.id} data-item-id={item.id} data-sku={item.sku}>
                  <td className="mono">{item.sku}</td>
                  <td>
                    {item.name}
                    {!item.active || !p.active ? <span className="muted small"> retired</span> : null}
                  </td>
                  <td className="mono">{p.hsn}</td>
                  <PriceCell itemId={item.id} pricePaise={item.prices.find((pr) => pr.storeId === null)?.pricePaise ?? null} onSaved={products.reload} />
                </tr>
              ))
            )}
          </tbody>
        </table>
      )}
    </section>
  )
}

function PriceCell({ itemId, pricePaise, onSaved }: { itemId: string; pricePaise: number | null; onSaved: () => void }) {
  const api = useApi()
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState('')
  const [error, setError] = useState<Error | null>(null)
  const save = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    try {
      await api.put(`/items/${itemId}/price`, { pricePaise: rupeesToPaise(text) })
      setEditing(false)
      onSaved()
    } catch (e) {
      setError(e as Error)
    }
  }
  if (!editing)
    return (
      <td className="num">
        <span data-testid="price">{pricePaise === null ? '—' : formatRupees(pricePaise)}</span>{' '}
        <button type="button" className="link small" onClick={() => { setText(pricePaise === null ? '' : (pricePaise / 100).toFixed(2)); setEditing(true) }}>
          edit
        </button>
      </td>
    )
  return (
    <td className="num">
      <form onSubmit={save} className="inline-form">
        <input value={text} onChange={(e) => setText(e.target.value)} size={8} aria-label="Price in rupees" autoFocus name="price" />
        <button type="submit">Save</button>
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
      {error && <ErrorNote error={error} />}
    </td>
  )
}

function TaxClasses() {
  const api = useApi()
  const classes = useLoad(() => api.get<{ taxClasses: TaxClass[] }>('/tax-classes').then((r) => r.taxClasses), [api])
  return (
    <section className="card">
      <h2>Tax classes</h2>
      {classes.status === 'loading' && <Loading what="tax classes" />}
      {classes.status === 'failed' && <ErrorNote error={classes.error} />}
      {classes.status === 'ready' && (
        <table className="table compact" data-testid="tax-classes">
          <tbody>
            {classes.data.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.code}</td>
                <td>{c.name}</td>
                <td className="num">{c.current ? `${c.current.ratePercent} %` : '—'}</td>
                <td className="muted small">{c.upcoming.map((r) => `${r.ratePercent} % from ${r.effectiveFrom}`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** Upload a CSV or XLSX file; the bar follows the job's `job.progress` reports, then the per-row report is shown. */
function ImportCard() {
  const api = useApi()
  const tokens = useTokenSource()
  const [file, setFile] = useState<File | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const [progress, setProgress] = useState<Pick<JobProgress, 'status' | 'processed' | 'total' | 'accepted' | 'rejected'> | null>(null)
  const [report, setReport] = useState<ImportJobReport | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const jobRef = useRef<string | null>(null)
  const socket = useRef<ReturnType<typeof watchJobs> | null>(null)

  const loadReport = async (id: string) => {
    const answer = await api.get<ImportJobReport>(`/catalog/imports/${id}`, { limit: 500 })
    setReport(answer)
    setProgress(progressOfJob(answer.job))
  }

  useEffect(() => {
    const watch = watchJobs({
      token: tokens.token,
      onProgress: (p) => {
        if (p.jobId !== jobRef.current) return
        setProgress(p)
        if (p.status === 'succeeded' || p.status === 'failed') void loadReport(p.jobId).catch((e: Error) => setError(e))
      },
    })
    socket.current = watch
    return () => watch.close()
  }, [tokens])

  const upload = async (event: FormEvent) => {
    event.preventDefault()
    if (!file) return
    setError(null)
    setReport(null)
    setProgress(null)
    try {
      await socket.current?.ready
      const accepted = await api.upload<ImportAccepted>('/catalog/imports', file, { fileName: file.name })
      jobRef.current = accepted.jobId
      setJobId(accepted.jobId)
      setProgress({ status: accepted.status, processed: 0, total: null })
      // A small file may finish before its first report reaches this page.
      const now = await api.get<ImportJobReport>(`/catalog/imports/${accepted.jobId}`, { limit: 500 })
      if (now.job.status === 'succeeded' || now.job.status === 'failed') {
        setReport(now)
        setProgress(progressOfJob(now.job))
      }
    } catch (e) {
      setError(e as Error)
    }
  }

  const view = progress ? importView(progress) : null
  return (
    <section className="card" data-testid="import-card">
      <h2>Import CSV or XLSX</h2>
      <form className="inline-form" onSubmit={upload}>
        <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="import-file" />
        <button type="submit" disabled={!file}>
          Import
        </button>
      </form>
      {view && (
        <div className="import-progress" data-testid="import-progress" data-status={view.status} data-job-id={jobId ?? ''}>
          <progress max={1} value={view.fraction ?? undefined} />
          <span>{view.text}</span>
        </div>
      )}
      {error && <ErrorNote error={error} />}
      {report && (
        <div data-testid="import-report">
          <p className="small">
            {report.job.created} created · {report.job.updated} updated · {report.job.unchanged} unchanged · {report.job.rejected} rejected
            {report.job.error ? ` · ${report.job.error.code}: ${report.job.error.message}` : ''}
          </p>
          {report.issues.length > 0 && (
            <table className="table compact">
              <thead>
                <tr>
                  <th className="num">Row</th>
                  <th>SKU</th>
                  <th>Column</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {report.issues.map((issue, i) => (
                  <tr key={i} data-row={issue.row}>
                    <td className="num">{issue.row}</td>
                    <td className="mono">{issue.sku ?? '—'}</td>
                    <td>{issue.column ?? '—'}</td>
                    <td>{issue.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  )
}
