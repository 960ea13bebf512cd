import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { CatalogProduct, ImportAccepted, ImportJobReport, JobProgress, TaxClass } from '@pos/protocols'
import { useApi, useTokenSource } from '../auth/session-context.tsx'
import { useLoad } from '../../shared/ui/hooks.ts'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { formatRupees } from '../../shared/money/format-rupees.ts'
import { watchJobs } from '../../shared/socket/pos-socket.ts'
import { rupeesToPaise } from '../inventory/stock-forms.ts'
import { importView, progressOfJob } from './import-progress.ts'
import { EditProductForm, NewProductForm } from './ProductForm.tsx'
import { TaxClassesCard } from './TaxClassesCard.tsx'

/** The tenant's catalog: products and items (search, create, edit, retire, price), tax classes and their dated rates, and import from CSV/XLSX. */
export function CatalogPage() {
  const api = useApi()
  const classes = useLoad(() => api.get<{ taxClasses: TaxClass[] }>('/tax-classes').then((r) => r.taxClasses), [api])
  return (
    <section className="page">
      <header className="page-head">
        <h1>Catalog</h1>
      </header>
      <div className="grid two">
        <Products taxClasses={classes.status === 'ready' ? classes.data : []} />
        <div className="stack">
          <ImportCard />
          {classes.status === 'loading' && <Loading what="tax classes" />}
          {classes.status === 'failed' && <ErrorNote error={classes.error} />}
          {classes.status === 'ready' && <TaxClassesCard api={api} classes={classes.data} onChanged={classes.reload} />}
        </div>
      </div>
    </section>
  )
}

type Panel = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; itemId: string }

function Products({ taxClasses }: { taxClasses: TaxClass[] }) {
  const api = useApi()
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const [panel, setPanel] = useState<Panel>({ kind: 'none' })
  const [created, setCreated] = useState<string | null>(null)
  // The list remembers the search it answers, so the table can say which one it shows.
  const loaded = useLoad(() => api.get<{ products: CatalogProduct[] }>('/products', { q: query || undefined, limit: 100 }).then((r) => ({ query, products: r.products })), [api, query])
  const products = loaded.status === 'ready' ? { ...loaded, data: loaded.data.products, shownQuery: loaded.data.query } : { ...loaded, shownQuery: null }
  const editing =
    panel.kind === 'edit' && products.status === 'ready'
      ? products.data.flatMap((p) => p.items.map((item) => ({ product: p, item }))).find((row) => row.item.id === panel.itemId)
      : undefined
  return (
    <section className="card">
      <div className="inline-form">
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
        <button type="button" onClick={() => { setCreated(null); setPanel({ kind: 'new' }) }} data-testid="new-product" disabled={panel.kind === 'new'}>
          New product
        </button>
      </div>
      {created && (
        <p className="ok" role="status" data-testid="product-created">
          Created {created}.
        </p>
      )}
      {panel.kind === 'new' && (
        <NewProductForm
          api={api}
          taxClasses={taxClasses}
          onCancel={() => setPanel({ kind: 'none' })}
          onCreated={(product) => {
            setPanel({ kind: 'none' })
            setCreated(`${product.name} (${product.items.map((i) => i.sku).join(', ')})`)
            const sku = product.items[0]?.sku ?? ''
            // Show the new product in the list: search for it (or reload the same search).
            if (query === sku) products.reload()
            setQ(sku)
            setQuery(sku)
          }}
        />
      )}
      {editing && (
        <EditProductForm
          key={editing.item.id}
          api={api}
          product={editing.product}
          item={editing.item}
          taxClasses={taxClasses}
          onSaved={products.reload}
          onClose={() => setPanel({ kind: 'none' })}
        />
      )}
      {products.status === 'loading' && <Loading what="products" />}
      {products.status === 'failed' && <ErrorNote error={products.error} />}
      {products.status === 'ready' && (
        <table className="table" data-testid="products" data-query={products.shownQuery ?? ''}>
          <thead>
            <tr>
              <th>SKU</th>
              <th>Item</th>
              <th>HSN</th>
              <th className="num">Price</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {products.data.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  No product matches.
                </td>
              </tr>
            )}
            {products.data.flatMap((p) =>
              p.items.map((item) => (
                <tr key={item.id} data-item-id={item.id} data-sku={item.sku} data-active={item.active && p.active}>
                  <td className="mono">{item.sku}</td>
                  <td>
                    {item.name}
                    {!item.active || !p.active ? <span className="muted small"> retired</span> : null}
                  </td>
                  <td className="mono">{p.hsn}</td>
                  <PriceCell itemId={item.id} pricePaise={item.prices.find((pr) => pr.storeId === null)?.pricePaise ?? null} onSaved={products.reload} />
                  <td>
                    <button type="button" className="link small" onClick={() => { setCreated(null); setPanel({ kind: 'edit', itemId: item.id }) }} aria-label={`Edit ${item.sku}`}>
                      details
                    </button>
                  </td>
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
