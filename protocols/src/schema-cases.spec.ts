/*
 * Shared by the schema specs: a table of inputs each schema must accept and of bad
 * variants it must refuse, each at the field where the problem is.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { z } from 'zod'

/** node:test and its assertions, for the specs of this package (whose lint allows zod only). */
export { assert, describe, it }

/** A UUID v7 (time ordered, as clients generate command ids). */
export const V7 = '0190a5d2-4b6c-7a1e-8f3b-2c4d5e6f7a8b'
/** A UUID v4 (server-generated ids). */
export const V4 = '3b241101-e2bb-4255-8caf-4136c566a962'
export const OTHER_V4 = '9c5b94b1-35ad-49bb-b118-8e8fc24abf80'
export const AT = '2025-04-01T10:15:00.000Z'

export interface SchemaCases {
  /** Inputs the schema takes: [label, input] keeps the input as is, [label, input, output] states the parsed value. */
  accepts: Array<[string, unknown] | [string, unknown, unknown]>
  /** Bad variants: label → [input, the dotted path an issue names ('' for the object itself)]. */
  rejects: Record<string, [unknown, string]>
}

/** Registers the cases of one schema with node:test. */
export function schemaCases(name: string, schema: z.ZodType, cases: SchemaCases) {
  describe(name, () => {
    for (const [label, input, ...output] of cases.accepts) {
      it(`accepts ${label}`, () => {
        const result = schema.safeParse(input)
        assert.ok(result.success, JSON.stringify(result.error?.issues))
        assert.deepEqual(result.data, output.length > 0 ? output[0] : input)
      })
    }
    for (const [label, [input, path]] of Object.entries(cases.rejects)) {
      it(`rejects ${label}`, () => {
        const result = schema.safeParse(input)
        assert.equal(result.success, false, `accepted: ${JSON.stringify(input)}`)
        const paths = result.error!.issues.map((issue) => issue.path.join('.'))
        assert.ok(paths.includes(path), `issues at ${JSON.stringify(paths)}, expected one at '${path}'`)
      })
    }
  })
}

/** `object` without `key` (a missing required field). */
export function omit<T extends Record<string, unknown>>(object: T, key: keyof T): Partial<T> {
  const { [key]: _omitted, ...rest } = object
  return rest as Partial<T>
}
