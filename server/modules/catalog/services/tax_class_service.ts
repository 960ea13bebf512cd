import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import type { AddTaxRateRequest, CreateTaxClassRequest, TaxClass, UpdateTaxClassRequest } from '@pos/protocols'
import { catalogErrors } from '../errors.js'
import { taxClassRepository } from '../repositories/tax_class_repository.js'
import { indiaToday, uniqueViolation } from '../repositories/values.js'
import { auditCatalog, type UserPrincipal, type WriteMeta } from './audit.js'

/*
 * Tax classes and their dated rates. A rate is never edited: a change is a new
 * rate from a date (today or later), so the rate of any past date stays what it
 * was, and the rate on a date is the one with the latest effective date on or
 * before it.
 */
export const taxClassService = {
  list(principal: Principal): Promise<TaxClass[]> {
    return withTenant(principal.tenantId, async (trx) => taxClassRepository.list(trx, await indiaToday(trx)))
  },

  async create(principal: UserPrincipal, body: CreateTaxClassRequest, meta: WriteMeta): Promise<TaxClass> {
    return withTenant(principal.tenantId, async (trx) => {
      if (await taxClassRepository.codeTaken(trx, body.code)) throw catalogErrors.taxClassExists({ code: body.code })
      let id: string
      try {
        id = await taxClassRepository.insert(trx, principal.tenantId, body)
      } catch (error) {
        if (uniqueViolation(error)) throw catalogErrors.taxClassExists({ code: body.code })
        throw error
      }
      for (const rate of body.rates) await taxClassRepository.insertRate(trx, principal.tenantId, id, rate)
      await auditCatalog(trx, principal, meta, {
        action: 'tax_class_created',
        subjectType: 'tax_class',
        subjectId: id,
        data: { code: body.code, rates: body.rates },
      })
      return (await taxClassRepository.find(trx, id, await indiaToday(trx)))!
    })
  },

  async update(principal: UserPrincipal, taxClassId: string, body: UpdateTaxClassRequest, meta: WriteMeta): Promise<TaxClass> {
    return withTenant(principal.tenantId, async (trx) => {
      const current = await taxClassRepository.lock(trx, taxClassId)
      if (!current) throw catalogErrors.taxClassNotFound()
      if (body.active === false && current.active && (await taxClassRepository.activeProductCount(trx, taxClassId)) > 0) {
        throw catalogErrors.taxClassInUse()
      }
      await taxClassRepository.update(trx, taxClassId, body)
      await auditCatalog(trx, principal, meta, {
        action: body.active === false && current.active ? 'tax_class_retired' : 'tax_class_updated',
        subjectType: 'tax_class',
        subjectId: taxClassId,
        data: { before: { name: current.name, active: current.active }, changes: body },
      })
      return (await taxClassRepository.find(trx, taxClassId, await indiaToday(trx)))!
    })
  },

  /** A rate change: a new rate from `effectiveFrom` (today or later in India). */
  async addRate(principal: UserPrincipal, taxClassId: string, body: AddTaxRateRequest, meta: WriteMeta): Promise<TaxClass> {
    return withTenant(principal.tenantId, async (trx) => {
      const current = await taxClassRepository.lock(trx, taxClassId)
      if (!current || !current.active) throw catalogErrors.taxClassNotFound()
      const today = await indiaToday(trx)
      if (body.effectiveFrom < today) throw catalogErrors.taxRateBackdated({ effectiveFrom: body.effectiveFrom, today })
      if (await taxClassRepository.rateExists(trx, taxClassId, body.effectiveFrom)) {
        throw catalogErrors.taxRateExists({ effectiveFrom: body.effectiveFrom })
      }
      await taxClassRepository.insertRate(trx, principal.tenantId, taxClassId, body)
      await auditCatalog(trx, principal, meta, { action: 'tax_rate_added', subjectType: 'tax_class', subjectId: taxClassId, data: body })
      return (await taxClassRepository.find(trx, taxClassId, today))!
    })
  },

  /** Cancels a rate change that has not taken effect yet. */
  async removeUpcomingRate(principal: UserPrincipal, taxClassId: string, effectiveFrom: string, meta: WriteMeta): Promise<TaxClass> {
    return withTenant(principal.tenantId, async (trx) => {
      const current = await taxClassRepository.lock(trx, taxClassId)
      if (!current) throw catalogErrors.taxClassNotFound()
      const today = await indiaToday(trx)
      if (!(await taxClassRepository.deleteUpcomingRate(trx, taxClassId, effectiveFrom, today))) throw catalogErrors.taxRateNotFound()
      await auditCatalog(trx, principal, meta, {
        action: 'tax_rate_removed',
        subjectType: 'tax_class',
        subjectId: taxClassId,
        data: { effectiveFrom },
      })
      return (await taxClassRepository.find(trx, taxClassId, today))!
    })
  },
}
