/*
 * What a transition changed in an actor's context, path by path, for the timeline. Contexts
 * arrive as JSON (from the journal) or from a replay; both are compared as JSON values.
 */

export type DiffKind = 'added' | 'removed' | 'changed'

export interface DiffEntry {
  /** `terminals.0190….presence`, `lines[2].quantity`; empty for a change of the whole value. */
  path: string
  kind: DiffKind
  before?: unknown
  after?: unknown
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return path === '' ? key : `${path}.${key}`
}

/**
 * The differences between two JSON values: objects key by key (in sorted order, so the
 * answer does not depend on key order), arrays index by index, anything else by value.
 * A key whose value is `undefined` counts as absent, as it would after JSON.
 */
export function diffContext(before: unknown, after: unknown, path = ''): DiffEntry[] {
  if (Object.is(before, after)) return []
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return keys.flatMap((key) => {
      const had = before[key] !== undefined
      const has = after[key] !== undefined
      if (had && !has) return [{ path: join(path, key), kind: 'removed' as const, before: before[key] }]
      if (!had && has) return [{ path: join(path, key), kind: 'added' as const, after: after[key] }]
      return diffContext(before[key], after[key], join(path, key))
    })
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const entries: DiffEntry[] = []
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= after.length) entries.push({ path: join(path, i), kind: 'removed', before: before[i] })
      else if (i >= before.length) entries.push({ path: join(path, i), kind: 'added', after: after[i] })
      else entries.push(...diffContext(before[i], after[i], join(path, i)))
    }
    return entries
  }
  if (before === undefined) return [{ path, kind: 'added', after }]
  if (after === undefined) return [{ path, kind: 'removed', before }]
  return [{ path, kind: 'changed', before, after }]
}

/** Whether two JSON values are equal (no differences at all). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return diffContext(a, b).length === 0
}
