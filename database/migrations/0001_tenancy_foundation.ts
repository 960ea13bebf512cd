import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Tenancy foundation. Every table the application role can reach has row-level
 * security ENABLED and FORCED, with a policy on the tenant set per transaction:
 *   select set_config('app.tenant_id', '<uuid>', true)
 * (see server/core/db/tenancy.ts). Outside such a transaction no tenant row is
 * visible. A few narrow "lookup keys" (app.login, app.lookup_hash) let the
 * pre-tenant paths (sign-in, pairing, device keys, refresh tokens) find exactly
 * one row by a secret they already hold; they are documented where they are used.
 *
 * The application role is `pos_app` (NOSUPERUSER NOBYPASSRLS, owns nothing).
 */
export default class extends BaseSchema {
  override async up() {
    this.schema.raw(`
      create extension if not exists pgcrypto;

      create or replace function app_current_tenant() returns uuid
        language sql stable parallel safe
        as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

      create or replace function app_lookup_hash() returns text
        language sql stable parallel safe
        as $$ select nullif(current_setting('app.lookup_hash', true), '') $$;

      -- Standard treatment for a tenant-owned table: RLS on and forced, one policy
      -- for every command, and the application role's privileges.
      create or replace function app_enable_tenant_rls(tbl regclass) returns void
        language plpgsql as $fn$
      begin
        execute format('alter table %s enable row level security', tbl);
        execute format('alter table %s force row level security', tbl);
        execute format(
          'create policy tenant_isolation on %s using (tenant_id = app_current_tenant()) with check (tenant_id = app_current_tenant())',
          tbl);
        execute format('grant select, insert, update, delete on %s to pos_app', tbl);
      end
      $fn$;

      create table tenants (
        id uuid primary key default gen_random_uuid(),
        name text not null check (length(name) between 1 and 200),
        slug text not null unique check (slug ~ '^[a-z0-9-]{2,60}$'),
        settings jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now()
      );
      alter table tenants enable row level security;
      alter table tenants force row level security;
      create policy tenant_self on tenants
        using (id = app_current_tenant()) with check (id = app_current_tenant());
      grant select, update on tenants to pos_app;

      create table stores (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        code text not null check (code ~ '^[A-Z0-9]{1,8}$'),
        legal_name text not null,
        trade_name text,
        gstin text check (gstin is null or gstin ~ '^[0-9]{2}[A-Z0-9]{13}$'),
        state_code char(2) not null check (state_code ~ '^[0-9]{2}$'),
        address_line1 text not null,
        address_line2 text,
        city text not null,
        pincode text not null check (pincode ~ '^[1-9][0-9]{5}$'),
        timezone text not null default 'Asia/Kolkata',
        fy_start_month smallint not null default 4 check (fy_start_month between 1 and 12),
        composition boolean not null default false,
        created_at timestamptz not null default now(),
        unique (tenant_id, code),
        unique (tenant_id, id)
      );
      select app_enable_tenant_rls('stores');

      create table terminals (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        store_id uuid not null,
        name text not null check (length(name) between 1 and 80),
        kind text not null default 'terminal' check (kind in ('terminal', 'station')),
        -- Prefix of this terminal's own GST invoice series, e.g. 'B1T2'.
        invoice_prefix text not null check (invoice_prefix ~ '^[A-Z1-9][A-Z0-9]{0,5}$'),
        created_at timestamptz not null default now(),
        foreign key (tenant_id, store_id) references stores(tenant_id, id) on delete cascade,
        unique (tenant_id, invoice_prefix),
        unique (tenant_id, id)
      );
      select app_enable_tenant_rls('terminals');

      -- Users are people; they may belong to several tenants through memberships.
      create table users (
        id uuid primary key default gen_random_uuid(),
        name text not null check (length(name) between 1 and 120),
        email text unique check (email is null or email = lower(email)),
        -- (no question marks in raw SQL here: the query builder reads them as bindings)
        phone text unique check (phone is null or phone ~ '^[+]{0,1}[0-9]{10,15}$'),
        password_hash text not null,
        -- The tenant that created this login: the only one that may change it, or
        -- give it memberships (a person working for a second business is invited, not adopted).
        created_by_tenant uuid not null references tenants(id),
        disabled_at timestamptz,
        created_at timestamptz not null default now(),
        check (email is not null or phone is not null)
      );

      create table memberships (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        user_id uuid not null references users(id) on delete cascade,
        store_id uuid,
        role text not null check (role in ('owner', 'manager', 'cashier', 'station')),
        created_at timestamptz not null default now(),
        foreign key (tenant_id, store_id) references stores(tenant_id, id) on delete cascade
      );
      create unique index memberships_unique on memberships (tenant_id, user_id, coalesce(store_id, '00000000-0000-0000-0000-000000000000'::uuid));
      alter table memberships enable row level security;
      alter table memberships force row level security;
      -- Policies per command: the write check reads users, whose read policy reads
      -- memberships; one policy for all commands would make that a recursion.
      create policy tenant_isolation on memberships for select using (tenant_id = app_current_tenant());
      create policy membership_removed on memberships for delete using (tenant_id = app_current_tenant());
      -- Memberships only for logins this tenant created: otherwise a tenant could
      -- attach another tenant's user to itself and read that user's row.
      create policy membership_added on memberships for insert
        with check (tenant_id = app_current_tenant()
                    and exists (select 1 from users u where u.id = user_id and u.created_by_tenant = app_current_tenant()));
      create policy membership_changed on memberships for update
        using (tenant_id = app_current_tenant())
        with check (tenant_id = app_current_tenant()
                    and exists (select 1 from users u where u.id = user_id and u.created_by_tenant = app_current_tenant()));
      grant select, insert, update, delete on memberships to pos_app;
      -- Sign-in reads the signing-in user's own memberships before a tenant is chosen.
      create policy membership_of_login on memberships for select
        using (user_id = nullif(current_setting('app.login_user_id', true), '')::uuid);

      -- Sign-in may list the tenants a user belongs to (names only, through memberships).
      create policy tenant_of_login on tenants for select
        using (exists (select 1 from memberships m where m.tenant_id = tenants.id
                       and m.user_id = nullif(current_setting('app.login_user_id', true), '')::uuid));

      -- A user row is visible to the tenant it has a membership in, and to its own sign-in.
      alter table users enable row level security;
      alter table users force row level security;
      create policy user_in_tenant on users for select
        using (created_by_tenant = app_current_tenant()
               or exists (select 1 from memberships m where m.user_id = users.id and m.tenant_id = app_current_tenant()));
      create policy user_created_here on users for insert
        with check (created_by_tenant = app_current_tenant());
      create policy user_changed_here on users for update
        using (created_by_tenant = app_current_tenant())
        with check (created_by_tenant = app_current_tenant());
      create policy user_by_login on users for select
        using (email = nullif(current_setting('app.login', true), '')
               or phone = nullif(current_setting('app.login', true), '')
               or id = nullif(current_setting('app.login_user_id', true), '')::uuid);
      grant select, insert, update on users to pos_app;
      -- Tenants, stores and terminals are never deleted by the application: deleting
      -- them would cascade into records that must stay (journal, events, audit).
      revoke delete on tenants, stores, terminals from pos_app;
    `)
  }

  override async down() {
    this.schema.raw(`
      drop table if exists memberships, users, terminals, stores, tenants cascade;
      drop function if exists app_enable_tenant_rls(regclass);
      drop function if exists app_lookup_hash();
      drop function if exists app_current_tenant();
    `)
  }
}
