import { vi } from 'vitest'
import type { CatalogProduct, TaxClass } from '@pos/protocols'
import type { ApiClient } from '../../shared/api/http.ts'

export const GST18 = '0190a000-0000-7000-8000-0000000000a1'
export const GST5 = '0190a000-0000-7000-8000-0000000000a2'
export const PRODUCT = '0190a000-0000-7000-8000-0000000000f1'
export const ITEM = '0190a000-0000-7000-8000-0000000000c1'

export const taxClasses: TaxClass[] = [
  {
    id: GST18,
    code: 'GST18',
    name: 'Standard 18',
    active: true,
    rates: [{ effectiveFrom: '2017-07-01', ratePercent: '18', cessPercent: '0' }, { effectiveFrom: '2027-04-01', ratePercent: '16', cessPercent: '0' }],
    current: { effectiveFrom: '2017-07-01', ratePercent: '18', cessPercent: '0' },
    upcoming: [{ effectiveFrom: '2027-04-01', ratePercent: '16', cessPercent: '0' }],
  },
  {
    id: GST5,
    code: 'GST5',
    name: 'Essentials',
    active: true,
    rates: [{ effectiveFrom: '2017-07-01', ratePercent: '5', cessPercent: '0' }],
    current: { effectiveFrom: '2017-07-01', ratePercent: '5', cessPercent: '0' },
    upcoming: [],
  },
]

export const soap: CatalogProduct = {
  id: PRODUCT,
  name: 'Bath soap 100 g',
  localName: null,
  categoryId: null,
  hsn: '3401',
  taxClassId: GST18,
  unit: 'NOS',
  fractional: false,
  tracksBatches: false,
  active: true,
  items: [
    {
      id: ITEM,
      productId: PRODUCT,
      sku: 'SOAP-100',
      name: 'Bath soap 100 g',
      localName: null,
      variant: {},
      mrpPaise: 4500,
      costPaise: 3000,
      reorderLevel: '100',
      active: true,
      barcodes: [{ code: '8901234567894', kind: 'gtin' }],
      prices: [{ priceListId: '0190a000-0000-7000-8000-0000000000e9', storeId: null, pricePaise: 4200 }],
    },
  ],
}

/** An API client whose every method is a mock the test sets up. */
export function fakeApi() {
  return {
    get: vi.fn(),
    post: vi.fn(),
    put: vi.fn(),
    patch: vi.fn(),
    delete: vi.fn(),
    upload: vi.fn(),
  } satisfies Record<keyof ApiClient, unknown> as unknown as { [K in keyof ApiClient]: ReturnType<typeof vi.fn> } & ApiClient
}
