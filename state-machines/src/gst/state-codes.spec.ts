import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { GST_STATES, isUnionTerritoryWithoutLegislature, stateName, stateTaxLabel } from './state-codes.ts'

describe('state codes', () => {
  it('names current codes, including 96 and 97', () => {
    assert.equal(stateName('29'), 'Karnataka')
    assert.equal(stateName('07'), 'Delhi')
    assert.equal(stateName('37'), 'Andhra Pradesh')
    assert.equal(stateName('38'), 'Ladakh')
    assert.equal(stateName('96'), 'Other Countries')
    assert.equal(stateName('97'), 'Other Territory')
    assert.equal(Object.keys(GST_STATES).length, 38) // 01–24, 26, 27, 29–38, 96, 97
  })

  it('names retired codes only for historical documents', () => {
    assert.equal(stateName('28'), undefined)
    assert.equal(stateName('25'), undefined)
    assert.equal(stateName('28', { includeRetired: true }), 'Andhra Pradesh (before 2014)')
    assert.equal(stateName('25', { includeRetired: true }), 'Daman and Diu')
  })

  it('knows nothing of other codes', () => {
    for (const code of ['00', '39', '99', '9', 'KA', 'constructor', 'toString']) assert.equal(stateName(code), undefined, code)
  })

  it('labels UTGST in Union Territories without a legislature', () => {
    for (const code of ['04', '26', '31', '35', '38', '97']) {
      assert.equal(isUnionTerritoryWithoutLegislature(code), true, code)
      assert.equal(stateTaxLabel(code), 'UTGST', code)
    }
    // Delhi, Puducherry, Jammu and Kashmir have legislatures; Karnataka is a State
    for (const code of ['07', '34', '01', '29']) {
      assert.equal(isUnionTerritoryWithoutLegislature(code), false, code)
      assert.equal(stateTaxLabel(code), 'SGST', code)
    }
  })
})
