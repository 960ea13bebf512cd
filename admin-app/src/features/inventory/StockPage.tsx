import { useState, type FormEvent } from 'react'
import type { StockCommandResponse, StockLevel, StockTransfer, Store } from '@pos/protocols'
import { useApi } from '../auth/session-context.tsx'
import { useStores } from '../stores/stores-context.tsx'
import { useLoad } from '../../shared/ui/hooks.ts'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { formatDateTime, shortId } from '../../shared/ui/format.ts'
import { newCommandId, quantityThousandths, receiptLines, rupeesToPaise } from './stock-forms.ts'

/** Stock of one store: levels (search, low only), receipts, adjustments, and transfers out and in. */
export function StockPage({ store }: { store: Store }) {
  const api = useApi()
  const [lowOnly, setLowOnly] = useState(false)
  const [search, setSearch] = useState('')
  const levels = useLoad(
    () => api.get<{ levels: StockLevel[] }>(`/stores/${store.id}/stock`, { limit: 500, lowOnly: lowOnly ? 'true' : undefined }).then((r) => r.levels),
    [api, store.id, lowOnly]
  )
  const transfers = useLoad(() => api.get<{ transfers: StockTransfer[] }>(`/stores/${store.id}/transfers`).then((r) => r.transfers), [api, store.id])
  const refresh = () => {
    levels.reload()
    transfers.reload()
  }
  const items = levels.status === 'ready' ? levels.data : []
  const needle = search.trim().toLowerCase()
  const shown = items.filter((l) => !needle || l.sku.toLowerCase().includes(needle) || l.name.toLowerCase().includes(needle))

  return (
    <section className="page">
      <header className="page-head">
        <h1>Stock</h1>
        <input type="search" placeholder="Search SKU or name" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="stock-search" />
        <label className="inline">
          <input type="checkbox" checked={lowOnly} onChange={(e) => setLowOnly(e.target.checked)} /> low only
        </label>
      </header>
      <div className="grid two">
        <section className="card">
          {levels.status === 'loading' && <Loading what="stock" />}
          {levels.status === 'failed' && <ErrorNote error={levels.error} />}
          <table className="table" data-testid="stock-levels">
            <thead>
              <tr>
                <th>SKU</th>
                <th>Item</th>
                <th className="num">On hand</th>
                <th className="num">Reorder at</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((l) => (
                <tr key={l.itemId} data-item-id={l.itemId} data-low={l.low}>
                  <td className="mono">{l.sku}</td>
                  <td>{l.name}</td>
                  <td className={`num ${l.low ? 'warn' : ''}`} data-testid="on-hand">
                    {l.onHand}
                  </td>
                  <td className="num">{l.reorderLevel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <div className="stack">
          <MovementForm store={store} items={items} onDone={refresh} />
          <TransferCard store={store} items={items} transfers={transfers.status === 'ready' ? transfers.data : []} onDone={refresh} />
        </div>
      </div>
    </section>
  )
}

type Kind = 'receipt' | 'adjustment' | 'wastage'

function MovementForm({ store, items, onDone }: { store: Store; items: StockLevel[]; onDone: () => void }) {
  const api = useApi()
  const [kind, setKind] = useState<Kind>('receipt')
  const [itemId, setItemId] = useState('')
  const [quantity, setQuantity] = useState('')
  const [cost, setCost] = useState('')
  const [reason, setReason] = useState('')
  const [result, setResult] = useState<string | null>(null)
  const [error, setError] = useState<Error | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(null)
    setResult(null)
    try {
      const line = { itemId, quantity }
      const answer =
        kind === 'receipt'
          ? await api.post<StockCommandResponse>(`/stores/${store.id}/stock/receipts`, { commandId: newCommandId(), lines: [{ ...line, unitCostPaise: rupeesToPaise(cost) }] })
          : kind === 'adjustment'
            ? await api.post<StockCommandResponse>(`/stores/${store.id}/stock/adjustments`, { commandId: newCommandId(), reason, lines: [line] })
            : await api.post<StockCommandResponse>(`/stores/${store.id}/stock/wastage`, { commandId: newCommandId(), reason, lines: [line] })
      setResult(`Recorded: on hand now ${answer.movements.map((m) => m.onHand).join(', ')}`)
      setQuantity('')
      onDone()
    } catch (e) {
      setError(e as Error)
    }
  }

  return (
    <section className="card">
      <h2>Receive, adjust or write off</h2>
      <form className="stack" onSubmit={submit} data-testid="movement-form">
        <label>
          What
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} name="kind">
            <option value="receipt">Goods received</option>
            <option value="adjustment">Count correction</option>
            <option value="wastage">Write off (expired, damaged)</option>
          </select>
        </label>
        <ItemSelect items={items} value={itemId} onChange={setItemId} />
        <label>
          Quantity {kind === 'adjustment' ? '(negative takes away)' : ''}
          <input name="quantity" value={quantity} onChange={(e) => setQuantity(e.target.value)} required pattern={kind === 'adjustment' ? '-?[0-9]+(\\.[0-9]{1,3})?' : '[0-9]+(\\.[0-9]{1,3})?'} />
        </label>
        {kind === 'receipt' ? (
          <label>
            Cost per unit (₹)
            <input name="cost" value={cost} onChange={(e) => setCost(e.target.value)} required pattern="[0-9]+(\.[0-9]{1,2})?" />
          </label>
        ) : (
          <label>
            Reason
            <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
          </label>
        )}
        <button type="submit">Record</button>
        {result && <p className="ok">{result}</p>}
        {error && <ErrorNote error={error} />}
      </form>
    </section>
  )
}

function ItemSelect({ items, value, onChange }: { items: StockLevel[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      Item
      <select value={value} onChange={(e) => onChange(e.target.value)} required name="itemId">
        <option value="">choose…</option>
        {items.map((l) => (
          <option key={l.itemId} value={l.itemId}>
            {l.sku} · {l.name}
          </option>
        ))}
      </select>
    </label>
  )
}

function TransferCard({ store, items, transfers, onDone }: { store: Store; items: StockLevel[]; transfers: StockTransfer[]; onDone: () => void }) {
  const api = useApi()
  const stores = useStores()
  const others = stores.status === 'ready' ? stores.data.filter((s) => s.id !== store.id) : []
  const [toStoreId, setTo] = useState('')
  const [itemId, setItemId] = useState('')
  const [quantity, setQuantity] = useState('')
  const [error, setError] = useState<Error | null>(null)
  const name = (id: string) => stores.status === 'ready' ? (stores.data.find((s) => s.id === id)?.tradeName ?? shortId(id)) : shortId(id)

  const act = async (work: () => Promise<unknown>) => {
    setError(null)
    try {
      await work()
      onDone()
    } catch (e) {
      setError(e as Error)
    }
  }
  const dispatch = (event: FormEvent) => {
    event.preventDefault()
    void act(() => api.post(`/stores/${store.id}/transfers`, { commandId: newCommandId(), toStoreId, lines: [{ itemId, quantity }] }))
  }
  const [receiving, setReceiving] = useState<string | null>(null)
  const itemName = (id: string) => items.find((l) => l.itemId === id)?.name ?? shortId(id)
  const receive = (t: StockTransfer) =>
    act(() =>
      api.post(`/stores/${store.id}/transfers/${t.id}/receipts`, {
        commandId: newCommandId(),
        lines: t.lines.filter((l) => quantityThousandths(l.quantityInTransit)! > 0).map((l) => ({ itemId: l.itemId, quantity: l.quantityInTransit })),
      })
    )

  return (
    <section className="card">
      <h2>Transfers</h2>
      {others.length > 0 ? (
        <form className="stack" onSubmit={dispatch} data-testid="dispatch-form">
          <label>
            To store
            <select value={toStoreId} onChange={(e) => setTo(e.target.value)} required name="toStoreId">
              <option value="">choose…</option>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.tradeName ?? s.legalName}
                </option>
              ))}
            </select>
          </label>
          <ItemSelect items={items} value={itemId} onChange={setItemId} />
          <label>
            Quantity
            <input name="quantity" value={quantity} onChange={(e) => setQuantity(e.target.value)} required pattern="[0-9]+(\.[0-9]{1,3})?" />
          </label>
          <button type="submit">Dispatch</button>
        </form>
      ) : (
        <p className="muted small">You have no other store to send stock to.</p>
      )}
      {error && <ErrorNote error={error} />}
      <table className="table compact" data-testid="transfers">
        <tbody>
          {transfers.flatMap((t) => [
            <tr key={t.id} data-transfer-id={t.id} data-status={t.status}>
              <td>{t.fromStoreId === store.id ? `to ${name(t.toStoreId)}` : `from ${name(t.fromStoreId)}`}</td>
              <td>{t.status.replace('_', ' ')}</td>
              <td className="muted">{formatDateTime(t.dispatchedAt, store.timezone)}</td>
              <td>
                {t.toStoreId === store.id && t.status !== 'received' && (
                  <>
                    <button type="button" onClick={() => void receive(t)}>
                      Receive all
                    </button>{' '}
                    <button type="button" onClick={() => setReceiving(receiving === t.id ? null : t.id)} data-testid="receive-part">
                      Receive part…
                    </button>
                  </>
                )}
              </td>
            </tr>,
            receiving === t.id && (
              <tr key={`${t.id}-receipt`}>
                <td colSpan={4}>
                  <PartialReceipt
                    transfer={t}
                    itemName={itemName}
                    onSubmit={(lines) =>
                      act(async () => {
                        await api.post(`/stores/${store.id}/transfers/${t.id}/receipts`, { commandId: newCommandId(), lines })
                        setReceiving(null)
                      })
                    }
                  />
                </td>
              </tr>
            ),
          ])}
        </tbody>
      </table>
    </section>
  )
}

/** What arrived of each line of a transfer (the rest stays in transit). */
export function PartialReceipt({
  transfer,
  itemName,
  onSubmit,
}: {
  transfer: StockTransfer
  itemName: (id: string) => string
  onSubmit: (lines: Array<{ itemId: string; quantity: string }>) => Promise<void> | void
}) {
  const open = transfer.lines.filter((l) => quantityThousandths(l.quantityInTransit)! > 0)
  const [arrived, setArrived] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = receiptLines({ lines: open }, arrived)
    if (!parsed.ok) return setErrors(parsed.errors)
    setErrors({})
    void onSubmit(parsed.lines)
  }
  return (
    <form className="stack partial-receipt" onSubmit={submit} data-testid="partial-receipt" noValidate>
      {open.map((l) => (
        <div key={l.itemId} className="field">
          <label>
            {itemName(l.itemId)} ({l.quantityInTransit} in transit)
            <input name={`arrived-${l.itemId}`} value={arrived[l.itemId] ?? ''} onChange={(e) => setArrived({ ...arrived, [l.itemId]: e.target.value })} inputMode="decimal" />
          </label>
          {errors[l.itemId] && (
            <span className="field-error" role="alert">
              {errors[l.itemId]}
            </span>
          )}
        </div>
      ))}
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit">Record what arrived</button>
    </form>
  )
}
