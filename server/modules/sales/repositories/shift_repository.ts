import type { Tx } from '#core/db/tenancy'

type Row = Record<string, any>

/* SQL of shifts, their cash movements and Z reports. Every call runs inside a tenant transaction. */
export const shiftRepository = {
  /** Inserts an open shift; false when the terminal already has one open. */
  async insertOpen(trx: Tx, row: Row): Promise<boolean> {
    const result = await trx.rawQuery(
      `insert into shifts (id, tenant_id, store_id, terminal_id, opened_by, opened_at, opening_float_paise, opening_count)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (tenant_id, terminal_id) where status = 'open' do nothing returning id`,
      [row.id, row.tenant_id, row.store_id, row.terminal_id, row.opened_by, row.opened_at, row.opening_float_paise, JSON.stringify(row.opening_count)]
    )
    return result.rows.length === 1
  },

  async insertMovement(trx: Tx, row: Row) {
    await trx.insertQuery().table('shift_cash_movements').insert(row)
  },

  async close(trx: Tx, shiftId: string, values: Row) {
    await trx.from('shifts').where({ id: shiftId, status: 'open' }).update({ status: 'closed', ...values })
  },

  async find(trx: Tx, shiftId: string): Promise<Row | null> {
    return (await trx.from('shifts').where('id', shiftId).first()) ?? null
  },

  async movements(trx: Tx, shiftId: string): Promise<Row[]> {
    return trx.from('shift_cash_movements').where('shift_id', shiftId).orderBy(['at', 'id'])
  },

  async list(trx: Tx, storeId: string, filters: { terminalId?: string; status?: string; before?: string; limit: number }): Promise<Row[]> {
    const query = trx.from('shifts').where('store_id', storeId)
    if (filters.terminalId) query.where('terminal_id', filters.terminalId)
    if (filters.status) query.where('status', filters.status)
    if (filters.before) {
      query.whereRaw('(opened_at, id) < (select opened_at, id from shifts where id = ?)', [filters.before])
    }
    return query.orderBy([
      { column: 'opened_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]).limit(filters.limit)
  },

  /** Everything the Z report of a shift is made from. */
  async reportRecords(trx: Tx, shiftId: string) {
    const invoices: Row[] = await trx.from('invoices').where('shift_id', shiftId).orderBy('number')
    const ids = invoices.map((invoice) => invoice.id as string)
    const lines: Row[] = ids.length === 0 ? [] : await trx.from('invoice_lines').whereIn('invoice_id', ids).orderBy(['invoice_id', 'line_no'])
    const tenders: Row[] = ids.length === 0 ? [] : await trx.from('invoice_tenders').whereIn('invoice_id', ids).orderBy(['invoice_id', 'position'])
    const notes: Row[] = await trx.from('credit_notes').where({ shift_id: shiftId, status: 'issued' }).orderBy('number')
    const noteIds = notes.map((note) => note.id as string)
    const noteLines: Row[] = noteIds.length === 0 ? [] : await trx.from('credit_note_lines').whereIn('credit_note_id', noteIds).orderBy(['credit_note_id', 'line_no'])
    const refunds: Row[] = await trx.from('refunds').where('shift_id', shiftId).orderBy('id')
    const movements: Row[] = await trx.from('shift_cash_movements').where('shift_id', shiftId).orderBy('id')
    const voids: Row[] = await trx.from('sale_voids').where('shift_id', shiftId).orderBy('sale_id')
    return { invoices, lines, tenders, notes, noteLines, refunds, movements, voids }
  },

  async insertZReport(trx: Tx, row: Row): Promise<string> {
    const [inserted] = await trx.insertQuery().table('z_reports').insert(row).returning(['id'])
    return inserted.id as string
  },

  async zReport(trx: Tx, shiftId: string): Promise<Row | null> {
    return (await trx.from('z_reports').where('shift_id', shiftId).first()) ?? null
  },
}
