import type { DiffEntry } from './context-diff.ts'

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value))

/** A context diff as lines: `- path: before`, `+ path: after`, `~ path: before → after`. */
export function DiffList({ diff, limit }: { diff: DiffEntry[]; limit?: number }) {
  if (diff.length === 0) return <p className="muted small">No context change.</p>
  const shown = limit ? diff.slice(0, limit) : diff
  return (
    <ul className="diff" data-testid="context-diff">
      {shown.map((entry) => (
        <li key={`${entry.kind}:${entry.path}`} className={`diff-${entry.kind}`}>
          <span className="diff-sign">{entry.kind === 'added' ? '+' : entry.kind === 'removed' ? '−' : '~'}</span>
          <span className="diff-path">{entry.path || '(context)'}</span>
          {entry.kind === 'changed' ? (
            <>
              <span className="diff-before">{show(entry.before)}</span> → <span className="diff-after">{show(entry.after)}</span>
            </>
          ) : (
            <span className={entry.kind === 'added' ? 'diff-after' : 'diff-before'}>{show(entry.kind === 'added' ? entry.after : entry.before)}</span>
          )}
        </li>
      ))}
      {shown.length < diff.length && <li className="muted small">… {diff.length - shown.length} more</li>}
    </ul>
  )
}
