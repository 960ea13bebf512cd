import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TenantFixture } from '../fixtures.js'
import type { CatalogFill } from './catalog.js'

/** One row in every imports table (see fillEveryTable). */
export async function fillImports(_trx: TransactionClientContract, _t: TenantFixture, _catalog: CatalogFill) {}
