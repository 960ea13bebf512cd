import type { AnyStateMachine, StateValue } from 'xstate'

/*
 * A statechart diagram of a machine definition, laid out without a layout library: nested
 * boxes (a compound state's children left to right, a parallel state's regions top to
 * bottom), arrows for transitions that change state, and the events a state handles without
 * leaving it listed inside its box. Sizes come from a monospace font, so text always fits.
 */

/** Width of one character of the diagram's 12px monospace font. */
export const CHAR_WIDTH = 7.3
const PADDING = 12
const HEADER = 24
const LINE = 16
/** Horizontal room between sibling states, for arrows and their labels. */
const GAP_X = 96
const MAX_GAP_X = 240
const GAP_Y = 18
const MIN_WIDTH = 120

interface DefinitionNode {
  key: string
  path: string[]
  type: string
  description?: string
  states: Record<string, DefinitionNode>
  on: Record<string, Array<{ target?: ReadonlyArray<{ path: string[] }>; description?: string; guard?: unknown }>>
  always?: Array<{ target?: ReadonlyArray<{ path: string[] }> }>
  initial?: { target: ReadonlyArray<{ path: string[] }> }
}

export interface LayoutNode {
  /** The state's path joined with dots ('' for the machine itself): the id that state values map to. */
  id: string
  key: string
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history'
  depth: number
  x: number
  y: number
  width: number
  height: number
  /** Events handled in this state without leaving it, as shown ("terminal.connected ×3"). */
  internalEvents: string[]
  /** The initial child of its parent (drawn with an entry dot). */
  initial: boolean
  /** A region of a parallel state. */
  region: boolean
  description: string | null
}

export interface LayoutEdge {
  id: string
  from: string
  to: string
  events: string[]
  /** SVG path data of the arrow. */
  d: string
  labelX: number
  labelY: number
}

export interface StatechartLayout {
  width: number
  height: number
  nodes: LayoutNode[]
  edges: LayoutEdge[]
}

interface Box {
  node: DefinitionNode
  width: number
  height: number
  internal: string[]
  children: Box[]
}

const idOf = (path: readonly string[]) => path.join('.')
const textWidth = (text: string) => text.length * CHAR_WIDTH

/** Event types taken without a target, counted by branch ("terminal.connected ×3"). */
function internalEvents(node: DefinitionNode): string[] {
  const lines: string[] = []
  for (const [event, transitions] of Object.entries(node.on)) {
    const internal = transitions.filter((t) => !t.target || t.target.length === 0)
    if (internal.length === 0) continue
    lines.push(internal.length > 1 ? `${event} ×${internal.length}` : event)
  }
  return lines
}

/** Room between a compound state's children: wide enough for the longest event label on an arrow leaving one of them. */
function siblingGap(node: DefinitionNode): number {
  const labels = Object.values(node.states).flatMap((child) =>
    Object.entries(child.on)
      .filter(([, transitions]) => transitions.some((t) => t.target && t.target.length > 0))
      .map(([event]) => event)
  )
  return Math.min(MAX_GAP_X, Math.max(GAP_X, ...labels.map((label) => textWidth(label) + 24)))
}

function measure(node: DefinitionNode): Box {
  const internal = internalEvents(node)
  const children = Object.values(node.states).map(measure)
  const ownWidth = Math.max(MIN_WIDTH, textWidth(node.key) + 2 * PADDING, ...internal.map((line) => textWidth(`↻ ${line}`) + 2 * PADDING))
  const top = HEADER + internal.length * LINE
  if (children.length === 0) return { node, width: ownWidth, height: top + PADDING, internal, children }
  const parallel = node.type === 'parallel'
  const gap = siblingGap(node)
  const inner = parallel
    ? { width: Math.max(...children.map((c) => c.width)), height: children.reduce((s, c) => s + c.height, 0) + GAP_Y * (children.length - 1) }
    : { width: children.reduce((s, c) => s + c.width, 0) + gap * (children.length - 1), height: Math.max(...children.map((c) => c.height)) }
  if (parallel) for (const child of children) child.width = inner.width
  // Room for the initial-state dot left of the first child.
  const left = parallel ? PADDING : PADDING + 18
  return { node, width: Math.max(ownWidth, inner.width + left + PADDING), height: top + inner.height + 2 * PADDING, internal, children }
}

function place(box: Box, x: number, y: number, depth: number, parent: DefinitionNode | null, out: LayoutNode[]) {
  const parallelParent = parent?.type === 'parallel'
  const initialId = parent?.initial?.target[0] ? idOf(parent.initial.target[0].path) : null
  out.push({
    id: idOf(box.node.path),
    key: box.node.key,
    type: box.node.type as LayoutNode['type'],
    depth,
    x,
    y,
    width: box.width,
    height: box.height,
    internalEvents: box.internal,
    initial: !parallelParent && initialId === idOf(box.node.path),
    region: parallelParent,
    description: box.node.description ?? null,
  })
  const top = y + HEADER + box.internal.length * LINE + PADDING
  if (box.node.type === 'parallel') {
    let cy = top
    for (const child of box.children) {
      place(child, x + PADDING, cy, depth + 1, box.node, out)
      cy += child.height + GAP_Y
    }
  } else {
    const gap = siblingGap(box.node)
    let cx = x + PADDING + 18
    for (const child of box.children) {
      place(child, cx, top, depth + 1, box.node, out)
      cx += child.width + gap
    }
  }
}

function collectEdges(node: DefinitionNode, byId: Map<string, LayoutNode>, edges: Map<string, { from: string; to: string; events: string[] }>) {
  const add = (event: string, targets: ReadonlyArray<{ path: string[] }> | undefined) => {
    for (const target of targets ?? []) {
      const from = idOf(node.path)
      const to = idOf(target.path)
      if (from === to || !byId.has(to)) continue
      const key = `${from}->${to}`
      const edge = edges.get(key) ?? { from, to, events: [] }
      if (!edge.events.includes(event)) edge.events.push(event)
      edges.set(key, edge)
    }
  }
  for (const [event, transitions] of Object.entries(node.on)) for (const t of transitions) add(event, t.target)
  for (const t of node.always ?? []) add('(always)', t.target)
  for (const child of Object.values(node.states)) collectEdges(child, byId, edges)
}

/**
 * Arrow geometry: forwards (target to the right) from the source's right side to the target's
 * left side; backwards, a curve under both boxes from bottom to bottom, so it never crosses
 * the states between them.
 */
function route(from: LayoutNode, to: LayoutNode, lane: number): Pick<LayoutEdge, 'd' | 'labelX' | 'labelY'> {
  if (to.x >= from.x + from.width) {
    const y1 = from.y + Math.min(from.height / 2, HEADER + 8 + lane * 14)
    const y2 = to.y + Math.min(to.height / 2, HEADER + 8 + lane * 14)
    const x1 = from.x + from.width
    const x2 = to.x
    const mid = (x1 + x2) / 2
    return { d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`, labelX: mid, labelY: (y1 + y2) / 2 - 6 }
  }
  const x1 = from.x + from.width / 2 - lane * 10
  const y1 = from.y + from.height
  const x2 = to.x + to.width / 2 + lane * 10
  const y2 = to.y + to.height
  const dip = Math.max(y1, y2) + 34 + lane * 18
  return { d: `M ${x1} ${y1} C ${x1} ${dip}, ${x2} ${dip}, ${x2} ${y2}`, labelX: (x1 + x2) / 2, labelY: dip - 12 }
}

/** Lays out `machine` (its `root` state node and every descendant). */
export function layoutStatechart(machine: AnyStateMachine): StatechartLayout {
  const root = machine.root as unknown as DefinitionNode
  const box = measure(root)
  const nodes: LayoutNode[] = []
  place(box, 0, 0, 0, null, nodes)
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const grouped = new Map<string, { from: string; to: string; events: string[] }>()
  collectEdges(root, byId, grouped)
  // Backward arrows between the same boxes' neighbourhood get their own lanes so they do not overlap.
  const lanes = new Map<string, number>()
  const edges = [...grouped.values()].map(({ from, to, events }) => {
    const source = byId.get(from)!
    const target = byId.get(to)!
    const direction = target.x >= source.x + source.width ? 'f' : 'b'
    const laneKey = direction === 'f' ? `f:${from}` : 'b'
    const lane = lanes.get(laneKey) ?? 0
    lanes.set(laneKey, lane + 1)
    return { id: `${from}->${to}`, from, to, events, ...route(source, target, lane) }
  })
  const backwardLanes = lanes.get('b') ?? 0
  return { width: box.width + 2, height: box.height + (backwardLanes > 0 ? 40 + backwardLanes * 18 : 0) + 2, nodes, edges }
}

/** The ids (dotted paths) of every state active in `value`, ancestors included ('' is the machine). */
export function activeStateIds(value: StateValue | null | undefined): Set<string> {
  const ids = new Set<string>([''])
  const walk = (current: unknown, prefix: string[]) => {
    if (typeof current === 'string') {
      ids.add(idOf([...prefix, current]))
      return
    }
    if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current as Record<string, unknown>)) {
        ids.add(idOf([...prefix, key]))
        walk(child, [...prefix, key])
      }
    }
  }
  walk(value, [])
  return ids
}

/** A state value as one line: `open`, `paired(connection: online, session: signedIn)`. */
export function formatStateValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (value && typeof value === 'object') {
    // Sorted: a journal read back from Postgres (jsonb) may list parallel regions in another order.
    return Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, child]) => {
        if (typeof child === 'string') return `${key}.${child}`
        const inner = Object.entries(child as Record<string, unknown>)
        if (inner.length > 1) return `${key}(${inner.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}: ${formatStateValue(v)}`).join(', ')})`
        return `${key}.${formatStateValue(child)}`
      })
      .join(', ')
  }
  return value === null || value === undefined ? '—' : String(value)
}
