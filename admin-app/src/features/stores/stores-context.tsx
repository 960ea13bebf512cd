import { createContext, useContext, type ReactNode } from 'react'
import type { Store } from '@pos/protocols'
import { useApi } from '../auth/session-context.tsx'
import { useLoad, type Loadable } from '../../shared/ui/hooks.ts'
import { storesApi } from './stores.api.ts'

const StoresContext = createContext<(Loadable<Store[]> & { reload: () => void }) | null>(null)

/** The stores the signed-in user may see, loaded once per sign-in. */
export function StoresProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const api = useApi()
  const stores = useLoad(() => storesApi.list(api), [api, userId])
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>
}

export function useStores() {
  const value = useContext(StoresContext)
  if (!value) throw new Error('useStores is used outside StoresProvider')
  return value
}

/** One store of the user's, or null when it is not theirs (or does not exist: the two look the same). */
export function useStore(storeId: string): Store | null | undefined {
  const stores = useStores()
  if (stores.status !== 'ready') return undefined
  return stores.data.find((s) => s.id === storeId) ?? null
}
