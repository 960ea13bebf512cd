import type { ReactNode } from 'react'
import { ApiError } from '../api/http.ts'

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  )
}

/** A failed load or action, with the server's code when there is one. */
export function ErrorNote({ error }: { error: Error }) {
  return (
    <p className="error" role="alert">
      {error.message}
      {error instanceof ApiError ? <code className="code">{error.code}</code> : null}
    </p>
  )
}

/** A widget whose data the server does not provide yet: says so instead of showing made-up numbers. */
export function Pending({ title, note = 'Appears when sales are recorded.', children }: { title: string; note?: string; children?: ReactNode }) {
  return (
    <section className="card pending" data-testid="pending-widget">
      <h2>{title}</h2>
      <p className="pending-note">{note}</p>
      {children}
    </section>
  )
}
