/*
 * search: (being built).
 */
import type { DomainModule } from '#core/modules'

/** What search brings to the live side (actor kinds, socket commands and queries). */
export const searchModule: DomainModule = {}
