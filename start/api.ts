/*
 * The API route table every /api/v1 route is declared on (start/routes.ts and
 * the per-module files in start/routes/). Its own file so the module route
 * files can import it without an import cycle through start/routes.ts.
 */
import { createApi } from '#core/http/api'
import { authenticateRequest } from '#modules/identity/index'

export const api = createApi(authenticateRequest)
