import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The catalog's core and the live stock level, shared by the catalog, inventory,
 * search and sales modules (each adds its own tables in later migrations).
 *
 * - tax_classes / tax_class_rates: a class ("GST 5%", "GST 18% + 12% cess") maps to
 *   rates by effective date, so a rate change is a new row, never an edit, and an
 *   invoice keeps the rate it was made with (invoice lines store their own rate).
 * - categories: a tree, with the kitchen/print station a category routes to.
 * - products: what is sold, with its HSN/SAC, tax class, GST unit (UQC) and whether
 *   quantities may be fractional (loose goods) and batches are tracked.
 * - items: the sellable variants of a product (size, pack), each with its own SKU,
 *   MRP, cost and reorder level. A product without variants has one item.
 * - barcodes: several per item; a code identifies one item in its tenant.
 * - price_lists / item_prices: the price of an item on a list, tenant-wide or
 *   overridden for one store (store_id set).
 * - stock_levels: on-hand per store and item, kept equal to the sum of the item's
 *   stock movements by the inventory module (a row lock on it serialises writers).
 * - review_items: the conflict review inbox (oversold stock, changed price, refused
 *   discount found while replaying offline sales; negative stock allowed by policy).
 *
 * Tax classes, categories, products and items are retired (active = false), never
 * deleted: invoices and the stock ledger keep referring to them.
 *
 * Quantities are numeric(14,3) (three decimal places for loose goods); money is
 * integer paise (bigint).
 */
export default class extends BaseSchema {
  override async up() {
    this.schema.raw(`
      create table tax_classes (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        code text not null check (code ~ '^[A-Z0-9_-]{1,30}$'),
        name text not null check (length(name) between 1 and 100),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        unique (tenant_id, code),
        unique (tenant_id, id)
      );
      select app_enable_tenant_rls('tax_classes');
      -- Masters that invoices and the ledger refer to are retired, never deleted.
      revoke delete on tax_classes from pos_app;

      create table tax_class_rates (
        tenant_id uuid not null,
        tax_class_id uuid not null,
        effective_from date not null,
        rate_percent numeric(5,2) not null check (rate_percent >= 0 and rate_percent <= 100),
        cess_percent numeric(5,2) not null default 0 check (cess_percent >= 0 and cess_percent <= 400),
        created_at timestamptz not null default now(),
        primary key (tenant_id, tax_class_id, effective_from),
        foreign key (tenant_id, tax_class_id) references tax_classes (tenant_id, id) on delete cascade
      );
      select app_enable_tenant_rls('tax_class_rates');
      -- A rate is history: correct it with a new effective date, never in place.
      revoke update on tax_class_rates from pos_app;

      create table categories (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        parent_id uuid,
        name text not null check (length(name) between 1 and 100),
        -- The kitchen/print station this category's lines are routed to (null: none).
        station_route text check (station_route is null or station_route ~ '^[a-z0-9_-]{1,40}$'),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, id),
        foreign key (tenant_id, parent_id) references categories (tenant_id, id)
      );
      create unique index categories_name on categories (tenant_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name));
      select app_enable_tenant_rls('categories');
      revoke delete on categories from pos_app;

      create table products (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        name text not null check (length(name) between 1 and 200),
        local_name text check (local_name is null or length(local_name) between 1 and 200),
        category_id uuid,
        hsn_sac text not null check (hsn_sac ~ '^[0-9]{4}([0-9]{2}){0,2}$'),
        tax_class_id uuid not null,
        -- GST unit quantity code (UQC), e.g. NOS, KGS, LTR, MTR, BOX, PAC.
        unit text not null check (unit ~ '^[A-Z]{3}$'),
        fractional boolean not null default false,
        tracks_batches boolean not null default false,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, id),
        foreign key (tenant_id, category_id) references categories (tenant_id, id),
        foreign key (tenant_id, tax_class_id) references tax_classes (tenant_id, id)
      );
      select app_enable_tenant_rls('products');
      revoke delete on products from pos_app;

      create table items (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        product_id uuid not null,
        sku text not null check (sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
        -- The full display name of this variant ("Amul Butter 500 g").
        name text not null check (length(name) between 1 and 200),
        local_name text check (local_name is null or length(local_name) between 1 and 200),
        variant jsonb not null default '{}'::jsonb,
        mrp_paise bigint check (mrp_paise is null or mrp_paise >= 0),
        cost_paise bigint not null default 0 check (cost_paise >= 0),
        reorder_level numeric(14,3) not null default 0 check (reorder_level >= 0),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (tenant_id, sku),
        unique (tenant_id, id),
        foreign key (tenant_id, product_id) references products (tenant_id, id)
      );
      create index items_product on items (tenant_id, product_id);
      select app_enable_tenant_rls('items');
      revoke delete on items from pos_app;

      create table barcodes (
        tenant_id uuid not null references tenants(id) on delete cascade,
        code text not null check (code ~ '^[0-9A-Za-z-]{4,40}$'),
        item_id uuid not null,
        kind text not null default 'gtin' check (kind in ('gtin', 'internal')),
        created_at timestamptz not null default now(),
        primary key (tenant_id, code),
        foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade
      );
      create index barcodes_item on barcodes (tenant_id, item_id);
      select app_enable_tenant_rls('barcodes');

      create table price_lists (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        code text not null check (code ~ '^[A-Z0-9_-]{1,30}$'),
        name text not null check (length(name) between 1 and 100),
        prices_include_tax boolean not null default true,
        is_default boolean not null default false,
        created_at timestamptz not null default now(),
        unique (tenant_id, code),
        unique (tenant_id, id)
      );
      -- One default list per tenant.
      create unique index price_lists_default on price_lists (tenant_id) where is_default;
      select app_enable_tenant_rls('price_lists');

      create table item_prices (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        price_list_id uuid not null,
        item_id uuid not null,
        -- Null: the list's price everywhere; set: this store's override.
        store_id uuid,
        price_paise bigint not null check (price_paise >= 0),
        updated_at timestamptz not null default now(),
        foreign key (tenant_id, price_list_id) references price_lists (tenant_id, id) on delete cascade,
        foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade,
        foreign key (tenant_id, store_id) references stores (tenant_id, id) on delete cascade
      );
      create unique index item_prices_key on item_prices (tenant_id, price_list_id, item_id, store_id) nulls not distinct;
      create index item_prices_item on item_prices (tenant_id, item_id);
      select app_enable_tenant_rls('item_prices');

      create table stock_levels (
        tenant_id uuid not null,
        store_id uuid not null,
        item_id uuid not null,
        on_hand numeric(14,3) not null default 0,
        -- Per-store reorder level; null: the item's.
        reorder_level numeric(14,3) check (reorder_level is null or reorder_level >= 0),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, store_id, item_id),
        foreign key (tenant_id, store_id) references stores (tenant_id, id) on delete cascade,
        foreign key (tenant_id, item_id) references items (tenant_id, id) on delete cascade
      );
      create index stock_levels_item on stock_levels (tenant_id, item_id);
      select app_enable_tenant_rls('stock_levels');
      -- Levels follow movements; rows are never deleted by the application.
      revoke delete on stock_levels from pos_app;

      create table review_items (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        store_id uuid not null,
        -- negative_stock, oversold, price_changed, discount_refused, ...
        kind text not null check (kind ~ '^[a-z][a-z_]{1,40}$'),
        status text not null default 'open' check (status in ('open', 'resolved')),
        -- What it is about: a sale, an invoice, a stock movement...
        subject_type text not null check (subject_type ~ '^[a-z][a-z_]{1,40}$'),
        subject_id text not null,
        data jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        resolved_by uuid,
        resolution text check (resolution is null or resolution in ('accepted', 'stock_adjusted', 'follow_up')),
        resolution_note text,
        resolved_at timestamptz,
        foreign key (tenant_id, store_id) references stores (tenant_id, id) on delete cascade
      );
      create index review_items_open on review_items (tenant_id, store_id, created_at) where status = 'open';
      select app_enable_tenant_rls('review_items');
      revoke delete on review_items from pos_app;
    `)
  }

  override async down() {
    this.schema.raw(`
      drop table if exists review_items;
      drop table if exists stock_levels;
      drop table if exists item_prices;
      drop table if exists price_lists;
      drop table if exists barcodes;
      drop table if exists items;
      drop table if exists products;
      drop table if exists categories;
      drop table if exists tax_class_rates;
      drop table if exists tax_classes;
    `)
  }
}
