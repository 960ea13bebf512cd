import type { Tx } from '#core/db/tenancy'

/*
 * Reads for item search, inside the caller's tenant transaction (row-level
 * security supplies the tenant). Every condition that should use an index is a
 * leakproof equality or range comparison (see database/migrations/0007_search.ts):
 * under FORCE RLS any other operator is only applied after the rows are read.
 *
 * Round trips are what a search costs most (the database is across a network in
 * production), so the common searches take one statement: a scan, an exact SKU,
 * one word or the beginning of one. A misspelt word takes two; several words three.
 */

/** An item as the store sells it, with how it was found. */
export interface FoundRow {
  id: string
  product_id: string
  sku: string
  name: string
  local_name: string | null
  unit: string
  mrp_paise: number | null
  store_price: number | null
  tenant_price: number | null
  prices_include_tax: boolean | null
  on_hand: string | null
  /** 0 barcode, 1 SKU, 2 words (set by the caller for detail-only reads). */
  tier: number
}

export interface LookupInput {
  storeId: string
  limit: number
  /** Exact barcode codes to try (the text as scanned and its UPC/EAN twin). */
  codes: string[]
  /** Exact SKUs to try (the text in its letter cases). */
  skus: string[]
  /** A scanned code: when it is a barcode, nothing else is searched. */
  scan: boolean
  /** Query words and their prefix upper bounds (same length). */
  words: string[]
  uppers: string[]
  /** Trigrams of the words that may be misspelt, with the index of their word. */
  gramWords: number[]
  grams: string[]
  /** One query word: its items are ranked and read in this statement too. */
  single: boolean
  /** The normalised query and its prefix upper bound (names that start with it). */
  from: string
  to: string
  perWord: number
  total: number
}

export interface LookupRows {
  storeExists: boolean
  /** Vocabulary words from each query word up (exact and prefix), at most WORDS_PER_PREFIX per query word. */
  words: Array<{ token: number; word: string }>
  /**
   * For query words that neither are nor begin a vocabulary word: vocabulary
   * words sharing 2+ trigrams with them, most shared first, at most
   * FUZZY_CANDIDATES per query word.
   */
  similar: Array<{ token: number; word: string; shared: number }>
  /** Barcode and SKU matches, then (one query word) word matches: ranked, at most `limit`. */
  found: FoundRow[]
}

export interface RankedInput {
  storeId: string
  limit: number
  /** Words answering the only query word, with their scores. */
  words: string[]
  scores: number[]
  from: string
  to: string
  perWord: number
  total: number
}

export interface PostingInput {
  /** The anchor query word's candidate words, best first. */
  words: string[]
  /** The other query words, as regular expressions over ' <doc> '. */
  filters: string[]
  /** Per candidate word. */
  perWord: number
  /** Rows in all, for the anchor scan. */
  total: number
  /** Name-start candidates: the first query word's words, docs in [from, to). */
  startWords: string[]
  from: string
  to: string
  startLimit: number
}

/**
 * Runs `sql` as a named prepared statement: each pooled connection parses and
 * plans it once (the lookup takes longer to plan than to run), then only binds
 * and executes. `name` must change whenever `sql` does.
 */
function prepared(trx: Tx, name: string, sql: string, bindings: unknown[]) {
  return trx.knexRawQuery(sql, bindings as never[]).options({ name: `search_${name}` })
}

export const WORDS_PER_PREFIX = 40
export const FUZZY_CANDIDATES = 150

/** The store's view of items `src.item_id` (ranked by `src.ord`), as one JSON array. */
function foundJson(src: string) {
  return `(select coalesce(json_agg(json_build_object(
            'id', i.id, 'product_id', i.product_id, 'sku', i.sku, 'name', i.name, 'local_name', i.local_name,
            'unit', p.unit, 'mrp_paise', i.mrp_paise, 'prices_include_tax', pl.prices_include_tax, 'tier', ${src}.tier,
            'store_price', (select ip.price_paise from item_prices ip
                             where ip.tenant_id = i.tenant_id and ip.price_list_id = pl.id and ip.item_id = i.id and ip.store_id = ?),
            'tenant_price', (select ip.price_paise from item_prices ip
                              where ip.tenant_id = i.tenant_id and ip.price_list_id = pl.id and ip.item_id = i.id and ip.store_id is null),
            'on_hand', (select sl.on_hand::text from stock_levels sl where sl.tenant_id = i.tenant_id and sl.store_id = ? and sl.item_id = i.id)
          ) order by ${src}.ord), '[]')
       from ${src}
       join items i on i.id = ${src}.item_id and i.active
       join products p on p.tenant_id = i.tenant_id and p.id = i.product_id and p.active
       left join price_lists pl on pl.tenant_id = i.tenant_id and pl.is_default)`
}

/**
 * Items of `words` (word, score: best first): each word's postings in name
 * order plus those whose doc starts with the query, best score per item;
 * its `?` placeholders: from, to, perWord, from, to, perWord, total.
 */
const WORD_HITS = `
  hits as (
    select h.item_id, max(h.score) as score, bool_or(h.doc >= ? and h.doc < ?) as name_start, min(h.doc) as doc
      from (
        select p.item_id, p.doc, words.score
          from words
          cross join lateral (
            (select s.item_id, s.doc from search_terms s where s.term = words.word order by s.doc limit ?)
            union all
            (select s.item_id, s.doc from search_terms s where s.term = words.word and s.doc >= ? and s.doc < ? order by s.doc limit ?)
          ) p
         limit ?) h
     group by h.item_id
  )`

export const searchRepository = {
  /**
   * The first (often the only) statement: the store, exact barcodes and SKUs,
   * vocabulary words by prefix (w) and, for query words that neither are nor
   * begin a word, by shared trigrams (f); for one query word, its answers best
   * first (itself, then the shorter words it begins) and their ranked items;
   * each found item as the store sells it.
   */
  async lookup(trx: Tx, input: LookupInput): Promise<LookupRows> {
    const result = await prepared(
      trx,
      'lookup',
      `with t as (
         select t.word, t.upper, (t.i - 1)::int as token from unnest(?::text[], ?::text[]) with ordinality t(word, upper, i)
       ), w as materialized (
         select t.token, x.word from t
          cross join lateral (
            select distinct v.word from search_words v
             where v.word >= t.word and v.word < t.upper
             order by v.word limit ${WORDS_PER_PREFIX}) x
       ), f as (
         select q.token, g.word, count(*)::int as shared
           from unnest(?::int[], ?::text[]) q(token, gram)
           join search_word_trigrams g on g.trigram = q.gram
          where q.token not in (select token from w)
          group by q.token, g.word
         having count(*) >= 2
       ), codes as (
         select b.item_id, 0 as tier from barcodes b where b.code = any(?::text[])
         union all
         select i.id, 1 from items i where i.sku = any(?::text[])
       ), words as (
         select w.word, case when w.word = t.word then 1 else 0.75 + 0.2 * length(t.word) / length(w.word)::float8 end as score
           from w join t on t.token = w.token
          where ?::boolean and not (?::boolean and exists (select 1 from codes where tier = 0))
          order by score desc, w.word
       ), ${WORD_HITS}, ranked as (
         select r.item_id, r.tier, row_number() over (order by r.tier, round(r.score::numeric, 3) desc, r.name_start desc, r.doc, r.item_id) as ord
           from (
             select c.item_id, min(c.tier) as tier, 1::float8 as score, false as name_start, ''::text collate "C" as doc from codes c group by c.item_id
             union all
             select h.item_id, 2, h.score, h.name_start, h.doc from hits h where h.item_id not in (select item_id from codes)
           ) r
          order by ord limit ?
       )
       select
         exists (select 1 from stores where id = ?) as store_exists,
         (select coalesce(json_agg(json_build_object('token', w.token, 'word', w.word)), '[]') from w) as words,
         (select coalesce(json_agg(json_build_object('token', r.token, 'word', r.word, 'shared', r.shared)), '[]')
            from (select f.*, row_number() over (partition by f.token order by f.shared desc, f.word) as rank from f) r
           where r.rank <= ${FUZZY_CANDIDATES}) as similar,
         ${foundJson('ranked')} as found`,
      [
        input.words,
        input.uppers,
        input.gramWords,
        input.grams,
        input.codes,
        input.skus,
        input.single,
        input.scan,
        input.from,
        input.to,
        input.perWord,
        input.from,
        input.to,
        input.perWord,
        input.total,
        input.limit,
        input.storeId,
        input.storeId,
        input.storeId,
      ]
    )
    const row = result.rows[0]
    return { storeExists: row.store_exists, words: row.words, similar: row.similar, found: row.found }
  },

  /** Items for the only query word's answers (misspelt words: scored by the caller), ranked, as the store sells them. */
  async rankedWords(trx: Tx, input: RankedInput): Promise<FoundRow[]> {
    const result = await prepared(
      trx,
      'ranked_words',
      `with words as (
         select * from unnest(?::text[], ?::float8[]) w(word, score)
       ), ${WORD_HITS}, ranked as (
         select h.item_id, 2 as tier, row_number() over (order by round(h.score::numeric, 3) desc, h.name_start desc, h.doc, h.item_id) as ord
           from hits h order by ord limit ?
       )
       select ${foundJson('ranked')} as found`,
      [input.words, input.scores, input.from, input.to, input.perWord, input.from, input.to, input.perWord, input.total, input.limit, input.storeId, input.storeId]
    )
    return result.rows[0].found
  },

  /**
   * Candidate items for several query words: the anchor word's postings in name
   * order that also satisfy every other query word, and the items whose doc
   * starts with the whole query. Rows come in candidate-word order; the caller ranks them.
   */
  async postings(trx: Tx, input: PostingInput): Promise<Array<{ item_id: string; doc: string }>> {
    const filters = input.filters.map(() => ` and (' ' || s.doc || ' ') ~ ?`).join('')
    const result = await prepared(
      trx,
      `postings_${input.filters.length}`,
      `(select p.item_id, p.doc
          from unnest(?::text[]) w(word)
          cross join lateral (
            select s.item_id, s.doc from search_terms s
             where s.term = w.word${filters}
             order by s.doc limit ?) p
         limit ?)
       union all
       (select p.item_id, p.doc
          from unnest(?::text[]) w(word)
          cross join lateral (
            select s.item_id, s.doc from search_terms s
             where s.term = w.word and s.doc >= ? and s.doc < ?
             order by s.doc limit ?) p
         limit ?)`,
      [input.words, ...input.filters, input.perWord, input.total, input.startWords, input.from, input.to, input.startLimit, input.startLimit]
    )
    return result.rows
  },

  /** The active items among `itemIds`, in that order, as `storeId` sells them. */
  async found(trx: Tx, storeId: string, itemIds: string[], tier: number): Promise<FoundRow[]> {
    if (itemIds.length === 0) return []
    const result = await prepared(
      trx,
      'found',
      `with ranked as (select x.item_id, ?::int as tier, x.ord from unnest(?::uuid[]) with ordinality x(item_id, ord))
       select ${foundJson('ranked')} as found`,
      [tier, itemIds, storeId, storeId]
    )
    return result.rows[0].found
  },

  /** The item a scale label's item code names (its `internal` barcode), as `storeId` sells it. */
  async foundByInternalCode(trx: Tx, storeId: string, code: string): Promise<FoundRow | null> {
    const result = await prepared(
      trx,
      'found_by_internal_code',
      `with ranked as (select b.item_id, 0 as tier, 1 as ord from barcodes b where b.code = ? and b.kind = 'internal')
       select ${foundJson('ranked')} as found`,
      [code, storeId, storeId]
    )
    return result.rows[0].found[0] ?? null
  },
}
