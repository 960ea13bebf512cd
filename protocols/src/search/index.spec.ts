import {
  searchItemsQuerySchema,
  searchItemsRequestSchema,
  searchItemsResponseSchema,
  searchQuerySchemas,
  searchResultSchema,
} from './index.ts'
import { omit, OTHER_V4, schemaCases, V4 } from '../schema-cases.spec.ts'

schemaCases('searchItemsQuerySchema', searchItemsQuerySchema, {
  accepts: [
    ['words, limit as text', { q: 'amul butter', limit: '5' }, { q: 'amul butter', limit: 5 }],
    ['no limit (20)', { q: 'atta' }, { q: 'atta', limit: 20 }],
    ['a scanned code, surrounding spaces removed', { q: ' 8901063010017\n' }, { q: '8901063010017', limit: 20 }],
    ['a Hindi word', { q: 'आटा' }, { q: 'आटा', limit: 20 }],
    ['the longest text and limit', { q: 'a'.repeat(100), limit: '50' }, { q: 'a'.repeat(100), limit: 50 }],
  ],
  rejects: {
    'no text': [{ limit: '5' }, 'q'],
    'empty text': [{ q: '' }, 'q'],
    'only spaces': [{ q: '   ' }, 'q'],
    'only punctuation': [{ q: '-- ./ ()' }, 'q'],
    'text too long': [{ q: 'a'.repeat(101) }, 'q'],
    'limit 0': [{ q: 'atta', limit: '0' }, 'limit'],
    'limit above 50': [{ q: 'atta', limit: '51' }, 'limit'],
    'limit not a number': [{ q: 'atta', limit: 'ten' }, 'limit'],
    'a fractional limit': [{ q: 'atta', limit: '2.5' }, 'limit'],
    'an unknown parameter': [{ q: 'atta', page: '2' }, ''],
  },
})

schemaCases('searchItemsRequestSchema', searchItemsRequestSchema, {
  accepts: [
    ['a store and words', { storeId: V4, q: 'tomato', limit: 10 }],
    ['no limit (20)', { storeId: V4, q: 'tomato' }, { storeId: V4, q: 'tomato', limit: 20 }],
  ],
  rejects: {
    'no store': [{ q: 'tomato' }, 'storeId'],
    'a store that is not a UUID': [{ storeId: 'S1', q: 'tomato' }, 'storeId'],
    'only punctuation': [{ storeId: V4, q: '!!' }, 'q'],
    'limit as text': [{ storeId: V4, q: 'tomato', limit: '10' }, 'limit'],
    'limit above 50': [{ storeId: V4, q: 'tomato', limit: 51 }, 'limit'],
  },
})

const result = {
  itemId: V4,
  productId: OTHER_V4,
  sku: 'AMUL-BTR-500',
  name: 'Amul Butter 500 g',
  localName: null,
  unit: 'PAC',
  mrpPaise: 29_000,
  pricePaise: 27_500,
  priceSource: 'store',
  pricesIncludeTax: true,
  onHand: '12.000',
  match: 'prefix',
  scale: null,
}
schemaCases('searchResultSchema', searchResultSchema, {
  accepts: [
    ['a word match', result],
    ['a weight label', { ...result, match: 'scale', scale: { kind: 'weight', code: '2110001012503', quantity: '1.25' } }],
    ['a price label', { ...result, match: 'scale', scale: { kind: 'price', code: '2210001045005', pricePaise: 4500 } }],
    ['no price, no stock row', { ...result, pricePaise: null, priceSource: null, pricesIncludeTax: null, onHand: null }],
  ],
  rejects: {
    'an unknown match kind': [{ ...result, match: 'exact' }, 'match'],
    'a price as text': [{ ...result, pricePaise: '275.00' }, 'pricePaise'],
    'a missing onHand (nullable, not optional)': [omit(result, 'onHand'), 'onHand'],
    'a weight label without its quantity': [{ ...result, scale: { kind: 'weight', code: '2110001012503' } }, 'scale.quantity'],
  },
})

schemaCases('searchItemsResponseSchema', searchItemsResponseSchema, {
  accepts: [
    ['results', { items: [result] }],
    ['none', { items: [] }],
  ],
  rejects: { 'a result without its item id': [{ items: [omit(result, 'itemId')] }, 'items.0.itemId'] },
})

schemaCases("items.search's response", searchQuerySchemas['items.search'].response, {
  accepts: [['results', { items: [result] }]],
  rejects: { 'no items': [{}, 'items'] },
})
