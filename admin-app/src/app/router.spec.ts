import { describe, expect, it } from 'vitest'
import { parseRoute, pathOf, type Route } from './router.tsx'

describe('routes', () => {
  it('round-trips every screen', () => {
    const routes: Route[] = [
      { name: 'home' },
      { name: 'dashboard', storeId: 's1' },
      { name: 'actors', storeId: 's1' },
      { name: 'history', storeId: 's1', kind: 'store', actorId: 'a/b' },
      { name: 'devices', storeId: 's1' },
      { name: 'review', storeId: 's1' },
      { name: 'stock', storeId: 's1' },
      { name: 'catalog' },
      { name: 'users' },
    ]
    for (const route of routes) expect(parseRoute(pathOf(route))).toEqual(route)
  })

  it('sends unknown paths to not found', () => {
    expect(parseRoute('/stores')).toEqual({ name: 'notFound', path: '/stores' })
    expect(parseRoute('/stores/s1/nope')).toEqual({ name: 'notFound', path: '/stores/s1/nope' })
  })
})
