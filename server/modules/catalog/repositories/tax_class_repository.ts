import type { Tx } from '#core/db/tenancy'
import type { TaxClass, TaxClassRate } from '@pos/protocols'
import { canonicalPercent } from './values.js'

interface TaxClassRow {
  id: string
  code: string
  name: string
  active: boolean
}

interface RateRow {
  tax_class_id: string
  effective_from: string
  rate_percent: string
  cess_percent: string
}

function toRate(row: RateRow): TaxClassRate {
  return { effectiveFrom: row.effective_from, ratePercent: canonicalPercent(row.rate_percent), cessPercent: canonicalPercent(row.cess_percent) }
}

/** A class with its rates split around `today`: the one in force and the ones to come. */
function toTaxClass(row: TaxClassRow, rates: TaxClassRate[], today: string): TaxClass {
  const past = rates.filter((rate) => rate.effectiveFrom <= today)
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    active: row.active,
    rates,
    current: past.at(-1) ?? null,
    upcoming: rates.filter((rate) => rate.effectiveFrom > today),
  }
}

const rateColumns = `tax_class_id, effective_from::text as effective_from, rate_percent::text as rate_percent, cess_percent::text as cess_percent`

export const taxClassRepository = {
  async list(trx: Tx, today: string): Promise<TaxClass[]> {
    const classes: TaxClassRow[] = await trx.from('tax_classes').select('id', 'code', 'name', 'active').orderBy('code')
    const rates: RateRow[] = (await trx.rawQuery(`select ${rateColumns} from tax_class_rates order by tax_class_id, effective_from`)).rows
    return classes.map((row) =>
      toTaxClass(
        row,
        rates.filter((rate) => rate.tax_class_id === row.id).map(toRate),
        today
      )
    )
  },

  async find(trx: Tx, id: string, today: string): Promise<TaxClass | null> {
    const row: TaxClassRow | undefined = await trx.from('tax_classes').select('id', 'code', 'name', 'active').where('id', id).first()
    if (!row) return null
    const rates: RateRow[] = (
      await trx.rawQuery(`select ${rateColumns} from tax_class_rates where tax_class_id = ? order by effective_from`, [id])
    ).rows
    return toTaxClass(row, rates.map(toRate), today)
  },

  /** Locks the class row: rate changes of one class are made one at a time. */
  async lock(trx: Tx, id: string): Promise<TaxClassRow | null> {
    const row: TaxClassRow | undefined = await trx.from('tax_classes').select('id', 'code', 'name', 'active').where('id', id).forUpdate().first()
    return row ?? null
  },

  async codeTaken(trx: Tx, code: string): Promise<boolean> {
    return (await trx.from('tax_classes').select('id').where('code', code).first()) != null
  },

  async insert(trx: Tx, tenantId: string, c: { code: string; name: string }): Promise<string> {
    const [row] = await trx.insertQuery().table('tax_classes').insert({ tenant_id: tenantId, code: c.code, name: c.name }).returning(['id'])
    return row.id
  },

  async update(trx: Tx, id: string, changes: { name?: string; active?: boolean }) {
    await trx.from('tax_classes').where('id', id).update(changes)
  },

  async insertRate(trx: Tx, tenantId: string, taxClassId: string, rate: { effectiveFrom: string; ratePercent: string; cessPercent: string }) {
    await trx.insertQuery().table('tax_class_rates').insert({
      tenant_id: tenantId,
      tax_class_id: taxClassId,
      effective_from: rate.effectiveFrom,
      rate_percent: rate.ratePercent,
      cess_percent: rate.cessPercent,
    })
  },

  async rateExists(trx: Tx, taxClassId: string, effectiveFrom: string): Promise<boolean> {
    return (await trx.from('tax_class_rates').select('tax_class_id').where({ tax_class_id: taxClassId, effective_from: effectiveFrom }).first()) != null
  },

  /** Removes a rate that has not started yet (a rate in force is history and stays). */
  async deleteUpcomingRate(trx: Tx, taxClassId: string, effectiveFrom: string, today: string): Promise<boolean> {
    const deleted = await trx
      .from('tax_class_rates')
      .where({ tax_class_id: taxClassId, effective_from: effectiveFrom })
      .where('effective_from', '>', today)
      .delete()
    return Number(deleted) > 0
  },

  async activeProductCount(trx: Tx, taxClassId: string): Promise<number> {
    const [row] = await trx.from('products').where({ tax_class_id: taxClassId, active: true }).count('* as n')
    return Number(row.n)
  },
}
