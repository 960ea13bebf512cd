import {
  changeMembershipRequestSchema,
  loginRequestSchema,
  logoutRequestSchema,
  meResponseSchema,
  refreshRequestSchema,
  sessionResponseSchema,
  tenantChoiceSchema,
  tokenScopeSchema,
} from './auth.ts'
import { assert, describe, it, omit, OTHER_V4, schemaCases, V4 } from '../schema-cases.spec.ts'

const login = { login: 'manager@kirana.example', password: 'correct horse battery staple', tenantId: V4 }
schemaCases('loginRequestSchema', loginRequestSchema, {
  accepts: [
    ['an email with a tenant', login],
    ['a phone number without a tenant', { login: '+919876543210', password: 'x' }],
    ['a login with spaces around it (trimmed)', { ...login, login: '  manager@kirana.example ' }, login],
  ],
  rejects: {
    'an unknown field': [{ ...login, role: 'owner' }, ''],
    'a missing login': [omit(login, 'login'), 'login'],
    'a login under 3 characters once trimmed': [{ ...login, login: '  ab  ' }, 'login'],
    'a login over 254 characters': [{ ...login, login: `${'m'.repeat(250)}@x.in` }, 'login'],
    'a login as a number': [{ ...login, login: 9876543210 }, 'login'],
    'a missing password': [omit(login, 'password'), 'password'],
    'an empty password': [{ ...login, password: '' }, 'password'],
    'a password over 256 characters': [{ ...login, password: 'p'.repeat(257) }, 'password'],
    'a tenantId that is no UUID': [{ ...login, tenantId: 'kirana' }, 'tenantId'],
  },
})

const refresh = { refreshToken: 'rt_0123456789abcdefghijklmnop' }
schemaCases('refreshRequestSchema', refreshRequestSchema, {
  accepts: [['a refresh token', refresh]],
  rejects: {
    'an unknown field': [{ ...refresh, accessToken: 'x' }, ''],
    'a missing refresh token': [{}, 'refreshToken'],
    'a refresh token under 20 characters': [{ refreshToken: 'r'.repeat(19) }, 'refreshToken'],
    'a refresh token over 512 characters': [{ refreshToken: 'r'.repeat(513) }, 'refreshToken'],
    'a refresh token as a number': [{ refreshToken: 12345678901234567890 }, 'refreshToken'],
  },
})

describe('logoutRequestSchema', () => {
  it('is the refresh request', () => {
    assert.equal(logoutRequestSchema, refreshRequestSchema)
  })
})

const scope = { tenantId: V4, role: 'manager', stores: [OTHER_V4] }
schemaCases('tokenScopeSchema', tokenScopeSchema, {
  accepts: [
    ['a manager of one store', scope],
    ['an owner of every store', { ...scope, role: 'owner', stores: '*' }],
  ],
  rejects: {
    'an unknown role': [{ ...scope, role: 'admin' }, 'role'],
    'stores as another word': [{ ...scope, stores: 'all' }, 'stores'],
    'a store id that is no UUID': [{ ...scope, stores: ['S1'] }, 'stores.0'],
    'a missing tenantId': [omit(scope, 'tenantId'), 'tenantId'],
  },
})

const user = { id: OTHER_V4, name: 'Anita', email: 'anita@kirana.example', phone: null }
const session = { accessToken: 'eyJ.a.b', expiresIn: 900, refreshToken: 'rt_0123456789abcdefghij', user, scope }
schemaCases('sessionResponseSchema', sessionResponseSchema, {
  accepts: [['a session', session]],
  rejects: {
    'a missing refresh token': [omit(session, 'refreshToken'), 'refreshToken'],
    'a fractional expiresIn': [{ ...session, expiresIn: 899.5 }, 'expiresIn'],
    'a user id that is no UUID': [{ ...session, user: { ...user, id: 'anita' } }, 'user.id'],
    'a missing phone (nullable, not optional)': [{ ...session, user: omit(user, 'phone') }, 'user.phone'],
    'a scope without stores': [{ ...session, scope: omit(scope, 'stores') }, 'scope.stores'],
  },
})

schemaCases('meResponseSchema', meResponseSchema, {
  accepts: [['the signed-in user', { user, scope }]],
  rejects: {
    'a missing scope': [{ user }, 'scope'],
    'an email as a number': [{ user: { ...user, email: 5 }, scope }, 'user.email'],
  },
})

schemaCases('tenantChoiceSchema', tenantChoiceSchema, {
  accepts: [['a tenant', { tenantId: V4, name: 'Kirana Mart', role: 'cashier' }]],
  rejects: {
    'an unknown role': [{ tenantId: V4, name: 'Kirana Mart', role: 'boss' }, 'role'],
    'a missing name': [{ tenantId: V4, role: 'cashier' }, 'name'],
  },
})

const membership = { role: 'manager', storeId: V4 }
schemaCases('changeMembershipRequestSchema', changeMembershipRequestSchema, {
  accepts: [
    ['a manager of one store', membership],
    ['a cashier of every store', { role: 'cashier', storeId: null }],
    ['an owner (every store)', { role: 'owner', storeId: null }],
  ],
  rejects: {
    'an unknown role': [{ ...membership, role: 'admin' }, 'role'],
    'a missing role': [omit(membership, 'role'), 'role'],
    'a missing storeId': [omit(membership, 'storeId'), 'storeId'],
    'a storeId that is no UUID': [{ ...membership, storeId: 'main' }, 'storeId'],
    'an owner of one store only': [{ role: 'owner', storeId: OTHER_V4 }, 'storeId'],
    'an unknown field': [{ ...membership, userId: V4 }, ''],
  },
})
