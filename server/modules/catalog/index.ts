/*
 * catalog: (being built).
 */
import type { DomainModule } from '#core/modules'

/** What catalog brings to the live side (actor kinds, socket commands and queries). */
export const catalogModule: DomainModule = {}
