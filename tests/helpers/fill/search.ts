import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { TenantFixture } from '../fixtures.js'
import type { CatalogFill } from './catalog.js'

/** One row in every search table (see fillEveryTable). */
export async function fillSearch(_trx: TransactionClientContract, _t: TenantFixture, _catalog: CatalogFill) {}
