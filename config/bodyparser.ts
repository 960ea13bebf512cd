import { defineConfig } from '@adonisjs/core/bodyparser'

/*
 * JSON only. Bodies are small (commands, not files); the limit keeps a
 * misbehaving client from tying up memory. Imports use their own route.
 */
export default defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  json: {
    encoding: 'utf-8',
    limit: '256kb',
    strict: true,
    types: [
      'application/json',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/csp-report',
    ],
  },
  form: {
    encoding: 'utf-8',
    limit: '64kb',
    queryString: {},
    convertEmptyStringsToNull: false,
    types: ['application/x-www-form-urlencoded'],
  },
  raw: {
    encoding: 'utf-8',
    limit: '64kb',
    // text/csv is left to the catalog import route, which streams it (up to 20 MiB).
    types: ['text/plain'],
  },
  multipart: {
    autoProcess: false,
    convertEmptyStringsToNull: false,
    processManually: [],
    fieldsLimit: '64kb',
    limit: '20mb',
    types: ['multipart/form-data'],
  },
})
