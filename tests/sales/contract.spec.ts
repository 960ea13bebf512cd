import { test } from '@japa/runner'
import { ERROR_CODES, salesCommandSchemas } from '@pos/protocols'
import { SALE_ERRORS, SHIFT_ERRORS, TAX_ERRORS } from '@pos/state-machines'
import { salesModule } from '#modules/sales/index'

test.group('sales contract', () => {
  test('every refusal of the sale and shift machines (and the tax engine beneath them) is a protocol error code', ({ assert }) => {
    const known = new Set<string>(ERROR_CODES)
    assert.deepEqual(
      [...Object.keys(SALE_ERRORS), ...Object.keys(SHIFT_ERRORS), ...Object.keys(TAX_ERRORS)].filter((code) => !known.has(code)),
      []
    )
  })

  test('every sales command has a route, and nothing else', ({ assert }) => {
    assert.sameMembers(Object.keys(salesModule.commandRoutes), Object.keys(salesCommandSchemas))
  })
})
