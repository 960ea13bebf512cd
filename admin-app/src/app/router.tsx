import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

/*
 * A small history router: the app has a handful of screens, all under /admin (Vite's base),
 * and the server answers every /admin path with index.html.
 */

export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '')

export type Route =
  | { name: 'home' }
  | { name: 'dashboard'; storeId: string }
  | { name: 'actors'; storeId: string }
  | { name: 'history'; storeId: string; kind: string; actorId: string }
  | { name: 'devices'; storeId: string }
  | { name: 'review'; storeId: string }
  | { name: 'stock'; storeId: string }
  | { name: 'catalog' }
  | { name: 'users' }
  | { name: 'notFound'; path: string }

/** The app path (without /admin) of a route. */
export function pathOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return '/'
    case 'dashboard':
      return `/stores/${route.storeId}`
    case 'actors':
      return `/stores/${route.storeId}/history`
    case 'history':
      return `/stores/${route.storeId}/history/${encodeURIComponent(route.kind)}/${encodeURIComponent(route.actorId)}`
    case 'devices':
      return `/stores/${route.storeId}/devices`
    case 'review':
      return `/stores/${route.storeId}/review`
    case 'stock':
      return `/stores/${route.storeId}/stock`
    case 'catalog':
      return '/catalog'
    case 'users':
      return '/users'
    case 'notFound':
      return route.path
  }
}

/** The route of an app path (without /admin). */
export function parseRoute(path: string): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  if (parts.length === 0) return { name: 'home' }
  if (parts[0] === 'users' && parts.length === 1) return { name: 'users' }
  if (parts[0] === 'catalog' && parts.length === 1) return { name: 'catalog' }
  if (parts[0] === 'stores' && parts[1]) {
    const storeId = parts[1]
    if (parts.length === 2) return { name: 'dashboard', storeId }
    if (parts[2] === 'history' && parts.length === 3) return { name: 'actors', storeId }
    if (parts[2] === 'history' && parts.length === 5) return { name: 'history', storeId, kind: parts[3]!, actorId: parts[4]! }
    if (parts[2] === 'devices' && parts.length === 3) return { name: 'devices', storeId }
    if (parts[2] === 'review' && parts.length === 3) return { name: 'review', storeId }
    if (parts[2] === 'stock' && parts.length === 3) return { name: 'stock', storeId }
  }
  return { name: 'notFound', path }
}

const listeners = new Set<() => void>()
const subscribe = (listener: () => void) => {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}
const appPath = () => (window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname) || '/'

export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, appPath)
  return parseRoute(path)
}

export function navigate(route: Route, options: { replace?: boolean } = {}) {
  const url = `${BASE}${pathOf(route)}`
  if (options.replace) window.history.replaceState(null, '', url)
  else window.history.pushState(null, '', url)
  for (const listener of listeners) listener()
}

/** A link inside the app: a real href (open in a new tab works), client-side navigation on a plain click. */
export function Link({ to, children, ...rest }: { to: Route } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={`${BASE}${pathOf(to)}`} onClick={onClick} {...rest}>
      {children}
    </a>
  )
}
