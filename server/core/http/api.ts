import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import { z } from 'zod'
import { roleAtLeast, type ErrorCode, type Role } from '@pos/protocols'
import { AppError, commonErrors } from '../errors.js'
import { parseInput } from '../validation.js'
import type { AuthMode, Principal } from './principal.js'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface RouteInput<B, Q, P> {
  ctx: HttpContext
  body: B
  query: Q
  params: Record<string, string>
  principal: P
}

type PrincipalFor<A extends AuthMode> = A extends 'none'
  ? null
  : A extends 'user'
    ? Extract<Principal, { kind: 'user' }>
    : A extends 'device'
      ? Extract<Principal, { kind: 'device' }>
      : Principal

export interface RouteSpec<A extends AuthMode, BS extends z.ZodType | undefined, QS extends z.ZodType | undefined> {
  method: Method
  /** Path below /api/v1, with `:param` segments. */
  path: string
  summary: string
  tag: string
  auth: A
  /** Least privileged role allowed (users only). */
  minRole?: Role
  body?: BS
  query?: QS
  response?: z.ZodType
  status?: number
  errors?: ErrorCode[]
  handle: (
    input: RouteInput<
      BS extends z.ZodType ? z.output<BS> : undefined,
      QS extends z.ZodType ? z.output<QS> : undefined,
      PrincipalFor<A>
    >
  ) => unknown
}

export type Authenticator = (ctx: HttpContext, mode: Exclude<AuthMode, 'none'>) => Promise<Principal>

interface Registered {
  spec: RouteSpec<AuthMode, z.ZodType | undefined, z.ZodType | undefined>
}

export const API_PREFIX = '/api/v1'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const authErrors = {
  forbidden: (required: Role) =>
    new AppError('E_AUTH_FORBIDDEN', `This needs the ${required} role or higher`, 403),
}

/**
 * The JSON API's route table. Each route declares its auth, minimum role and
 * protocol schemas; from the same declarations the OpenAPI document is built,
 * so every route is validated and documented by construction.
 */
export function createApi(authenticate: Authenticator) {
  const registered: Registered[] = []

  function route<A extends AuthMode, BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<A, BS, QS>
  ) {
    registered.push({ spec: spec as unknown as Registered['spec'] })
    router[spec.method](API_PREFIX + spec.path, async (ctx: HttpContext) => {
      let principal: Principal | null = null
      if (spec.auth !== 'none') {
        principal = await authenticate(ctx, spec.auth)
        if (spec.minRole && (principal.kind !== 'user' || !roleAtLeast(principal.role, spec.minRole))) {
          throw authErrors.forbidden(spec.minRole)
        }
      }
      // Ids in paths are UUIDs (actor ids excepted): anything else names nothing.
      for (const [name, value] of Object.entries(ctx.params as Record<string, string>)) {
        if (name.endsWith('Id') && name !== 'actorId' && !UUID.test(value)) throw commonErrors.notFound()
      }
      let body: unknown
      if (spec.body) {
        const type = ctx.request.header('content-type') ?? ''
        if (!type.includes('application/json')) throw commonErrors.unsupportedMediaType()
        body = parseInput(spec.body, ctx.request.body())
      }
      const query = spec.query ? parseInput(spec.query, ctx.request.qs()) : undefined
      const result = await spec.handle({ ctx, body, query, params: ctx.params, principal } as never)
      ctx.response.status(spec.status ?? 200)
      return result
    })
  }

  function openApiDocument() {
    const paths: Record<string, Record<string, unknown>> = {}
    for (const { spec } of registered) {
      const path = (API_PREFIX + spec.path).replace(/:([A-Za-z]+)/g, '{$1}')
      const params = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((match) => ({
        name: match[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }))
      const queryParams = spec.query ? queryParameters(spec.query) : []
      const operation: Record<string, unknown> = {
        summary: spec.summary,
        tags: [spec.tag],
        parameters: [...params, ...queryParams],
        responses: {
          [String(spec.status ?? 200)]: {
            description: 'OK',
            ...(spec.response ? { content: { 'application/json': { schema: toSchema(spec.response) } } } : {}),
          },
          default: {
            description: `Error. Codes: ${['E_VALIDATION', ...(spec.errors ?? [])].join(', ')}`,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      }
      if (spec.auth !== 'none') {
        operation.security = securityFor(spec.auth)
        if (spec.minRole) operation['x-min-role'] = spec.minRole
      }
      if (spec.body) {
        operation.requestBody = { required: true, content: { 'application/json': { schema: toSchema(spec.body) } } }
      }
      paths[path] = { ...paths[path], [spec.method]: operation }
    }
    return {
      openapi: '3.1.0',
      info: { title: 'POS platform API', version: '1' },
      servers: [{ url: '/' }],
      paths,
      components: {
        securitySchemes: {
          accessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          deviceKey: { type: 'apiKey', in: 'header', name: 'x-device-key' },
        },
        schemas: {
          Error: {
            type: 'object',
            required: ['error'],
            properties: {
              error: {
                type: 'object',
                required: ['code', 'message'],
                properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
              },
            },
          },
        },
      },
    }
  }

  function routes() {
    return registered.map(({ spec }) => ({ method: spec.method, path: API_PREFIX + spec.path }))
  }

  return { route, openApiDocument, routes }
}

function toSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })
}

function queryParameters(schema: z.ZodType) {
  const json = toSchema(schema) as { properties?: Record<string, unknown>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }))
}

function securityFor(mode: AuthMode) {
  if (mode === 'user') return [{ accessToken: [] }]
  if (mode === 'device') return [{ deviceKey: [] }]
  return [{ accessToken: [] }, { deviceKey: [] }]
}
