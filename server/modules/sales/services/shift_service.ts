import type { StepContext } from '#core/actors/types'
import type { Tx } from '#core/db/tenancy'
import { sha256Hex } from '#core/secrets'
import { buildZReport, type ShiftContext, type ZReportInput, type ZReportTender } from '@pos/state-machines'
import { salesErrors } from '../errors.js'
import { salesRepository } from '../repositories/sales_repository.js'
import { shiftRepository } from '../repositories/shift_repository.js'
import { sellingRole } from './setup_service.js'

type Row = Record<string, any>

const iso = (value: Date | string) => new Date(value).toISOString()

/** The shift actor's `recordShiftOpen` effect: the shift row (one open per terminal), opened by someone who sells in the store. */
export async function recordShiftOpen(step: StepContext) {
  const shift = step.context as ShiftContext
  if ((await sellingRole(step.trx, shift.openedBy, shift.storeId)) === null) throw salesErrors.shiftCashierInvalid()
  const inserted = await shiftRepository.insertOpen(step.trx, {
    id: shift.shiftId,
    tenant_id: step.ref.tenantId,
    store_id: shift.storeId,
    terminal_id: shift.terminalId,
    opened_by: shift.openedBy,
    opened_at: shift.openedAt,
    opening_float_paise: shift.openingFloatPaise,
    opening_count: shift.openingCount,
  })
  if (!inserted) throw salesErrors.shiftAlreadyOpen()
}

/** The shift actor's `recordCashMovement` effect. */
export async function recordCashMovement(step: StepContext) {
  const shift = step.context as ShiftContext
  const movement = shift.movements.at(-1)!
  if ((await sellingRole(step.trx, movement.by, shift.storeId)) === null) throw salesErrors.shiftCashierInvalid()
  await shiftRepository.insertMovement(step.trx, {
    id: movement.movementId,
    tenant_id: step.ref.tenantId,
    shift_id: shift.shiftId,
    direction: movement.direction,
    amount_paise: movement.amountPaise,
    reason: movement.reason,
    by_user: movement.by,
    at: movement.at,
  })
}

/**
 * The shift actor's `closeShift` effect: a back-office close (no terminal in the origin) is
 * checked against the outbox depth the store actor last heard from the terminal (the terminal's
 * own close reported its depth in the command, which the machine checked); then the shift is
 * closed with its count and the Z report is built from the shift's stored records, kept as the
 * exact JSON text with its SHA-256, and announced.
 */
export async function closeShift(step: StepContext) {
  const shift = step.context as ShiftContext
  const closing = shift.closing!
  const { trx } = step
  const origin = (step.request.event as { origin?: { terminalId?: string } }).origin
  let unsynced = closing.unsyncedCommands
  if (origin !== undefined && origin.terminalId === undefined) {
    const store = await salesRepository.actorContext(trx, 'store', shift.storeId)
    unsynced = Number(store?.terminals?.[shift.terminalId]?.outboxDepth ?? 0)
    if (unsynced > 0 && closing.override === null) throw salesErrors.shiftUnsynced({ unsyncedCommands: unsynced })
  } else if ((await sellingRole(trx, closing.closedBy, shift.storeId)) === null) {
    throw salesErrors.shiftCashierInvalid()
  }

  await shiftRepository.close(trx, shift.shiftId, {
    closed_by: closing.closedBy,
    closed_at: closing.closedAt,
    counted_cash_paise: closing.countedCashPaise,
    closing_count: JSON.stringify(closing.cashCount),
    tender_counts: JSON.stringify(closing.tenderCounts),
    unsynced_commands: unsynced,
    override_by: closing.override?.by ?? null,
    override_reason: closing.override?.reason ?? null,
  })
  const { json, report } = await zReportOf(trx, shift.shiftId)
  const digest = sha256Hex(json)
  const zReportId = await shiftRepository.insertZReport(trx, {
    tenant_id: step.ref.tenantId,
    store_id: shift.storeId,
    terminal_id: shift.terminalId,
    shift_id: shift.shiftId,
    report_json: json,
    sha256: digest,
  })
  await step.emitFact('shift.zReported', {
    shiftId: shift.shiftId,
    terminalId: shift.terminalId,
    zReportId,
    sha256: digest,
    cashDifferencePaise: report.cash.differencePaise,
    salesGrandTotalPaise: report.sales.grandTotalPaise,
  })
}

/** The Z report of a closed shift, built from its stored records (the same records give the same bytes). */
export async function zReportOf(trx: Tx, shiftId: string) {
  const shift = await shiftRepository.find(trx, shiftId)
  if (!shift || shift.status !== 'closed') throw new Error(`shift ${shiftId} is not closed`)
  const records = await shiftRepository.reportRecords(trx, shiftId)
  const figures = (row: Row) => ({
    ratePercent: String(row.rate_percent),
    taxablePaise: Number(row.taxable_paise),
    cgstPaise: Number(row.cgst_paise),
    sgstPaise: Number(row.sgst_paise),
    igstPaise: Number(row.igst_paise),
    cessPaise: Number(row.cess_paise),
  })
  const input: ZReportInput = {
    shift: {
      shiftId: shift.id,
      storeId: shift.store_id,
      terminalId: shift.terminal_id,
      openedBy: shift.opened_by,
      openedAt: iso(shift.opened_at),
      closedBy: shift.closed_by,
      closedAt: iso(shift.closed_at),
      openingFloatPaise: Number(shift.opening_float_paise),
      cashCount: shift.closing_count ?? {},
      countedCashPaise: Number(shift.counted_cash_paise),
      tenderCounts: shift.tender_counts ?? {},
      override: shift.override_reason === null ? null : { by: shift.override_by, reason: shift.override_reason },
    },
    invoices: records.invoices.map((invoice) => ({
      number: invoice.number,
      status: invoice.status,
      grossPaise: Number(invoice.gross_paise),
      discountPaise: Number(invoice.discount_paise),
      roundOffPaise: Number(invoice.round_off_paise),
      grandTotalPaise: Number(invoice.grand_total_paise),
      lines: records.lines.filter((line) => line.invoice_id === invoice.id).map(figures),
      tenders: records.tenders
        .filter((tender) => tender.invoice_id === invoice.id)
        .map((tender) => ({ method: tender.method as ZReportTender, amountPaise: Number(tender.amount_paise), changePaise: Number(tender.change_paise) })),
    })),
    creditNotes: records.notes.map((note) => ({
      number: note.number,
      roundOffPaise: Number(note.round_off_paise),
      grandTotalPaise: Number(note.grand_total_paise),
      lines: records.noteLines.filter((line) => line.credit_note_id === note.id).map(figures),
    })),
    refunds: records.refunds.map((refund) => ({ method: refund.method as ZReportTender, amountPaise: Number(refund.amount_paise) })),
    cashMovements: records.movements.map((movement) => ({ direction: movement.direction, amountPaise: Number(movement.amount_paise) })),
    voids: records.voids.map((each) => ({ totalPaise: Number(each.total_paise) })),
  }
  return buildZReport(input)
}
