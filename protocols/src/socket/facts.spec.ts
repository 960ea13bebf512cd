import { FACT_NAMES, factEnvelopeSchema, factSchemas, terminalPresenceSchema, type FactName } from './facts.ts'
import { assert, AT, describe, it, omit, OTHER_V4, schemaCases, V4 } from '../schema-cases.spec.ts'
import { salesFactFixtures } from '../sales/fact-fixtures.spec.ts'

const presence = { terminalId: V4, name: 'Counter 1', presence: 'reconnecting', cashierId: OTHER_V4, outboxDepth: 2, lastSeenAt: AT }

/** One canonical payload per fact. */
const fixtures: Record<FactName, Record<string, unknown>> = {
  'terminal.presenceChanged': presence,
  'store.opened': { at: AT, by: OTHER_V4 },
  'store.closed': { at: AT, by: OTHER_V4, forced: true, reason: 'Counter 2 tablet is broken' },
  'terminal.connected': { terminalId: V4, at: AT },
  'terminal.disconnected': { terminalId: V4, at: AT },
  'terminal.outboxChanged': { terminalId: V4, depth: 3, at: AT },
  'cashier.signedIn': { terminalId: V4, cashierId: OTHER_V4, at: AT },
  'cashier.signedOut': { terminalId: V4, cashierId: OTHER_V4, at: AT },
  'stock.changed': { itemId: V4, onHand: '11.5', delta: '-0.5', kind: 'sale', movementId: OTHER_V4 },
  'stock.low': { itemId: V4, onHand: '2', reorderLevel: '5' },
  ...salesFactFixtures,
} as unknown as Record<FactName, Record<string, unknown>>

describe('FACT_NAMES', () => {
  it('lists every fact schema, each of which has a fixture here', () => {
    assert.deepEqual(FACT_NAMES, Object.keys(factSchemas))
    assert.deepEqual([...FACT_NAMES].sort(), Object.keys(fixtures).sort())
  })
})

schemaCases('terminal.presenceChanged', terminalPresenceSchema, {
  accepts: [
    ['a reconnecting terminal with a cashier', presence],
    ['a terminal never seen', { ...presence, presence: 'offline', cashierId: null, lastSeenAt: null }],
  ],
  rejects: {
    'an unknown presence': [{ ...presence, presence: 'away' }, 'presence'],
    'a missing name': [omit(presence, 'name'), 'name'],
    'a terminalId that is no UUID': [{ ...presence, terminalId: 'T1' }, 'terminalId'],
    'a cashierId that is no UUID': [{ ...presence, cashierId: 'anita' }, 'cashierId'],
    'a fractional outboxDepth': [{ ...presence, outboxDepth: 0.5 }, 'outboxDepth'],
    'a missing lastSeenAt (nullable, not optional)': [omit(presence, 'lastSeenAt'), 'lastSeenAt'],
  },
})

/** Per fact: a missing field and a field of the wrong type. */
const badFacts: Partial<Record<Exclude<FactName, 'terminal.presenceChanged'>, Record<string, [unknown, string]>>> = {
  'store.opened': { 'a missing at': [omit(fixtures['store.opened'], 'at'), 'at'], 'by as a number': [{ ...fixtures['store.opened'], by: 5 }, 'by'] },
  'store.closed': {
    'a missing reason': [omit(fixtures['store.closed'], 'reason'), 'reason'],
    'forced as a string': [{ ...fixtures['store.closed'], forced: 'no' }, 'forced'],
  },
  'terminal.connected': {
    'a missing at': [omit(fixtures['terminal.connected'], 'at'), 'at'],
    'a terminalId that is no UUID': [{ ...fixtures['terminal.connected'], terminalId: 'T1' }, 'terminalId'],
  },
  'terminal.disconnected': {
    'a missing terminalId': [omit(fixtures['terminal.disconnected'], 'terminalId'), 'terminalId'],
    'at as a number': [{ ...fixtures['terminal.disconnected'], at: 1_743_502_500_000 }, 'at'],
  },
  'terminal.outboxChanged': {
    'depth as a string': [{ ...fixtures['terminal.outboxChanged'], depth: '3' }, 'depth'],
    'a missing depth': [omit(fixtures['terminal.outboxChanged'], 'depth'), 'depth'],
  },
  'cashier.signedIn': {
    'a missing cashierId': [omit(fixtures['cashier.signedIn'], 'cashierId'), 'cashierId'],
    'a cashierId that is no UUID': [{ ...fixtures['cashier.signedIn'], cashierId: 'anita' }, 'cashierId'],
  },
  'cashier.signedOut': {
    'a null cashierId': [{ ...fixtures['cashier.signedOut'], cashierId: null }, 'cashierId'],
    'a missing at': [omit(fixtures['cashier.signedOut'], 'at'), 'at'],
  },
  'stock.changed': {
    'a float-formatted onHand': [{ ...fixtures['stock.changed'], onHand: 11.5 }, 'onHand'],
    'an unknown kind': [{ ...fixtures['stock.changed'], kind: 'theft' }, 'kind'],
  },
  'stock.low': { 'a missing reorderLevel': [omit(fixtures['stock.low'], 'reorderLevel'), 'reorderLevel'] },
}
for (const [name, rejects] of Object.entries(badFacts)) {
  schemaCases(name, factSchemas[name as FactName], { accepts: [['its fixture', fixtures[name as FactName]]], rejects })
}

describe('fact payloads and unknown fields', () => {
  // Facts are read by clients: an older client must still accept a fact a newer server adds a field to.
  it('are accepted, and the known fields come through unchanged', () => {
    for (const name of FACT_NAMES) {
      const parsed = factSchemas[name].parse({ ...fixtures[name], addedLater: true }) as Record<string, unknown>
      assert.deepEqual(Object.fromEntries(Object.keys(fixtures[name]).map((key) => [key, parsed[key]])), fixtures[name], name)
    }
  })
})

const envelope = { storeId: V4, seq: 1, at: AT, type: 'store.opened', data: fixtures['store.opened'] }
schemaCases('factEnvelopeSchema', factEnvelopeSchema, {
  accepts: [
    ['the first fact of a store', envelope],
    ['a later presence fact', { ...envelope, seq: 9_000, type: 'terminal.presenceChanged', data: presence }],
  ],
  rejects: {
    'seq 0 (sequences start at 1)': [{ ...envelope, seq: 0 }, 'seq'],
    'a fractional seq': [{ ...envelope, seq: 1.5 }, 'seq'],
    'an unknown fact name': [{ ...envelope, type: 'store.exploded' }, 'type'],
    'a storeId that is no UUID': [{ ...envelope, storeId: 'S1' }, 'storeId'],
    'a missing at': [omit(envelope, 'at'), 'at'],
  },
})
