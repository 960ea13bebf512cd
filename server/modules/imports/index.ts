/*
 * imports: (being built).
 */
import type { DomainModule } from '#core/modules'

/** What imports brings to the live side (actor kinds, socket commands and queries). */
export const importsModule: DomainModule = {}
