import type { z } from 'zod'
import { catalogQuerySchemas } from '../catalog/index.ts'
import { inventoryQuerySchemas } from '../inventory/index.ts'
import { searchQuerySchemas } from '../search/index.ts'
import { salesQuerySchemas } from '../sales/index.ts'
import { importsQuerySchemas } from '../imports/index.ts'

/**
 * Client→server queries over the socket: read-only requests answered with an
 * Ack of the response (`{ ok: true, data }` or a typed error). Unlike commands
 * they carry no commandId, change nothing and are not journaled.
 */
export const querySchemas = {
  ...catalogQuerySchemas,
  ...inventoryQuerySchemas,
  ...searchQuerySchemas,
  ...salesQuerySchemas,
  ...importsQuerySchemas,
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>

export type QueryName = keyof typeof querySchemas
export type QueryRequest<N extends QueryName> = z.infer<(typeof querySchemas)[N]['request']>
export type QueryResponse<N extends QueryName> = z.infer<(typeof querySchemas)[N]['response']>
export const QUERY_NAMES = Object.keys(querySchemas) as QueryName[]
