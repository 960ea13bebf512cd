import { useMemo } from 'react'
import type { AnyStateMachine, StateValue } from 'xstate'
import { activeStateIds, layoutStatechart } from './statechart-layout.ts'

/** The machine as a statechart, with the states active in `value` highlighted. */
export function Statechart({ machine, value }: { machine: AnyStateMachine; value: StateValue | null }) {
  const layout = useMemo(() => layoutStatechart(machine), [machine])
  const active = activeStateIds(value)
  const margin = 8
  return (
    <svg
      className="statechart"
      viewBox={`${-margin} ${-margin} ${layout.width + 2 * margin} ${layout.height + 2 * margin}`}
      width={layout.width + 2 * margin}
      role="img"
      aria-label={`Statechart of the ${machine.id} machine`}
      data-testid="statechart"
    >
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="sc-arrowhead" />
        </marker>
      </defs>
      {layout.nodes.map((node) => {
        const isActive = active.has(node.id)
        const leaf = node.type === 'atomic' || node.type === 'final'
        return (
          <g key={node.id || '(root)'} data-state-path={node.id} data-active={isActive ? 'true' : 'false'}>
            <rect
              x={node.x}
              y={node.y}
              width={node.width}
              height={node.height}
              rx={node.region ? 2 : 10}
              className={[
                'sc-state',
                node.region ? 'sc-region' : '',
                node.type === 'final' ? 'sc-final' : '',
                isActive ? (leaf ? 'sc-current' : 'sc-active') : '',
              ].join(' ')}
            >
              {node.description ? <title>{node.description}</title> : null}
            </rect>
            {node.type === 'final' && (
              <rect x={node.x + 3} y={node.y + 3} width={node.width - 6} height={node.height - 6} rx={8} className="sc-final-inner" />
            )}
            <text x={node.x + 12} y={node.y + 17} className={`sc-name ${node.region ? 'sc-region-name' : ''}`}>
              {node.id === '' ? machine.id : node.key}
              {node.region ? ' (parallel region)' : ''}
            </text>
            {node.internalEvents.map((line, i) => (
              <text key={line} x={node.x + 12} y={node.y + 24 + 13 + i * 16} className="sc-internal">
                ↻ {line}
              </text>
            ))}
            {node.initial && (
              <g className="sc-initial">
                <circle cx={node.x - 14} cy={node.y + 12} r={4} />
                <line x1={node.x - 10} y1={node.y + 12} x2={node.x} y2={node.y + 12} markerEnd="url(#arrow)" />
              </g>
            )}
          </g>
        )
      })}
      {layout.edges.map((edge) => (
        <g key={edge.id} className="sc-edge" data-edge={edge.id}>
          <path d={edge.d} markerEnd="url(#arrow)" />
          {edge.events.map((event, i) => (
            <text key={event} x={edge.labelX} y={edge.labelY - (edge.events.length - 1 - i) * 13} textAnchor="middle" className="sc-label">
              {event}
            </text>
          ))}
        </g>
      ))}
    </svg>
  )
}
