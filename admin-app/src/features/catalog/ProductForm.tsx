import { useState, type FormEvent, type ReactNode } from 'react'
import { UQC_CODES, type CatalogItem, type CatalogProduct, type TaxClass } from '@pos/protocols'
import type { ApiClient } from '../../shared/api/http.ts'
import { createProductBody, draftOf, editBodies, emptyDraft, serverFieldErrors, type FieldErrors, type ProductDraft, type ProductField } from './product-form.ts'

interface FieldsProps {
  draft: ProductDraft
  errors: FieldErrors
  taxClasses: TaxClass[]
  onChange: (draft: ProductDraft) => void
  /** Fields the form does not edit (an existing item's barcode is added apart). */
  readOnly?: ReadonlyArray<ProductField>
}

function Field({ label, field, errors, children }: { label: string; field: ProductField; errors: FieldErrors; children: ReactNode }) {
  const error = errors[field]
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label>
        {label}
        {children}
      </label>
      {error && (
        <span className="field-error" role="alert" data-field-error={field}>
          {error}
        </span>
      )}
    </div>
  )
}

/** The product and item fields shared by the create and edit forms. */
function ProductFields({ draft, errors, taxClasses, onChange, readOnly = [] }: FieldsProps) {
  const text = (field: ProductField, extra: Record<string, unknown> = {}) => ({
    name: field,
    value: draft[field],
    onChange: (e: { target: { value: string } }) => onChange({ ...draft, [field]: e.target.value }),
    readOnly: readOnly.includes(field),
    'aria-invalid': errors[field] ? true : undefined,
    ...extra,
  })
  return (
    <div className="form-grid">
      <Field label="Name" field="name" errors={errors}>
        <input {...text('name')} />
      </Field>
      <Field label="SKU" field="sku" errors={errors}>
        <input {...text('sku')} className="mono" />
      </Field>
      <Field label="HSN" field="hsn" errors={errors}>
        <input {...text('hsn', { inputMode: 'numeric' })} className="mono" />
      </Field>
      <Field label="Unit" field="unit" errors={errors}>
        <select {...text('unit')}>
          {UQC_CODES.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Tax class" field="taxClassId" errors={errors}>
        <select {...text('taxClassId')}>
          <option value="">choose…</option>
          {taxClasses
            .filter((c) => c.active || c.id === draft.taxClassId)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.code} · {c.name}
              </option>
            ))}
        </select>
      </Field>
      <Field label="Price (₹)" field="price" errors={errors}>
        <input {...text('price', { inputMode: 'decimal' })} />
      </Field>
      <Field label="MRP (₹)" field="mrp" errors={errors}>
        <input {...text('mrp', { inputMode: 'decimal' })} />
      </Field>
      <Field label="Barcode" field="barcode" errors={errors}>
        <input {...text('barcode')} className="mono" />
      </Field>
      <Field label="Reorder at" field="reorderLevel" errors={errors}>
        <input {...text('reorderLevel', { inputMode: 'decimal' })} />
      </Field>
    </div>
  )
}

/** A new product with one item; the server's refusals appear beside their fields. */
export function NewProductForm({ api, taxClasses, onCreated, onCancel }: { api: ApiClient; taxClasses: TaxClass[]; onCreated: (product: CatalogProduct) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(() => emptyDraft(taxClasses.find((c) => c.active)?.id ?? ''))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const parsed = createProductBody(draft)
    if (!parsed.ok) return setErrors(parsed.errors)
    setErrors({})
    setBusy(true)
    try {
      onCreated(await api.post<CatalogProduct>('/products', parsed.body))
    } catch (e) {
      setErrors(serverFieldErrors(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="stack product-form" onSubmit={submit} data-testid="new-product-form" noValidate>
      <h2>New product</h2>
      <ProductFields draft={draft} errors={errors} taxClasses={taxClasses} onChange={setDraft} />
      {errors.form && (
        <p className="error" role="alert" data-field-error="form">
          {errors.form}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" disabled={busy}>
          Create product
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/** Edit a product's and one item's fields, or retire the item. */
export function EditProductForm({
  api,
  product,
  item,
  taxClasses,
  onSaved,
  onClose,
}: {
  api: ApiClient
  product: CatalogProduct
  item: CatalogItem
  taxClasses: TaxClass[]
  onSaved: () => void
  onClose: () => void
}) {
  const [draft, setDraft] = useState(() => draftOf(product, item))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  const run = async (work: () => Promise<void>, done: string) => {
    setErrors({})
    setSaved(null)
    setBusy(true)
    try {
      await work()
      setSaved(done)
      onSaved()
    } catch (e) {
      setErrors(serverFieldErrors(e))
    } finally {
      setBusy(false)
    }
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const parsed = editBodies(product, item, draft)
    if (!parsed.ok) return setErrors(parsed.errors)
    const { edit } = parsed
    void run(async () => {
      if (edit.product) await api.patch(`/products/${product.id}`, edit.product)
      if (edit.item) await api.patch(`/items/${item.id}`, edit.item)
      if (edit.pricePaise !== null) await api.put(`/items/${item.id}/price`, { pricePaise: edit.pricePaise })
    }, 'Saved.')
  }
  const retire = () => void run(async () => void (await api.patch(`/items/${item.id}`, { active: false })), 'Retired: it no longer sells.')
  return (
    <form className="stack product-form" onSubmit={submit} data-testid="edit-product-form" data-item-id={item.id} noValidate>
      <h2>
        Edit {item.name} <span className="muted small mono">{item.sku}</span>
        {!item.active && <span className="badge"> retired</span>}
      </h2>
      <ProductFields draft={draft} errors={errors} taxClasses={taxClasses} onChange={setDraft} readOnly={['barcode']} />
      {errors.form && (
        <p className="error" role="alert" data-field-error="form">
          {errors.form}
        </p>
      )}
      {saved && (
        <p className="ok" role="status">
          {saved}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" disabled={busy}>
          Save changes
        </button>
        {item.active && (
          <button type="button" className="danger" disabled={busy} onClick={retire}>
            Retire item
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  )
}
