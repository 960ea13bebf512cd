import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * The inventory ledger (server/modules/inventory). stock_levels.on_hand (0004) is
 * kept equal to the sum of an item's movements in a store; every writer holds
 * that stock_levels row's lock (taken in item id order), which also serialises
 * the FIFO cost layers of that store and item.
 *
 * - stock_movements: the immutable ledger. One row per line of a receipt, sale,
 *   return, adjustment, write-off or transfer; signed quantity (negative out), the
 *   on-hand it left, its cost (incoming: value received; outgoing: cost of goods
 *   at the time), why, what caused it, who, which command.
 * - cost_layers: FIFO layers opened by incoming movements (unit cost, remaining).
 * - cost_shortfalls: quantity an outgoing movement took beyond the open layers
 *   (stock went negative, or layers ran out). It is costed provisionally at the
 *   item's cost; the next incoming movements settle it oldest first at their
 *   actual cost and record the difference as a true-up.
 * - cost_layer_consumptions: the cost of each outgoing movement, append-only:
 *   'layer' (taken from a layer), 'shortfall' (provisional, at the item's cost),
 *   'true_up' (actual minus provisional, when a later receipt covered a shortfall).
 *   An outgoing movement's COGS is the sum of its rows.
 * - stock_transfers / stock_transfer_lines: stock sent between two stores of a
 *   tenant: in transit from dispatch, partially received, received. Each line
 *   keeps the FIFO cost slices it left with; receipts take them in order.
 *
 * Quantities are numeric(14,3); money is integer paise (bigint).
 */
export default class extends BaseSchema {
  override async up() {
    this.schema.raw(`
      create table stock_movements (
        id uuid primary key,
        tenant_id uuid not null,
        store_id uuid not null,
        item_id uuid not null,
        -- Ledger order; for one store and item it follows commit order (writers hold the level's lock).
        position bigint generated always as identity,
        kind text not null check (kind in ('receipt', 'sale', 'return', 'adjustment', 'wastage', 'transfer_out', 'transfer_in')),
        quantity numeric(14,3) not null check (quantity <> 0),
        on_hand_after numeric(14,3) not null,
        -- Incoming: cost per unit (null when the movement opened layers of several costs). Outgoing: null.
        unit_cost_paise bigint check (unit_cost_paise is null or unit_cost_paise >= 0),
        -- Incoming: value received. Outgoing: cost of goods when it left (true-ups come later, as consumptions).
        total_cost_paise bigint not null check (total_cost_paise >= 0),
        reason text check (reason is null or length(reason) between 1 and 500),
        reference_type text not null check (reference_type ~ '^[a-z][a-z_]{1,40}$'),
        reference_id text not null check (length(reference_id) between 1 and 100),
        -- Batches are the catalog's; referenced without a foreign key.
        batch_id uuid,
        command_id uuid,
        created_by_user_id uuid,
        created_by_device_id uuid,
        at timestamptz not null default now(),
        unique (tenant_id, id),
        check (case
          when kind in ('receipt', 'return', 'transfer_in') then quantity > 0
          when kind in ('sale', 'wastage', 'transfer_out') then quantity < 0
          else true end),
        check (kind not in ('adjustment', 'wastage') or reason is not null),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, item_id) references items (tenant_id, id)
      );
      create index stock_movements_item on stock_movements (tenant_id, store_id, item_id, position);
      create index stock_movements_reference on stock_movements (tenant_id, reference_type, reference_id);
      create index stock_movements_command on stock_movements (tenant_id, command_id) where command_id is not null;
      select app_enable_tenant_rls('stock_movements');
      revoke update, delete on stock_movements from pos_app;
      create or replace function stock_movements_immutable() returns trigger language plpgsql as $$
      begin
        raise exception 'stock_movements is append-only: correct stock with a new movement' using errcode = 'insufficient_privilege';
      end $$;
      create trigger stock_movements_no_change before update or delete on stock_movements
        for each row execute function stock_movements_immutable();

      create table cost_layers (
        id uuid primary key,
        tenant_id uuid not null,
        store_id uuid not null,
        item_id uuid not null,
        -- FIFO order within a store and item.
        position bigint generated always as identity,
        movement_id uuid not null,
        batch_id uuid,
        unit_cost_paise bigint not null check (unit_cost_paise >= 0),
        quantity numeric(14,3) not null check (quantity > 0),
        remaining numeric(14,3) not null check (remaining >= 0 and remaining <= quantity),
        opened_at timestamptz not null,
        unique (tenant_id, id),
        foreign key (tenant_id, movement_id) references stock_movements (tenant_id, id),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, item_id) references items (tenant_id, id)
      );
      create index cost_layers_open on cost_layers (tenant_id, store_id, item_id, position) where remaining > 0;
      select app_enable_tenant_rls('cost_layers');
      -- Only remaining changes; layers stay as the history of what was bought at what cost.
      revoke delete on cost_layers from pos_app;

      create table cost_shortfalls (
        id uuid primary key,
        tenant_id uuid not null,
        store_id uuid not null,
        item_id uuid not null,
        position bigint generated always as identity,
        -- The outgoing movement that took more than the layers held.
        movement_id uuid not null,
        quantity numeric(14,3) not null check (quantity > 0),
        -- Not yet covered by a later incoming movement.
        open_quantity numeric(14,3) not null check (open_quantity >= 0 and open_quantity <= quantity),
        provisional_unit_cost_paise bigint not null check (provisional_unit_cost_paise >= 0),
        at timestamptz not null,
        unique (tenant_id, id),
        foreign key (tenant_id, movement_id) references stock_movements (tenant_id, id),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, item_id) references items (tenant_id, id)
      );
      create index cost_shortfalls_open on cost_shortfalls (tenant_id, store_id, item_id, position) where open_quantity > 0;
      create index cost_shortfalls_movement on cost_shortfalls (tenant_id, movement_id);
      select app_enable_tenant_rls('cost_shortfalls');
      revoke delete on cost_shortfalls from pos_app;

      create table cost_layer_consumptions (
        id uuid primary key,
        tenant_id uuid not null,
        store_id uuid not null,
        item_id uuid not null,
        -- The outgoing movement whose cost of goods this row is part of.
        movement_id uuid not null,
        kind text not null check (kind in ('layer', 'shortfall', 'true_up')),
        layer_id uuid,
        shortfall_id uuid,
        -- true_up: the incoming movement whose layer covered the shortfall.
        settled_by_movement_id uuid,
        quantity numeric(14,3) not null check (quantity > 0),
        unit_cost_paise bigint not null check (unit_cost_paise >= 0),
        -- layer, shortfall: the cost (>= 0); true_up: actual minus provisional (either sign).
        cost_paise bigint not null,
        at timestamptz not null,
        check (
          (kind = 'layer' and layer_id is not null and shortfall_id is null and settled_by_movement_id is null and cost_paise >= 0)
          or (kind = 'shortfall' and layer_id is null and shortfall_id is not null and settled_by_movement_id is null and cost_paise >= 0)
          or (kind = 'true_up' and layer_id is not null and shortfall_id is not null and settled_by_movement_id is not null)),
        foreign key (tenant_id, movement_id) references stock_movements (tenant_id, id),
        foreign key (tenant_id, layer_id) references cost_layers (tenant_id, id),
        foreign key (tenant_id, shortfall_id) references cost_shortfalls (tenant_id, id),
        foreign key (tenant_id, settled_by_movement_id) references stock_movements (tenant_id, id)
      );
      create index cost_layer_consumptions_movement on cost_layer_consumptions (tenant_id, movement_id);
      create index cost_layer_consumptions_layer on cost_layer_consumptions (tenant_id, layer_id);
      select app_enable_tenant_rls('cost_layer_consumptions');
      revoke update, delete on cost_layer_consumptions from pos_app;

      create table stock_transfers (
        id uuid not null,
        tenant_id uuid not null,
        from_store_id uuid not null,
        to_store_id uuid not null,
        status text not null default 'in_transit' check (status in ('in_transit', 'partially_received', 'received')),
        note text check (note is null or length(note) between 1 and 500),
        dispatched_by uuid,
        dispatched_at timestamptz not null,
        -- When the last line was received in full.
        received_at timestamptz,
        updated_at timestamptz not null default now(),
        -- The id is the dispatching commandId, chosen by a client: unique per tenant only.
        primary key (tenant_id, id),
        check (from_store_id <> to_store_id),
        check ((status = 'received') = (received_at is not null)),
        foreign key (tenant_id, from_store_id) references stores (tenant_id, id),
        foreign key (tenant_id, to_store_id) references stores (tenant_id, id)
      );
      create index stock_transfers_from on stock_transfers (tenant_id, from_store_id, dispatched_at desc);
      create index stock_transfers_to on stock_transfers (tenant_id, to_store_id, dispatched_at desc);
      select app_enable_tenant_rls('stock_transfers');
      revoke delete on stock_transfers from pos_app;

      create table stock_transfer_lines (
        tenant_id uuid not null,
        transfer_id uuid not null,
        item_id uuid not null,
        quantity_dispatched numeric(14,3) not null check (quantity_dispatched > 0),
        quantity_received numeric(14,3) not null default 0 check (quantity_received >= 0 and quantity_received <= quantity_dispatched),
        dispatched_value_paise bigint not null check (dispatched_value_paise >= 0),
        -- The FIFO cost slices the stock left with, oldest first:
        -- [{ "unitCostPaise", "quantity", "costPaise", "batchId" }]; receipts take them in order.
        cost_slices jsonb not null check (jsonb_typeof(cost_slices) = 'array'),
        out_movement_id uuid not null,
        primary key (tenant_id, transfer_id, item_id),
        foreign key (tenant_id, transfer_id) references stock_transfers (tenant_id, id),
        foreign key (tenant_id, item_id) references items (tenant_id, id),
        foreign key (tenant_id, out_movement_id) references stock_movements (tenant_id, id)
      );
      select app_enable_tenant_rls('stock_transfer_lines');
      revoke delete on stock_transfer_lines from pos_app;

      -- The ledger check (node ace inventory:verify, all tenants) lists the tenants that
      -- have stock; each tenant is then verified and repaired in its own tenant context.
      create policy inventory_scan on stock_levels for select
        using (current_setting('app.scan', true) = 'inventory');
    `)
  }

  override async down() {
    this.schema.raw(`
      drop policy if exists inventory_scan on stock_levels;
      drop table if exists stock_transfer_lines, stock_transfers, cost_layer_consumptions, cost_shortfalls, cost_layers, stock_movements cascade;
      drop function if exists stock_movements_immutable();
    `)
  }
}
