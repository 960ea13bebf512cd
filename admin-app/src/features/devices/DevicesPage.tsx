import { useState, type FormEvent } from 'react'
import type { Device, PairingCodeResponse, Store, Terminal } from '@pos/protocols'
import { useApi } from '../auth/session-context.tsx'
import { storesApi } from '../stores/stores.api.ts'
import { useLoad, useNow } from '../../shared/ui/hooks.ts'
import { ErrorNote, Loading } from '../../shared/ui/Status.tsx'
import { formatAgo, formatDateTime } from '../../shared/ui/format.ts'

/** Pairing codes for terminals and stations, the paired devices, and revoking a device's key. */
export function DevicesPage({ store }: { store: Store }) {
  const api = useApi()
  const data = useLoad(async () => {
    const [terminals, devices] = await Promise.all([storesApi.terminals(api, store.id), storesApi.devices(api, store.id)])
    return { terminals, devices }
  }, [api, store.id])

  if (data.status === 'loading') return <Loading what="devices" />
  if (data.status === 'failed') return <ErrorNote error={data.error} />
  return (
    <section className="page">
      <header className="page-head">
        <h1>Devices</h1>
      </header>
      <PairingCard storeId={store.id} terminals={data.data.terminals} />
      <DeviceTable store={store} terminals={data.data.terminals} devices={data.data.devices} onChange={data.reload} />
    </section>
  )
}

function PairingCard({ storeId, terminals }: { storeId: string; terminals: Terminal[] }) {
  const api = useApi()
  const now = useNow(1000)
  const [terminalId, setTerminalId] = useState(terminals[0]?.id ?? '')
  const [code, setCode] = useState<PairingCodeResponse | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const [busy, setBusy] = useState(false)

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      setCode(await api.post<PairingCodeResponse>(`/stores/${storeId}/pairing-codes`, { terminalId }))
    } catch (e) {
      setError(e as Error)
    } finally {
      setBusy(false)
    }
  }

  const secondsLeft = code ? Math.max(0, Math.round((Date.parse(code.expiresAt) - now) / 1000)) : 0
  return (
    <section className="card">
      <h2>Pair a terminal or station</h2>
      <form className="inline-form" onSubmit={create}>
        <label>
          Terminal
          <select value={terminalId} onChange={(e) => setTerminalId(e.target.value)} required data-testid="pair-terminal">
            {terminals.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.kind})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !terminalId} data-testid="create-pairing-code">
          Create pairing code
        </button>
      </form>
      {error && <ErrorNote error={error} />}
      {code && (
        <div className="pairing-code" data-testid="pairing-code">
          <span className="code-big">{code.code}</span>
          <span className="muted">
            {secondsLeft > 0
              ? `Enter it on the device within ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')}. It works once.`
              : 'Expired: create a new one.'}
          </span>
        </div>
      )}
    </section>
  )
}

function DeviceTable({ store, terminals, devices, onChange }: { store: Store; terminals: Terminal[]; devices: Device[]; onChange: () => void }) {
  const api = useApi()
  const now = useNow(5000)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [error, setError] = useState<Error | null>(null)
  const terminalName = new Map(terminals.map((t) => [t.id, t.name]))

  const revoke = async (deviceId: string) => {
    setError(null)
    try {
      await api.post(`/devices/${deviceId}/revoke`)
      setConfirming(null)
      onChange()
    } catch (e) {
      setError(e as Error)
    }
  }

  return (
    <section className="card">
      <h2>Paired devices</h2>
      {error && <ErrorNote error={error} />}
      <table className="table" data-testid="devices">
        <thead>
          <tr>
            <th>Device</th>
            <th>Terminal</th>
            <th>Key</th>
            <th>Last seen</th>
            <th>Paired</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {devices.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                No device is paired with this store.
              </td>
            </tr>
          )}
          {devices.map((device) => (
            <tr key={device.id} data-device-id={device.id}>
              <td>
                {device.name} <span className="muted">({device.kind})</span>
              </td>
              <td>{terminalName.get(device.terminalId) ?? device.terminalId}</td>
              <td className="mono">{device.keyPrefix}…</td>
              <td>{device.lastSeenAt ? formatAgo(device.lastSeenAt, now) : <span className="muted">never</span>}</td>
              <td>{formatDateTime(device.createdAt, store.timezone)}</td>
              <td>{device.revokedAt ? <span className="badge revoked">revoked</span> : <span className="badge active">active</span>}</td>
              <td>
                {!device.revokedAt &&
                  (confirming === device.id ? (
                    <span className="confirm">
                      <button type="button" className="danger" onClick={() => void revoke(device.id)} data-testid="confirm-revoke">
                        Revoke now
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setConfirming(device.id)} data-testid="revoke">
                      Revoke
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Revoking stops the key at once and disconnects the device.</p>
    </section>
  )
}
