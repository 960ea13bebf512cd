import type { Tx } from '#core/db/tenancy'

type Row = Record<string, any>

/** Who may see which documents of a store: everything, one terminal's, or one cashier's. */
export type DocumentScope = { all: true } | { terminalId: string } | { cashierId: string }

function scoped(query: any, scope: DocumentScope, cashierColumn: string) {
  if ('terminalId' in scope) query.where('terminal_id', scope.terminalId)
  if ('cashierId' in scope) query.where(cashierColumn, scope.cashierId)
  return query
}

/* Read side of invoices and credit notes. Every call runs inside a tenant transaction. */
export const documentRepository = {
  async listInvoices(
    trx: Tx,
    storeId: string,
    scope: DocumentScope,
    f: { terminalId?: string; shiftId?: string; status?: string; from?: string; to?: string; before?: string; limit: number }
  ): Promise<Row[]> {
    const query = scoped(trx.from('invoices').where('store_id', storeId), scope, 'cashier_id')
    if (f.terminalId) query.where('terminal_id', f.terminalId)
    if (f.shiftId) query.where('shift_id', f.shiftId)
    if (f.status) query.where('status', f.status)
    if (f.from) query.where('issued_at', '>=', f.from)
    if (f.to) query.where('issued_at', '<', f.to)
    if (f.before) query.whereRaw('(issued_at, id) < (select issued_at, id from invoices where id = ?)', [f.before])
    return query
      .orderBy([
        { column: 'issued_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(f.limit)
  },

  async invoice(trx: Tx, where: { id?: string; storeId?: string; number?: string }): Promise<Row | null> {
    const query = trx.from('invoices')
    if (where.id) query.where('id', where.id)
    if (where.storeId) query.where('store_id', where.storeId)
    if (where.number) query.where('number', where.number)
    return (await query.first()) ?? null
  },

  async invoiceLines(trx: Tx, invoiceId: string): Promise<Row[]> {
    return trx.from('invoice_lines').where('invoice_id', invoiceId).orderBy('line_no')
  },

  async invoiceTenders(trx: Tx, invoiceId: string): Promise<Row[]> {
    return trx.from('invoice_tenders').where('invoice_id', invoiceId).orderBy('position')
  },

  async listCreditNotes(
    trx: Tx,
    storeId: string,
    scope: DocumentScope,
    f: { invoiceId?: string; terminalId?: string; shiftId?: string; before?: string; limit: number }
  ): Promise<Row[]> {
    const query = trx
      .from('credit_notes')
      .join('invoices', (q) => q.on('invoices.tenant_id', 'credit_notes.tenant_id').andOn('invoices.id', 'credit_notes.invoice_id'))
      .select('credit_notes.*', 'invoices.number as invoice_number')
      .where('credit_notes.store_id', storeId)
    if ('terminalId' in scope) query.where('credit_notes.terminal_id', scope.terminalId)
    if ('cashierId' in scope) query.where('invoices.cashier_id', scope.cashierId)
    if (f.invoiceId) query.where('credit_notes.invoice_id', f.invoiceId)
    if (f.terminalId) query.where('credit_notes.terminal_id', f.terminalId)
    if (f.shiftId) query.where('credit_notes.shift_id', f.shiftId)
    if (f.before) query.whereRaw('(credit_notes.issued_at, credit_notes.id) < (select issued_at, id from credit_notes where id = ?)', [f.before])
    return query
      .orderBy([
        { column: 'credit_notes.issued_at', order: 'desc' },
        { column: 'credit_notes.id', order: 'desc' },
      ])
      .limit(f.limit)
  },

  async creditNote(trx: Tx, creditNoteId: string): Promise<Row | null> {
    const row = await trx
      .from('credit_notes')
      .join('invoices', (q) => q.on('invoices.tenant_id', 'credit_notes.tenant_id').andOn('invoices.id', 'credit_notes.invoice_id'))
      .select('credit_notes.*', 'invoices.number as invoice_number', 'invoices.cashier_id as invoice_cashier_id')
      .where('credit_notes.id', creditNoteId)
      .first()
    return row ?? null
  },

  async creditNoteLines(trx: Tx, creditNoteId: string): Promise<Row[]> {
    return trx.from('credit_note_lines').where('credit_note_id', creditNoteId).orderBy('line_no')
  },

  async refunds(trx: Tx, creditNoteId: string): Promise<Row[]> {
    return trx.from('refunds').where('credit_note_id', creditNoteId).orderBy('created_at')
  },
}

/** The Asia/Kolkata day `date` as the half-open interval of instants [from, to). */
const DAY_BOUNDS = `(?::date::timestamp at time zone 'Asia/Kolkata')`
const NEXT_DAY_BOUNDS = `((?::date + 1)::timestamp at time zone 'Asia/Kolkata')`

/* Aggregates of one store's day (every call runs inside a tenant transaction). */
export const summaryRepository = {
  /** Today's date in Asia/Kolkata, as the database's clock says. */
  async today(trx: Tx): Promise<string> {
    const result = await trx.rawQuery(`select to_char(now() at time zone 'Asia/Kolkata', 'YYYY-MM-DD') as today`)
    return result.rows[0].today as string
  },

  /** Issued invoices of the day per hour (Asia/Kolkata): count and grand total. */
  async invoicesByHour(trx: Tx, storeId: string, date: string): Promise<Array<{ hour: number; count: number; value: number }>> {
    const result = await trx.rawQuery(
      `select extract(hour from issued_at at time zone 'Asia/Kolkata')::int as hour, count(*)::int as count,
              coalesce(sum(grand_total_paise), 0)::bigint as value
         from invoices
        where store_id = ? and status = 'issued' and issued_at >= ${DAY_BOUNDS} and issued_at < ${NEXT_DAY_BOUNDS}
        group by 1`,
      [storeId, date, date]
    )
    return result.rows.map((r: Row) => ({ hour: Number(r.hour), count: Number(r.count), value: Number(r.value) }))
  },

  /** What the day's issued invoices took per tender method (tendered less change). */
  async tenders(trx: Tx, storeId: string, date: string): Promise<Array<{ method: string; value: number }>> {
    const result = await trx.rawQuery(
      `select t.method, coalesce(sum(t.amount_paise - t.change_paise), 0)::bigint as value
         from invoice_tenders t
         join invoices i on i.tenant_id = t.tenant_id and i.id = t.invoice_id
        where i.store_id = ? and i.status = 'issued' and i.issued_at >= ${DAY_BOUNDS} and i.issued_at < ${NEXT_DAY_BOUNDS}
        group by t.method`,
      [storeId, date, date]
    )
    return result.rows.map((r: Row) => ({ method: String(r.method), value: Number(r.value) }))
  },

  /** The day's issued credit notes: count and grand total. */
  async returns(trx: Tx, storeId: string, date: string): Promise<{ count: number; value: number }> {
    const result = await trx.rawQuery(
      `select count(*)::int as count, coalesce(sum(grand_total_paise), 0)::bigint as value
         from credit_notes
        where store_id = ? and status = 'issued' and issued_at >= ${DAY_BOUNDS} and issued_at < ${NEXT_DAY_BOUNDS}`,
      [storeId, date, date]
    )
    return { count: Number(result.rows[0].count), value: Number(result.rows[0].value) }
  },
}
