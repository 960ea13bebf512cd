import type { FactEnvelope } from '@pos/protocols'

/** Names for ids, when known (a fact names terminals and users by id). */
export interface FactNames {
  terminalName: (id: string | null) => string | null
  userName: (id: string | null) => string | null
}

/** One line a manager can read for a fact of the live feed. */
export function describeFact(fact: FactEnvelope, names: FactNames): string {
  const data = fact.data as Record<string, unknown>
  const terminal = () => names.terminalName(String(data.terminalId)) ?? `terminal ${String(data.terminalId).slice(0, 8)}`
  const user = (id: unknown) => (typeof id === 'string' ? (names.userName(id) ?? `user ${id.slice(0, 8)}`) : 'the system')
  switch (fact.type) {
    case 'terminal.presenceChanged':
      return `${String(data.name ?? terminal())} is ${String(data.presence)}${Number(data.outboxDepth) > 0 ? `, ${data.outboxDepth} queued` : ''}`
    case 'terminal.connected':
      return `${terminal()} connected`
    case 'terminal.disconnected':
      return `${terminal()} disconnected`
    case 'terminal.outboxChanged':
      return `${terminal()} has ${data.depth} command${data.depth === 1 ? '' : 's'} waiting to sync`
    case 'cashier.signedIn':
      return `${user(data.cashierId)} signed in on ${terminal()}`
    case 'cashier.signedOut':
      return `${user(data.cashierId)} signed out of ${terminal()}`
    case 'store.opened':
      return `Store opened by ${user(data.by)}`
    case 'store.closed':
      return `Store closed by ${user(data.by)}${data.forced ? ` (forced: ${String(data.reason)})` : ''}`
    default:
      return fact.type
  }
}
