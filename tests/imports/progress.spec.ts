/*
 * Progress of an import is pushed to the importing user's sockets (every one of
 * them) as `job.progress`, and to nobody else.
 */
import { test } from '@japa/runner'
import { jobProgressSchema, type JobProgress } from '@pos/protocols'
import { tokenFor } from '#tests/helpers/http'
import { connector, pause, waitFor } from '#tests/realtime/support'
import { catalogTenant, csvFile, ean13, finished, uploadMultipart, type FileRow } from './support.js'

/** `count` new items, each its own product. */
function newItems(count: number): FileRow[] {
  return Array.from({ length: count }, (_, index) => ({
    sku: `P-${String(index + 1).padStart(5, '0')}`,
    name: `Item ${index + 1}`,
    hsn: '2106',
    tax_class: 'GST18',
    unit: 'PCS',
    price: `${(index % 500) + 1}.25`,
    barcodes: ean13(`8907${String(index + 1).padStart(8, '0')}`),
  }))
}

test.group('catalog import progress', () => {
  test("job.progress reaches every socket of the importing user and no other user's", async ({ client, assert, cleanup }) => {
    const t = await catalogTenant(client)
    const ownerToken = await tokenFor(client, t.owner)
    const open = connector(cleanup)
    const sockets = { importer: await open({ token: t.managerToken }), importerElsewhere: await open({ token: t.managerToken }), owner: await open({ token: ownerToken }) }
    const seen: Record<keyof typeof sockets, JobProgress[]> = { importer: [], importerElsewhere: [], owner: [] }
    for (const [name, socket] of Object.entries(sockets) as Array<[keyof typeof sockets, (typeof sockets)['owner']]>) {
      socket.on('job.progress', (progress: JobProgress) => seen[name].push(progress))
    }

    const rows = 600
    const response = await uploadMultipart(client, t.managerToken, csvFile(newItems(rows)), 'items.csv')
    response.assertStatus(202)
    const jobId: string = response.body().jobId
    const ended = (progress: JobProgress) => progress.jobId === jobId && progress.status !== 'running'
    await waitFor(sockets.importer, 'job.progress', ended, 60_000)
    await waitFor(sockets.importerElsewhere, 'job.progress', ended, 60_000)
    const job = (await finished(client, t.managerToken, jobId)).job
    // The owner's socket would have received them at the same moment; a little longer for good measure.
    await pause(300)

    assert.deepEqual(seen.owner, [])
    const events = seen.importer
    for (const progress of events) jobProgressSchema.parse(progress)
    assert.isTrue(events.every((progress) => progress.jobId === jobId && progress.kind === 'catalog.import'))
    assert.equal(events[0]!.status, 'running')
    assert.deepEqual(events.at(-1), { jobId, kind: 'catalog.import', status: 'succeeded', processed: rows, total: rows, accepted: rows, rejected: 0 })
    const processed = events.map((progress) => progress.processed)
    assert.deepEqual(processed, [...processed].sort((x, y) => x - y), 'processed never goes back')
    // At most one push per batch plus the first and the last (pushes are also limited to a few per second).
    assert.isAtMost(events.length, Math.ceil(rows / 250) + 2)
    assert.deepEqual(seen.importerElsewhere, events)
    assert.deepInclude(job, { status: 'succeeded', created: rows })
  })

  test('a job that fails pushes its final state with the reason', async ({ client, assert, cleanup }) => {
    const t = await catalogTenant(client)
    const socket = await connector(cleanup)({ token: t.managerToken })
    const broken = Buffer.concat([csvFile(newItems(3)), Buffer.from('"P-99999,never closed\r\n')])
    const response = await uploadMultipart(client, t.managerToken, broken, 'broken.csv')
    response.assertStatus(202)
    const last = await waitFor<JobProgress>(socket, 'job.progress', (progress) => progress.status === 'failed', 30_000)
    assert.equal(last.jobId, response.body().jobId)
    assert.match(last.message ?? '', /^The CSV cannot be read/)
  })
})
