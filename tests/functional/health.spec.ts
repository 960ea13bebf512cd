import { test } from '@japa/runner'

test.group('health', () => {
  test('live answers ok', async ({ client }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    response.assertBody({ status: 'ok' })
  })

  test('ready checks Postgres and Redis', async ({ client, assert }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    const names = response.body().checks.map((c: { name: string; ok: boolean }) => `${c.name}:${c.ok}`)
    assert.deepEqual(names, ['postgres:true', 'redis:true'])
  })
})
