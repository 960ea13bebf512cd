import { Suspense, lazy, type ReactNode } from 'react'
import { SessionProvider, useSession, useSignedIn } from '../features/auth/session-context.tsx'
import { SignInPage } from '../features/auth/SignInPage.tsx'
import { StoresProvider, useStore, useStores } from '../features/stores/stores-context.tsx'
import { StorePickerPage } from '../features/stores/StorePickerPage.tsx'
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx'
import { DevicesPage } from '../features/devices/DevicesPage.tsx'
import { UsersPage } from '../features/users/UsersPage.tsx'
import { ReviewPage } from '../features/review/ReviewPage.tsx'
import { StockPage } from '../features/inventory/StockPage.tsx'
import { CatalogPage } from '../features/catalog/CatalogPage.tsx'
import { Link, useRoute, type Route } from './router.tsx'
import type { Store } from '@pos/protocols'
import { Loading } from '../shared/ui/Status.tsx'

// The auditor carries the machine definitions (and the tax engine they use): loaded when opened.
const ActorsPage = lazy(() => import('../features/auditor/ActorsPage.tsx').then((m) => ({ default: m.ActorsPage })))
const ActorHistoryPage = lazy(() => import('../features/auditor/ActorHistoryPage.tsx').then((m) => ({ default: m.ActorHistoryPage })))

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  )
}

/** Pages need a manager's or owner's session; until then, the sign-in screen (the URL is kept). */
function Gate() {
  const { state, session } = useSession()
  if (state === 'starting' || state === 'resuming') return <Loading what="your session" />
  if (!session) return <SignInPage />
  return (
    <StoresProvider userId={session.user.id}>
      <Shell />
    </StoresProvider>
  )
}

function Shell() {
  const route = useRoute()
  const storeId = 'storeId' in route ? route.storeId : null
  return (
    <div className="shell">
      <TopBar route={route} storeId={storeId} />
      <main className="content">
        <Suspense fallback={<Loading what="the page" />}>
          <Page route={route} />
        </Suspense>
      </main>
    </div>
  )
}

function TopBar({ route, storeId }: { route: Route; storeId: string | null }) {
  const session = useSignedIn()
  const { send } = useSession()
  const stores = useStores()
  const store = storeId && stores.status === 'ready' ? stores.data.find((s) => s.id === storeId) : undefined
  const tab = (name: Route['name'], to: Route, label: string) => (
    <Link to={to} className={route.name === name || (name === 'actors' && route.name === 'history') ? 'tab active' : 'tab'}>
      {label}
    </Link>
  )
  return (
    <header className="topbar">
      <Link to={{ name: 'home' }} className="brand">
        POS Admin
      </Link>
      {store && <span className="store-name">{store.tradeName ?? store.legalName}</span>}
      <nav>
        {storeId && store && (
          <>
            {tab('dashboard', { name: 'dashboard', storeId }, 'Dashboard')}
            {tab('actors', { name: 'actors', storeId }, 'History')}
            {tab('review', { name: 'review', storeId }, 'Review')}
            {tab('stock', { name: 'stock', storeId }, 'Stock')}
            {tab('devices', { name: 'devices', storeId }, 'Devices')}
          </>
        )}
        {tab('catalog', { name: 'catalog' }, 'Catalog')}
        {tab('users', { name: 'users' }, 'Users')}
        {tab('home', { name: 'home' }, 'Stores')}
      </nav>
      <span className="spacer" />
      <span className="who" data-testid="who">
        {session.user.name} · {session.scope.role}
      </span>
      <button type="button" onClick={() => send({ type: 'signOut' })} data-testid="sign-out">
        Sign out
      </button>
    </header>
  )
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <StorePickerPage />
    case 'users':
      return <UsersPage />
    case 'dashboard':
      return <WithStore storeId={route.storeId}>{(store) => <DashboardPage key={store.id} store={store} />}</WithStore>
    case 'actors':
      return <WithStore storeId={route.storeId}>{(store) => <ActorsPage store={store} />}</WithStore>
    case 'history':
      return (
        <WithStore storeId={route.storeId}>
          {(store) => <ActorHistoryPage key={`${route.kind}:${route.actorId}`} store={store} kind={route.kind} actorId={route.actorId} />}
        </WithStore>
      )
    case 'devices':
      return <WithStore storeId={route.storeId}>{(store) => <DevicesPage store={store} />}</WithStore>
    case 'review':
      return <WithStore storeId={route.storeId}>{(store) => <ReviewPage store={store} />}</WithStore>
    case 'stock':
      return <WithStore storeId={route.storeId}>{(store) => <StockPage store={store} />}</WithStore>
    case 'catalog':
      return <CatalogPage />
    case 'notFound':
      return <NotFound />
  }
}

/** A store screen for one of the user's stores; any other id (another tenant's included) is simply not found. */
function WithStore({ storeId, children }: { storeId: string; children: (store: Store) => ReactNode }) {
  const store = useStore(storeId)
  if (store === undefined) return <Loading what="the store" />
  if (store === null) return <NotFound what="store" />
  return <>{children(store)}</>
}

function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <section className="page" data-testid="not-found">
      <h1>Not found</h1>
      <p className="muted">There is no such {what}, or it is not yours to see.</p>
      <Link to={{ name: 'home' }}>Back to your stores</Link>
    </section>
  )
}
