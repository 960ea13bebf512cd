import type { Tx } from '#core/db/tenancy'
import type { Device, DeviceKind } from '@pos/protocols'

export interface DeviceRow {
  id: string
  tenant_id: string
  store_id: string
  terminal_id: string
  kind: DeviceKind
  name: string
  key_prefix: string
  last_seen_at: Date | null
  revoked_at: Date | null
  created_at: Date
}

const columns = ['id', 'tenant_id', 'store_id', 'terminal_id', 'kind', 'name', 'key_prefix', 'last_seen_at', 'revoked_at', 'created_at']

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    storeId: row.store_id,
    terminalId: row.terminal_id,
    kind: row.kind,
    name: row.name,
    keyPrefix: row.key_prefix,
    lastSeenAt: row.last_seen_at ? new Date(row.last_seen_at).toISOString() : null,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  } as Device
}

export const deviceRepository = {
  /** Needs app.lookup_hash = keyHash. */
  async findByKeyHash(trx: Tx, keyHash: string): Promise<DeviceRow | null> {
    const row = await trx.from('devices').select(columns).where('key_hash', keyHash).first()
    return row ?? null
  },

  async find(trx: Tx, deviceId: string): Promise<DeviceRow | null> {
    const row = await trx.from('devices').select(columns).where('id', deviceId).first()
    return row ?? null
  },

  async listForStore(trx: Tx, storeId: string): Promise<DeviceRow[]> {
    return trx.from('devices').select(columns).where('store_id', storeId).orderBy('created_at', 'desc')
  },

  async touch(trx: Tx, deviceId: string) {
    await trx
      .from('devices')
      .where('id', deviceId)
      .where((q) => q.whereNull('last_seen_at').orWhere('last_seen_at', '<', trx.raw(`now() - interval '60 seconds'`)))
      .update({ last_seen_at: trx.raw('now()') })
  },

  async insert(
    trx: Tx,
    d: { tenantId: string; storeId: string; terminalId: string; kind: DeviceKind; name: string; keyHash: string; keyPrefix: string; createdBy: string }
  ): Promise<string> {
    const [row] = await trx
      .insertQuery()
      .table('devices')
      .insert({
        tenant_id: d.tenantId,
        store_id: d.storeId,
        terminal_id: d.terminalId,
        kind: d.kind,
        name: d.name,
        key_hash: d.keyHash,
        key_prefix: d.keyPrefix,
        created_by: d.createdBy,
      })
      .returning(['id'])
    return row.id
  },

  /** Revokes active devices of a terminal; returns their ids. */
  async revokeForTerminal(trx: Tx, terminalId: string, revokedBy: string | null): Promise<string[]> {
    const rows = await trx
      .from('devices')
      .where('terminal_id', terminalId)
      .whereNull('revoked_at')
      .update({ revoked_at: trx.raw('now()'), revoked_by: revokedBy })
      .returning(['id'])
    return rows.map((row: { id: string }) => row.id)
  },

  async revoke(trx: Tx, deviceId: string, revokedBy: string): Promise<boolean> {
    const rows = await trx
      .from('devices')
      .where('id', deviceId)
      .whereNull('revoked_at')
      .update({ revoked_at: trx.raw('now()'), revoked_by: revokedBy })
      .returning(['id'])
    return rows.length > 0
  },
}

export const pairingCodeRepository = {
  async insert(trx: Tx, p: { tenantId: string; storeId: string; terminalId: string; codeHash: string; expiresAt: Date; createdBy: string }) {
    await trx.insertQuery().table('device_pairing_codes').insert({
      tenant_id: p.tenantId,
      store_id: p.storeId,
      terminal_id: p.terminalId,
      code_hash: p.codeHash,
      expires_at: p.expiresAt,
      created_by: p.createdBy,
    })
  },

  /** Needs app.lookup_hash = codeHash. */
  async findByHash(trx: Tx, codeHash: string) {
    const row: { id: string; tenant_id: string } | undefined = await trx
      .from('device_pairing_codes')
      .select('id', 'tenant_id')
      .where('code_hash', codeHash)
      .first()
    return row ?? null
  },

  async lockUsable(trx: Tx, codeId: string) {
    const row:
      | { id: string; tenant_id: string; store_id: string; terminal_id: string; created_by: string }
      | undefined = await trx
      .from('device_pairing_codes')
      .select('id', 'tenant_id', 'store_id', 'terminal_id', 'created_by')
      .where('id', codeId)
      .whereNull('used_at')
      .where('expires_at', '>', trx.raw('now()'))
      .forUpdate()
      .first()
    return row ?? null
  },

  async markUsed(trx: Tx, codeId: string, deviceId: string) {
    await trx.from('device_pairing_codes').where('id', codeId).update({ used_at: trx.raw('now()'), device_id: deviceId })
  },
}
