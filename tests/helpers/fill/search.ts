import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TenantFixture } from '../fixtures.js'
import type { CatalogFill } from './catalog.js'

/**
 * One row in every search table (see fillEveryTable). The search tables are
 * written by triggers on items only: the catalogue's active item indexed its
 * words (search_terms), added them to the vocabulary (search_words) and their
 * trigrams (search_word_trigrams). Checked here, so that a catalogue fill that
 * stops producing them fails loudly rather than as an empty table.
 */
export async function fillSearch(trx: TransactionClientContract, _t: TenantFixture, catalog: CatalogFill) {
  const terms = await trx.from('search_terms').where('item_id', catalog.itemId).count('* as n').first()
  const words = await trx.from('search_words').count('* as n').first()
  const trigrams = await trx.from('search_word_trigrams').count('* as n').first()
  if (Number(terms?.n) === 0 || Number(words?.n) === 0 || Number(trigrams?.n) === 0) {
    throw new Error("fillSearch: the search triggers did not index the catalogue fill's active item")
  }
}
