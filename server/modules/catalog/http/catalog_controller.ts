import { z } from 'zod'
import type { RouteInput } from '#core/http/api'
import { parseInput } from '#core/validation'
import type { Principal } from '#core/http/principal'
import type {
  AddTaxRateRequest,
  CreateCategoryRequest,
  CreateTaxClassRequest,
  UpdateCatalogSettingsRequest,
  UpdateCategoryRequest,
  UpdateTaxClassRequest,
} from '@pos/protocols'
import { categoryService } from '../services/category_service.js'
import { settingsService } from '../services/settings_service.js'
import { taxClassService } from '../services/tax_class_service.js'
import type { UserPrincipal } from '../services/audit.js'
import { writeMeta } from './meta.js'

const rateDateParam = z.strictObject({ effectiveFrom: z.iso.date() })

/** Tax classes and rates, categories, catalog settings. */
export const catalogController = {
  async taxClasses({ principal }: RouteInput<undefined, undefined, Principal>) {
    return { taxClasses: await taxClassService.list(principal) }
  },

  createTaxClass(input: RouteInput<CreateTaxClassRequest, undefined, UserPrincipal>) {
    return taxClassService.create(input.principal, input.body, writeMeta(input))
  },

  updateTaxClass(input: RouteInput<UpdateTaxClassRequest, undefined, UserPrincipal>) {
    return taxClassService.update(input.principal, input.params.taxClassId!, input.body, writeMeta(input))
  },

  addTaxRate(input: RouteInput<AddTaxRateRequest, undefined, UserPrincipal>) {
    return taxClassService.addRate(input.principal, input.params.taxClassId!, input.body, writeMeta(input))
  },

  removeTaxRate(input: RouteInput<undefined, undefined, UserPrincipal>) {
    const { effectiveFrom } = parseInput(rateDateParam, { effectiveFrom: input.params.effectiveFrom })
    return taxClassService.removeUpcomingRate(input.principal, input.params.taxClassId!, effectiveFrom, writeMeta(input))
  },

  async categories({ principal }: RouteInput<undefined, undefined, Principal>) {
    return { categories: await categoryService.list(principal) }
  },

  createCategory(input: RouteInput<CreateCategoryRequest, undefined, UserPrincipal>) {
    return categoryService.create(input.principal, input.body, writeMeta(input))
  },

  updateCategory(input: RouteInput<UpdateCategoryRequest, undefined, UserPrincipal>) {
    return categoryService.update(input.principal, input.params.categoryId!, input.body, writeMeta(input))
  },

  settings({ principal }: RouteInput<undefined, undefined, Principal>) {
    return settingsService.get(principal)
  },

  updateSettings(input: RouteInput<UpdateCatalogSettingsRequest, undefined, UserPrincipal>) {
    return settingsService.update(input.principal, input.body, writeMeta(input))
  },
}
