import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ApiError } from '../../shared/api/http.ts'
import { EditProductForm, NewProductForm } from './ProductForm.tsx'
import { GST5, ITEM, PRODUCT, fakeApi, soap, taxClasses } from './fixtures.test-support.ts'

afterEach(cleanup)

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

function fillNew() {
  type('Name', 'Bath soap 100 g')
  type('SKU', 'SOAP-100')
  type('HSN', '3401')
  type('Price (₹)', '42')
  type('MRP (₹)', '45')
  type('Barcode', '8901234567894')
}

describe('NewProductForm', () => {
  it('creates a product with one item and hands it back', async () => {
    const api = fakeApi()
    api.post.mockResolvedValue(soap)
    const onCreated = vi.fn()
    render(<NewProductForm api={api} taxClasses={taxClasses} onCreated={onCreated} onCancel={() => {}} />)
    fillNew()
    fireEvent.change(screen.getByLabelText('Tax class'), { target: { value: GST5 } })
    fireEvent.click(screen.getByRole('button', { name: 'Create product' }))
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(soap))
    expect(api.post).toHaveBeenCalledWith(
      '/products',
      expect.objectContaining({ taxClassId: GST5, hsn: '3401', items: [expect.objectContaining({ sku: 'SOAP-100', pricePaise: 4200, mrpPaise: 4500 })] })
    )
  })

  it('shows a bad HSN beside its field without asking the server', () => {
    const api = fakeApi()
    render(<NewProductForm api={api} taxClasses={taxClasses} onCreated={() => {}} onCancel={() => {}} />)
    fillNew()
    type('HSN', '34')
    fireEvent.click(screen.getByRole('button', { name: 'Create product' }))
    expect(screen.getByLabelText('HSN').closest('.field')?.querySelector('[data-field-error=hsn]')?.textContent).toBe('4, 6 or 8 digits')
    expect(api.post).not.toHaveBeenCalled()
  })

  it('shows the server refusing a taken barcode next to the barcode', async () => {
    const api = fakeApi()
    api.post.mockRejectedValue(new ApiError(409, 'E_CATALOG_BARCODE_EXISTS', 'The barcode 8901234567894 names another item'))
    const onCreated = vi.fn()
    render(<NewProductForm api={api} taxClasses={taxClasses} onCreated={onCreated} onCancel={() => {}} />)
    fillNew()
    fireEvent.click(screen.getByRole('button', { name: 'Create product' }))
    const note = await screen.findByText(/names another item/)
    expect(note.getAttribute('data-field-error')).toBe('barcode')
    expect(note.textContent).toContain('E_CATALOG_BARCODE_EXISTS')
    expect(onCreated).not.toHaveBeenCalled()
  })
})

describe('EditProductForm', () => {
  const item = soap.items[0]!

  it('saves the product, the item and the price, each only when changed', async () => {
    const api = fakeApi()
    api.patch.mockResolvedValue({})
    api.put.mockResolvedValue({})
    const onSaved = vi.fn()
    render(<EditProductForm api={api} product={soap} item={item} taxClasses={taxClasses} onSaved={onSaved} onClose={() => {}} />)
    expect((screen.getByLabelText('Barcode') as HTMLInputElement).readOnly).toBe(true)
    type('HSN', '340111')
    type('Reorder at', '50')
    type('Price (₹)', '44.50')
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await screen.findByText('Saved.')
    expect(api.patch).toHaveBeenCalledWith(`/products/${PRODUCT}`, { hsn: '340111' })
    expect(api.patch).toHaveBeenCalledWith(`/items/${ITEM}`, { reorderLevel: '50' })
    expect(api.put).toHaveBeenCalledWith(`/items/${ITEM}/price`, { pricePaise: 4450 })
    expect(onSaved).toHaveBeenCalledTimes(1)
  })

  it('retires the item', async () => {
    const api = fakeApi()
    api.patch.mockResolvedValue({})
    render(<EditProductForm api={api} product={soap} item={item} taxClasses={taxClasses} onSaved={() => {}} onClose={() => {}} />)
    fireEvent.click(screen.getByRole('button', { name: 'Retire item' }))
    await screen.findByText(/no longer sells/)
    expect(api.patch).toHaveBeenCalledWith(`/items/${ITEM}`, { active: false })
  })

  it('shows a taken SKU beside the SKU', async () => {
    const api = fakeApi()
    api.patch.mockRejectedValue(new ApiError(409, 'E_CATALOG_SKU_EXISTS', 'Another item has SKU SOAP-200'))
    const onSaved = vi.fn()
    render(<EditProductForm api={api} product={soap} item={item} taxClasses={taxClasses} onSaved={onSaved} onClose={() => {}} />)
    type('SKU', 'SOAP-200')
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    const note = await screen.findByText(/Another item has SKU/)
    expect(note.getAttribute('data-field-error')).toBe('sku')
    expect(onSaved).not.toHaveBeenCalled()
  })
})
