import { inventorySettingsSchema, type InventorySettings } from '@pos/protocols'
import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { recordAudit } from '#modules/audit/index'
import { settingsRepository } from '../repositories/settings_repository.js'

type User = Extract<Principal, { kind: 'user' }>

const DEFAULTS: InventorySettings = { negativeStock: 'refuse' }

/** The tenant's inventory settings; absent or unreadable values fall back to the defaults (refuse negative stock). */
export const settingsService = {
  async get(principal: Principal): Promise<InventorySettings> {
    const stored = await withTenant(principal.tenantId, (trx) => settingsRepository.read(trx, principal.tenantId))
    const parsed = inventorySettingsSchema.partial().safeParse(stored)
    return { ...DEFAULTS, ...(parsed.success ? stripUnknown(parsed.data) : {}) }
  },

  async update(principal: User, settings: InventorySettings, requestId: string | null): Promise<InventorySettings> {
    await withTenant(principal.tenantId, async (trx) => {
      const before = await settingsRepository.read(trx, principal.tenantId)
      await settingsRepository.merge(trx, principal.tenantId, settings)
      await recordAudit(trx, {
        tenantId: principal.tenantId,
        action: 'inventory.settings_changed',
        actorUserId: principal.userId,
        subjectType: 'tenant',
        subjectId: principal.tenantId,
        data: { before, after: settings },
        requestId,
      })
    })
    return this.get(principal)
  },
}

function stripUnknown(value: Partial<InventorySettings>) {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<InventorySettings>
}
