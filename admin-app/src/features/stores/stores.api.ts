import type { ApiClient } from '../../shared/api/http.ts'
import type { Device, Store, Terminal, UserSummary } from '@pos/protocols'

export const storesApi = {
  list: (api: ApiClient) => api.get<{ stores: Store[] }>('/stores').then((r) => r.stores),
  terminals: (api: ApiClient, storeId: string) => api.get<{ terminals: Terminal[] }>(`/stores/${storeId}/terminals`).then((r) => r.terminals),
  devices: (api: ApiClient, storeId: string) => api.get<{ devices: Device[] }>(`/stores/${storeId}/devices`).then((r) => r.devices),
  users: (api: ApiClient) => api.get<{ users: UserSummary[] }>('/users').then((r) => r.users),
}

/** Names for the ids that facts and journals carry: users, devices and terminals of a store. */
export interface Directory {
  terminals: Terminal[]
  devices: Device[]
  users: UserSummary[]
  userName: (id: string | null) => string | null
  deviceName: (id: string | null) => string | null
  terminalName: (id: string | null) => string | null
}

export function buildDirectory(terminals: Terminal[], devices: Device[], users: UserSummary[]): Directory {
  const userNames = new Map<string, string>(users.map((u) => [u.id, u.name]))
  const deviceNames = new Map<string, string>(devices.map((d) => [d.id, d.name]))
  const terminalNames = new Map<string, string>(terminals.map((t) => [t.id, t.name]))
  return {
    terminals,
    devices,
    users,
    userName: (id) => (id ? (userNames.get(id) ?? null) : null),
    deviceName: (id) => (id ? (deviceNames.get(id) ?? null) : null),
    terminalName: (id) => (id ? (terminalNames.get(id) ?? null) : null),
  }
}

/** Loads a store's directory (three requests in parallel). */
export async function loadDirectory(api: ApiClient, storeId: string): Promise<Directory> {
  const [terminals, devices, users] = await Promise.all([storesApi.terminals(api, storeId), storesApi.devices(api, storeId), storesApi.users(api)])
  return buildDirectory(terminals, devices, users)
}
