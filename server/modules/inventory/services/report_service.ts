import type {
  StockCogs,
  StockCogsQuery,
  StockLevelsPage,
  StockLevelsQuery,
  StockMovementKind,
  StockMovementsPage,
  StockMovementsQuery,
  StockValuation,
  StockValuationQuery,
} from '@pos/protocols'
import { roundHalfUp } from '@pos/state-machines'
import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { requireStore } from '#modules/tenancy/index'
import { inventoryErrors } from '../errors.js'
import { reportRepository } from '../repositories/report_repository.js'
import { transferRepository } from '../repositories/transfer_repository.js'
import { formatQuantity, fromNumeric } from './quantity.js'
import { inTransitValue } from './transfer_service.js'

const quantity = (value: string | number) => formatQuantity(fromNumeric(value))
const iso = (value: Date | string) => new Date(value).toISOString()

function level(row: { item_id: string; on_hand: string; reorder_level: string }) {
  const onHand = fromNumeric(row.on_hand)
  const reorderLevel = fromNumeric(row.reorder_level)
  return { itemId: row.item_id, onHand: formatQuantity(onHand), reorderLevel: formatQuantity(reorderLevel), low: onHand <= reorderLevel }
}

/** Read models of a store's stock: levels, an item's ledger, valuation, cost of goods per reference. */
export const reportService = {
  async levels(principal: Principal, storeId: string, query: StockLevelsQuery): Promise<StockLevelsPage> {
    const rows = await withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      return reportRepository.levels(trx, principal.tenantId, storeId, query)
    })
    return {
      levels: rows.map((row) => ({ ...level(row), sku: row.sku, name: row.name })),
      nextAfter: rows.length === query.limit ? rows.at(-1)!.sku : null,
    } as StockLevelsPage
  },

  /** On-hand of the given items (the `stock.levels` socket query; the gateway has checked the store scope). */
  async levelsOf(principal: Principal, storeId: string, itemIds: string[]) {
    const rows = await withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      return reportRepository.levelsOf(trx, principal.tenantId, storeId, [...new Set(itemIds.map((id) => id.toLowerCase()))])
    })
    return { levels: rows.map(level) }
  },

  async movements(principal: Principal, storeId: string, itemId: string, query: StockMovementsQuery): Promise<StockMovementsPage> {
    const rows = await withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      if (!(await reportRepository.itemExists(trx, itemId))) throw inventoryErrors.itemNotFound({ itemIds: [itemId] })
      return reportRepository.movements(trx, principal.tenantId, storeId, itemId, query)
    })
    const movements = rows.map((row: Record<string, any>) => ({
      id: row.id,
      position: String(row.position),
      itemId: row.item_id,
      kind: row.kind as StockMovementKind,
      quantity: quantity(row.quantity),
      onHandAfter: quantity(row.on_hand_after),
      unitCostPaise: row.unit_cost_paise === null ? null : Number(row.unit_cost_paise),
      totalCostPaise: Number(row.total_cost_paise),
      reason: row.reason,
      reference: { type: row.reference_type, id: row.reference_id },
      batchId: row.batch_id,
      commandId: row.command_id,
      createdByUserId: row.created_by_user_id,
      createdByDeviceId: row.created_by_device_id,
      at: iso(row.at),
    }))
    return { movements, nextBefore: movements.length === query.limit ? movements.at(-1)!.position : null } as StockMovementsPage
  },

  async valuation(principal: Principal, storeId: string, query: StockValuationQuery): Promise<StockValuation> {
    const { rows, totals, openLines } = await withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      return {
        rows: await reportRepository.valuation(trx, principal.tenantId, storeId, query),
        totals: await reportRepository.valuationTotals(trx, principal.tenantId, storeId),
        openLines: await transferRepository.openOutgoingLines(trx, storeId),
      }
    })
    return {
      storeId,
      lines: rows.map((row) => {
        const onHand = fromNumeric(row.on_hand)
        const value = BigInt(row.fifo_value)
        return {
          itemId: row.item_id,
          sku: row.sku,
          name: row.name,
          onHand: formatQuantity(onHand),
          fifoValuePaise: Number(value),
          // value / on-hand per unit: on-hand is in thousandths.
          averageUnitCostPaise: onHand > 0n ? Number(roundHalfUp(value * 1000n, onHand)) : null,
          openShortfallQuantity: quantity(row.open_shortfall),
        }
      }),
      nextAfter: rows.length === query.limit ? rows.at(-1)!.sku : null,
      totals: { items: Number(totals.items), fifoValuePaise: Number(totals.fifo_value), inTransitOutPaise: Number(inTransitValue(openLines)) },
    } as StockValuation
  },

  async cogs(principal: Principal, storeId: string, query: StockCogsQuery): Promise<StockCogs> {
    const reference = { type: query.referenceType, id: query.referenceId }
    const rows = await withTenant(principal.tenantId, async (trx) => {
      await requireStore(trx, principal, storeId)
      return reportRepository.cogs(trx, principal.tenantId, storeId, reference)
    })
    const movements = rows.map((row) => ({
      movementId: row.id,
      itemId: row.item_id,
      kind: row.kind as StockMovementKind,
      quantity: quantity(row.quantity),
      cogsPaise: Number(row.cogs),
      provisionalPaise: Number(row.provisional),
      trueUpPaise: Number(row.true_up),
      openShortfallQuantity: quantity(row.open_shortfall),
    }))
    return { reference, movements, totalPaise: movements.reduce((sum, movement) => sum + movement.cogsPaise, 0) } as StockCogs
  },
}
