import { useState, type FormEvent } from 'react'
import type { TaxClass } from '@pos/protocols'
import type { ApiClient } from '../../shared/api/http.ts'
import { ErrorNote } from '../../shared/ui/Status.tsx'
import { rateBody, rateText, todayInIndia, type RateErrors } from './tax-rates.ts'
import { serverFieldErrors } from './product-form.ts'

/** Tax classes with the rate in force today and the upcoming ones; a rate change is a new dated rate. */
export function TaxClassesCard({ api, classes, onChanged, today = todayInIndia() }: { api: ApiClient; classes: TaxClass[]; onChanged: () => void; today?: string }) {
  const [adding, setAdding] = useState<string | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const cancel = async (c: TaxClass, effectiveFrom: string) => {
    setError(null)
    try {
      await api.delete(`/tax-classes/${c.id}/rates/${effectiveFrom}`)
      onChanged()
    } catch (e) {
      setError(e as Error)
    }
  }
  return (
    <section className="card" data-testid="tax-classes-card">
      <h2>Tax classes</h2>
      {error && <ErrorNote error={error} />}
      <table className="table compact" data-testid="tax-classes">
        <thead>
          <tr>
            <th>Code</th>
            <th>Name</th>
            <th>Today</th>
            <th>Upcoming</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {classes.map((c) => (
            <tr key={c.id} data-tax-class={c.code}>
              <td className="mono">{c.code}</td>
              <td>{c.name}</td>
              <td className="num" data-testid="current-rate">
                {c.current ? rateText(c.current) : '—'}
              </td>
              <td>
                {c.upcoming.length === 0 && <span className="muted small">none</span>}
                <ul className="plain">
                  {c.upcoming.map((r) => (
                    <li key={r.effectiveFrom} data-upcoming={r.effectiveFrom}>
                      {rateText(r)} from {r.effectiveFrom}{' '}
                      <button type="button" className="link small" onClick={() => void cancel(c, r.effectiveFrom)} aria-label={`Cancel ${c.code} rate from ${r.effectiveFrom}`}>
                        cancel
                      </button>
                    </li>
                  ))}
                </ul>
                {adding === c.id && (
                  <RateForm
                    api={api}
                    taxClass={c}
                    today={today}
                    onDone={() => {
                      setAdding(null)
                      onChanged()
                    }}
                    onCancel={() => setAdding(null)}
                  />
                )}
              </td>
              <td>
                {adding !== c.id && c.active && (
                  <button type="button" className="link small" onClick={() => setAdding(c.id)} aria-label={`New rate for ${c.code}`}>
                    new rate
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function RateForm({ api, taxClass, today, onDone, onCancel }: { api: ApiClient; taxClass: TaxClass; today: string; onDone: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState({ effectiveFrom: '', ratePercent: '', cessPercent: '' })
  const [errors, setErrors] = useState<RateErrors>({})
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = rateBody(draft, today, taxClass)
    if (!parsed.ok) return setErrors(parsed.errors)
    setErrors({})
    try {
      await api.post(`/tax-classes/${taxClass.id}/rates`, parsed.body)
      onDone()
    } catch (e) {
      const placed = serverFieldErrors(e)
      const code = (e as { code?: string }).code
      setErrors(code === 'E_CATALOG_TAX_RATE_BACKDATED' || code === 'E_CATALOG_TAX_RATE_EXISTS' ? { effectiveFrom: placed.form } : { form: placed.form ?? Object.values(placed)[0] })
    }
  }
  const input = (field: 'effectiveFrom' | 'ratePercent' | 'cessPercent', label: string, extra: Record<string, unknown>) => (
    <div className={errors[field] ? 'field invalid' : 'field'}>
      <label>
        {label}
        <input name={field} value={draft[field]} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} {...extra} />
      </label>
      {errors[field] && (
        <span className="field-error" role="alert" data-field-error={field}>
          {errors[field]}
        </span>
      )}
    </div>
  )
  return (
    <form className="stack rate-form" onSubmit={submit} data-testid="rate-form" noValidate>
      {input('effectiveFrom', 'From', { type: 'date', min: today })}
      {input('ratePercent', 'GST %', { inputMode: 'decimal', size: 5 })}
      {input('cessPercent', 'Cess %', { inputMode: 'decimal', size: 5, placeholder: '0' })}
      {errors.form && (
        <p className="error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="inline-form">
        <button type="submit">Add rate</button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
