import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Devices (terminals and stations) with hashed API keys, one-time pairing codes,
 * refresh-token families, and the append-only audit log.
 *
 * Secrets are never stored: only their SHA-256 (they are 160+ random bits, so a
 * slow hash adds nothing). A pre-tenant lookup sets app.lookup_hash to the hash
 * of the secret it holds, which makes exactly that one row visible; it then
 * continues in that row's tenant.
 */
export default class extends BaseSchema {
  override async up() {
    this.schema.raw(`
      create table devices (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        store_id uuid not null,
        terminal_id uuid not null,
        kind text not null check (kind in ('terminal', 'station')),
        name text not null,
        key_hash text not null unique,
        key_prefix text not null,
        last_seen_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid references users(id),
        created_by uuid references users(id),
        created_at timestamptz not null default now(),
        foreign key (tenant_id, store_id) references stores(tenant_id, id) on delete cascade,
        foreign key (tenant_id, terminal_id) references terminals(tenant_id, id) on delete cascade,
        unique (tenant_id, id)
      );
      select app_enable_tenant_rls('devices');
      create policy device_by_key on devices for select using (key_hash = app_lookup_hash());

      create table device_pairing_codes (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        store_id uuid not null,
        terminal_id uuid not null,
        code_hash text not null unique,
        expires_at timestamptz not null,
        used_at timestamptz,
        device_id uuid,
        created_by uuid not null references users(id),
        created_at timestamptz not null default now(),
        foreign key (tenant_id, store_id) references stores(tenant_id, id) on delete cascade,
        foreign key (tenant_id, terminal_id) references terminals(tenant_id, id) on delete cascade,
        foreign key (tenant_id, device_id) references devices(tenant_id, id)
      );
      select app_enable_tenant_rls('device_pairing_codes');
      create policy pairing_by_code on device_pairing_codes for select using (code_hash = app_lookup_hash());

      create table refresh_token_families (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        user_id uuid not null references users(id) on delete cascade,
        created_at timestamptz not null default now(),
        revoked_at timestamptz,
        revoked_reason text
      );
      select app_enable_tenant_rls('refresh_token_families');

      create table refresh_tokens (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        family_id uuid not null references refresh_token_families(id) on delete cascade,
        token_hash text not null unique,
        issued_at timestamptz not null default now(),
        expires_at timestamptz not null,
        -- Set when the token is exchanged; presenting it again is a reuse.
        rotated_at timestamptz
      );
      create index refresh_tokens_family on refresh_tokens (family_id);
      select app_enable_tenant_rls('refresh_tokens');
      create policy refresh_by_hash on refresh_tokens for select using (token_hash = app_lookup_hash());

      create table audit_log (
        id bigint generated always as identity primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        at timestamptz not null default now(),
        action text not null,
        actor_user_id uuid,
        actor_device_id uuid,
        subject_type text,
        subject_id text,
        data jsonb not null default '{}'::jsonb,
        request_id text
      );
      create index audit_log_tenant_at on audit_log (tenant_id, id desc);
      select app_enable_tenant_rls('audit_log');
      -- Append-only: the application may insert and read, never change or delete.
      revoke update, delete on audit_log from pos_app;
      create or replace function audit_log_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
      end $$;
      create trigger audit_log_no_update before update or delete on audit_log
        for each row execute function audit_log_immutable();
    `)
  }

  override async down() {
    this.schema.raw(`
      drop table if exists audit_log, refresh_tokens, refresh_token_families, device_pairing_codes, devices cascade;
      drop function if exists audit_log_immutable();
    `)
  }
}
