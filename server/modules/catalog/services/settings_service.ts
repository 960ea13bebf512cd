import { withTenant, type Tx } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { catalogSettingsSchema, type CatalogSettings, type UpdateCatalogSettingsRequest } from '@pos/protocols'
import { validateBarcodeRule } from '@pos/state-machines'
import { catalogErrors } from '../errors.js'
import { settingsRepository } from '../repositories/settings_repository.js'
import { auditCatalog, type UserPrincipal, type WriteMeta } from './audit.js'

const DEFAULTS: CatalogSettings = { scaleBarcodeRules: [], batchTracking: false }

/** The tenant's catalog settings; a stored value that no longer parses reads as the default. */
export async function readCatalogSettings(trx: Tx, tenantId: string, lock = false): Promise<CatalogSettings> {
  const stored = await settingsRepository.read(trx, tenantId, lock)
  const rules = catalogSettingsSchema.shape.scaleBarcodeRules.safeParse(stored.scaleBarcodeRules)
  return {
    scaleBarcodeRules: rules.success ? rules.data.filter((rule) => validateBarcodeRule(rule).ok) : DEFAULTS.scaleBarcodeRules,
    batchTracking: typeof stored.batchTracking === 'boolean' ? stored.batchTracking : DEFAULTS.batchTracking,
  }
}

export const settingsService = {
  get(principal: Principal): Promise<CatalogSettings> {
    return withTenant(principal.tenantId, (trx) => readCatalogSettings(trx, principal.tenantId))
  },

  /**
   * Changes the catalog settings. Each scale rule must pass the same check the
   * terminals' barcode reader applies (prefix, digits adding up to 12, scale),
   * and prefixes must differ.
   */
  async update(principal: UserPrincipal, body: UpdateCatalogSettingsRequest, meta: WriteMeta): Promise<CatalogSettings> {
    if (body.scaleBarcodeRules) {
      const seen = new Set<string>()
      for (const [index, rule] of body.scaleBarcodeRules.entries()) {
        const check = validateBarcodeRule(rule)
        if (!check.ok) throw catalogErrors.barcodeRuleInvalid({ index, prefix: rule.prefix, reason: check.reason })
        if (seen.has(rule.prefix)) throw catalogErrors.barcodeRuleInvalid({ index, prefix: rule.prefix, reason: 'E_BARCODE_RULE_PREFIX_REPEATED' })
        seen.add(rule.prefix)
      }
    }
    return withTenant(principal.tenantId, async (trx) => {
      const before = await readCatalogSettings(trx, principal.tenantId, true)
      const after: CatalogSettings = {
        scaleBarcodeRules: body.scaleBarcodeRules ?? before.scaleBarcodeRules,
        batchTracking: body.batchTracking ?? before.batchTracking,
      }
      await settingsRepository.write(trx, principal.tenantId, after)
      await auditCatalog(trx, principal, meta, {
        action: 'settings_updated',
        subjectType: 'tenant',
        subjectId: principal.tenantId,
        data: { before, after },
      })
      return after
    })
  },
}
