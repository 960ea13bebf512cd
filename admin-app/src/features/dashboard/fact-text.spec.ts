import { describe, expect, it } from 'vitest'
import type { FactEnvelope } from '@pos/protocols'
import { describeFact } from './fact-text.ts'

const T1 = '0190a000-0000-7000-8000-0000000000b1'
const U1 = '0190a000-0000-7000-8000-0000000000e1'
const names = {
  terminalName: (id: string | null) => (id === T1 ? 'Counter 1' : null),
  userName: (id: string | null) => (id === U1 ? 'Meena Rao' : null),
}
const fact = (type: string, data: Record<string, unknown>) => ({ storeId: 's', seq: 1, at: '2026-04-01T04:00:00.000Z', type, data }) as FactEnvelope

describe('describeFact', () => {
  it('names terminals and people', () => {
    expect(describeFact(fact('terminal.presenceChanged', { terminalId: T1, name: 'Counter 1', presence: 'online', outboxDepth: 0 }), names)).toBe('Counter 1 is online')
    expect(describeFact(fact('terminal.presenceChanged', { terminalId: T1, name: 'Counter 1', presence: 'reconnecting', outboxDepth: 2 }), names)).toBe(
      'Counter 1 is reconnecting, 2 queued'
    )
    expect(describeFact(fact('terminal.outboxChanged', { terminalId: T1, depth: 1 }), names)).toBe('Counter 1 has 1 command waiting to sync')
    expect(describeFact(fact('cashier.signedIn', { terminalId: T1, cashierId: U1 }), names)).toBe('Meena Rao signed in on Counter 1')
    expect(describeFact(fact('store.opened', { by: U1 }), names)).toBe('Store opened by Meena Rao')
    expect(describeFact(fact('store.closed', { by: null, forced: true, reason: 'power cut' }), names)).toBe('Store closed by the system (forced: power cut)')
  })

  it('falls back to short ids and the fact type', () => {
    expect(describeFact(fact('terminal.connected', { terminalId: '0190ffff-0000-7000-8000-000000000000' }), names)).toBe('terminal 0190ffff connected')
    expect(describeFact(fact('catalog.itemChanged', {}), names)).toBe('catalog.itemChanged')
  })
})
