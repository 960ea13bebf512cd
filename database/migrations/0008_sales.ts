import { BaseSchema } from '@adonisjs/lucid/schema'

/*
 * Sales: invoices and their series, credit notes and refunds, store credit,
 * register shifts and their Z reports. Rows are written by the sale and shift
 * actors' effects inside the durable step of the command that caused them (see
 * server/modules/sales/README.md and docs/adr/0005-sales.md).
 *
 * - invoice_series: one per terminal, document kind and financial year; the next
 *   sequence number, taken under a row lock, so numbers are consecutive.
 * - invoices (tax invoices and bills of supply), invoice_lines (each with its own
 *   rate and tax, and the FIFO cost of the goods), invoice_tenders.
 * - credit_notes / credit_note_lines (each line references the invoice line it
 *   credits), refunds (the money going back, by tender).
 * - store_credit_ledger: signed entries per customer phone; the balance is the sum.
 * - shifts, shift_cash_movements; z_reports (the JSON text exactly as generated
 *   and its SHA-256).
 * - sale_voids: sales abandoned before completion (the Z report counts them).
 *
 * Documents keep their number and status for ever: records are append-only; an
 * invoice's status is the only column that may change (cancellation).
 */
export default class extends BaseSchema {
  override async up() {
    this.schema.raw(`
      create table invoice_series (
        tenant_id uuid not null references tenants(id) on delete cascade,
        terminal_id uuid not null,
        doc_type text not null check (doc_type in ('tax_invoice', 'bill_of_supply', 'credit_note')),
        fy_label char(4) not null check (fy_label ~ '^[0-9]{4}$'),
        prefix text not null check (prefix ~ '^[A-Z1-9][A-Z0-9]{0,5}$'),
        next_seq integer not null default 1 check (next_seq >= 1),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, terminal_id, doc_type, fy_label),
        foreign key (tenant_id, terminal_id) references terminals (tenant_id, id)
      );
      select app_enable_tenant_rls('invoice_series');
      revoke delete on invoice_series from pos_app;

      create table shifts (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        store_id uuid not null,
        terminal_id uuid not null,
        status text not null default 'open' check (status in ('open', 'closed')),
        opened_by uuid not null,
        opened_at timestamptz not null,
        opening_float_paise bigint not null check (opening_float_paise >= 0),
        opening_count jsonb not null default '{}'::jsonb,
        closed_by uuid,
        closed_at timestamptz,
        counted_cash_paise bigint check (counted_cash_paise is null or counted_cash_paise >= 0),
        closing_count jsonb,
        tender_counts jsonb,
        unsynced_commands integer,
        override_by uuid,
        override_reason text check (override_reason is null or length(override_reason) between 1 and 500),
        unique (tenant_id, id),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, terminal_id) references terminals (tenant_id, id),
        check ((status = 'open') = (closed_at is null))
      );
      -- One open register session per terminal.
      create unique index shifts_one_open on shifts (tenant_id, terminal_id) where status = 'open';
      create index shifts_store on shifts (tenant_id, store_id, opened_at desc);
      select app_enable_tenant_rls('shifts');
      revoke delete on shifts from pos_app;

      create table shift_cash_movements (
        id uuid primary key,
        tenant_id uuid not null,
        shift_id uuid not null,
        direction text not null check (direction in ('in', 'out')),
        amount_paise bigint not null check (amount_paise > 0),
        reason text not null check (length(reason) between 1 and 500),
        by_user uuid not null,
        at timestamptz not null,
        foreign key (tenant_id, shift_id) references shifts (tenant_id, id)
      );
      create index shift_cash_movements_shift on shift_cash_movements (tenant_id, shift_id);
      select app_enable_tenant_rls('shift_cash_movements');
      revoke update, delete on shift_cash_movements from pos_app;

      create table invoices (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        store_id uuid not null,
        terminal_id uuid not null,
        shift_id uuid,
        sale_id uuid not null,
        doc_type text not null check (doc_type in ('tax_invoice', 'bill_of_supply')),
        number text not null check (number ~ '^[A-Z1-9][A-Z0-9/-]{0,15}$'),
        fy_label char(4) not null,
        seq integer not null check (seq >= 1),
        -- The number the terminal gave it, when the series' next was another.
        proposed_number text,
        status text not null default 'issued' check (status in ('issued', 'cancelled')),
        cashier_id uuid not null,
        customer_phone text,
        customer_gstin text check (customer_gstin is null or customer_gstin ~ '^[0-9]{2}[A-Z0-9]{13}$'),
        customer_name text,
        b2b boolean not null default false,
        supplier_state_code char(2) not null,
        place_of_supply_state_code char(2) not null,
        supply_type text not null check (supply_type in ('intra', 'inter')),
        prices_include_tax boolean not null,
        gross_paise bigint not null,
        discount_paise bigint not null,
        bill_discount_paise bigint not null default 0,
        taxable_paise bigint not null,
        cgst_paise bigint not null,
        sgst_paise bigint not null,
        igst_paise bigint not null,
        cess_paise bigint not null,
        total_paise bigint not null,
        round_off_paise bigint not null check (round_off_paise between -49 and 50),
        grand_total_paise bigint not null check (grand_total_paise >= 0),
        change_paise bigint not null default 0,
        issued_at timestamptz not null,
        offline boolean not null default false,
        created_at timestamptz not null default now(),
        unique (tenant_id, id),
        unique (tenant_id, sale_id),
        unique (tenant_id, number),
        unique (tenant_id, terminal_id, doc_type, fy_label, seq),
        check (grand_total_paise = total_paise + round_off_paise),
        check (total_paise = taxable_paise + cgst_paise + sgst_paise + igst_paise + cess_paise),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, terminal_id) references terminals (tenant_id, id),
        foreign key (tenant_id, shift_id) references shifts (tenant_id, id)
      );
      create index invoices_store on invoices (tenant_id, store_id, issued_at desc, id desc);
      create index invoices_shift on invoices (tenant_id, shift_id);
      create index invoices_customer on invoices (tenant_id, customer_phone, issued_at) where customer_phone is not null;
      select app_enable_tenant_rls('invoices');
      revoke update, delete on invoices from pos_app;
      -- A document keeps its number; only its status may change (cancellation).
      grant update (status) on invoices to pos_app;

      create table invoice_lines (
        tenant_id uuid not null,
        invoice_id uuid not null,
        line_no integer not null check (line_no >= 1),
        line_id text not null,
        item_id uuid not null,
        sku text not null,
        name text not null,
        hsn text not null,
        quantity numeric(14,3) not null check (quantity > 0),
        unit_price_paise bigint not null check (unit_price_paise >= 0),
        original_unit_price_paise bigint,
        rate_percent numeric(7,3) not null check (rate_percent >= 0),
        cess_percent numeric(7,3) not null default 0 check (cess_percent >= 0),
        gross_paise bigint not null,
        discount_paise bigint not null,
        bill_discount_paise bigint not null,
        taxable_paise bigint not null,
        cgst_paise bigint not null,
        sgst_paise bigint not null,
        igst_paise bigint not null,
        cess_paise bigint not null,
        total_paise bigint not null,
        -- FIFO cost of the goods that left (null until the stock ledger costs it).
        cogs_paise bigint check (cogs_paise is null or cogs_paise >= 0),
        embedded text check (embedded is null or embedded in ('weight', 'price')),
        primary key (tenant_id, invoice_id, line_no),
        unique (tenant_id, invoice_id, line_id),
        check (total_paise = taxable_paise + cgst_paise + sgst_paise + igst_paise + cess_paise),
        foreign key (tenant_id, invoice_id) references invoices (tenant_id, id),
        foreign key (tenant_id, item_id) references items (tenant_id, id)
      );
      select app_enable_tenant_rls('invoice_lines');
      revoke update, delete on invoice_lines from pos_app;

      create table invoice_tenders (
        tenant_id uuid not null,
        invoice_id uuid not null,
        position integer not null check (position >= 1),
        tender_id text not null,
        method text not null check (method in ('cash', 'card', 'upi', 'store_credit')),
        amount_paise bigint not null check (amount_paise > 0),
        reference text,
        change_paise bigint not null default 0 check (change_paise >= 0 and change_paise <= amount_paise),
        primary key (tenant_id, invoice_id, position),
        unique (tenant_id, invoice_id, tender_id),
        check (method = 'cash' or change_paise = 0),
        foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
      );
      select app_enable_tenant_rls('invoice_tenders');
      revoke update, delete on invoice_tenders from pos_app;

      create table credit_notes (
        id uuid primary key,
        tenant_id uuid not null references tenants(id) on delete cascade,
        store_id uuid not null,
        terminal_id uuid not null,
        shift_id uuid,
        invoice_id uuid not null,
        sale_id uuid not null,
        return_id uuid not null,
        number text not null check (number ~ '^[A-Z1-9][A-Z0-9/-]{0,15}$'),
        fy_label char(4) not null,
        seq integer not null check (seq >= 1),
        status text not null default 'issued' check (status in ('issued', 'cancelled')),
        reason text not null check (length(reason) between 1 and 500),
        issued_by uuid,
        supply_type text not null check (supply_type in ('intra', 'inter')),
        taxable_paise bigint not null,
        cgst_paise bigint not null,
        sgst_paise bigint not null,
        igst_paise bigint not null,
        cess_paise bigint not null,
        total_paise bigint not null,
        round_off_paise bigint not null,
        grand_total_paise bigint not null check (grand_total_paise >= 0),
        issued_at timestamptz not null,
        unique (tenant_id, id),
        unique (tenant_id, return_id),
        unique (tenant_id, number),
        unique (tenant_id, terminal_id, fy_label, seq),
        check (grand_total_paise = total_paise + round_off_paise),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, terminal_id) references terminals (tenant_id, id),
        foreign key (tenant_id, shift_id) references shifts (tenant_id, id),
        foreign key (tenant_id, invoice_id) references invoices (tenant_id, id)
      );
      create index credit_notes_invoice on credit_notes (tenant_id, invoice_id);
      create index credit_notes_store on credit_notes (tenant_id, store_id, issued_at desc, id desc);
      create index credit_notes_shift on credit_notes (tenant_id, shift_id);
      select app_enable_tenant_rls('credit_notes');
      revoke update, delete on credit_notes from pos_app;
      grant update (status) on credit_notes to pos_app;

      create table credit_note_lines (
        tenant_id uuid not null,
        credit_note_id uuid not null,
        line_no integer not null check (line_no >= 1),
        invoice_id uuid not null,
        invoice_line_no integer not null,
        line_id text not null,
        item_id uuid not null,
        hsn text not null,
        quantity numeric(14,3) not null check (quantity > 0),
        rate_percent numeric(7,3) not null,
        cess_percent numeric(7,3) not null default 0,
        taxable_paise bigint not null,
        cgst_paise bigint not null,
        sgst_paise bigint not null,
        igst_paise bigint not null,
        cess_paise bigint not null,
        total_paise bigint not null,
        is_final_return boolean not null,
        -- The original line's unit cost, at which the goods come back into stock.
        unit_cost_paise bigint,
        primary key (tenant_id, credit_note_id, line_no),
        check (total_paise = taxable_paise + cgst_paise + sgst_paise + igst_paise + cess_paise),
        foreign key (tenant_id, credit_note_id) references credit_notes (tenant_id, id),
        foreign key (tenant_id, invoice_id, invoice_line_no) references invoice_lines (tenant_id, invoice_id, line_no)
      );
      create index credit_note_lines_invoice_line on credit_note_lines (tenant_id, invoice_id, invoice_line_no);
      select app_enable_tenant_rls('credit_note_lines');
      revoke update, delete on credit_note_lines from pos_app;

      create table refunds (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        store_id uuid not null,
        terminal_id uuid not null,
        shift_id uuid,
        credit_note_id uuid not null,
        method text not null check (method in ('cash', 'card', 'upi', 'store_credit')),
        amount_paise bigint not null check (amount_paise > 0),
        -- The original tender it reverses (card and UPI refunds go back through the gateway).
        tender_id text,
        reference text,
        -- cash and store credit are paid at once; card and UPI wait for the gateway.
        status text not null check (status in ('paid', 'pending')),
        created_at timestamptz not null default now(),
        unique (tenant_id, id),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, shift_id) references shifts (tenant_id, id),
        foreign key (tenant_id, credit_note_id) references credit_notes (tenant_id, id)
      );
      create index refunds_credit_note on refunds (tenant_id, credit_note_id);
      create index refunds_shift on refunds (tenant_id, shift_id);
      select app_enable_tenant_rls('refunds');
      revoke update, delete on refunds from pos_app;
      grant update (status) on refunds to pos_app;

      create table store_credit_ledger (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        store_id uuid not null,
        customer_phone text not null check (customer_phone ~ '^[+]{0,1}[0-9]{10,15}$'),
        -- Positive: credit given (a refund); negative: credit spent (a tender).
        amount_paise bigint not null check (amount_paise <> 0),
        kind text not null check (kind in ('refund', 'redeem')),
        invoice_id uuid,
        credit_note_id uuid,
        created_at timestamptz not null default now(),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, invoice_id) references invoices (tenant_id, id),
        foreign key (tenant_id, credit_note_id) references credit_notes (tenant_id, id),
        check ((kind = 'refund') = (amount_paise > 0))
      );
      create index store_credit_ledger_phone on store_credit_ledger (tenant_id, customer_phone);
      select app_enable_tenant_rls('store_credit_ledger');
      revoke update, delete on store_credit_ledger from pos_app;

      create table sale_voids (
        tenant_id uuid not null,
        sale_id uuid not null,
        store_id uuid not null,
        terminal_id uuid not null,
        shift_id uuid,
        cashier_id uuid not null,
        approver_id uuid,
        reason text not null,
        -- The bill's total when it was abandoned (0 for an empty cart).
        total_paise bigint not null,
        tenders jsonb not null default '[]'::jsonb,
        voided_at timestamptz not null,
        primary key (tenant_id, sale_id),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, shift_id) references shifts (tenant_id, id)
      );
      create index sale_voids_shift on sale_voids (tenant_id, shift_id);
      select app_enable_tenant_rls('sale_voids');
      revoke update, delete on sale_voids from pos_app;

      create table z_reports (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null,
        store_id uuid not null,
        terminal_id uuid not null,
        shift_id uuid not null,
        -- Exactly the bytes generated (text, not jsonb, which would reorder keys).
        report_json text not null,
        sha256 char(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
        generated_at timestamptz not null default now(),
        unique (tenant_id, shift_id),
        foreign key (tenant_id, store_id) references stores (tenant_id, id),
        foreign key (tenant_id, shift_id) references shifts (tenant_id, id)
      );
      select app_enable_tenant_rls('z_reports');
      revoke update, delete on z_reports from pos_app;
    `)
  }

  override async down() {
    this.schema.raw(`
      drop table if exists z_reports, sale_voids, store_credit_ledger, refunds, credit_note_lines, credit_notes,
        invoice_tenders, invoice_lines, invoices, shift_cash_movements, shifts, invoice_series cascade;
    `)
  }
}
