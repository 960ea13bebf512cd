import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import type { CatalogCategory, CreateCategoryRequest, UpdateCategoryRequest } from '@pos/protocols'
import { catalogErrors } from '../errors.js'
import { categoryRepository } from '../repositories/category_repository.js'
import { uniqueViolation } from '../repositories/values.js'
import { auditCatalog, type UserPrincipal, type WriteMeta } from './audit.js'

/** Categories: a tree, each with the station its lines are routed to. */
export const categoryService = {
  list(principal: Principal): Promise<CatalogCategory[]> {
    return withTenant(principal.tenantId, (trx) => categoryRepository.list(trx))
  },

  async create(principal: UserPrincipal, body: CreateCategoryRequest, meta: WriteMeta): Promise<CatalogCategory> {
    return withTenant(principal.tenantId, async (trx) => {
      if (body.parentId !== null) {
        const parent = await categoryRepository.find(trx, body.parentId)
        if (!parent || !parent.active) throw catalogErrors.categoryNotFound({ parentId: body.parentId })
      }
      if (await categoryRepository.nameTaken(trx, body.parentId, body.name, null)) throw catalogErrors.categoryExists({ name: body.name })
      let id: string
      try {
        id = await categoryRepository.insert(trx, principal.tenantId, body)
      } catch (error) {
        if (uniqueViolation(error)) throw catalogErrors.categoryExists({ name: body.name })
        throw error
      }
      await auditCatalog(trx, principal, meta, { action: 'category_created', subjectType: 'category', subjectId: id, data: body })
      return (await categoryRepository.find(trx, id))!
    })
  },

  async update(principal: UserPrincipal, categoryId: string, body: UpdateCategoryRequest, meta: WriteMeta): Promise<CatalogCategory> {
    return withTenant(principal.tenantId, async (trx) => {
      const current = await categoryRepository.find(trx, categoryId)
      if (!current) throw catalogErrors.categoryNotFound()
      const parentId = body.parentId === undefined ? current.parentId : body.parentId
      if (body.parentId !== undefined && body.parentId !== null && body.parentId !== current.parentId) {
        const parent = await categoryRepository.find(trx, body.parentId)
        if (!parent || !parent.active) throw catalogErrors.categoryNotFound({ parentId: body.parentId })
        if ((await categoryRepository.ancestry(trx, body.parentId)).includes(categoryId)) throw catalogErrors.categoryCycle()
      }
      const name = body.name ?? current.name
      if ((body.name !== undefined || body.parentId !== undefined) && (await categoryRepository.nameTaken(trx, parentId, name, categoryId))) {
        throw catalogErrors.categoryExists({ name })
      }
      if (body.active === false && current.active && (await categoryRepository.activeContents(trx, categoryId)) > 0) {
        throw catalogErrors.categoryInUse()
      }
      try {
        await categoryRepository.update(trx, categoryId, body)
      } catch (error) {
        if (uniqueViolation(error)) throw catalogErrors.categoryExists({ name })
        throw error
      }
      await auditCatalog(trx, principal, meta, {
        action: body.active === false && current.active ? 'category_retired' : 'category_updated',
        subjectType: 'category',
        subjectId: categoryId,
        data: { before: current, changes: body },
      })
      return (await categoryRepository.find(trx, categoryId))!
    })
  },
}
