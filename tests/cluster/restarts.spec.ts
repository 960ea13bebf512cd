/*
 * One node at a time, stopped and started again: a durable timer outlives a SIGKILL of
 * the only node, and a SIGTERM with sockets connected exits promptly and hands its
 * leases back.
 */
import { test } from '@japa/runner'
import type { Socket } from 'socket.io-client'
import { connect, createStore } from '#tests/realtime/support'
import { clusterForGroup, eventually, sleep, within } from './nodes.js'
import { actorTimers, dbNow, holdInProcessTimers, leaseOf, leasesHeldBy, storeEvents } from './helpers.js'

const TERMINALS = 12
const DASHBOARDS = 8

type Events = Awaited<ReturnType<typeof storeEvents>>
const presenceFacts = (events: Events, terminalId: string, presence: string) =>
  events.filter((e) => e.type === 'terminal.presenceChanged' && e.data.terminalId === terminalId && e.data.presence === presence)
/** 'offline' facts after the drop (registering a terminal publishes it 'offline' too, before it first connects). */
const wentOffline = (events: Events, terminalId: string) => {
  const dropped = presenceFacts(events, terminalId, 'reconnecting')[0]
  return dropped ? presenceFacts(events, terminalId, 'offline').filter((e) => e.seq > dropped.seq) : []
}

test.group('cluster: restarts', (group) => {
  const cluster = clusterForGroup(group)

  test("a terminal's grace timer survives a SIGKILL of the only node and fires after it restarts", async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    // One node only: another live node's poller would fire the timer while A is down.
    await cluster.absent('B')
    const store = await createStore(1)
    const { terminalId, deviceKey } = store.terminals[0]!
    // This test process is a node too, and its poller would fire the timer while A is
    // down: hold it off, so only a spawned node can fire it.
    cleanup(holdInProcessTimers(store.tenantId))

    const [urlA] = await cluster.ensure('A')
    const pos = await connect({ deviceKey }, urlA)
    await eventually(async () => presenceFacts(await storeEvents(store.tenantId, store.storeId), terminalId, 'online').length === 1, 'the terminal online')

    // The terminal drops: reconnecting, and a grace timer row (due in PRESENCE_GRACE_MS = 1.5 s).
    pos.close()
    const timer = await eventually(async () => (await actorTimers(store.tenantId, 'store', store.storeId))[0], 'the grace timer row', 5_000, 20)
    assert.equal(timer.key, `presence-grace:${terminalId}`)
    assert.deepEqual(timer.event, { type: 'terminal.graceExpired', terminalId })
    assert.lengthOf(presenceFacts(await storeEvents(store.tenantId, store.storeId), terminalId, 'reconnecting'), 1)

    // Crash before it is due.
    const exit = await cluster.kill('A')
    assert.equal(exit.signal, 'SIGKILL')
    assert.isBelow((await dbNow()).getTime(), timer.dueAt.getTime(), 'node A was killed only after the timer was due: the premise failed')

    // Nobody fires it while no node runs, even once it is due.
    const dueIn = timer.dueAt.getTime() - (await dbNow()).getTime()
    await sleep(Math.max(0, dueIn) + 600)
    assert.deepEqual((await actorTimers(store.tenantId, 'store', store.storeId)).map((t) => t.id), [timer.id])
    assert.lengthOf(wentOffline(await storeEvents(store.tenantId, store.storeId), terminalId), 0)

    // A comes back (same NODE_ID, so its lease from before the crash is still its own).
    const restartedAt = await dbNow()
    await cluster.start('A')
    const offline = await eventually(
      async () => wentOffline(await storeEvents(store.tenantId, store.storeId), terminalId)[0],
      'the offline fact after the restart',
      10_000
    )
    assert.isAtLeast(offline.at.getTime(), restartedAt.getTime())
    assert.equal(offline.commandId, timer.id, 'the fact should come from the timer')
    assert.equal(offline.data.lastSeenAt, presenceFacts(await storeEvents(store.tenantId, store.storeId), terminalId, 'reconnecting')[0]!.data.lastSeenAt)
    assert.deepEqual(await actorTimers(store.tenantId, 'store', store.storeId), [])
    assert.equal((await leaseOf(store.tenantId, 'store', store.storeId))?.nodeId, cluster.nodeId('A'))

    // Exactly once: a few more poller ticks change nothing.
    await sleep(1_200)
    const events = await storeEvents(store.tenantId, store.storeId)
    assert.lengthOf(wentOffline(events, terminalId), 1)
    assert.deepEqual(events.map((e) => e.seq), Array.from({ length: events.length }, (_, i) => i + 1))
  }).timeout(45_000)

  test('SIGTERM with 20 sockets connected exits within 3 s and releases every lease the node held', async ({ assert, cleanup }) => {
    cluster.watch(cleanup)
    // A fresh node (a restarted one may still be named by leases its killed predecessor
    // held and it never touched; those expire on their own TTL).
    await cluster.absent('A')
    const [url] = await cluster.ensure('G')
    const nodeId = cluster.nodeId('G')
    const store = await createStore(TERMINALS)

    const sockets: Socket[] = []
    cleanup(() => sockets.forEach((socket) => socket.close()))
    for (let i = 0; i < DASHBOARDS; i++) sockets.push(await connect({ token: store.managerToken, storeId: store.storeId }, url))
    sockets.push(...(await Promise.all(store.terminals.map((t) => connect({ deviceKey: t.deviceKey }, url)))))
    assert.lengthOf(sockets, 20)

    // Every terminal is online, so the node holds the store actor and each terminal actor.
    await eventually(async () => {
      const online = (await storeEvents(store.tenantId, store.storeId)).filter((e) => e.type === 'terminal.presenceChanged' && e.data.presence === 'online')
      return new Set(online.map((e) => e.data.terminalId)).size === TERMINALS
    }, 'every terminal online', 15_000)
    const held = await leasesHeldBy(nodeId)
    assert.includeMembers(held, [`pos:lease:${store.tenantId}:store:${store.storeId}`, ...store.terminals.map((t) => `pos:lease:${store.tenantId}:terminal:${t.terminalId}`)])

    const disconnected = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.once('disconnect', () => resolve()))))
    const exit = await cluster.stop('G', 10_000)
    assert.isBelow(exit.ms, 3_000, `shutdown took ${exit.ms} ms\n${cluster.logs('G')}`)
    assert.equal(exit.code, 0, cluster.logs('G'))
    await within(disconnected, 2_000, 'not every socket saw its server go')
    assert.deepEqual(await leasesHeldBy(nodeId), [], `leases still name the stopped node (the test's tenant is ${store.tenantId})`)
  }).timeout(45_000)
})
