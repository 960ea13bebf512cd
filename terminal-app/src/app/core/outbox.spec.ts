import { Outbox } from './outbox'
import { openSqlDatabase } from './sql-database'
import { freshDatabase, ScriptedServer } from './testing'

const noRetry = { retryDelayMs: () => 60_000 }

describe('Outbox', () => {
  it('writes each command durably, numbered 1, 2, 3, before sending anything', async () => {
    const db = await freshDatabase()
    const server = new ScriptedServer()
    server.connected = false
    const outbox = new Outbox(db, server, noRetry)
    await outbox.init()
    for (const n of [1, 2, 3]) await outbox.append('sale.addLine', { saleId: 's', n })
    expect(outbox.depth()).toBe(3)
    expect(server.received).toEqual([])

    // Another connection to the same database (as after a reload) sees the same queue.
    await db.close()
    const reopened = await openSqlDatabase(db.name)
    const entries = await new Outbox(reopened, server, noRetry).entries()
    expect(entries.map((e) => [e.clientSeq, e.payload['n']])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ])
    expect(new Set(entries.map((e) => e.commandId)).size).toBe(3)
  })

  it('replays in order with the original commandIds and clientSeqs, removing entries only after their ack', async () => {
    const db = await freshDatabase()
    const server = new ScriptedServer()
    server.connected = false
    const outbox = new Outbox(db, server, noRetry)
    for (const n of [1, 2, 3, 4]) await outbox.append('cmd', { n })
    const queued = await outbox.entries()

    server.connected = true
    await outbox.flush()
    expect(server.applied.map((a) => [a.commandId, a.clientSeq])).toEqual(queued.map((e) => [e.commandId, e.clientSeq]))
    expect(await outbox.entries()).toEqual([])
    expect(outbox.depth()).toBe(0)
  })

  it('keeps an entry whose ack never came and sends it again: the server answers the duplicate, applied once', async () => {
    const db = await freshDatabase()
    const server = new ScriptedServer()
    const outbox = new Outbox(db, server, noRetry)
    server.connected = false
    await outbox.append('cmd', { n: 1 })
    await outbox.append('cmd', { n: 2 })
    server.connected = true
    server.loseAcks = 1
    await outbox.flush()
    // Applied on the server, but the terminal never heard back: still queued.
    expect(server.applied.length).toBe(1)
    expect(outbox.depth()).toBe(2)
    expect(outbox.lastError()?.code).toBe('E_NETWORK')

    // A new run (reload) over the same database sends it again with the same id.
    const again = new Outbox(db, server, noRetry)
    await again.init()
    await again.flush()
    expect(server.applied.map((a) => a.clientSeq)).toEqual([1, 2])
    expect(server.received.map((r) => r.clientSeq)).toEqual([1, 1, 2])
    expect(server.received[0]!.commandId).toBe(server.received[1]!.commandId)
    expect(again.depth()).toBe(0)
  })

  it('moves a refused command aside for review and goes on with the next', async () => {
    const db = await freshDatabase()
    const server = new ScriptedServer()
    server.storedRefusals.add('sale.discountBill')
    const refused: string[] = []
    const outbox = new Outbox(db, server, { ...noRetry, onRefused: (r) => void refused.push(`${r.name}:${r.error.code}`) })
    server.connected = false
    await outbox.append('sale.addLine', {})
    await outbox.append('sale.discountBill', {})
    await outbox.append('sale.complete', {})
    server.connected = true
    await outbox.flush()
    expect(refused).toEqual(['sale.discountBill:E_SALE_WRONG_STATE'])
    expect(server.applied.map((a) => [a.name, a.clientSeq])).toEqual([
      ['sale.addLine', 1],
      ['sale.complete', 3],
    ])
    expect((await outbox.refused()).map((r) => r.name)).toEqual(['sale.discountBill'])
    expect(outbox.depth()).toBe(0)
  })

  it('renumbers the queue when a refusal rolled back its number (E_COMMAND_OUT_OF_ORDER with details.expected)', async () => {
    const db = await freshDatabase()
    const server = new ScriptedServer()
    server.rollbackRefusals.add('sale.start')
    const outbox = new Outbox(db, server, noRetry)
    server.connected = false
    await outbox.append('sale.start', {})
    await outbox.append('sale.addLine', {})
    await outbox.append('sale.addLine', {})
    server.connected = true
    await outbox.flush()
    // The refused start did not use number 1: the two lines become 1 and 2, in their order.
    expect(server.applied.map((a) => [a.name, a.clientSeq])).toEqual([
      ['sale.addLine', 1],
      ['sale.addLine', 2],
    ])
    await outbox.append('sale.complete', {})
    await outbox.flush()
    expect(server.applied.at(-1)).toMatchObject({ name: 'sale.complete', clientSeq: 3 })
  })

  it('catches up with a server that is ahead of its numbering (re-paired terminal)', async () => {
    const db = await freshDatabase()
    const server = new ScriptedServer()
    // Another install of this terminal used numbers 1..5.
    for (let seq = 1; seq <= 5; seq++) await server.send('old', { commandId: `old-${seq}`, clientSeq: seq })
    const outbox = new Outbox(db, server, noRetry)
    server.connected = false
    await outbox.append('cmd', { n: 1 })
    await outbox.append('cmd', { n: 2 })
    server.connected = true
    await outbox.flush()
    expect(server.applied.slice(5).map((a) => a.clientSeq)).toEqual([6, 7])
    expect(outbox.depth()).toBe(0)
  })
})
