import { BaseSeeder } from '@adonisjs/lucid/seeders'
import hash from '@adonisjs/core/services/hash'

/*
 * The demo tenant for `npm start`: a kirana store in Bengaluru (Karnataka, state
 * code 29) with two terminals and an owner, a manager and a cashier.
 * Idempotent: does nothing when the demo tenant exists.
 */
export const DEMO = {
  tenantId: '0195f0a0-0000-7000-8000-000000000001',
  storeId: '0195f0a0-0000-7000-8000-000000000002',
  terminalIds: ['0195f0a0-0000-7000-8000-000000000003', '0195f0a0-0000-7000-8000-000000000004'],
  password: 'demo-pass-2026',
  users: [
    { id: '0195f0a0-0000-7000-8000-000000000011', name: 'Ramesh Sharma', email: 'owner@demo.test', phone: '+919900000001', role: 'owner' },
    { id: '0195f0a0-0000-7000-8000-000000000012', name: 'Priya Nair', email: 'manager@demo.test', phone: '+919900000002', role: 'manager' },
    { id: '0195f0a0-0000-7000-8000-000000000013', name: 'Arjun Kumar', email: 'cashier@demo.test', phone: '+919900000003', role: 'cashier' },
  ],
} as const

export default class DemoSeeder extends BaseSeeder {
  override async run() {
    await this.client.transaction(async (trx) => {
      await trx.rawQuery(`select set_config('app.tenant_id', ?, true)`, [DEMO.tenantId])
      const existing = await trx.from('tenants').where('id', DEMO.tenantId).first()
      if (existing) return

      await trx.table('tenants').insert({ id: DEMO.tenantId, name: 'Sharma Kirana Stores', slug: 'sharma-kirana' })
      await trx.table('stores').insert({
        id: DEMO.storeId,
        tenant_id: DEMO.tenantId,
        code: 'BLR1',
        legal_name: 'Sharma Kirana Stores Private Limited',
        trade_name: 'Sharma Kirana',
        gstin: '29AAFCS1234K1Z8',
        state_code: '29',
        address_line1: '12, 4th Cross, Indiranagar',
        address_line2: null,
        city: 'Bengaluru',
        pincode: '560038',
      })
      await trx.table('terminals').multiInsert(
        DEMO.terminalIds.map((id, index) => ({
          id,
          tenant_id: DEMO.tenantId,
          store_id: DEMO.storeId,
          name: `Counter ${index + 1}`,
          kind: 'terminal',
          invoice_prefix: `B1T${index + 1}`,
        }))
      )
      const passwordHash = await hash.make(DEMO.password)
      for (const user of DEMO.users) {
        await trx.table('users').insert({
          id: user.id,
          name: user.name,
          email: user.email,
          phone: user.phone,
          password_hash: passwordHash,
          created_by_tenant: DEMO.tenantId,
        })
        await trx.table('memberships').insert({
          tenant_id: DEMO.tenantId,
          user_id: user.id,
          store_id: user.role === 'owner' ? null : DEMO.storeId,
          role: user.role,
        })
      }
    })
  }
}
