/*
 * Query text as the search index sees it, and how well a word matches.
 *
 * normalizeText() must produce exactly what search_normalize() in
 * database/migrations/0007_search.ts produces for the same text: the index
 * holds the items' words in that form (tests/search/text.spec.ts compares the two).
 */

/** Removed without a trace: soft hyphen, zero-width spaces and joiners (Indic text uses them inside words). */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu
/** Turned into one space: ASCII punctuation and controls, Latin-1 symbols, dandas, general punctuation, currency and other symbol blocks. */
const SEPARATORS =
  /[\u0000-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u00BF\u00D7\u00F7\u0964\u0965\u2000-\u206F\u20A0-\u20CF\u2100-\u214F\u2190-\u23FF\u2500-\u27BF\u3000-\u303F\uFE30-\uFE4F\uFF00-\uFF0F]+/gu

/** Most words of a query that count (the rest are ignored). */
export const MAX_TOKENS = 8

/**
 * Lower-cases ASCII letters (only those: the result must not depend on the
 * database's locale), removes invisible joiners, turns punctuation and symbols
 * into single spaces and splits digits from letters: "Parle-G 250gm" → "parle g 250 gm".
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[A-Z]/g, (letter) => letter.toLowerCase())
    .replace(INVISIBLE, '')
    .replace(SEPARATORS, ' ')
    .replace(/([0-9])([^0-9 ])/gu, '$1 $2')
    .replace(/([^0-9 ])([0-9])/gu, '$1 $2')
    .replace(/^ +| +$/g, '')
}

/** The distinct words of normalized text, in order, at most MAX_TOKENS. */
export function tokensOf(normalized: string): string[] {
  const seen = new Set<string>()
  for (const word of normalized.split(' ')) {
    if (word !== '' && seen.size < MAX_TOKENS) seen.add(word)
  }
  return [...seen]
}

/** Length in code points (what PostgreSQL's length() counts). */
export function lengthOf(word: string): number {
  let n = 0
  for (const _ of word) n++
  return n
}

/**
 * The smallest text greater than every text that starts with `prefix`, in byte
 * (code point) order: the last code point plus one. With `prefix` it bounds a
 * prefix as an index range (`>= prefix and < upper`).
 */
export function prefixUpperBound(prefix: string): string {
  const points = Array.from(prefix, (char) => char.codePointAt(0)!)
  while (points.length > 0) {
    let last = points.pop()! + 1
    if (last >= 0xd800 && last <= 0xdfff) last = 0xe000
    if (last <= 0x10ffff) return String.fromCodePoint(...points, last)
  }
  return String.fromCodePoint(0x10ffff)
}

/** Whether a word can be matched loosely (alphabetic, 3+ characters; codes and sizes must match as typed). */
export function fuzzyEligible(word: string): boolean {
  return lengthOf(word) >= 3 && !/[0-9]/.test(word)
}

/** The trigrams of a word as search_index_items() stores them: "  w", " wo", "wor", ..., "rd ". */
export function trigramsOf(word: string): string[] {
  const chars = Array.from(`  ${word} `)
  const grams = new Set<string>()
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''))
  return [...grams]
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), in
 * code points; stops early and returns `max + 1` once it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = Array.from(a)
  const t = Array.from(b)
  if (Math.abs(s.length - t.length) > max) return max + 1
  let before = new Array<number>(t.length + 1).fill(0)
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j)
  let current = new Array<number>(t.length + 1).fill(0)
  for (let i = 1; i <= s.length; i++) {
    current[0] = i
    let rowMin = current[0]
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) value = Math.min(value, before[j - 2]! + 1)
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    ;[before, previous, current] = [previous, current, before]
  }
  return previous[t.length]!
}

/** How one word of an item answers one word of the query. */
export type WordMatch = { kind: 'exact' | 'prefix' | 'fuzzy'; score: number }

/** Edits a misspelt word may need: 1 up to 4 characters, 2 up to 8, then 3. */
function editsAllowed(length: number) {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3
}

/**
 * Scores `word` (from the index) against the query word `token`: exact 1;
 * a prefix of it 0.75–0.95 (the more of the word typed, the higher); a
 * misspelling (few edits away, or a misspelt beginning of a longer word) below
 * 0.7. Null when it does not match. Prefix and exact matches always rank above
 * misspellings.
 */
export function matchWord(token: string, word: string): WordMatch | null {
  if (word === token) return { kind: 'exact', score: 1 }
  const tokenLength = lengthOf(token)
  const wordLength = lengthOf(word)
  if (word.startsWith(token)) return { kind: 'prefix', score: 0.75 + (0.2 * tokenLength) / wordLength }
  if (!fuzzyEligible(token)) return null
  const allowed = editsAllowed(tokenLength)
  const distance = editDistance(token, word, allowed)
  if (distance <= allowed) return { kind: 'fuzzy', score: 0.7 * (1 - distance / Math.max(tokenLength, wordLength)) }
  // A misspelt beginning of a longer word ("biscu" typed as "bisku").
  if (tokenLength >= 4 && wordLength > tokenLength) {
    const allowedInPrefix = tokenLength <= 5 ? 1 : 2
    const letters = Array.from(word)
    let best = allowedInPrefix + 1
    for (let length = tokenLength - 1; length <= tokenLength + 1; length++) {
      best = Math.min(best, editDistance(token, letters.slice(0, length).join(''), allowedInPrefix))
    }
    if (best <= allowedInPrefix) return { kind: 'fuzzy', score: 0.6 * (1 - best / tokenLength) }
  }
  return null
}
