import { Link } from '../../app/router.tsx'
import { useStores } from './stores-context.tsx'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'

/** The stores the user may watch; each opens its live dashboard. */
export function StorePickerPage() {
  const stores = useStores()
  if (stores.status === 'loading') return <Loading what="stores" />
  if (stores.status === 'failed') return <ErrorNote error={stores.error} />
  return (
    <section className="page">
      <h1>Choose a store</h1>
      {stores.data.length === 0 ? (
        <p className="muted">No store is assigned to you yet.</p>
      ) : (
        <ul className="store-list" data-testid="store-list">
          {stores.data.map((store) => (
            <li key={store.id}>
              <Link to={{ name: 'dashboard', storeId: store.id }} className="store-card" data-store-id={store.id}>
                <strong>{store.tradeName ?? store.legalName}</strong>
                <span className="muted">
                  {store.code} · {store.address.city} · GST state {store.stateCode}
                  {store.gstin ? ` · ${store.gstin}` : ''}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
