import { v7 as uuidv7 } from 'uuid'
import type { StepContext } from '#core/actors/types'
import type { Tx } from '#core/db/tenancy'
import {
  CASH_RECEIPT_LIMIT_PAISE,
  InvoiceNumberingError,
  TaxInputError,
  computeInvoice,
  documentNumber,
  financialYearOf,
  formatDecimal,
  indianDate,
  parseDecimal,
  type DocumentSeries,
  type RecordInvoiceParams,
  type SaleContext,
  type SaleLine,
} from '@pos/state-machines'
import { applyStockMovements, type AppliedMovement } from '#modules/inventory/index'
import { resolveSaleItems } from '#modules/catalog/index'
import { salesErrors } from '../errors.js'
import { salesRepository } from '../repositories/sales_repository.js'

/** How far ahead of the server's clock an offline sale's time may be (terminal clock drift). */
const CLOCK_SKEW_MS = 5 * 60_000

/** A difference between the cart as sold and the catalogue as the server knows it. */
interface CatalogDifference {
  lineId: string
  itemId: string
  field: 'unknown' | 'inactive' | 'price' | 'hsn' | 'rate' | 'cess'
  sold: string | number | null
  catalogue: string | number | null
}

/** Number of a terminal's series in a step: the series' next, and whether the terminal proposed exactly it. */
export async function numberDocument(
  trx: Tx,
  s: { tenantId: string; terminalId: string; series: DocumentSeries; issuedAt: string }
): Promise<{ number: string; fyLabel: string; seq: number }> {
  const terminal = await salesRepository.terminal(trx, s.terminalId)
  if (!terminal) throw salesErrors.terminalNotFound()
  const fyLabel = financialYearOf(indianDate(s.issuedAt)).label
  const seq = await salesRepository.takeNextSeq(trx, { tenantId: s.tenantId, terminalId: s.terminalId, docType: s.series, fyLabel, prefix: terminal.invoice_prefix })
  try {
    return { number: documentNumber(s.series, terminal.invoice_prefix, fyLabel, seq), fyLabel, seq }
  } catch (error) {
    if (error instanceof InvoiceNumberingError) throw salesErrors.seriesExhausted({ series: s.series, fyLabel, seq })
    throw error
  }
}

/**
 * The sale actor's `recordInvoice` effect, in the completing step: the invoice, its lines (each
 * with its own rate, tax and FIFO cost), its tenders, store credit spent and the stock movements.
 *
 * - The number is the next of the terminal's series for the document kind and financial year
 *   (India date of the time of supply). The terminal's own number is kept when it is exactly
 *   that; otherwise the series' next is used and a review item records both (never a gap, never a
 *   collision).
 * - The cart stands as sold. The server re-resolves every item in the catalogue for the store on
 *   the sale date; any difference (price, HSN, rate, an unknown or retired item) opens a review
 *   item with the figures the catalogue would have given — never a silent change.
 * - Online, an open shift is required, store credit must cover its tender and one buyer's cash
 *   for the day stays under ₹2,00,000; a sale completed offline already happened, so each of those
 *   becomes a review item instead, and stock may go negative (with review).
 */
export async function recordInvoice(step: StepContext, params: RecordInvoiceParams) {
  const sale = step.context as SaleContext
  const { trx } = step
  const tenantId = step.ref.tenantId
  const computation = sale.computation
  if (computation === null || sale.invoiceNumber === null || sale.completedAt === null) {
    throw new Error(`sale ${sale.saleId} completed without a computation, a number or a time`)
  }
  const offline = params?.offline === true
  const issuedAt = sale.completedAt
  if (offline && Date.parse(issuedAt) > Date.parse(step.at) + CLOCK_SKEW_MS) throw salesErrors.soldAtInvalid()

  const invoiceId = uuidv7()
  const reviews: Array<{ kind: string; data: Record<string, unknown> }> = []

  const shiftId = await salesRepository.openShiftId(trx, sale.terminalId)
  if (shiftId === null) {
    if (!offline) throw salesErrors.noOpenShift()
    reviews.push({ kind: 'sale_outside_shift', data: { saleId: sale.saleId } })
  }

  const series: DocumentSeries = computation.documentKind
  const numbered = await numberDocument(trx, { tenantId, terminalId: sale.terminalId, series, issuedAt })
  if (numbered.number !== sale.invoiceNumber) {
    reviews.push({ kind: 'invoice_number_changed', data: { saleId: sale.saleId, proposed: sale.invoiceNumber, assigned: numbered.number } })
  }

  const differences = await catalogDifferences(trx, sale, indianDate(issuedAt))
  if (differences.length > 0) {
    const kind = differences.some((d) => d.field === 'price') ? 'price_changed' : 'catalog_changed'
    reviews.push({ kind, data: { saleId: sale.saleId, differences, soldGrandTotalPaise: computation.totals.grandTotalPaise, catalogueGrandTotalPaise: catalogueTotal(sale, differences) } })
  }

  const phone = sale.customer?.phone ?? null
  const creditSpent = sale.tenders.filter((t) => t.method === 'store_credit').reduce((sum, t) => sum + t.amountPaise, 0)
  if (creditSpent > 0) {
    let balance = 0
    if (phone !== null) {
      await salesRepository.lockCustomer(trx, tenantId, phone)
      balance = await salesRepository.storeCreditBalance(trx, phone)
    }
    if (phone === null || balance < creditSpent) {
      if (!offline) throw salesErrors.storeCreditInsufficient({ balancePaise: balance })
      reviews.push({ kind: 'store_credit_overdrawn', data: { saleId: sale.saleId, phone, balancePaise: balance, spentPaise: creditSpent } })
    }
  }

  const cashKept = cashKeptBy(sale)
  if (phone !== null && cashKept > 0) {
    const day = indianDate(issuedAt)
    const dayStart = new Date(Date.parse(`${day}T00:00:00+05:30`)).toISOString()
    const dayEnd = new Date(Date.parse(dayStart) + 86_400_000).toISOString()
    const earlier = await salesRepository.cashFromBuyer(trx, phone, dayStart, dayEnd)
    if (earlier + cashKept >= CASH_RECEIPT_LIMIT_PAISE) {
      if (!offline) throw salesErrors.cashLimitDay({ earlierPaise: earlier, thisSalePaise: cashKept })
      reviews.push({ kind: 'cash_limit_exceeded', data: { saleId: sale.saleId, phone, earlierPaise: earlier, thisSalePaise: cashKept } })
    }
  }

  const totals = computation.totals
  const customer = sale.customer
  await salesRepository.insertInvoice(trx, {
    id: invoiceId,
    tenant_id: tenantId,
    store_id: sale.storeId,
    terminal_id: sale.terminalId,
    shift_id: shiftId,
    sale_id: sale.saleId,
    doc_type: series,
    number: numbered.number,
    fy_label: numbered.fyLabel,
    seq: numbered.seq,
    proposed_number: numbered.number === sale.invoiceNumber ? null : sale.invoiceNumber,
    cashier_id: sale.cashierId,
    customer_phone: phone,
    customer_gstin: customer?.gstin ?? null,
    customer_name: customer?.name ?? null,
    b2b: customer?.gstin !== undefined && customer?.gstin !== null,
    supplier_state_code: sale.supplierStateCode,
    place_of_supply_state_code: sale.placeOfSupplyStateCode,
    supply_type: computation.supplyType,
    prices_include_tax: sale.pricesIncludeTax,
    gross_paise: totals.grossPaise,
    discount_paise: totals.discountPaise,
    bill_discount_paise: sale.billDiscountPaise,
    taxable_paise: totals.taxablePaise,
    cgst_paise: totals.cgstPaise,
    sgst_paise: totals.sgstPaise,
    igst_paise: totals.igstPaise,
    cess_paise: totals.cessPaise,
    total_paise: totals.totalPaise,
    round_off_paise: totals.roundOffPaise,
    grand_total_paise: totals.grandTotalPaise,
    change_paise: sale.changeDuePaise,
    issued_at: issuedAt,
    offline,
  })
  await salesRepository.insertInvoiceTenders(trx, tenderRows(tenantId, invoiceId, sale))
  if (creditSpent > 0 && phone !== null) {
    await salesRepository.insertStoreCredit(trx, [
      { tenant_id: tenantId, store_id: sale.storeId, customer_phone: phone, amount_paise: -creditSpent, kind: 'redeem', invoice_id: invoiceId },
    ])
  }

  const reviewItemIds: string[] = []
  for (const review of reviews) {
    reviewItemIds.push(
      await salesRepository.openReviewItem(trx, { tenantId, storeId: sale.storeId, kind: review.kind, subjectType: 'invoice', subjectId: invoiceId, data: review.data })
    )
  }

  // Stock last but one: it locks the items' levels and takes the store's event sequence (its facts)
  // until commit, so the rest of the step is done before. A refusal (not enough stock, online) rolls
  // everything back; the FIFO costs go on the lines.
  const stock = await applyStockMovements(step, {
    storeId: sale.storeId,
    kind: 'sale',
    lines: sale.lines.map((line) => ({ itemId: line.itemId, quantity: line.quantity })),
    reference: { type: 'invoice', id: invoiceId },
    negativePolicy: offline ? 'allow-with-review' : 'tenant',
  })
  const costs = costsByLine(sale.lines, stock.movements)

  await salesRepository.insertInvoiceLines(
    trx,
    computation.lines.map((figures, index) => {
      const line = sale.lines[index]!
      return {
        tenant_id: tenantId,
        invoice_id: invoiceId,
        line_no: index + 1,
        line_id: line.lineId,
        item_id: line.itemId,
        sku: line.sku,
        name: line.name,
        hsn: figures.hsn,
        quantity: figures.quantity,
        unit_price_paise: line.unitPricePaise,
        original_unit_price_paise: line.originalUnitPricePaise ?? null,
        rate_percent: figures.ratePercent,
        cess_percent: figures.cessPercent,
        gross_paise: figures.grossPaise,
        discount_paise: figures.discountPaise,
        bill_discount_paise: figures.billDiscountPaise,
        taxable_paise: figures.taxablePaise,
        cgst_paise: figures.cgstPaise,
        sgst_paise: figures.sgstPaise,
        igst_paise: figures.igstPaise,
        cess_paise: figures.cessPaise,
        total_paise: figures.totalPaise,
        cogs_paise: costs[index] ?? null,
        embedded: line.embedded ?? null,
      }
    })
  )
  reviewItemIds.push(...stock.reviewItemIds)

  await step.emitFact('invoice.issued', {
    invoiceId,
    saleId: sale.saleId,
    terminalId: sale.terminalId,
    shiftId,
    number: numbered.number,
    proposedNumber: sale.invoiceNumber,
    documentKind: series,
    grandTotalPaise: totals.grandTotalPaise,
    issuedAt,
    offline,
    reviewItemIds,
  })
}

/** The sale actor's `recordVoid` effect: the abandoned sale, for the shift's Z report. */
export async function recordVoid(step: StepContext) {
  const sale = step.context as SaleContext
  const approval = sale.approvals.find((each) => each.usedFor?.type === 'sale.void')
  await salesRepository.insertVoid(step.trx, {
    tenant_id: step.ref.tenantId,
    sale_id: sale.saleId,
    store_id: sale.storeId,
    terminal_id: sale.terminalId,
    shift_id: await salesRepository.openShiftId(step.trx, sale.terminalId),
    cashier_id: sale.cashierId,
    approver_id: approval?.approverId ?? null,
    reason: sale.voidReason ?? '',
    total_paise: sale.computation?.totals.grandTotalPaise ?? 0,
    tenders: JSON.stringify(sale.tenders),
    voided_at: sale.voidedAt ?? step.at,
  })
}

/** Cash the sale kept: cash tendered less the change given. */
function cashKeptBy(sale: SaleContext): number {
  const cash = sale.tenders.filter((t) => t.method === 'cash').reduce((sum, t) => sum + t.amountPaise, 0)
  return cash - sale.changeDuePaise
}

/** The tender rows; the change is recorded on the last cash tender (the one that overpaid). */
function tenderRows(tenantId: string, invoiceId: string, sale: SaleContext) {
  let change = sale.changeDuePaise
  const rows = sale.tenders.map((tender, index) => ({
    tenant_id: tenantId,
    invoice_id: invoiceId,
    position: index + 1,
    tender_id: tender.tenderId,
    method: tender.method,
    amount_paise: tender.amountPaise,
    reference: tender.reference ?? null,
    change_paise: 0,
  }))
  for (let i = rows.length - 1; i >= 0 && change > 0; i--) {
    if (rows[i]!.method !== 'cash') continue
    const given = Math.min(change, rows[i]!.amount_paise)
    rows[i]!.change_paise = given
    change -= given
  }
  return rows
}

/** The FIFO cost of each line, from the movements the ledger applied (matched by item, in order). */
function costsByLine(lines: readonly SaleLine[], movements: readonly AppliedMovement[]): Array<number | null> {
  const queues = new Map<string, AppliedMovement[]>()
  for (const movement of movements) queues.set(movement.itemId, [...(queues.get(movement.itemId) ?? []), movement])
  return lines.map((line) => {
    const next = queues.get(line.itemId)?.shift()
    return next === undefined ? null : next.costPaise
  })
}

/** Where the cart as sold differs from the catalogue on the sale date. */
async function catalogDifferences(trx: Tx, sale: SaleContext, isoDate: string): Promise<CatalogDifference[]> {
  const items = await resolveSaleItems(trx, { storeId: sale.storeId, on: isoDate, itemIds: sale.lines.map((line) => line.itemId) })
  const byItem = new Map(items.map((item) => [item.itemId, item]))
  const differences: CatalogDifference[] = []
  const decimal = (text: string | null | undefined) => (text === null || text === undefined ? null : formatDecimal(parseDecimal(text) ?? 0n))
  for (const line of sale.lines) {
    const row = byItem.get(line.itemId)
    const add = (field: CatalogDifference['field'], sold: CatalogDifference['sold'], catalogue: CatalogDifference['catalogue']) =>
      differences.push({ lineId: line.lineId, itemId: line.itemId, field, sold, catalogue })
    if (row === undefined) {
      add('unknown', line.itemId, null)
      continue
    }
    if (!row.active) add('inactive', line.itemId, null)
    const catalogPrice = row.pricePaise
    const soldPrice = line.originalUnitPricePaise ?? line.unitPricePaise
    // A scale label carries its own price; only a catalogue-priced line is compared.
    if (line.embedded !== 'price' && catalogPrice !== soldPrice) add('price', soldPrice, catalogPrice)
    if (row.hsn !== line.hsn) add('hsn', line.hsn, row.hsn)
    if (decimal(row.ratePercent) !== decimal(line.ratePercent)) add('rate', line.ratePercent, decimal(row.ratePercent))
    if ((decimal(row.cessPercent) ?? '0') !== (decimal(line.cessPercent ?? '0') ?? '0')) add('cess', line.cessPercent ?? '0', decimal(row.cessPercent))
  }
  return differences
}

/** The grand total the catalogue would have given the same cart (same quantities and discounts), or null. */
function catalogueTotal(sale: SaleContext, differences: readonly CatalogDifference[]): number | null {
  if (differences.some((d) => d.field === 'unknown' || (d.catalogue === null && d.field !== 'inactive'))) return null
  const override = (lineId: string, field: CatalogDifference['field']) => differences.find((d) => d.lineId === lineId && d.field === field)?.catalogue
  try {
    return computeInvoice({
      supplierStateCode: sale.supplierStateCode,
      placeOfSupplyStateCode: sale.placeOfSupplyStateCode,
      pricesIncludeTax: sale.pricesIncludeTax,
      composition: sale.composition,
      billDiscountPaise: sale.billDiscountPaise,
      lines: sale.lines.map((line) => ({
        id: line.lineId,
        hsn: String(override(line.lineId, 'hsn') ?? line.hsn),
        quantity: line.quantity,
        unitPricePaise: line.originalUnitPricePaise === undefined ? Number(override(line.lineId, 'price') ?? line.unitPricePaise) : line.unitPricePaise,
        ratePercent: String(override(line.lineId, 'rate') ?? line.ratePercent),
        cessPercent: String(override(line.lineId, 'cess') ?? line.cessPercent ?? '0'),
        ...(line.discount === undefined ? {} : { discount: line.discount }),
      })),
    }).totals.grandTotalPaise
  } catch (error) {
    if (error instanceof TaxInputError) return null
    throw error
  }
}
