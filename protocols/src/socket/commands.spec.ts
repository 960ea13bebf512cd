import { COMMAND_NAMES, commandResultSchema, commandSchemas } from './commands.ts'
import { catalogCommandSchemas } from '../catalog/index.ts'
import { importsCommandSchemas } from '../imports/index.ts'
import { inventoryCommandSchemas } from '../inventory/index.ts'
import { salesCommandSchemas } from '../sales/index.ts'
import { searchCommandSchemas } from '../search/index.ts'
import { assert, describe, it, omit, schemaCases, V4, V7 } from '../schema-cases.spec.ts'

const report = { commandId: V7, clientSeq: 1, depth: 3 }
schemaCases('terminal.reportOutbox', commandSchemas['terminal.reportOutbox'], {
  accepts: [
    ['a report with clientSeq', report],
    ['a report without clientSeq', omit(report, 'clientSeq')],
    ['the largest depth', { ...report, depth: 1_000_000 }],
  ],
  rejects: {
    'an unknown field': [{ ...report, storeId: V4 }, ''],
    'a missing commandId': [omit(report, 'commandId'), 'commandId'],
    'a UUID v4 commandId': [{ ...report, commandId: V4 }, 'commandId'],
    'a commandId that is no UUID': [{ ...report, commandId: 'cmd-1' }, 'commandId'],
    'a missing depth': [omit(report, 'depth'), 'depth'],
    'a depth as a string': [{ ...report, depth: '3' }, 'depth'],
    'a fractional depth': [{ ...report, depth: 2.5 }, 'depth'],
    'a negative depth': [{ ...report, depth: -1 }, 'depth'],
    'a depth above a million': [{ ...report, depth: 1_000_001 }, 'depth'],
    'clientSeq 0': [{ ...report, clientSeq: 0 }, 'clientSeq'],
    'a fractional clientSeq': [{ ...report, clientSeq: 1.5 }, 'clientSeq'],
    'no object at all': ['depth=3', ''],
  },
})

const open = { commandId: V7, storeId: V4 }
schemaCases('store.open', commandSchemas['store.open'], {
  accepts: [['an open', open]],
  rejects: {
    'an unknown field': [{ ...open, force: true }, ''],
    'a missing storeId': [omit(open, 'storeId'), 'storeId'],
    'a storeId that is no UUID': [{ ...open, storeId: 'S1' }, 'storeId'],
    'a UUID v4 commandId': [{ ...open, commandId: V4 }, 'commandId'],
  },
})

const close = { commandId: V7, storeId: V4, force: true, reason: 'Counter 2 tablet is broken' }
schemaCases('store.close', commandSchemas['store.close'], {
  accepts: [
    ['a forced close with a reason', close],
    ['a plain close', { commandId: V7, storeId: V4 }],
    ['a reason with spaces around it (trimmed)', { ...close, reason: '  Power cut  ' }, { ...close, reason: 'Power cut' }],
  ],
  rejects: {
    'an unknown field': [{ ...close, at: '2025-04-01' }, ''],
    'force as a string': [{ ...close, force: 'yes' }, 'force'],
    'a reason under 3 characters': [{ ...close, reason: 'no' }, 'reason'],
    'a blank reason': [{ ...close, reason: '     ' }, 'reason'],
    'a reason over 500 characters': [{ ...close, reason: 'x'.repeat(501) }, 'reason'],
    'a missing storeId': [omit(close, 'storeId'), 'storeId'],
  },
})

const result = { commandId: V7, status: 'applied', actorSeq: 3, storeSeq: null }
schemaCases('commandResultSchema', commandResultSchema, {
  accepts: [
    ['an applied command without a fact', result],
    ['a duplicate with its fact', { ...result, status: 'duplicate', storeSeq: 12 }],
  ],
  rejects: {
    'an unknown status': [{ ...result, status: 'done' }, 'status'],
    'a fractional actorSeq': [{ ...result, actorSeq: 1.5 }, 'actorSeq'],
    'a missing storeSeq': [omit(result, 'storeSeq'), 'storeSeq'],
  },
})

describe('COMMAND_NAMES', () => {
  it('lists every command schema: the core ones and those of each module, none claimed twice', () => {
    assert.deepEqual(COMMAND_NAMES, Object.keys(commandSchemas))
    const modules = [catalogCommandSchemas, importsCommandSchemas, inventoryCommandSchemas, salesCommandSchemas, searchCommandSchemas].map((s) => Object.keys(s))
    const fromModules = modules.flat()
    assert.equal(new Set(fromModules).size, fromModules.length, 'a command name is declared by two modules')
    assert.deepEqual(COMMAND_NAMES.filter((name) => !fromModules.includes(name)).sort(), ['store.close', 'store.open', 'terminal.reportOutbox'])
  })
})
