/** Room names, always scoped by tenant: a socket only ever joins its own tenant's rooms. */
export const rooms = {
  store: (tenantId: string, storeId: string) => `tenant:${tenantId}:store:${storeId}`,
  dashboard: (tenantId: string, storeId: string) => `tenant:${tenantId}:dashboard:${storeId}`,
  terminal: (tenantId: string, terminalId: string) => `tenant:${tenantId}:terminal:${terminalId}`,
  station: (tenantId: string, terminalId: string) => `tenant:${tenantId}:station:${terminalId}`,
  device: (tenantId: string, deviceId: string) => `tenant:${tenantId}:device:${deviceId}`,
  /** Every socket of one signed-in user (job progress and other personal notices). */
  user: (tenantId: string, userId: string) => `tenant:${tenantId}:user:${userId}`,
}
