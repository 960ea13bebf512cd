import { withTenant, type Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { readCatalogSettings } from '#modules/catalog/index'
import { assertStoreAccess, tenancyErrors } from '#modules/tenancy/index'
import {
  SEARCH_LIMIT_MAX,
  SEARCH_QUERY_MAX,
  type SearchItemsResponse,
  type SearchMatch,
  type SearchResult,
  type SearchScaleReading,
} from '@pos/protocols'
import { BarcodeRuleError, parseBarcode, type BarcodeReading } from '@pos/state-machines'
import { searchErrors } from '../errors.js'
import { searchRepository, type FoundRow, type LookupRows } from '../repositories/search_repository.js'
import { fuzzyEligible, lengthOf, matchWord, normalizeText, prefixUpperBound, tokensOf, trigramsOf, type WordMatch } from './text.js'

export interface SearchInput {
  tenantId: string
  storeId: string
  /** As typed or scanned. */
  q: string
  limit: number
}

/** Misspelt-word candidates kept per query word. */
const FUZZY_WORDS = 8
const BARCODE = /^[0-9A-Za-z-]{4,40}$/
const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/
/** A scanner's code: a barcode hit ends the search (its digits are nobody's words). */
const SCANNED = /^[0-9]{8,14}$/

const MATCH_OF_TIER: Record<number, SearchMatch> = { 0: 'barcode', 1: 'sku', 2: 'prefix' }

/** A candidate of a several-word query, before ranking. */
interface Hit {
  itemId: string
  match: 'prefix' | 'fuzzy'
  score: number
  nameStart: boolean
  doc: string
}

/** One query word and the vocabulary words that answer it. */
interface TokenWords {
  token: string
  words: Map<string, WordMatch>
  /** The query word is a word of the tenant. */
  exact: boolean
  /** Only the word itself answers (a finished word that exists), not the words it begins. */
  wholeWord: boolean
}

export const searchService = {
  /**
   * Item search in a store for a caller: the store must be in its scope (else
   * E_TENANCY_STORE_NOT_FOUND, as for any store it may not see).
   */
  searchFor(principal: Principal, storeId: string, query: { q: string; limit: number }): Promise<SearchItemsResponse> {
    assertStoreAccess(principal, storeId)
    return searchService.search({ tenantId: principal.tenantId, storeId, q: query.q, limit: query.limit })
  },

  /**
   * Active items of the tenant for `q`, best first, as `storeId` sells them:
   * an exact barcode (or a scale label's item, with its weight or price), an
   * exact SKU, items every word of `q` begins a word of (name-start first),
   * then items with misspelt words. E_TENANCY_STORE_NOT_FOUND when the store is
   * not the tenant's; E_SEARCH_QUERY_INVALID for text without letters or digits.
   */
  async search(input: SearchInput): Promise<SearchItemsResponse> {
    const raw = input.q.trim()
    const normalized = normalizeText(raw)
    const tokens = tokensOf(normalized)
    const limit = input.limit
    const limitOk = Number.isInteger(limit) && limit >= 1 && limit <= SEARCH_LIMIT_MAX
    if (tokens.length === 0 || raw.length > SEARCH_QUERY_MAX || !limitOk) throw searchErrors.queryInvalid()

    return withTenant(input.tenantId, async (trx) => {
      const fuzzyTokens = tokens.map((token, index) => (fuzzyEligible(token) ? index : -1)).filter((index) => index >= 0)
      const grams = fuzzyTokens.flatMap((index) => trigramsOf(tokens[index]!).map((gram) => [index, gram] as const))
      const scan = SCANNED.test(raw)
      const found = await searchRepository.lookup(trx, {
        storeId: input.storeId,
        limit,
        codes: BARCODE.test(raw) ? barcodeTwins(raw) : [],
        skus: SKU.test(raw) ? [...new Set([raw, raw.toUpperCase(), raw.toLowerCase()])] : [],
        scan,
        words: tokens,
        uppers: tokens.map(prefixUpperBound),
        gramWords: grams.map(([index]) => index),
        grams: grams.map(([, gram]) => gram),
        single: tokens.length === 1,
        ...wordScan(normalized, limit),
      })
      if (!found.storeExists) throw tenancyErrors.storeNotFound()

      const results: SearchResult[] = found.found.map((row) => toResult(row, MATCH_OF_TIER[row.tier]!, null))
      if (results.some((result) => result.match === 'barcode') && scan) return { items: results }
      if (results.length === 0 && /^[0-9]{13}$/.test(raw)) {
        const label = await scaleLabel(trx, input.tenantId, input.storeId, raw)
        if (label) return { items: [label] }
      }
      // One query word that is, or begins, a word of the tenant: answered by the lookup already.
      if (tokens.length === 1 && found.words.length > 0) return { items: results }

      const text = await textResults(trx, input.storeId, tokens, normalized, found, limit)
      const seen = new Set(results.map((result) => result.itemId))
      for (const result of text) if (!seen.has(result.itemId)) results.push(result)
      return { items: results.slice(0, limit) }
    })
  },
}

/** How far word postings are read for `limit` results. */
function wordScan(normalized: string, limit: number) {
  return { from: normalized, to: prefixUpperBound(normalized), perWord: Math.max(20, limit * 2), total: Math.min(500, limit * 10) }
}

/** A scanned code and the form a scanner may give the same article in (UPC-A ↔ EAN-13 with a leading 0). */
function barcodeTwins(code: string): string[] {
  if (/^[0-9]{12}$/.test(code)) return [code, `0${code}`]
  if (/^0[0-9]{12}$/.test(code)) return [code, code.slice(1)]
  return [code]
}

/**
 * A weight or price label read with the tenant's scale rules, and its item:
 * the item whose `internal` barcode is the label's item code.
 */
async function scaleLabel(trx: Tx, tenantId: string, storeId: string, code: string): Promise<SearchResult | null> {
  const { scaleBarcodeRules } = await readCatalogSettings(trx, tenantId)
  if (scaleBarcodeRules.length === 0) return null
  let reading: BarcodeReading
  try {
    reading = parseBarcode(code, scaleBarcodeRules)
  } catch (error) {
    if (error instanceof BarcodeRuleError) return null
    throw error
  }
  if (reading.kind !== 'weight' && reading.kind !== 'price') return null
  const row = await searchRepository.foundByInternalCode(trx, storeId, reading.itemCode)
  if (!row) return null
  const scale: SearchScaleReading =
    reading.kind === 'weight' ? { kind: 'weight', code, quantity: reading.quantity } : { kind: 'price', code, pricePaise: reading.pricePaise }
  return toResult(row, 'scale', scale)
}

/**
 * Items for the words of the query. Each query word is answered by vocabulary
 * words: the last one (still being typed) by itself and the words it begins;
 * the others by themselves when they are words of the tenant, else by the
 * words they begin; a query word that is neither by words a few typos away.
 * The postings of one query word's answers (the anchor) are read in name
 * order, keeping only items that also answer every other query word; items
 * whose name starts with the whole query are read too. The candidates are then
 * scored word by word.
 */
async function textResults(trx: Tx, storeId: string, tokens: string[], normalized: string, found: LookupRows, limit: number): Promise<SearchResult[]> {
  const perToken: TokenWords[] = tokens.map((token) => ({ token, words: new Map(), exact: false, wholeWord: false }))
  for (const { token: index, word } of found.words) {
    const match = matchWord(tokens[index]!, word)
    if (match) perToken[index]!.words.set(word, match)
  }
  for (const [index, entry] of perToken.entries()) {
    entry.exact = entry.words.get(entry.token)?.kind === 'exact'
    // A finished word that is a word of the tenant stands for itself only.
    if (entry.exact && index < tokens.length - 1) {
      entry.words = new Map([[entry.token, entry.words.get(entry.token)!]])
      entry.wholeWord = true
    }
  }
  const similar = new Map<number, Array<[string, WordMatch]>>()
  for (const { token: index, word } of found.similar) {
    const match = matchWord(tokens[index]!, word)
    if (match?.kind === 'fuzzy') similar.set(index, [...(similar.get(index) ?? []), [word, match]])
  }
  for (const [index, matches] of similar) {
    matches.sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
    for (const [word, match] of matches.slice(0, FUZZY_WORDS)) perToken[index]!.words.set(word, match)
  }

  const answered = perToken.filter((entry) => entry.words.size > 0)
  if (answered.length === 0) return []
  const best = (entry: TokenWords) => [...entry.words.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))

  if (tokens.length === 1) {
    // A misspelt word: its answers are scored here, the items ranked by the database.
    const words = best(perToken[0]!)
    const rows = await searchRepository.rankedWords(trx, {
      storeId,
      limit,
      words: words.map(([word]) => word),
      scores: words.map(([, match]) => match.score),
      ...wordScan(normalized, limit),
    })
    return rows.map((row) => toResult(row, 'fuzzy', null))
  }

  const anchor = [...answered].sort(byAnchorCost)[0]!
  const first = perToken[0]!
  const scan = wordScan(normalized, limit)
  const rows = await searchRepository.postings(trx, {
    words: best(anchor).map(([word]) => word),
    filters: answered.filter((entry) => entry !== anchor).map(wordFilter),
    perWord: scan.perWord,
    total: scan.total,
    startWords: [...first.words.entries()].filter(([, match]) => match.kind !== 'fuzzy').map(([word]) => word),
    from: scan.from,
    to: scan.to,
    startLimit: limit,
  })

  const hits = new Map<string, Hit>()
  for (const row of rows) {
    if (hits.has(row.item_id)) continue
    const docWords = row.doc.split(' ')
    let total = 0
    let loose = false
    for (const entry of perToken) {
      const match = bestMatch(entry, docWords)
      total += match?.score ?? 0
      if (match?.kind !== 'exact' && match?.kind !== 'prefix') loose = true
    }
    hits.set(row.item_id, {
      itemId: row.item_id,
      match: loose ? 'fuzzy' : 'prefix',
      score: total / perToken.length,
      nameStart: row.doc.startsWith(normalized),
      doc: row.doc,
    })
  }
  const ranked = [...hits.values()].sort(byRank).slice(0, limit)
  const match = new Map(ranked.map((hit) => [hit.itemId, hit.match]))
  const rowsFound = await searchRepository.found(trx, storeId, ranked.map((hit) => hit.itemId), 2)
  return rowsFound.map((row) => toResult(row, match.get(row.id)!, null))
}

/** The best answer among an item's words to one query word. */
function bestMatch(entry: TokenWords, docWords: string[]): WordMatch | null {
  let best: WordMatch | null = null
  for (const word of docWords) {
    const typed = entry.wholeWord ? word === entry.token : word.startsWith(entry.token)
    const match = typed ? matchWord(entry.token, word) : (entry.words.get(word) ?? null)
    if (match && (!best || match.score > best.score)) best = match
  }
  return best
}

/**
 * The query word whose postings are read: a code-like number (4+ digits: a SKU
 * or model number, few items have it) before a word, a word before a short
 * token or a short number ("1", "500": sizes many items have); then one that
 * is a word of the tenant, with fewer answers, longer.
 */
function byAnchorCost(a: TokenWords, b: TokenWords) {
  const kind = (entry: TokenWords) => (/^[0-9]{4,}$/.test(entry.token) ? 0 : lengthOf(entry.token) < 3 || /^[0-9]+$/.test(entry.token) ? 2 : 1)
  return (
    kind(a) - kind(b) ||
    Number(b.exact) - Number(a.exact) ||
    a.words.size - b.words.size ||
    lengthOf(b.token) - lengthOf(a.token)
  )
}

/**
 * A regular expression over ' <doc> ' for one query word: the word itself
 * (a finished word), a word it begins, or one of its misspelt answers.
 */
function wordFilter(entry: TokenWords): string {
  const typed = escapeRegex(entry.token) + (entry.wholeWord ? ' ' : '')
  const fuzzy = [...entry.words.entries()].filter(([, match]) => match.kind === 'fuzzy').map(([word]) => `${escapeRegex(word)} `)
  return ` (?:${[typed, ...fuzzy].join('|')})`
}

function escapeRegex(text: string) {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}

function byRank(a: Hit, b: Hit) {
  return (
    Number(a.match === 'fuzzy') - Number(b.match === 'fuzzy') ||
    Math.round((b.score - a.score) * 1000) ||
    Number(b.nameStart) - Number(a.nameStart) ||
    (a.doc < b.doc ? -1 : a.doc > b.doc ? 1 : 0) ||
    (a.itemId < b.itemId ? -1 : 1)
  )
}

function toResult(row: FoundRow, match: SearchMatch, scale: SearchScaleReading | null): SearchResult {
  const storePrice = row.store_price === null ? null : Number(row.store_price)
  const tenantPrice = row.tenant_price === null ? null : Number(row.tenant_price)
  return {
    itemId: row.id,
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    localName: row.local_name,
    unit: row.unit,
    mrpPaise: row.mrp_paise === null ? null : Number(row.mrp_paise),
    pricePaise: storePrice ?? tenantPrice,
    priceSource: storePrice !== null ? 'store' : tenantPrice !== null ? 'tenant' : null,
    pricesIncludeTax: row.prices_include_tax,
    onHand: row.on_hand,
    match,
    scale,
  }
}
