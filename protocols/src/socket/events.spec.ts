import { catchUpRequestSchema, handshakeAuthSchema } from './events.ts'
import { assert, describe, it, omit, schemaCases, V4 } from '../schema-cases.spec.ts'

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.payload.signature'
const DEVICE_KEY = 'dk_Jq3xv0mW8kZr1pL5tN7yB2cD4fG6hJ9'
const user = { protocolVersion: 1, token: TOKEN, storeId: V4, lastStoreSeq: 0 }
const device = { protocolVersion: 1, deviceKey: DEVICE_KEY, lastStoreSeq: 42 }

schemaCases('handshakeAuthSchema', handshakeAuthSchema, {
  accepts: [
    ['a user with a store and a last sequence', user],
    ['a user without a store', { protocolVersion: 1, token: TOKEN }],
    ['a device', device],
  ],
  rejects: {
    'both a token and a device key': [{ ...user, deviceKey: DEVICE_KEY }, ''],
    'neither a token nor a device key': [{ protocolVersion: 1 }, ''],
    'a missing protocolVersion': [omit(user, 'protocolVersion'), 'protocolVersion'],
    'protocolVersion as a string': [{ ...user, protocolVersion: '1' }, 'protocolVersion'],
    'a fractional protocolVersion': [{ ...user, protocolVersion: 1.5 }, 'protocolVersion'],
    'a token under 10 characters': [{ ...user, token: 'short' }, 'token'],
    'a token over 4096 characters': [{ ...user, token: 'x'.repeat(4097) }, 'token'],
    'a device key over 200 characters': [{ ...device, deviceKey: `dk_${'x'.repeat(198)}` }, 'deviceKey'],
    'a storeId that is no UUID': [{ ...user, storeId: 'S1' }, 'storeId'],
    'a negative lastStoreSeq': [{ ...user, lastStoreSeq: -1 }, 'lastStoreSeq'],
    'a fractional lastStoreSeq': [{ ...device, lastStoreSeq: 4.2 }, 'lastStoreSeq'],
  },
})

describe('handshakeAuthSchema and unknown fields', () => {
  // A client cannot smuggle a tenant or role into the handshake: unknown keys are refused.
  it('refuses them', () => {
    const result = handshakeAuthSchema.safeParse({ ...device, tenantId: V4, role: 'owner' })
    assert.equal(result.success, false)
    assert.deepEqual(result.error?.issues.map((issue) => issue.code), ['unrecognized_keys'])
  })
})

const catchUp = { storeId: V4, afterSeq: 10, limit: 50 }
schemaCases('catchUpRequestSchema', catchUpRequestSchema, {
  accepts: [
    ['a request with a limit', catchUp],
    ['a request from the start without a limit', { storeId: V4, afterSeq: 0 }],
    ['the largest limit', { ...catchUp, limit: 1000 }],
  ],
  rejects: {
    'an unknown field': [{ ...catchUp, tenantId: V4 }, ''],
    'a missing storeId': [omit(catchUp, 'storeId'), 'storeId'],
    'a storeId that is no UUID': [{ ...catchUp, storeId: 'S1' }, 'storeId'],
    'a missing afterSeq': [omit(catchUp, 'afterSeq'), 'afterSeq'],
    'afterSeq as a string': [{ ...catchUp, afterSeq: '10' }, 'afterSeq'],
    'a negative afterSeq': [{ ...catchUp, afterSeq: -1 }, 'afterSeq'],
    'limit 0': [{ ...catchUp, limit: 0 }, 'limit'],
    'a limit over 1000': [{ ...catchUp, limit: 1001 }, 'limit'],
    'a fractional limit': [{ ...catchUp, limit: 2.5 }, 'limit'],
  },
})
