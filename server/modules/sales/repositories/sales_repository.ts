import type { Tx } from '#core/db/tenancy'

/** Rows are returned as Postgres gives them (bigint and numeric as strings); callers convert. */
type Row = Record<string, any>

/* SQL of the sales module's durable-step writes and the checks they need. Every call runs inside a tenant transaction. */
export const salesRepository = {
  async store(trx: Tx, storeId: string) {
    const row: { id: string; state_code: string; composition: boolean; gstin: string | null } | undefined = await trx
      .from('stores')
      .select('id', 'state_code', 'composition', 'gstin')
      .where('id', storeId)
      .first()
    return row ?? null
  },

  async terminal(trx: Tx, terminalId: string) {
    const row: { id: string; store_id: string; invoice_prefix: string; kind: string } | undefined = await trx
      .from('terminals')
      .select('id', 'store_id', 'invoice_prefix', 'kind')
      .where('id', terminalId)
      .first()
    return row ?? null
  },

  /** The tenant's settings document (`settings.sales.limits` overrides the role limits). */
  async tenantSettings(trx: Tx, tenantId: string): Promise<Record<string, any>> {
    const row = await trx.from('tenants').select('settings').where('id', tenantId).first()
    return (row?.settings as Record<string, any> | undefined) ?? {}
  },

  /** Whether the default price list's prices include tax (true when there is no default list). */
  async pricesIncludeTax(trx: Tx): Promise<boolean> {
    const row = await trx.from('price_lists').select('prices_include_tax').where('is_default', true).first()
    return row ? Boolean(row.prices_include_tax) : true
  },

  /** The most privileged role an active user holds for the store (a tenant-wide membership counts), or null. */
  async roleInStore(trx: Tx, userId: string, storeId: string): Promise<string | null> {
    const rows: Array<{ role: string }> = await trx
      .from('memberships')
      .join('users', 'users.id', 'memberships.user_id')
      .select('memberships.role')
      .where('memberships.user_id', userId)
      .whereNull('users.disabled_at')
      .where((q) => q.whereNull('memberships.store_id').orWhere('memberships.store_id', storeId))
    const order = ['owner', 'manager', 'cashier', 'station']
    return rows.map((row) => row.role).sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? null
  },

  /** The latest context of another actor (from its journal), or null when it has none. */
  async actorContext(trx: Tx, kind: string, actorId: string): Promise<Record<string, any> | null> {
    const row = await trx
      .from('actor_journal')
      .select('context_after')
      .where({ kind, actor_id: actorId })
      .orderBy('seq', 'desc')
      .first()
    return (row?.context_after as Record<string, any> | undefined) ?? null
  },

  async openShiftId(trx: Tx, terminalId: string): Promise<string | null> {
    const row = await trx.from('shifts').select('id').where({ terminal_id: terminalId, status: 'open' }).first()
    return row?.id ?? null
  },

  /**
   * Takes the next number of a series under a row lock (created at 1 on first use) and moves it
   * on: concurrent steps of one terminal's series are serialised here, so numbers are consecutive.
   */
  async takeNextSeq(trx: Tx, s: { tenantId: string; terminalId: string; docType: string; fyLabel: string; prefix: string }): Promise<number> {
    await trx.rawQuery(
      `insert into invoice_series (tenant_id, terminal_id, doc_type, fy_label, prefix) values (?, ?, ?, ?, ?) on conflict do nothing`,
      [s.tenantId, s.terminalId, s.docType, s.fyLabel, s.prefix]
    )
    const result = await trx.rawQuery(
      `update invoice_series set next_seq = next_seq + 1, updated_at = now()
        where tenant_id = ? and terminal_id = ? and doc_type = ? and fy_label = ? returning next_seq - 1 as seq`,
      [s.tenantId, s.terminalId, s.docType, s.fyLabel]
    )
    return Number(result.rows[0].seq)
  },

  /** The next sequence number of each series of a terminal in a financial year (without taking it). */
  async peekSeries(trx: Tx, terminalId: string, fyLabel: string): Promise<Record<string, number>> {
    const rows: Array<{ doc_type: string; next_seq: number }> = await trx
      .from('invoice_series')
      .select('doc_type', 'next_seq')
      .where({ terminal_id: terminalId, fy_label: fyLabel })
    return Object.fromEntries(rows.map((row) => [row.doc_type, Number(row.next_seq)]))
  },

  async insertInvoice(trx: Tx, row: Row) {
    await trx.insertQuery().table('invoices').insert(row)
  },

  async insertInvoiceLines(trx: Tx, rows: Row[]) {
    if (rows.length > 0) await trx.insertQuery().table('invoice_lines').multiInsert(rows)
  },

  async insertInvoiceTenders(trx: Tx, rows: Row[]) {
    if (rows.length > 0) await trx.insertQuery().table('invoice_tenders').multiInsert(rows)
  },

  async insertVoid(trx: Tx, row: Row) {
    await trx.insertQuery().table('sale_voids').insert(row)
  },

  /** Opens a review item; returns its id. */
  async openReviewItem(trx: Tx, item: { tenantId: string; storeId: string; kind: string; subjectType: string; subjectId: string; data: unknown }) {
    const [row] = await trx
      .insertQuery()
      .table('review_items')
      .insert({
        tenant_id: item.tenantId,
        store_id: item.storeId,
        kind: item.kind,
        subject_type: item.subjectType,
        subject_id: item.subjectId,
        data: JSON.stringify(item.data),
      })
      .returning(['id'])
    return row.id as string
  },

  /** Serialises writers of one customer's store credit for the rest of the transaction. */
  async lockCustomer(trx: Tx, tenantId: string, phone: string) {
    await trx.rawQuery(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`store-credit:${tenantId}:${phone}`])
  },

  async storeCreditBalance(trx: Tx, phone: string): Promise<number> {
    const row = await trx.from('store_credit_ledger').where('customer_phone', phone).sum('amount_paise as balance').first()
    return Number(row?.balance ?? 0)
  },

  async insertStoreCredit(trx: Tx, rows: Row[]) {
    if (rows.length > 0) await trx.insertQuery().table('store_credit_ledger').multiInsert(rows)
  },

  /** Cash a buyer (by phone) kept paid in the store's invoices issued in [from, to). */
  async cashFromBuyer(trx: Tx, phone: string, from: string, to: string): Promise<number> {
    const result = await trx.rawQuery(
      `select coalesce(sum(t.amount_paise - t.change_paise), 0) as cash
         from invoices i join invoice_tenders t on t.tenant_id = i.tenant_id and t.invoice_id = i.id
        where i.customer_phone = ? and i.issued_at >= ? and i.issued_at < ? and i.status = 'issued' and t.method = 'cash'`,
      [phone, from, to]
    )
    return Number(result.rows[0].cash)
  },

  async invoiceBySale(trx: Tx, saleId: string) {
    const invoice = await trx.from('invoices').where('sale_id', saleId).first()
    if (!invoice) return null
    const lines: Row[] = await trx.from('invoice_lines').where('invoice_id', invoice.id).orderBy('line_no')
    const tenders: Row[] = await trx.from('invoice_tenders').where('invoice_id', invoice.id).orderBy('position')
    return { invoice: invoice as Row, lines, tenders }
  },

  /** Lines of every earlier credit note against an invoice. */
  async creditedLines(trx: Tx, invoiceId: string): Promise<Row[]> {
    return trx
      .from('credit_note_lines')
      .join('credit_notes', (q) => q.on('credit_notes.tenant_id', 'credit_note_lines.tenant_id').andOn('credit_notes.id', 'credit_note_lines.credit_note_id'))
      .select('credit_note_lines.*')
      .where('credit_note_lines.invoice_id', invoiceId)
      .where('credit_notes.status', 'issued')
      .orderBy(['credit_note_lines.credit_note_id', 'credit_note_lines.line_no'])
  },

  async insertCreditNote(trx: Tx, row: Row) {
    await trx.insertQuery().table('credit_notes').insert(row)
  },

  async insertCreditNoteLines(trx: Tx, rows: Row[]) {
    if (rows.length > 0) await trx.insertQuery().table('credit_note_lines').multiInsert(rows)
  },

  async insertRefunds(trx: Tx, rows: Row[]) {
    if (rows.length > 0) await trx.insertQuery().table('refunds').multiInsert(rows)
  },
}
