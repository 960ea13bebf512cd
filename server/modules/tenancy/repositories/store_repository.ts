import type { Tx } from '#core/db/tenancy'
import type { DeviceKind, Store, Terminal } from '@pos/protocols'

interface StoreRow {
  id: string
  tenant_id: string
  code: string
  legal_name: string
  trade_name: string | null
  gstin: string | null
  state_code: string
  address_line1: string
  address_line2: string | null
  city: string
  pincode: string
  timezone: string
  composition: boolean
}

function toStore(row: StoreRow): Store {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    code: row.code,
    legalName: row.legal_name,
    tradeName: row.trade_name,
    gstin: row.gstin,
    stateCode: row.state_code,
    address: { line1: row.address_line1, line2: row.address_line2, city: row.city, pincode: row.pincode },
    timezone: row.timezone,
    composition: row.composition,
  } as Store
}

/* Stores and terminals of the transaction's tenant (RLS does the tenant filter). */
export const storeRepository = {
  async list(trx: Tx, storeIds: string[] | '*'): Promise<Store[]> {
    const query = trx.from('stores').select('*').orderBy('code')
    if (storeIds !== '*') query.whereIn('id', storeIds)
    return (await query).map(toStore)
  },

  async find(trx: Tx, storeId: string): Promise<Store | null> {
    const row = await trx.from('stores').select('*').where('id', storeId).first()
    return row ? toStore(row) : null
  },

  async terminals(trx: Tx, storeId: string): Promise<Terminal[]> {
    const rows = await trx
      .from('terminals')
      .select('id', 'store_id', 'name', 'invoice_prefix', 'kind')
      .where('store_id', storeId)
      .orderBy('name')
    return rows.map((row) => ({
      id: row.id,
      storeId: row.store_id,
      name: row.name,
      invoicePrefix: row.invoice_prefix,
      kind: row.kind as DeviceKind,
    })) as Terminal[]
  },

  async findTerminal(trx: Tx, terminalId: string) {
    const row: { id: string; store_id: string; name: string; kind: DeviceKind } | undefined = await trx
      .from('terminals')
      .select('id', 'store_id', 'name', 'kind')
      .where('id', terminalId)
      .first()
    return row ?? null
  },
}
