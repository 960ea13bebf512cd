import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvoiceNumberingError } from './errors.ts'
import type { InvoiceErrorCode } from './errors.ts'
import { formatInvoiceNumber, validateInvoiceNumber } from './invoice-number.ts'
import type { InvoiceNumberParts } from './invoice-number.ts'

function refuses(parts: InvoiceNumberParts, code: InvoiceErrorCode) {
  assert.throws(
    () => formatInvoiceNumber(parts),
    (error: unknown) => error instanceof InvoiceNumberingError && error.code === code,
    code,
  )
}

describe('validateInvoiceNumber', () => {
  it('accepts Rule 46 numbers', () => {
    for (const value of ['B1T2/2627/000042', 'CN-B1/2627/00007', 'S1/2627/000101', 'A', '1/2627/1', 'INV-2627-9']) {
      assert.deepEqual(validateInvoiceNumber(value), { ok: true }, value)
    }
  })

  it('refuses numbers breaking Rule 46', () => {
    assert.deepEqual(validateInvoiceNumber(''), { ok: false, reason: 'E_INVOICE_NUMBER_EMPTY' })
    assert.deepEqual(validateInvoiceNumber('B1T2/2627/0000042'), { ok: false, reason: 'E_INVOICE_NUMBER_TOO_LONG' }) // 17
    assert.deepEqual(validateInvoiceNumber('b1t2/2627/000042'), { ok: false, reason: 'E_INVOICE_NUMBER_CHARACTERS' })
    assert.deepEqual(validateInvoiceNumber('B1 2627 42'), { ok: false, reason: 'E_INVOICE_NUMBER_CHARACTERS' })
    assert.deepEqual(validateInvoiceNumber('B1_2627'), { ok: false, reason: 'E_INVOICE_NUMBER_CHARACTERS' })
    for (const value of ['000101', '/2627/1', '-2627-1']) {
      assert.deepEqual(validateInvoiceNumber(value), { ok: false, reason: 'E_INVOICE_NUMBER_FIRST_CHARACTER' }, value)
    }
  })
})

describe('formatInvoiceNumber', () => {
  it('formats prefix/FY/zero-padded sequence', () => {
    assert.equal(formatInvoiceNumber({ prefix: 'B1T2', fyLabel: '2627', seq: 42, width: 6 }), 'B1T2/2627/000042') // 16 characters
    assert.equal(formatInvoiceNumber({ prefix: 'CN-B1', fyLabel: '2627', seq: 7, width: 5 }), 'CN-B1/2627/00007')
    assert.equal(formatInvoiceNumber({ prefix: 'S1', fyLabel: '2627', seq: 999999, width: 6 }), 'S1/2627/999999')
  })

  it('refuses a result that would break Rule 46', () => {
    // 5 + 1 + 4 + 1 + 6 = 17 characters
    refuses({ prefix: 'B12T2', fyLabel: '2627', seq: 1, width: 6 }, 'E_INVOICE_NUMBER_INVALID')
    refuses({ prefix: '', fyLabel: '2627', seq: 1, width: 6 }, 'E_INVOICE_NUMBER_INVALID')
    refuses({ prefix: '0B', fyLabel: '2627', seq: 1, width: 6 }, 'E_INVOICE_NUMBER_INVALID')
    refuses({ prefix: 'b1', fyLabel: '2627', seq: 1, width: 6 }, 'E_INVOICE_NUMBER_INVALID')
  })

  it('refuses bad parts and a sequence that outgrows the width', () => {
    refuses({ prefix: 'B1', fyLabel: '2627', seq: 1000000, width: 6 }, 'E_INVOICE_SEQUENCE_OVERFLOW')
    refuses({ prefix: 'B1', fyLabel: '2627', seq: 0, width: 6 }, 'E_INVOICE_SEQUENCE_INVALID')
    refuses({ prefix: 'B1', fyLabel: '2627', seq: 1.5, width: 6 }, 'E_INVOICE_SEQUENCE_INVALID')
    refuses({ prefix: 'B1', fyLabel: '2627', seq: 1, width: 0 }, 'E_INVOICE_WIDTH_INVALID')
    refuses({ prefix: 'B1', fyLabel: '2026-27', seq: 1, width: 6 }, 'E_INVOICE_FY_LABEL_INVALID')
  })
})
