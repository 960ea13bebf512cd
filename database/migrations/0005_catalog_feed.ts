import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The catalog's change log (what the terminal feed reads) and batches.
 *
 * - batches: lots of an item whose product tracks batches (pharmacy, packaged
 *   food): batch number and expiry. Stock movements refer to them, so they are
 *   never deleted by the application.
 * - catalog_changes: one row per catalog entity a transaction changed, written
 *   by the triggers below (so every writer is covered: the API, imports, the
 *   seeder, a manual fix in psql). `xid` is the writing transaction's top-level
 *   id (xid8, never wraps). The feed reads it in (xid, id) order and only below
 *   pg_snapshot_xmin(pg_current_snapshot()): every transaction below that bound
 *   has ended, so no row can appear there later and a cursor never skips a
 *   change that a slower transaction committed after a faster one (see
 *   server/modules/catalog/README.md). `store_id` is null for changes every
 *   store sees and set for one store's price override.
 *   Within one transaction a change is logged once (the unique index and
 *   ON CONFLICT DO NOTHING), so a bulk import logs each item once.
 *
 * Only columns the terminal sees are watched: an item's cost or reorder level
 * changing (inventory does that) is not a catalog change for the feed.
 * Tenant settings (tenants.settings -> 'catalog') are logged by the catalog
 * service itself, which owns that key.
 */
export default class extends BaseSchema {
  override async up() {
    this.schema.raw(`
      create table batches (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        item_id uuid not null,
        batch_no text not null check (batch_no ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
        manufactured_on date,
        expires_on date,
        created_at timestamptz not null default now(),
        unique (tenant_id, item_id, batch_no),
        unique (tenant_id, id),
        foreign key (tenant_id, item_id) references items (tenant_id, id),
        check (manufactured_on is null or expires_on is null or manufactured_on <= expires_on)
      );
      select app_enable_tenant_rls('batches');
      -- Stock movements refer to batches: never deleted by the application.
      revoke delete on batches from pos_app;

      create table catalog_changes (
        id bigint generated always as identity primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        xid xid8 not null default pg_current_xact_id(),
        store_id uuid,
        entity text not null check (entity in ('item', 'barcode', 'store_price', 'tax_class', 'category', 'settings')),
        entity_key text not null check (length(entity_key) between 1 and 100),
        at timestamptz not null default now(),
        foreign key (tenant_id, store_id) references stores (tenant_id, id) on delete cascade
      );
      create index catalog_changes_feed on catalog_changes (tenant_id, xid, id);
      create unique index catalog_changes_once on catalog_changes (tenant_id, xid, entity, entity_key, store_id) nulls not distinct;
      select app_enable_tenant_rls('catalog_changes');
      -- A log: appended by the triggers, never rewritten by the application.
      revoke update, delete on catalog_changes from pos_app;

      -- Not SECURITY DEFINER: the triggers run as the writer, under its tenant's policies.
      create function catalog_log(t uuid, s uuid, e text, k text) returns void
        language sql volatile as $$
          insert into catalog_changes (tenant_id, store_id, entity, entity_key) values (t, s, e, k)
          on conflict do nothing
        $$;

      -- Every item of the products matching the condition (fan-out of a class, category or list change).
      create function catalog_log_items_of_products(t uuid, by_tax_class uuid, by_category uuid) returns void
        language sql volatile as $$
          insert into catalog_changes (tenant_id, store_id, entity, entity_key)
          select i.tenant_id, null, 'item', i.id::text
            from items i join products p on p.tenant_id = i.tenant_id and p.id = i.product_id
           where i.tenant_id = t
             and (by_tax_class is null or p.tax_class_id = by_tax_class)
             and (by_category is null or p.category_id = by_category)
          on conflict do nothing
        $$;

      create function catalog_items_changed() returns trigger language plpgsql as $fn$
      begin
        if tg_op = 'INSERT' or (old.product_id, old.sku, old.name, old.local_name, old.variant, old.mrp_paise, old.active)
                               is distinct from (new.product_id, new.sku, new.name, new.local_name, new.variant, new.mrp_paise, new.active) then
          perform catalog_log(new.tenant_id, null, 'item', new.id::text);
        end if;
        return null;
      end $fn$;
      create trigger catalog_feed after insert or update on items
        for each row execute function catalog_items_changed();

      create function catalog_products_changed() returns trigger language plpgsql as $fn$
      begin
        if (old.name, old.local_name, old.category_id, old.hsn_sac, old.tax_class_id, old.unit, old.fractional, old.tracks_batches, old.active)
           is distinct from (new.name, new.local_name, new.category_id, new.hsn_sac, new.tax_class_id, new.unit, new.fractional, new.tracks_batches, new.active) then
          insert into catalog_changes (tenant_id, store_id, entity, entity_key)
          select new.tenant_id, null, 'item', i.id::text from items i where i.tenant_id = new.tenant_id and i.product_id = new.id
          on conflict do nothing;
        end if;
        return null;
      end $fn$;
      create trigger catalog_feed after update on products
        for each row execute function catalog_products_changed();

      create function catalog_barcodes_changed() returns trigger language plpgsql as $fn$
      begin
        if tg_op in ('UPDATE', 'DELETE') then
          perform catalog_log(old.tenant_id, null, 'barcode', old.code);
          perform catalog_log(old.tenant_id, null, 'item', old.item_id::text);
        end if;
        if tg_op in ('INSERT', 'UPDATE') then
          perform catalog_log(new.tenant_id, null, 'item', new.item_id::text);
        end if;
        return null;
      end $fn$;
      create trigger catalog_feed after insert or update or delete on barcodes
        for each row execute function catalog_barcodes_changed();

      -- Only the default list prices the feed; other lists are not logged.
      create function catalog_item_prices_changed() returns trigger language plpgsql as $fn$
      begin
        if tg_op in ('UPDATE', 'DELETE')
           and exists (select 1 from price_lists l where l.tenant_id = old.tenant_id and l.id = old.price_list_id and l.is_default) then
          perform catalog_log(old.tenant_id, old.store_id, 'item', old.item_id::text);
          if old.store_id is not null and (tg_op = 'DELETE' or new.store_id is distinct from old.store_id) then
            perform catalog_log(old.tenant_id, old.store_id, 'store_price', old.item_id::text);
          end if;
        end if;
        if tg_op in ('INSERT', 'UPDATE')
           and exists (select 1 from price_lists l where l.tenant_id = new.tenant_id and l.id = new.price_list_id and l.is_default) then
          perform catalog_log(new.tenant_id, new.store_id, 'item', new.item_id::text);
        end if;
        return null;
      end $fn$;
      create trigger catalog_feed after insert or update or delete on item_prices
        for each row execute function catalog_item_prices_changed();

      -- Which list is the default, or whether it includes tax, reprices every item.
      create function catalog_price_lists_changed() returns trigger language plpgsql as $fn$
      begin
        if (tg_op = 'INSERT' and new.is_default)
           or (tg_op = 'DELETE' and old.is_default)
           or (tg_op = 'UPDATE' and (old.is_default, old.prices_include_tax) is distinct from (new.is_default, new.prices_include_tax)) then
          insert into catalog_changes (tenant_id, store_id, entity, entity_key)
          select i.tenant_id, null, 'item', i.id::text from items i where i.tenant_id = coalesce(new.tenant_id, old.tenant_id)
          on conflict do nothing;
        end if;
        return null;
      end $fn$;
      create trigger catalog_feed after insert or update or delete on price_lists
        for each row execute function catalog_price_lists_changed();

      create function catalog_tax_classes_changed() returns trigger language plpgsql as $fn$
      begin
        if tg_op = 'INSERT' or (old.code, old.name, old.active) is distinct from (new.code, new.name, new.active) then
          perform catalog_log(new.tenant_id, null, 'tax_class', new.id::text);
        end if;
        return null;
      end $fn$;
      create trigger catalog_feed after insert or update on tax_classes
        for each row execute function catalog_tax_classes_changed();

      -- Items carry their class's current and upcoming rates: a new dated rate reaches every item of the class.
      create function catalog_tax_class_rates_changed() returns trigger language plpgsql as $fn$
      declare
        r record;
      begin
        if tg_op = 'DELETE' then r := old; else r := new; end if;
        perform catalog_log(r.tenant_id, null, 'tax_class', r.tax_class_id::text);
        perform catalog_log_items_of_products(r.tenant_id, r.tax_class_id, null);
        return null;
      end $fn$;
      create trigger catalog_feed after insert or delete on tax_class_rates
        for each row execute function catalog_tax_class_rates_changed();

      -- Items carry their category's station route: a new route reaches every item of the category.
      create function catalog_categories_changed() returns trigger language plpgsql as $fn$
      begin
        if tg_op = 'INSERT' or (old.parent_id, old.name, old.station_route, old.active)
                               is distinct from (new.parent_id, new.name, new.station_route, new.active) then
          perform catalog_log(new.tenant_id, null, 'category', new.id::text);
        end if;
        if tg_op = 'UPDATE' and old.station_route is distinct from new.station_route then
          perform catalog_log_items_of_products(new.tenant_id, null, new.id);
        end if;
        return null;
      end $fn$;
      create trigger catalog_feed after insert or update on categories
        for each row execute function catalog_categories_changed();

      create function catalog_batches_changed() returns trigger language plpgsql as $fn$
      begin
        perform catalog_log(new.tenant_id, null, 'item', new.item_id::text);
        return null;
      end $fn$;
      create trigger catalog_feed after insert or update on batches
        for each row execute function catalog_batches_changed();
    `)
  }

  override async down() {
    this.schema.raw(`
      drop trigger if exists catalog_feed on batches;
      drop trigger if exists catalog_feed on categories;
      drop trigger if exists catalog_feed on tax_class_rates;
      drop trigger if exists catalog_feed on tax_classes;
      drop trigger if exists catalog_feed on price_lists;
      drop trigger if exists catalog_feed on item_prices;
      drop trigger if exists catalog_feed on barcodes;
      drop trigger if exists catalog_feed on products;
      drop trigger if exists catalog_feed on items;
      drop function if exists catalog_batches_changed();
      drop function if exists catalog_categories_changed();
      drop function if exists catalog_tax_class_rates_changed();
      drop function if exists catalog_tax_classes_changed();
      drop function if exists catalog_price_lists_changed();
      drop function if exists catalog_item_prices_changed();
      drop function if exists catalog_barcodes_changed();
      drop function if exists catalog_products_changed();
      drop function if exists catalog_items_changed();
      drop function if exists catalog_log_items_of_products(uuid, uuid, uuid);
      drop function if exists catalog_log(uuid, uuid, text, text);
      drop table if exists catalog_changes;
      drop table if exists batches;
    `)
  }
}
