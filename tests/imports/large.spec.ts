/*
 * A large import runs in the background, batch by batch, without taking the
 * event loop: the server keeps answering while it runs. Batches that collide
 * with another writer, and jobs cut short by a stopping server.
 */
import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { importsModule } from '#modules/imports/index'
import { adminCount, adminRows, asOwner } from '#tests/helpers/db'
import { assertError } from '#tests/helpers/http'
import { pause } from '#tests/realtime/support'
import { catalogTenant, csvFile, ean13, finished, importFile, itemsOf, report, uploadMultipart, type FileRow } from './support.js'

const ROWS = 20_000

function bulkRows(): FileRow[] {
  return Array.from({ length: ROWS }, (_, index) => {
    const n = index + 1
    // Four variants per product; the product-level columns agree within a product.
    const product = Math.ceil(n / 4)
    return {
      sku: `BULK-${String(n).padStart(5, '0')}`,
      name: `Bulk item ${n}`,
      product: `Bulk product ${product}`,
      variant: `Pack: ${((n - 1) % 4) + 1}`,
      category: `Aisle ${(product % 20) + 1} > Shelf ${(product % 7) + 1}`,
      hsn: '21069099',
      tax_class: 'GST18',
      unit: 'PCS',
      mrp: `${(n % 900) + 100}.00`,
      price: `${(n % 900) + 90}.50`,
      cost: `${(n % 900) + 50}`,
      barcodes: ean13(`8906${String(n).padStart(8, '0')}`),
      reorder_level: String(n % 12),
    }
  })
}

test.group('catalog import at scale', () => {
  test('the server keeps answering /health/live while a 20,000-row import runs', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const response = await uploadMultipart(client, t.managerToken, csvFile(bulkRows()), 'bulk.csv')
    response.assertStatus(202)
    const jobId: string = response.body().jobId

    let answeredWhileRunning = 0
    let refusedSecondImport = false
    for (;;) {
      const before = (await report(client, t.managerToken, jobId)).job
      if (before.status === 'succeeded' || before.status === 'failed') break
      const live = await client.get('/health/live')
      live.assertStatus(200)
      const after = (await report(client, t.managerToken, jobId)).job
      // Answered between two moments at which the import was running, part-way through.
      if (before.status === 'running' && after.status === 'running' && after.processedRows < ROWS) answeredWhileRunning += 1
      if (!refusedSecondImport) {
        assertError(await uploadMultipart(client, t.managerToken, csvFile(bulkRows().slice(0, 1)), 'one.csv'), 409, 'E_IMPORT_IN_PROGRESS')
        refusedSecondImport = true
      }
    }
    assert.isAbove(answeredWhileRunning, 0, 'health answers while the import was running')
    assert.isTrue(refusedSecondImport)

    const done = await finished(client, t.managerToken, jobId)
    assert.deepInclude(done.job, { status: 'succeeded', totalRows: ROWS, processedRows: ROWS, created: ROWS, rejected: 0 })
    assert.equal(await adminCount('items', 'tenant_id = $1', [t.tenantId]), ROWS + 1)
    assert.equal(await adminCount('products', 'tenant_id = $1', [t.tenantId]), ROWS / 4 + 1)
    assert.equal(await adminCount('barcodes', 'tenant_id = $1', [t.tenantId]), ROWS + 1)
  }).timeout(300_000)
})

test.group('catalog import and other writers', () => {
  test('a batch that collides with another writer is retried row by row: the colliding row sees the other write', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const rows: FileRow[] = [
      { sku: 'RACE-1', name: 'Race item', hsn: '2106', tax_class: 'GST18', unit: 'PCS', price: '10' },
      { sku: 'CALM-1', name: 'Calm item', hsn: '2106', tax_class: 'GST18', unit: 'PCS', price: '20' },
    ]
    let jobId = ''
    // Another writer creates RACE-1 and holds its transaction open until the import's insert waits on it.
    await asOwner(t.tenantId, async (trx) => {
      const [taxClass] = await trx.from('tax_classes').where('code', 'GST5').select('id')
      const productId = randomUUID()
      await trx.table('products').insert({ id: productId, tenant_id: t.tenantId, name: 'Race product', hsn_sac: '2106', tax_class_id: taxClass.id, unit: 'NOS' })
      await trx.table('items').insert({ tenant_id: t.tenantId, product_id: productId, sku: 'RACE-1', name: 'Made elsewhere' })
      const response = await uploadMultipart(client, t.managerToken, csvFile(rows), 'race.csv')
      response.assertStatus(202)
      jobId = response.body().jobId
      for (let attempt = 0; attempt < 600 && (await waitingOnLocks()) === 0; attempt += 1) await pause(50)
      assert.isAbove(await waitingOnLocks(), 0, 'the import waits for the other transaction')
    })
    const done = await finished(client, t.managerToken, jobId)
    assert.deepInclude(done.job, { status: 'succeeded', created: 1, updated: 1, rejected: 0 })
    const items = await itemsOf(t.tenantId)
    assert.deepEqual(
      items.map((item) => ({ sku: item.sku, name: item.name, product: item.product, price: item.price })),
      [
        { sku: 'CALM-1', name: 'Calm item', product: 'Calm item', price: 2_000 },
        // The other writer's item, updated by its row (a blank product cell names the item's own product).
        { sku: 'RACE-1', name: 'Race item', product: 'Race item', price: 1_000 },
        { sku: 'SUGAR-1', name: 'Sugar (loose)', product: 'Sugar', price: null },
      ]
    )
  })

  test('a job stopped with the server is failed as interrupted; its saved batches stay and the same file finishes it', async ({ client, assert }) => {
    const t = await catalogTenant(client)
    const file = csvFile(bulkRows().slice(0, 5_000))
    const response = await uploadMultipart(client, t.managerToken, file, 'bulk.csv')
    response.assertStatus(202)
    const jobId: string = response.body().jobId
    for (let attempt = 0; attempt < 1200 && (await report(client, t.managerToken, jobId)).job.processedRows === 0; attempt += 1) await pause(25)
    await importsModule.stop?.()
    importsModule.start?.()

    const stopped = (await report(client, t.managerToken, jobId)).job
    assert.equal(stopped.status, 'failed')
    assert.equal(stopped.error?.code, 'E_IMPORT_INTERRUPTED')
    assert.isAbove(stopped.processedRows, 0)
    assert.isBelow(stopped.processedRows, 5_000)
    assert.equal(stopped.processedRows % 250, 0, 'whole batches')
    assert.equal(await adminCount('items', 'tenant_id = $1', [t.tenantId]), stopped.processedRows + 1)

    const again = await importFile(client, t.managerToken, file, 'bulk.csv')
    assert.deepInclude(again.job, { status: 'succeeded', unchanged: stopped.processedRows, created: 5_000 - stopped.processedRows, rejected: 0 })
  }).timeout(120_000)
})

/** Backends of this database waiting for a lock (ground truth, as the superuser). */
async function waitingOnLocks(): Promise<number> {
  const [row] = await adminRows<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)
  return row!.n
}
