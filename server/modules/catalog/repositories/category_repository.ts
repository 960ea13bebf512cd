import type { Tx } from '#core/db/tenancy'
import type { CatalogCategory } from '@pos/protocols'

interface CategoryRow {
  id: string
  parent_id: string | null
  name: string
  station_route: string | null
  active: boolean
}

export function toCategory(row: CategoryRow): CatalogCategory {
  return { id: row.id, parentId: row.parent_id, name: row.name, stationRoute: row.station_route, active: row.active }
}

const columns = ['id', 'parent_id', 'name', 'station_route', 'active']

export const categoryRepository = {
  /** Every category, parents before their children (depth first, by name). */
  async list(trx: Tx): Promise<CatalogCategory[]> {
    const result = await trx.rawQuery(`
      with recursive tree as (
        select id, parent_id, name, station_route, active, array[lower(name), id::text] as path
          from categories where parent_id is null
        union all
        select c.id, c.parent_id, c.name, c.station_route, c.active, t.path || array[lower(c.name), c.id::text]
          from categories c join tree t on c.parent_id = t.id
      )
      select id, parent_id, name, station_route, active from tree order by path`)
    return result.rows.map(toCategory)
  },

  async find(trx: Tx, id: string): Promise<CatalogCategory | null> {
    const row: CategoryRow | undefined = await trx.from('categories').select(columns).where('id', id).first()
    return row ? toCategory(row) : null
  },

  /** Whether `parentId` (null: the top level) has another category called `name` (case-insensitive). */
  async nameTaken(trx: Tx, parentId: string | null, name: string, exceptId: string | null): Promise<boolean> {
    const query = trx.from('categories').select('id').whereRaw('lower(name) = lower(?)', [name])
    if (parentId === null) query.whereNull('parent_id')
    else query.where('parent_id', parentId)
    if (exceptId) query.whereNot('id', exceptId)
    return (await query.first()) != null
  },

  /** `categoryId` and every ancestor of it, for the cycle check of a move. */
  async ancestry(trx: Tx, categoryId: string): Promise<string[]> {
    const result = await trx.rawQuery(
      `with recursive up as (
         select id, parent_id, 1 as depth from categories where id = ?
         union all
         select c.id, c.parent_id, up.depth + 1 from categories c join up on c.id = up.parent_id where up.depth < 100
       )
       select id from up`,
      [categoryId]
    )
    return result.rows.map((row: { id: string }) => row.id)
  },

  /** Active subcategories and active products still in the category. */
  async activeContents(trx: Tx, categoryId: string): Promise<number> {
    const result = await trx.rawQuery(
      `select (select count(*) from categories where parent_id = ? and active)
            + (select count(*) from products where category_id = ? and active) as n`,
      [categoryId, categoryId]
    )
    return Number(result.rows[0].n)
  },

  async insert(trx: Tx, tenantId: string, c: { name: string; parentId: string | null; stationRoute: string | null }): Promise<string> {
    const [row] = await trx
      .insertQuery()
      .table('categories')
      .insert({ tenant_id: tenantId, name: c.name, parent_id: c.parentId, station_route: c.stationRoute })
      .returning(['id'])
    return row.id
  },

  async update(trx: Tx, id: string, changes: { name?: string; parentId?: string | null; stationRoute?: string | null; active?: boolean }) {
    const row: Record<string, unknown> = { updated_at: trx.raw('now()') }
    if (changes.name !== undefined) row.name = changes.name
    if (changes.parentId !== undefined) row.parent_id = changes.parentId
    if (changes.stationRoute !== undefined) row.station_route = changes.stationRoute
    if (changes.active !== undefined) row.active = changes.active
    await trx.from('categories').where('id', id).update(row)
  },
}
