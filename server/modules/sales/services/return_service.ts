import { v7 as uuidv7 } from 'uuid'
import type { StepContext } from '#core/actors/types'
import { computeCreditNote, formatDecimal, parseDecimal, roundHalfUp, type RecordReturnParams, type SaleContext } from '@pos/state-machines'
import { applyStockMovements } from '#modules/inventory/index'
import { salesErrors } from '../errors.js'
import { salesRepository } from '../repositories/sales_repository.js'
import { numberDocument } from './invoice_service.js'

type Row = Record<string, any>

const canonical = (text: string) => formatDecimal(parseDecimal(String(text)) ?? 0n)

/**
 * The sale actor's `recordReturn` effect, in the step that took the return: the credit note in
 * the returning terminal's own series (referencing the original invoice and each original line),
 * the refunds, store credit given, and the goods back into stock at the original line's unit cost.
 *
 * The credit note's figures are the machine's (`computeCreditNote` on the invoiced lines); the
 * same engine run on the STORED invoice lines and the stored earlier credit notes must give the
 * same figures, or the step fails: the stored documents are the authority for tax.
 */
export async function recordReturn(step: StepContext, params: RecordReturnParams) {
  const sale = step.context as SaleContext
  const entry = sale.returns.find((each) => each.returnId === params.returnId)
  if (entry === undefined) throw new Error(`sale ${sale.saleId} has no return ${params.returnId}`)
  const { trx } = step
  const tenantId = step.ref.tenantId

  const stored = await salesRepository.invoiceBySale(trx, sale.saleId)
  if (stored === null) throw new Error(`sale ${sale.saleId} is completed without a stored invoice`)
  const { invoice, lines } = stored
  const credited = await salesRepository.creditedLines(trx, invoice.id)
  const figures = (row: Row) => ({
    taxablePaise: Number(row.taxable_paise),
    cgstPaise: Number(row.cgst_paise),
    sgstPaise: Number(row.sgst_paise),
    igstPaise: Number(row.igst_paise),
    cessPaise: Number(row.cess_paise),
    totalPaise: Number(row.total_paise),
  })
  const fromStore = computeCreditNote(
    {
      supplyType: invoice.supply_type,
      lines: lines.map((line) => ({
        id: line.line_id,
        hsn: line.hsn,
        quantity: canonical(line.quantity),
        ratePercent: canonical(line.rate_percent),
        cessPercent: canonical(line.cess_percent),
        ...figures(line),
      })),
    },
    entry.lines.map((line) => ({ lineId: line.lineId, quantity: line.quantity })),
    credited.map((line) => ({ lineId: line.line_id, quantity: canonical(line.quantity), ...figures(line) }))
  )
  if (JSON.stringify(fromStore.lines) !== JSON.stringify(entry.lines) || JSON.stringify(fromStore.totals) !== JSON.stringify(entry.totals)) {
    throw new Error(`return ${entry.returnId} of sale ${sale.saleId}: the stored invoice gives other credit figures`)
  }

  const shiftId = await salesRepository.openShiftId(trx, entry.terminalId)
  if (shiftId === null) throw salesErrors.noOpenShift()
  const creditNoteId = uuidv7()
  const numbered = await numberDocument(trx, { tenantId, terminalId: entry.terminalId, series: 'credit_note', issuedAt: entry.at })
  const byLineId = new Map(lines.map((line) => [line.line_id as string, line]))

  // Goods come back at the unit cost they left with (the original line's COGS per unit).
  const unitCosts = entry.lines.map((line) => {
    const original = byLineId.get(line.lineId)!
    if (original.cogs_paise === null) return null
    const soldThousandths = parseDecimal(canonical(original.quantity)) ?? 1n
    return Number(roundHalfUp(BigInt(original.cogs_paise) * 1000n, soldThousandths))
  })
  await salesRepository.insertCreditNote(trx, {
    id: creditNoteId,
    tenant_id: tenantId,
    store_id: sale.storeId,
    terminal_id: entry.terminalId,
    shift_id: shiftId,
    invoice_id: invoice.id,
    sale_id: sale.saleId,
    return_id: entry.returnId,
    number: numbered.number,
    fy_label: numbered.fyLabel,
    seq: numbered.seq,
    reason: entry.reason,
    issued_by: step.request.sender.userId,
    supply_type: invoice.supply_type,
    taxable_paise: entry.totals.taxablePaise,
    cgst_paise: entry.totals.cgstPaise,
    sgst_paise: entry.totals.sgstPaise,
    igst_paise: entry.totals.igstPaise,
    cess_paise: entry.totals.cessPaise,
    total_paise: entry.totals.totalPaise,
    round_off_paise: entry.totals.roundOffPaise,
    grand_total_paise: entry.totals.grandTotalPaise,
    issued_at: entry.at,
  })
  await salesRepository.insertCreditNoteLines(
    trx,
    entry.lines.map((line, index) => {
      const original = byLineId.get(line.lineId)!
      return {
        tenant_id: tenantId,
        credit_note_id: creditNoteId,
        line_no: index + 1,
        invoice_id: invoice.id,
        invoice_line_no: original.line_no,
        line_id: line.lineId,
        item_id: original.item_id,
        hsn: line.hsn,
        quantity: line.quantity,
        rate_percent: line.ratePercent,
        cess_percent: line.cessPercent,
        taxable_paise: line.taxablePaise,
        cgst_paise: line.cgstPaise,
        sgst_paise: line.sgstPaise,
        igst_paise: line.igstPaise,
        cess_paise: line.cessPaise,
        total_paise: line.totalPaise,
        is_final_return: line.isFinalReturn,
        unit_cost_paise: unitCosts[index],
      }
    })
  )
  await salesRepository.insertRefunds(
    trx,
    entry.refunds.map((refund) => ({
      tenant_id: tenantId,
      store_id: sale.storeId,
      terminal_id: entry.terminalId,
      shift_id: shiftId,
      credit_note_id: creditNoteId,
      method: refund.method,
      amount_paise: refund.amountPaise,
      tender_id: refund.tenderId ?? null,
      reference: refund.reference ?? null,
      // Cash leaves the drawer and store credit is given at once; card and UPI go back through the gateway.
      status: refund.method === 'card' || refund.method === 'upi' ? 'pending' : 'paid',
    }))
  )
  const toCredit = entry.refunds.filter((refund) => refund.method === 'store_credit').reduce((sum, refund) => sum + refund.amountPaise, 0)
  if (toCredit > 0 && entry.storeCreditPhone !== undefined) {
    await salesRepository.lockCustomer(trx, tenantId, entry.storeCreditPhone)
    await salesRepository.insertStoreCredit(trx, [
      { tenant_id: tenantId, store_id: sale.storeId, customer_phone: entry.storeCreditPhone, amount_paise: toCredit, kind: 'refund', credit_note_id: creditNoteId },
    ])
  }

  // Stock last: it holds the items' levels and the store's event sequence until commit.
  await applyStockMovements(step, {
    storeId: sale.storeId,
    kind: 'return',
    lines: entry.lines.map((line, index) => ({
      itemId: byLineId.get(line.lineId)!.item_id,
      quantity: line.quantity,
      ...(unitCosts[index] === null ? {} : { unitCostPaise: unitCosts[index]! }),
    })),
    reference: { type: 'credit_note', id: creditNoteId },
  })

  await step.emitFact('creditNote.issued', {
    creditNoteId,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    saleId: sale.saleId,
    returnId: entry.returnId,
    terminalId: entry.terminalId,
    shiftId,
    number: numbered.number,
    grandTotalPaise: entry.totals.grandTotalPaise,
    refunds: entry.refunds.map((refund) => ({ method: refund.method, amountPaise: refund.amountPaise })),
  })
}
