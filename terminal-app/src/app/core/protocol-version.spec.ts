import { PROTOCOL_VERSION } from '@pos/protocols'
import { APP_PROTOCOL_VERSION } from './terminal.service'

describe('protocol version', () => {
  // The app keeps its own copy so the bundle does not carry the schema library; this keeps them equal.
  it('is the one @pos/protocols declares', () => {
    expect(APP_PROTOCOL_VERSION).toBe(PROTOCOL_VERSION)
  })
})
