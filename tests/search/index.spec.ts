/*
 * The word index behind search, kept by triggers on items: every writer (here
 * the application role, as the catalogue writes) is covered; the query side's
 * normalisation and trigrams are the database's own.
 */
import { test } from '@japa/runner'
import { randomUUID } from 'node:crypto'
import { withTenant } from '#core/db/tenancy'
import { searchService } from '#modules/search/index'
import { editDistance, matchWord, normalizeText, prefixUpperBound, tokensOf, trigramsOf } from '#modules/search/services/text'
import { adminRows } from '#tests/helpers/db'
import { createTenant, type TenantFixture } from '#tests/helpers/fixtures'
import { seedItems } from './support.js'

const search = (t: TenantFixture, q: string) =>
  searchService.search({ tenantId: t.tenantId, storeId: t.storeId, q, limit: 20 }).then((answer) => answer.items.map((item) => item.name))

const termsOf = async (itemId: string) =>
  (await adminRows<{ term: string }>('select term from search_terms where item_id = $1 order by term', [itemId])).map((row) => row.term)

test.group('search index', (group) => {
  let t: TenantFixture
  let productId: string

  group.setup(async () => {
    t = await createTenant()
    const [seed] = await seedItems(t, [{ name: 'Seed Item' }])
    productId = seed!.productId
  })

  test('an item inserted by the application role is indexed with its name, local name and SKU words', async ({ assert }) => {
    const id = randomUUID()
    await withTenant(t.tenantId, (trx) =>
      trx.table('items').insert({ id, tenant_id: t.tenantId, product_id: productId, sku: 'GOLD-TEA-250', name: 'Golden Tips Tea 250g', local_name: 'चाय पत्ती' })
    )
    assert.deepEqual(await termsOf(id), ['250', 'g', 'gold', 'golden', 'tea', 'tips', 'चाय', 'पत्ती'])
    assert.deepEqual(await search(t, 'golden tips'), ['Golden Tips Tea 250g'])
    assert.deepEqual(await search(t, 'पत्ती'), ['Golden Tips Tea 250g'])
  })

  test('a rename or SKU change re-indexes the item; other changes leave its words alone', async ({ assert }) => {
    const [item] = await seedItems(t, [{ name: 'Kanchan Poha 500 g', sku: 'KANCHAN-POHA' }])
    const id = item!.id
    await withTenant(t.tenantId, (trx) => trx.from('items').where('id', id).update({ name: 'Rajdhani Poha Thick 500 g' }))
    assert.deepEqual(await search(t, 'kanchan poha'), ['Rajdhani Poha Thick 500 g'], 'the SKU still says kanchan')
    assert.deepEqual(await search(t, 'thick'), ['Rajdhani Poha Thick 500 g'])
    await withTenant(t.tenantId, (trx) => trx.from('items').where('id', id).update({ sku: 'RAJ-POHA-500' }))
    assert.deepEqual(await search(t, 'kanchan'), [])
    assert.deepEqual(await search(t, 'raj-poha'), ['Rajdhani Poha Thick 500 g'])

    const before = await adminRows('select term, doc from search_terms where item_id = $1 order by term', [id])
    await withTenant(t.tenantId, (trx) => trx.from('items').where('id', id).update({ mrp_paise: 4_200, cost_paise: 3_000 }))
    assert.deepEqual(await adminRows('select term, doc from search_terms where item_id = $1 order by term', [id]), before)
  })

  test('a retired item leaves the index and comes back when it is sold again', async ({ assert }) => {
    const [item] = await seedItems(t, [{ name: 'Bambino Vermicelli 400 g' }])
    await withTenant(t.tenantId, (trx) => trx.from('items').where('id', item!.id).update({ active: false }))
    assert.deepEqual(await termsOf(item!.id), [])
    assert.deepEqual(await search(t, 'bambino'), [])
    await withTenant(t.tenantId, (trx) => trx.from('items').where('id', item!.id).update({ active: true }))
    assert.deepEqual(await search(t, 'bambino'), ['Bambino Vermicelli 400 g'])
  })

  test('several items in one statement are indexed together, and their new words get trigrams', async ({ assert }) => {
    const rows = ['Zorawar Kesar Badam Drink', 'Zorawar Kesar Pista Drink', 'Zorawar Thandai 200 ml'].map((name, i) => ({
      id: randomUUID(),
      tenant_id: t.tenantId,
      product_id: productId,
      sku: `ZOR-${i}`,
      name,
    }))
    await withTenant(t.tenantId, (trx) => trx.table('items').insert(rows))
    assert.deepEqual(await search(t, 'zorawar kesar'), ['Zorawar Kesar Badam Drink', 'Zorawar Kesar Pista Drink'])
    const words = await adminRows<{ word: string; n: number }>(
      `select word, count(*)::int as n from search_words where tenant_id = $1 and word in ('zorawar', 'thandai', '200') group by word order by word`,
      [t.tenantId]
    )
    assert.deepEqual(words, [
      { word: '200', n: 1 },
      { word: 'thandai', n: 1 },
      { word: 'zorawar', n: 1 },
    ])
    const grams = await adminRows<{ trigram: string }>(
      `select trigram from search_word_trigrams where tenant_id = $1 and word = 'thandai' order by trigram collate "C"`,
      [t.tenantId]
    )
    assert.deepEqual(grams.map((row) => row.trigram), trigramsOf('thandai').sort())
    assert.equal((await adminRows(`select 1 from search_word_trigrams where tenant_id = $1 and word = '200'`, [t.tenantId])).length, 0, 'no trigrams for numbers')
    assert.deepEqual(await search(t, 'thandaai'), ['Zorawar Thandai 200 ml'])
  })

  test('one statement renaming several items re-indexes each of them, after single-item renames', async ({ assert }) => {
    const items = await seedItems(t, [{ name: 'Lijjat Papad 200 g' }, { name: 'Lijjat Papad Masala 200 g' }, { name: 'Bikano Papad 100 g' }])
    await withTenant(t.tenantId, async (trx) => {
      await trx.from('items').where('id', items[2]!.id).update({ name: 'Bikano Moong Papad 100 g' })
      await trx.from('items').whereIn('id', [items[0]!.id, items[1]!.id]).update({ name: trx.raw(`replace(name, 'Lijjat', 'Jaipuri')`) })
    })
    assert.deepEqual(await search(t, 'lijjat'), [])
    assert.deepEqual(await search(t, 'jaipuri papad'), ['Jaipuri Papad 200 g', 'Jaipuri Papad Masala 200 g'])
    assert.deepEqual(await search(t, 'moong papad'), ['Bikano Moong Papad 100 g'])
  })

  test("the server's normalisation is the database's, character for character", async ({ assert }) => {
    const samples = [
      'Parle-G Glucose Biscuits 250gm (Pack of 4) — ₹10',
      'AMUL-BTR-500',
      "Haldiram's Bhujia 1kg",
      'आशीर्वाद  आटा।  5 kg',
      'क्ष‍ि  ज़्यादा',
      'Crème Brûlée ×2 ½kg',
      '  7UP\t1.25L\n',
      'A/B_C.D:E;F',
      'x200 X 4',
      '数字 テスト',
      '',
    ]
    const rows = await adminRows<{ n: string }>('select search_normalize(x) as n from unnest($1::text[]) with ordinality u(x, i) order by i', [samples])
    assert.deepEqual(
      samples.map((sample) => normalizeText(sample)),
      rows.map((row) => row.n)
    )
    assert.deepEqual(tokensOf(normalizeText('Parle-G parle g 250gm')), ['parle', 'g', '250', 'gm'])
  })
})

test.group('search text', () => {
  test('edit distance counts an adjacent swap as one edit and stops past the limit', ({ assert }) => {
    assert.equal(editDistance('tomoto', 'tomato', 2), 1)
    assert.equal(editDistance('ataa', 'atta', 1), 1)
    assert.equal(editDistance('suagr', 'sugar', 1), 1)
    assert.equal(editDistance('biscut', 'biscuits', 2), 2)
    assert.equal(editDistance('amul', 'ghee', 1), 2)
    assert.equal(editDistance('आटा', 'आट', 1), 1)
  })

  test('word matches rank exact over prefix over misspelt', ({ assert }) => {
    assert.deepEqual(matchWord('butter', 'butter'), { kind: 'exact', score: 1 })
    const prefix = matchWord('but', 'butter')!
    const fuzzy = matchWord('buter', 'butter')!
    assert.equal(prefix.kind, 'prefix')
    assert.equal(fuzzy.kind, 'fuzzy')
    assert.isAbove(prefix.score, 0.75)
    assert.isBelow(fuzzy.score, 0.7)
    assert.equal(matchWord('bisku', 'biscuits')?.kind, 'fuzzy', 'a misspelt beginning')
    assert.isNull(matchWord('salt', 'sugar'))
    assert.isNull(matchWord('500', '600'), 'numbers are never loose')
  })

  test('a prefix becomes an index range', ({ assert }) => {
    assert.equal(prefixUpperBound('amu'), 'amv')
    assert.equal(prefixUpperBound('आट'), 'आठ')
    assert.equal(prefixUpperBound('a\u{10ffff}'), 'b')
    assert.deepEqual(trigramsOf('atta'), ['  a', ' at', 'att', 'tta', 'ta '])
  })
})
