import {
  actorHistoryQuerySchema,
  actorHistorySchema,
  actorListQuerySchema,
  actorSummarySchema,
  auditEntrySchema,
  createPairingCodeRequestSchema,
  createUserRequestSchema,
  deviceSchema,
  gstinShapeSchema,
  journalEntrySchema,
  pageQuerySchema,
  pairDeviceRequestSchema,
  pairDeviceResponseSchema,
  pairingCodeResponseSchema,
  stateCodeSchema,
  storeSchema,
  terminalSchema,
  userSummarySchema,
} from './tenancy.ts'
import { AT, omit, OTHER_V4, schemaCases, V4, V7 } from '../schema-cases.spec.ts'

schemaCases('stateCodeSchema', stateCodeSchema, {
  accepts: [
    ['Karnataka', '29'],
    ['other territory', '97'],
  ],
  rejects: { 'one digit': ['9', ''], 'three digits': ['290', ''], letters: ['KA', ''], 'a number': [29, ''] },
})

schemaCases('gstinShapeSchema', gstinShapeSchema, {
  accepts: [['a GSTIN', '29AAPFU0939F1ZV']],
  rejects: {
    'lower case': ['29aapfu0939f1zv', ''],
    '14 characters': ['29AAPFU0939F1Z', ''],
    'no Z in the 14th place': ['29AAPFU0939F1XV', ''],
    'a state that is not two digits': ['2AAAPFU0939F1ZV', ''],
  },
})

const store = {
  id: V4,
  tenantId: OTHER_V4,
  code: 'S1',
  legalName: 'Kirana Mart Pvt Ltd',
  tradeName: null,
  gstin: '29AAPFU0939F1ZV',
  stateCode: '29',
  address: { line1: '1 MG Road', line2: null, city: 'Bengaluru', pincode: '560001' },
  timezone: 'Asia/Kolkata',
  composition: false,
}
schemaCases('storeSchema', storeSchema, {
  accepts: [['a store', store]],
  rejects: {
    'a bad state code': [{ ...store, stateCode: '9' }, 'stateCode'],
    'an address without a city': [{ ...store, address: omit(store.address, 'city') }, 'address.city'],
    'composition as a string': [{ ...store, composition: 'no' }, 'composition'],
    'a missing tradeName (nullable, not optional)': [omit(store, 'tradeName'), 'tradeName'],
  },
})

const terminal = { id: V4, storeId: OTHER_V4, name: 'Counter 1', invoicePrefix: 'T1', kind: 'terminal' }
schemaCases('terminalSchema', terminalSchema, {
  accepts: [
    ['a terminal', terminal],
    ['a station', { ...terminal, kind: 'station' }],
  ],
  rejects: { 'an unknown kind': [{ ...terminal, kind: 'kiosk' }, 'kind'], 'a missing invoicePrefix': [omit(terminal, 'invoicePrefix'), 'invoicePrefix'] },
})

schemaCases('createPairingCodeRequestSchema', createPairingCodeRequestSchema, {
  accepts: [['a terminal id', { terminalId: V4 }]],
  rejects: {
    'an unknown field': [{ terminalId: V4, storeId: OTHER_V4 }, ''],
    'a terminalId that is no UUID': [{ terminalId: 'T1' }, 'terminalId'],
    'a missing terminalId': [{}, 'terminalId'],
  },
})

schemaCases('pairingCodeResponseSchema', pairingCodeResponseSchema, {
  accepts: [['a code', { code: 'AB12-CD34', expiresAt: AT, terminalId: V4 }]],
  rejects: { 'a missing expiresAt': [{ code: 'AB12-CD34', terminalId: V4 }, 'expiresAt'] },
})

schemaCases('pairDeviceRequestSchema', pairDeviceRequestSchema, {
  accepts: [
    ['a code with a dash and a name', { code: 'AB12-CD34', name: 'Counter 1' }],
    ['a code typed in lower case with spaces (normalised)', { code: ' ab12-cd34 ', name: '  Counter 1 ' }, { code: 'AB12-CD34', name: 'Counter 1' }],
    ['a code without the dash', { code: 'AB12CD34' }],
  ],
  rejects: {
    'an unknown field': [{ code: 'AB12-CD34', terminalId: V4 }, ''],
    'a code one character short': [{ code: 'AB12-CD3' }, 'code'],
    'a code with another separator': [{ code: 'AB12_CD34' }, 'code'],
    'a code with a symbol': [{ code: 'AB12-CD3!' }, 'code'],
    'a missing code': [{ name: 'Counter 1' }, 'code'],
    'a blank name': [{ code: 'AB12-CD34', name: '   ' }, 'name'],
    'a name over 80 characters': [{ code: 'AB12-CD34', name: 'n'.repeat(81) }, 'name'],
  },
})

const paired = { deviceId: V7, deviceKey: 'dk_secret', tenantId: V4, storeId: OTHER_V4, terminalId: V4, kind: 'terminal' }
schemaCases('pairDeviceResponseSchema', pairDeviceResponseSchema, {
  accepts: [['a paired device', paired]],
  rejects: { 'a missing deviceKey': [omit(paired, 'deviceKey'), 'deviceKey'], 'an unknown kind': [{ ...paired, kind: 'printer' }, 'kind'] },
})

const device = { id: V4, storeId: OTHER_V4, terminalId: V4, kind: 'station', name: 'Kitchen', keyPrefix: 'dk_abc1234', lastSeenAt: null, revokedAt: AT, createdAt: AT }
schemaCases('deviceSchema', deviceSchema, {
  accepts: [['a revoked station', device]],
  rejects: { 'a missing revokedAt (nullable, not optional)': [omit(device, 'revokedAt'), 'revokedAt'], 'an id that is no UUID': [{ ...device, id: 'd1' }, 'id'] },
})

const summary = { id: V4, name: 'Anita', email: null, phone: '+919876543210', memberships: [{ role: 'cashier', storeId: OTHER_V4 }, { role: 'owner', storeId: null }] }
schemaCases('userSummarySchema', userSummarySchema, {
  accepts: [['a user with two memberships', summary]],
  rejects: {
    'an unknown role': [{ ...summary, memberships: [{ role: 'boss', storeId: null }] }, 'memberships.0.role'],
    'a membership without storeId': [{ ...summary, memberships: [{ role: 'cashier' }] }, 'memberships.0.storeId'],
  },
})

const newUser = { name: 'Ravi Kumar', email: 'ravi@kirana.example', password: 'long enough', role: 'cashier', storeId: V4 }
schemaCases('createUserRequestSchema', createUserRequestSchema, {
  accepts: [
    ['a cashier with an email', newUser],
    ['a manager of every store with a phone only', { ...omit(newUser, 'email'), phone: '+919876543210', role: 'manager', storeId: null }],
    ['a name with spaces around it (trimmed)', { ...newUser, name: '  Ravi Kumar ' }, newUser],
  ],
  rejects: {
    'an unknown field': [{ ...newUser, tenantId: OTHER_V4 }, ''],
    'neither email nor phone': [omit(newUser, 'email'), 'email'],
    'a malformed email': [{ ...newUser, email: 'ravi@' }, 'email'],
    'a phone of 9 digits': [{ ...newUser, phone: '987654321' }, 'phone'],
    'a phone with letters': [{ ...newUser, phone: '+91 98765 43210' }, 'phone'],
    'a password of 7 characters': [{ ...newUser, password: 'short12' }, 'password'],
    'an unknown role': [{ ...newUser, role: 'admin' }, 'role'],
    'a missing storeId (nullable, not optional)': [omit(newUser, 'storeId'), 'storeId'],
    'a blank name': [{ ...newUser, name: '   ' }, 'name'],
  },
})

const audit = { id: '42', at: AT, action: 'device.revoked', actorUserId: V4, actorDeviceId: null, subjectType: 'device', subjectId: OTHER_V4, data: {}, requestId: null }
schemaCases('auditEntrySchema', auditEntrySchema, {
  accepts: [['an audit entry', audit]],
  rejects: { 'data as a list': [{ ...audit, data: [] }, 'data'], 'an actorUserId that is no UUID': [{ ...audit, actorUserId: 'ravi' }, 'actorUserId'] },
})

schemaCases('pageQuerySchema', pageQuerySchema, {
  accepts: [
    ['query-string numbers (coerced)', { limit: '20', before: '1234' }, { limit: 20, before: '1234' }],
    ['nothing (limit defaults to 50)', {}, { limit: 50 }],
  ],
  rejects: {
    'an unknown parameter': [{ limit: '20', page: '2' }, ''],
    'limit 0': [{ limit: '0' }, 'limit'],
    'a limit over 200': [{ limit: '201' }, 'limit'],
    'a limit that is no number': [{ limit: 'ten' }, 'limit'],
    'a cursor that is no number': [{ before: 'abc' }, 'before'],
  },
})

schemaCases('actorListQuerySchema', actorListQuerySchema, {
  accepts: [
    ['a store and a kind', { storeId: V4, kind: 'print_station' }],
    ['a store', { storeId: V4 }],
  ],
  rejects: {
    'an unknown parameter': [{ storeId: V4, tenantId: OTHER_V4 }, ''],
    'a missing storeId': [{ kind: 'store' }, 'storeId'],
    'a kind in capitals': [{ storeId: V4, kind: 'Store' }, 'kind'],
    'a one-letter kind': [{ storeId: V4, kind: 's' }, 'kind'],
  },
})

schemaCases('actorSummarySchema', actorSummarySchema, {
  accepts: [['a store actor', { kind: 'store', actorId: V4, storeId: V4, seq: 12, updatedAt: AT }]],
  rejects: { 'a fractional seq': [{ kind: 'store', actorId: V4, storeId: V4, seq: 1.5, updatedAt: AT }, 'seq'] },
})

const historyQuery = { afterSeq: '5', limit: '10', eventType: 'store.open', from: '2025-04-01T00:00:00+05:30', to: '2025-04-02T00:00:00Z' }
schemaCases('actorHistoryQuerySchema', actorHistoryQuerySchema, {
  accepts: [
    ['a filtered page (numbers coerced)', historyQuery, { ...historyQuery, afterSeq: 5, limit: 10 }],
    ['nothing (from the start, 100 entries)', {}, { afterSeq: 0, limit: 100 }],
  ],
  rejects: {
    'an unknown parameter': [{ ...historyQuery, kind: 'store' }, ''],
    'a negative afterSeq': [{ afterSeq: '-1' }, 'afterSeq'],
    'limit 0': [{ limit: '0' }, 'limit'],
    'a limit over 500': [{ limit: '501' }, 'limit'],
    'a date without a time': [{ from: '2025-04-01' }, 'from'],
    'an event type over 100 characters': [{ eventType: 'e'.repeat(101) }, 'eventType'],
  },
})

const entry = {
  seq: 3,
  at: AT,
  event: { type: 'store.open', at: AT, by: V4 },
  stateBefore: 'closed',
  stateAfter: 'open',
  contextAfter: { status: 'open' },
  actions: [{ type: 'emitFact', params: { type: 'store.opened' } }],
  senderUserId: V4,
  senderDeviceId: null,
  commandId: V7,
}
schemaCases('journalEntrySchema', journalEntrySchema, {
  accepts: [['a transition', entry]],
  rejects: {
    'an event that is no object': [{ ...entry, event: 'store.open' }, 'event'],
    'an action without a type': [{ ...entry, actions: [{ params: null }] }, 'actions.0.type'],
    'a senderDeviceId that is no UUID': [{ ...entry, senderDeviceId: 'tablet' }, 'senderDeviceId'],
  },
})

schemaCases('actorHistorySchema', actorHistorySchema, {
  accepts: [['a page', { kind: 'store', actorId: V4, entries: [entry], nextAfterSeq: null }]],
  rejects: { 'a missing nextAfterSeq (nullable, not optional)': [{ kind: 'store', actorId: V4, entries: [] }, 'nextAfterSeq'] },
})
