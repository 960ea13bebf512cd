import type { z } from 'zod'
import type { ValidationIssue } from '@pos/protocols'
import { commonErrors } from './errors.js'

/**
 * Parses untrusted input with a protocol schema. On failure throws E_VALIDATION
 * with one issue per problem (unknown fields included), and nothing has changed.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }))
  throw commonErrors.validation({ issues })
}
