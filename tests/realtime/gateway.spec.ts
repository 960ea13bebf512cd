import { test } from '@japa/runner'
import { connect, createStore, journal, newCommandId, send, waitFor } from './support.js'

test.group('realtime gateway', () => {
  test('a terminal connecting is pushed to the store dashboard as a presence fact', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const dashboard = await connect({ token: store.managerToken, storeId: store.storeId })
    cleanup(() => {
      dashboard.close()
    })
    const online = waitFor(dashboard, 'terminal.presenceChanged', (f) => f.data.presence === 'online')
    const terminal = await connect({ deviceKey: store.terminals[0]!.deviceKey })
    cleanup(() => {
      terminal.close()
    })
    const fact = await online
    assert.equal(fact.storeId, store.storeId)
    assert.equal(fact.data.terminalId, store.terminals[0]!.terminalId)
    assert.equal(fact.data.name, 'Counter 1')
    assert.isAbove(fact.seq, 0)
  })

  test('the same command twice takes effect once and both answers agree', async ({ assert, cleanup }) => {
    const store = await createStore(1)
    const terminal = await connect({ deviceKey: store.terminals[0]!.deviceKey })
    cleanup(() => {
      terminal.close()
    })
    const command = { commandId: newCommandId(), depth: 7 }
    const first = await send(terminal, 'terminal.reportOutbox', command)
    const second = await send(terminal, 'terminal.reportOutbox', command)
    assert.isTrue(first.ok, JSON.stringify(first))
    assert.equal(first.data.status, 'applied')
    assert.equal(second.data.status, 'duplicate')
    assert.equal(second.data.actorSeq, first.data.actorSeq)
    const entries = (await journal(store, 'store', store.storeId)).filter((e) => e.command_id === command.commandId)
    assert.lengthOf(entries, 1)
    assert.equal(entries[0]!.event.depth, 7)
  })
})
