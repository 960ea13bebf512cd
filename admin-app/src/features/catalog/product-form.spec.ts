import { describe, expect, it } from 'vitest'
import { ApiError } from '../../shared/api/http.ts'
import { createProductBody, draftOf, editBodies, emptyDraft, fieldOfPath, paiseToRupeesText, serverFieldErrors } from './product-form.ts'
import { GST18, GST5, soap } from './fixtures.test-support.ts'

const filled = { ...emptyDraft(GST18), name: 'Bath soap 100 g', sku: 'SOAP-100', hsn: '3401', price: '42', mrp: '45.00', barcode: '8901234567894', reorderLevel: '100' }

describe('createProductBody', () => {
  it('makes a product with one item, its price in paise and a GTIN barcode', () => {
    const parsed = createProductBody(filled)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.body).toMatchObject({ name: 'Bath soap 100 g', hsn: '3401', unit: 'NOS', taxClassId: GST18 })
    expect(parsed.body.items).toEqual([
      expect.objectContaining({ sku: 'SOAP-100', name: 'Bath soap 100 g', pricePaise: 4200, mrpPaise: 4500, reorderLevel: '100', barcodes: [{ code: '8901234567894', kind: 'gtin' }] }),
    ])
  })

  it('takes a shop code as an internal barcode and no MRP as null', () => {
    const parsed = createProductBody({ ...filled, barcode: 'PLU-42', mrp: '' })
    expect(parsed.ok && parsed.body.items[0]).toMatchObject({ mrpPaise: null, barcodes: [{ code: 'PLU-42', kind: 'internal' }] })
  })

  it('puts each problem next to its field', () => {
    const parsed = createProductBody({ ...filled, hsn: '34A1', sku: ' ', price: '4.567', taxClassId: '' })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors.hsn).toBe('4, 6 or 8 digits')
    expect(parsed.errors.sku).toMatch(/letters, digits/)
    expect(parsed.errors.price).toMatch(/not an amount/)
    expect(parsed.errors.taxClassId).toBe('choose a tax class')
  })
})

describe('editBodies', () => {
  const item = soap.items[0]!

  it('starts from the product as it is, and sends only what changed', () => {
    expect(draftOf(soap, item)).toMatchObject({ price: '42.00', mrp: '45.00', barcode: '8901234567894', hsn: '3401' })
    const parsed = editBodies(soap, item, { ...draftOf(soap, item), hsn: '340111', taxClassId: GST5, mrp: '48', price: '44.50' })
    expect(parsed).toEqual({ ok: true, edit: { product: { hsn: '340111', taxClassId: GST5 }, item: { mrpPaise: 4800 }, pricePaise: 4450 } })
  })

  it('renames the product with its only item', () => {
    const parsed = editBodies(soap, item, { ...draftOf(soap, item), name: 'Bath soap 125 g', sku: 'SOAP-125' })
    expect(parsed).toEqual({ ok: true, edit: { product: { name: 'Bath soap 125 g' }, item: { name: 'Bath soap 125 g', sku: 'SOAP-125' }, pricePaise: null } })
  })

  it('says when nothing changed or a field is wrong', () => {
    expect(editBodies(soap, item, draftOf(soap, item))).toEqual({ ok: false, errors: { form: 'nothing changed' } })
    expect(editBodies(soap, item, { ...draftOf(soap, item), hsn: '12' })).toEqual({ ok: false, errors: { hsn: '4, 6 or 8 digits' } })
  })
})

describe('serverFieldErrors', () => {
  it('places typed refusals on their field', () => {
    expect(serverFieldErrors(new ApiError(409, 'E_CATALOG_BARCODE_EXISTS', 'The barcode names another item'))).toEqual({
      barcode: 'The barcode names another item (E_CATALOG_BARCODE_EXISTS)',
    })
    expect(serverFieldErrors(new ApiError(409, 'E_CATALOG_SKU_EXISTS', 'The SKU is taken')).sku).toMatch(/E_CATALOG_SKU_EXISTS/)
    expect(
      serverFieldErrors(new ApiError(422, 'E_VALIDATION', 'The request is not valid', { issues: [{ path: 'hsn', message: '4, 6 or 8 digits' }, { path: 'items.0.barcodes.0.code', message: 'bad' }] }))
    ).toEqual({ hsn: '4, 6 or 8 digits', barcode: 'bad' })
    expect(serverFieldErrors(new ApiError(403, 'E_AUTH_FORBIDDEN', 'Managers only'))).toEqual({ form: 'Managers only (E_AUTH_FORBIDDEN)' })
  })

  it('maps paths and amounts', () => {
    expect(fieldOfPath('items.0.mrpPaise')).toBe('mrp')
    expect(fieldOfPath('items')).toBe('form')
    expect(paiseToRupeesText(28105)).toBe('281.05')
    expect(paiseToRupeesText(0)).toBe('0.00')
  })
})
