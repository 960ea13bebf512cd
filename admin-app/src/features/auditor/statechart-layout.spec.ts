import { describe, expect, it } from 'vitest'
import type { AnyStateMachine } from 'xstate'
import { saleMachine, storeMachine, terminalMachine } from '@pos/state-machines'
import { activeStateIds, formatStateValue, layoutStatechart, type LayoutNode } from './statechart-layout.ts'

/** Every state path of a machine definition, walked independently of the layout. */
function statePaths(machine: AnyStateMachine): string[] {
  const out: string[] = []
  const walk = (node: { path: string[]; states: Record<string, unknown> }) => {
    out.push(node.path.join('.'))
    for (const child of Object.values(node.states)) walk(child as typeof node)
  }
  walk(machine.root as unknown as { path: string[]; states: Record<string, unknown> })
  return out.sort()
}

const inside = (inner: LayoutNode, outer: LayoutNode) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height

const overlap = (a: LayoutNode, b: LayoutNode) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

const parentOf = (id: string) => (id.includes('.') ? id.slice(0, id.lastIndexOf('.')) : '')

describe.each([
  ['store', storeMachine],
  ['terminal', terminalMachine],
  ['sale', saleMachine],
] as Array<[string, AnyStateMachine]>)('layoutStatechart(%s)', (_name, machine) => {
  const layout = layoutStatechart(machine)
  const byId = new Map(layout.nodes.map((n) => [n.id, n]))

  it('draws every state of the definition once', () => {
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(statePaths(machine))
  })

  it('nests each state inside its parent and keeps siblings apart', () => {
    for (const node of layout.nodes) {
      if (node.id === '') continue
      expect(inside(node, byId.get(parentOf(node.id))!), `${node.id} inside its parent`).toBe(true)
    }
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a.id < b.id && a.id !== '' && b.id !== '' && parentOf(a.id) === parentOf(b.id)) {
          expect(overlap(a, b), `${a.id} and ${b.id} overlap`).toBe(false)
        }
      }
    }
  })

  it('fits every label in its box and every box in the drawing', () => {
    for (const node of layout.nodes) {
      expect(node.key.length * 7.3 + 24).toBeLessThanOrEqual(node.width)
      for (const line of node.internalEvents) expect(`↻ ${line}`.length * 7.3 + 24).toBeLessThanOrEqual(node.width)
      expect(node.x + node.width).toBeLessThanOrEqual(layout.width)
      expect(node.y + node.height).toBeLessThanOrEqual(layout.height)
    }
  })

  it('leaves room between siblings for the longest arrow label', () => {
    for (const edge of layout.edges) {
      const from = byId.get(edge.from)!
      const to = byId.get(edge.to)!
      if (parentOf(edge.from) !== parentOf(edge.to) || to.x < from.x + from.width) continue
      const longest = Math.max(...edge.events.map((e) => e.length * 7.3))
      expect(to.x - (from.x + from.width), `${edge.id}`).toBeGreaterThanOrEqual(Math.min(240, longest))
    }
  })

  it('connects only states that exist, never a state to itself', () => {
    for (const edge of layout.edges) {
      expect(byId.has(edge.from) && byId.has(edge.to)).toBe(true)
      expect(edge.from).not.toBe(edge.to)
      expect(edge.d).toMatch(/^M [\d.-]+ [\d.-]+ C /)
    }
  })
})

describe('statechart content', () => {
  it('shows the store day as arrows and the roster events inside the machine', () => {
    const layout = layoutStatechart(storeMachine)
    const edges = Object.fromEntries(layout.edges.map((e) => [e.id, e.events]))
    expect(edges['closed->open']).toEqual(['store.open'])
    expect(edges['open->closed']).toEqual(['store.close'])
    const root = layout.nodes.find((n) => n.id === '')!
    expect(root.internalEvents).toContain('terminal.connected ×3')
    expect(root.internalEvents).toContain('terminal.register')
    expect(layout.nodes.find((n) => n.id === 'closed')!.initial).toBe(true)
  })

  it('draws the terminal regions as parallel regions', () => {
    const layout = layoutStatechart(terminalMachine)
    const regions = layout.nodes.filter((n) => n.region).map((n) => n.id)
    expect(regions).toEqual(['paired.connection', 'paired.session'])
    const connection = layout.nodes.find((n) => n.id === 'paired.connection')!
    const session = layout.nodes.find((n) => n.id === 'paired.session')!
    expect(session.y).toBeGreaterThan(connection.y + connection.height - 1)
    expect(layout.edges.map((e) => e.id)).toEqual(
      expect.arrayContaining(['unpaired->paired', 'paired->unpaired', 'paired.connection.offline->paired.connection.online'])
    )
  })

  it('draws the sale going back from tendering into the active cart', () => {
    const layout = layoutStatechart(saleMachine)
    const back = layout.edges.find((e) => e.id === 'tendering->cart.active')!
    expect(back.events).toEqual(['sale.backToCart'])
    expect(layout.edges.find((e) => e.id === 'cart.active->tendering')!.events).toEqual(['sale.startTender'])
  })
})

describe('activeStateIds', () => {
  it('lists a leaf and its ancestors for a parallel value', () => {
    expect([...activeStateIds({ paired: { connection: 'online', session: 'signedOut' } })].sort()).toEqual([
      '',
      'paired',
      'paired.connection',
      'paired.connection.online',
      'paired.session',
      'paired.session.signedOut',
    ])
    expect([...activeStateIds('open')].sort()).toEqual(['', 'open'])
    expect([...activeStateIds({ cart: 'parked' })].sort()).toEqual(['', 'cart', 'cart.parked'])
  })

  it('formats state values on one line', () => {
    expect(formatStateValue('open')).toBe('open')
    expect(formatStateValue({ cart: 'active' })).toBe('cart.active')
    expect(formatStateValue({ paired: { connection: 'online', session: 'signedIn' } })).toBe('paired(connection: online, session: signedIn)')
    expect(formatStateValue({ paired: { session: 'signedIn', connection: 'online' } })).toBe('paired(connection: online, session: signedIn)')
  })
})
