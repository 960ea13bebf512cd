import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The actor runtime's durable record (see docs/adr/0004-actor-runtime.md).
 *
 * - actors:             one row per actor: its journal sequence and the fencing epoch
 *                       of the last writer. `select ... for update` on it serialises
 *                       writers across nodes.
 * - actor_journal:      every transition: event, state before/after, context after,
 *                       sender, commandId, server time. The primary key on
 *                       (actor, seq) rejects a second writer of the same sequence.
 * - actor_snapshots:    a persisted snapshot every N events; activation replays the
 *                       journal tail on top of the latest one.
 * - processed_commands: the idempotency record: a commandId is processed once; a
 *                       repeat returns the stored result.
 * - terminal_cursors:   the last clientSeq applied per terminal (in-order apply).
 * - store_events:       every fact pushed for a store, numbered gaplessly per store,
 *                       for catch-up after a reconnect.
 * - actor_timers:       delayed events with their due time (XState timers are not
 *                       restored from snapshots); fired by whichever node runs them.
 * - outbox:             async work written in the same transaction, relayed later.
 *
 * Timers and the outbox are scanned across tenants by the runtime's pollers: their
 * policies also admit a transaction that declares that scan (app.scan), which
 * exposes only those two tables.
 */
export default class extends BaseSchema {
  override async up() {
    this.schema.raw(`
      create table actors (
        tenant_id uuid not null references tenants(id) on delete cascade,
        kind text not null check (kind ~ '^[a-z][a-z_]{1,30}$'),
        actor_id text not null check (length(actor_id) between 1 and 100),
        store_id uuid,
        seq bigint not null default 0,
        epoch bigint not null default 0,
        machine_version int not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, kind, actor_id)
      );
      create index actors_store on actors (tenant_id, store_id, kind);
      select app_enable_tenant_rls('actors');
      -- Deleting an actor would cascade into its journal, which is append-only.
      revoke delete on actors from pos_app;

      create table actor_journal (
        tenant_id uuid not null,
        kind text not null,
        actor_id text not null,
        seq bigint not null,
        event_type text not null,
        event jsonb not null,
        state_before jsonb,
        state_after jsonb not null,
        context_after jsonb not null,
        actions jsonb not null default '[]'::jsonb,
        sender_user_id uuid,
        sender_device_id uuid,
        command_id uuid,
        at timestamptz not null default now(),
        primary key (tenant_id, kind, actor_id, seq),
        foreign key (tenant_id, kind, actor_id) references actors (tenant_id, kind, actor_id) on delete cascade
      );
      create index actor_journal_time on actor_journal (tenant_id, kind, actor_id, at);
      select app_enable_tenant_rls('actor_journal');
      revoke update, delete on actor_journal from pos_app;

      create table actor_snapshots (
        tenant_id uuid not null,
        kind text not null,
        actor_id text not null,
        seq bigint not null,
        machine_version int not null,
        snapshot jsonb not null,
        at timestamptz not null default now(),
        primary key (tenant_id, kind, actor_id),
        foreign key (tenant_id, kind, actor_id) references actors (tenant_id, kind, actor_id) on delete cascade
      );
      select app_enable_tenant_rls('actor_snapshots');

      -- Keyed per tenant: one tenant's ids never collide with (or reveal) another's.
      create table processed_commands (
        tenant_id uuid not null references tenants(id) on delete cascade,
        command_id uuid not null,
        kind text not null,
        actor_id text not null,
        command_type text not null,
        payload_hash text not null,
        terminal_id uuid,
        client_seq bigint,
        result jsonb,
        at timestamptz not null default now(),
        primary key (tenant_id, command_id),
        unique (terminal_id, client_seq)
      );
      select app_enable_tenant_rls('processed_commands');

      create table terminal_cursors (
        tenant_id uuid not null references tenants(id) on delete cascade,
        terminal_id uuid not null,
        last_client_seq bigint not null default 0,
        primary key (tenant_id, terminal_id),
        foreign key (tenant_id, terminal_id) references terminals (tenant_id, id) on delete cascade
      );
      select app_enable_tenant_rls('terminal_cursors');

      create table store_event_counters (
        tenant_id uuid not null,
        store_id uuid not null,
        last_seq bigint not null default 0,
        primary key (tenant_id, store_id),
        foreign key (tenant_id, store_id) references stores (tenant_id, id) on delete cascade
      );
      select app_enable_tenant_rls('store_event_counters');

      create table store_events (
        tenant_id uuid not null,
        store_id uuid not null,
        seq bigint not null,
        type text not null,
        data jsonb not null,
        kind text not null,
        actor_id text not null,
        command_id uuid,
        at timestamptz not null default now(),
        primary key (tenant_id, store_id, seq),
        foreign key (tenant_id, store_id) references stores (tenant_id, id) on delete cascade
      );
      select app_enable_tenant_rls('store_events');
      revoke update, delete on store_events from pos_app;

      create table actor_timers (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        kind text not null,
        actor_id text not null,
        timer_key text not null,
        event jsonb not null,
        due_at timestamptz not null,
        created_at timestamptz not null default now(),
        unique (tenant_id, kind, actor_id, timer_key),
        foreign key (tenant_id, kind, actor_id) references actors (tenant_id, kind, actor_id) on delete cascade
      );
      create index actor_timers_due on actor_timers (due_at);
      select app_enable_tenant_rls('actor_timers');
      create policy timers_scan on actor_timers for select
        using (current_setting('app.scan', true) = 'timers');

      create table outbox (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants(id) on delete cascade,
        topic text not null,
        key text,
        payload jsonb not null,
        command_id uuid,
        created_at timestamptz not null default now(),
        published_at timestamptz,
        attempts int not null default 0
      );
      create index outbox_unpublished on outbox (created_at) where published_at is null;
      select app_enable_tenant_rls('outbox');
      create policy outbox_scan on outbox for select
        using (current_setting('app.scan', true) = 'outbox');
    `)
  }

  override async down() {
    this.schema.raw(`
      drop table if exists outbox, actor_timers, store_events, store_event_counters, terminal_cursors,
        processed_commands, actor_snapshots, actor_journal, actors cascade;
    `)
  }
}
