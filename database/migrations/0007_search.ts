import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Item search: a word index of the active items, kept by triggers on `items`.
 *
 * Why not trigram (pg_trgm) or LIKE indexes on `items`: under FORCE ROW LEVEL
 * SECURITY the application role's own conditions may only become index
 * conditions when their operators are LEAKPROOF, and `%`, `<%`, `~~` (LIKE) are
 * not (only a superuser can change that, which Cloud SQL does not allow). Such
 * a query reads every row of the tenant. Equality and range comparisons on
 * plain text columns are leakproof, so everything here is looked up with them:
 *
 * - search_terms:         one row per (word, active item). `doc` is the item's
 *                         normalised "name local-name sku", so a word's items
 *                         come in name order from the index alone, and a
 *                         query's other words are checked against it.
 * - search_words:         the tenant's vocabulary (every word ever indexed), for
 *                         exact and prefix word lookups by range.
 * - search_word_trigrams: the trigrams of the alphabetic words of 3+ characters,
 *                         for typo-tolerant lookups (words sharing trigrams with
 *                         a misspelt one); the similarity is computed by the server.
 *
 * Text is normalised by search_normalize() (the server's normalizeText() does
 * the same to queries): NFC, ASCII letters lower-cased, invisible joiners
 * removed, punctuation and symbols turned into spaces, and digits split from
 * letters ("250g" = "250 g"). It is locale-independent on purpose: the same
 * words come out on PostgreSQL and on the embedded PGlite.
 *
 * The vocabulary has no unique key: two transactions that add the same new word
 * both insert it (a harmless duplicate) instead of one waiting for the other,
 * so a long catalogue import never blocks item edits through it. Words are not
 * removed when items are renamed (a stale word finds no items).
 *
 * The triggers run once per statement, over its transition tables: an import
 * of thousands of items is indexed in one set-based pass, and an update that
 * changes no searchable column (prices, costs, stock settings) costs a compare.
 *
 * Columns compared by range use the "C" collation (byte order), whatever the
 * database's default, so that a prefix is a contiguous index range.
 */
export default class extends BaseSchema {
  override async up() {
    // String.raw: the regular expressions below keep their backslashes.
    this.schema.raw(String.raw`
      create or replace function search_normalize(t text) returns text
        language sql immutable parallel safe
        as $fn$
          select btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
            translate(normalize(coalesce(t, ''), NFC), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
            '[\u00AD\u200B-\u200D\u2060\uFEFF]', '', 'g'),
            '[\u0001-\u002F\u003A-\u0040\u005B-\u0060\u007B-\u00BF\u00D7\u00F7\u0964\u0965\u2000-\u206F\u20A0-\u20CF\u2100-\u214F\u2190-\u23FF\u2500-\u27BF\u3000-\u303F\uFE30-\uFE4F\uFF00-\uFF0F]+', ' ', 'g'),
            '([0-9])([^0-9 ])', '\1 \2', 'g'),
            '([^0-9 ])([0-9])', '\1 \2', 'g'))
        $fn$;

      -- What an item is found by, in name order.
      create or replace function search_doc(name text, local_name text, sku text) returns text
        language sql immutable parallel safe
        as $fn$ select search_normalize(concat_ws(' ', name, local_name, sku)) $fn$;

      create table search_terms (
        tenant_id uuid not null,
        term text collate "C" not null,
        doc text collate "C" not null,
        item_id uuid not null,
        primary key (tenant_id, term, doc, item_id),
        foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade
      );
      create index search_terms_item on search_terms (tenant_id, item_id);
      select app_enable_tenant_rls('search_terms');
      -- Written by the triggers below only (delete + insert on a change).
      revoke update on search_terms from pos_app;

      create table search_words (
        tenant_id uuid not null references tenants(id) on delete cascade,
        word text collate "C" not null
      );
      create index search_words_word on search_words (tenant_id, word);
      select app_enable_tenant_rls('search_words');
      revoke update, delete on search_words from pos_app;

      create table search_word_trigrams (
        tenant_id uuid not null references tenants(id) on delete cascade,
        trigram text collate "C" not null,
        word text collate "C" not null
      );
      create index search_word_trigrams_trigram on search_word_trigrams (tenant_id, trigram, word);
      select app_enable_tenant_rls('search_word_trigrams');
      revoke update, delete on search_word_trigrams from pos_app;

      -- Indexes the given active items (arrays of equal length), in the caller's tenant.
      create or replace function search_index_items(p_tenants uuid[], p_items uuid[], p_docs text[]) returns void
        language sql
        as $fn$
          insert into search_terms (tenant_id, term, doc, item_id)
          select distinct d.tenant_id, w.term, d.doc, d.item_id
            from unnest(p_tenants, p_items, p_docs) d(tenant_id, item_id, doc)
            cross join lateral unnest(string_to_array(d.doc, ' ')) w(term)
           where w.term <> '';

          with fresh as (
            insert into search_words (tenant_id, word)
            select distinct d.tenant_id, w.term
              from unnest(p_tenants, p_docs) d(tenant_id, doc)
              cross join lateral unnest(string_to_array(d.doc, ' ')) w(term)
             where w.term <> ''
               and not exists (select 1 from search_words v where v.tenant_id = d.tenant_id and v.word = w.term)
            returning tenant_id, word
          )
          insert into search_word_trigrams (tenant_id, trigram, word)
          select distinct f.tenant_id, substr('  ' || f.word || ' ', i, 3), f.word
            from fresh f
            cross join lateral generate_series(1, length(f.word) + 1) i
           where length(f.word) >= 3 and f.word !~ '[0-9]';
        $fn$;

      create or replace function search_items_inserted() returns trigger
        language plpgsql
        as $fn$
        begin
          perform search_index_items(array_agg(n.tenant_id), array_agg(n.id), array_agg(search_doc(n.name, n.local_name, n.sku)))
             from inserted n
            where n.active;
          return null;
        end
        $fn$;

      create or replace function search_items_updated() returns trigger
        language plpgsql
        as $fn$
        declare
          v_tenants uuid[];
          v_items uuid[];
          v_active boolean[];
          v_docs text[];
        begin
          -- Only items whose searchable text or active flag changed (prices, costs... do not count).
          -- EXECUTE plans the join for the rows at hand: a plan cached for a one-row update
          -- (a nested loop) would compare every pair of a ten-thousand-row import.
          execute 'select array_agg(n.tenant_id), array_agg(n.id), array_agg(n.active), array_agg(search_doc(n.name, n.local_name, n.sku))
                     from old_rows o join new_rows n on n.id = o.id
                    where (o.name, o.local_name, o.sku, o.active) is distinct from (n.name, n.local_name, n.sku, n.active)'
             into v_tenants, v_items, v_active, v_docs;
          if v_items is null then
            return null;
          end if;
          delete from search_terms s
           using unnest(v_tenants, v_items) c(tenant_id, item_id)
           where s.tenant_id = c.tenant_id and s.item_id = c.item_id;
          perform search_index_items(array_agg(c.tenant_id), array_agg(c.item_id), array_agg(c.doc))
             from unnest(v_tenants, v_items, v_active, v_docs) c(tenant_id, item_id, active, doc)
            where c.active;
          return null;
        end
        $fn$;

      create trigger search_items_inserted after insert on items
        referencing new table as inserted
        for each statement execute function search_items_inserted();
      create trigger search_items_updated after update on items
        referencing old table as old_rows new table as new_rows
        for each statement execute function search_items_updated();
    `)

    // Items that exist already (a database migrated before search existed). The
    // owner is bound by FORCE RLS and no tenant is set here, so the flags are
    // lifted for this transaction only (the DDL locks keep others out meanwhile).
    this.schema.raw(`
      alter table items no force row level security;
      alter table search_terms no force row level security;
      alter table search_words no force row level security;
      alter table search_word_trigrams no force row level security;
      select search_index_items(array_agg(tenant_id), array_agg(id), array_agg(search_doc(name, local_name, sku)))
        from items where active;
      alter table items force row level security;
      alter table search_terms force row level security;
      alter table search_words force row level security;
      alter table search_word_trigrams force row level security;
    `)
  }

  override async down() {
    this.schema.raw(`
      drop trigger if exists search_items_updated on items;
      drop trigger if exists search_items_inserted on items;
      drop function if exists search_items_updated();
      drop function if exists search_items_inserted();
      drop function if exists search_index_items(uuid[], uuid[], text[]);
      drop table if exists search_word_trigrams;
      drop table if exists search_words;
      drop table if exists search_terms;
      drop function if exists search_doc(text, text, text);
      drop function if exists search_normalize(text);
    `)
  }
}
