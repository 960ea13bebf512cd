/*
 * The paired device's identity. The device key is a secret: on Android it goes to the
 * platform's secure storage (Keystore-backed); in a browser there is nothing better than the
 * app's own SQLite store (IndexedDB). Everything else (ids, kind, server) is in SQLite.
 */
import { Capacitor } from '@capacitor/core'
import type { PairDeviceResponse } from '@pos/protocols'
import { kvDelete, kvStatement, readKv } from './kv'
import type { SqlDatabase } from './sql-database'

export interface PairedDevice {
  serverUrl: string
  deviceId: string
  deviceKey: string
  tenantId: string
  storeId: string
  terminalId: string
  kind: PairDeviceResponse['kind']
}

/** Where the secret key lives. */
export interface SecretStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  remove(key: string): Promise<void>
}

const KEY = 'device'
const SECRET = 'pos.deviceKey'

/** Android secure storage (Keystore); only used on a native platform. */
export function nativeSecretStore(): SecretStore {
  const plugin = import('@aparajita/capacitor-secure-storage').then((m) => m.SecureStorage)
  return {
    get: async (key) => {
      const value = await (await plugin).get(key)
      return typeof value === 'string' ? value : null
    },
    set: async (key, value) => (await plugin).set(key, value),
    remove: async (key) => {
      await (await plugin).remove(key)
    },
  }
}

export class DeviceStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly secrets: SecretStore | null = Capacitor.isNativePlatform() ? nativeSecretStore() : null,
  ) {}

  async load(): Promise<PairedDevice | null> {
    const stored = await readKv<Omit<PairedDevice, 'deviceKey'> & { deviceKey?: string }>(this.db, KEY)
    if (stored === null) return null
    const deviceKey = this.secrets === null ? stored.deviceKey : await this.secrets.get(SECRET)
    if (deviceKey === undefined || deviceKey === null) return null
    return { ...stored, deviceKey }
  }

  async save(device: PairedDevice): Promise<void> {
    if (this.secrets === null) {
      await this.db.write([kvStatement(KEY, device)])
      return
    }
    const { deviceKey, ...rest } = device
    await this.secrets.set(SECRET, deviceKey)
    await this.db.write([kvStatement(KEY, rest)])
  }

  async clear(): Promise<void> {
    await this.secrets?.remove(SECRET)
    await this.db.write([kvDelete(KEY)])
  }
}
