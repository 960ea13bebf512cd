/*
 * sales: (being built).
 */
import type { DomainModule } from '#core/modules'

/** What sales brings to the live side (actor kinds, socket commands and queries). */
export const salesModule: DomainModule = {}
