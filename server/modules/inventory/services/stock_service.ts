import { v7 as uuidv7 } from 'uuid'
import type { StepContext } from '#core/actors/types'
import { commonErrors } from '#core/errors'
import { tenancyErrors } from '#modules/tenancy/index'
import { inventoryErrors } from '../errors.js'
import {
  stockRepository,
  type ConsumptionRow,
  type LayerRow,
  type MovementRow,
  type ShortfallRow,
} from '../repositories/stock_repository.js'
import { costBetween, formatQuantity, fromNumeric, minBig, paise, toThousandths } from './quantity.js'

/** Kinds of stock movement in the ledger. Outgoing kinds consume FIFO cost layers; incoming kinds open them. */
export type MovementKind = 'receipt' | 'sale' | 'return' | 'adjustment' | 'wastage' | 'transfer_out' | 'transfer_in'

const KINDS: ReadonlySet<string> = new Set(['receipt', 'sale', 'return', 'adjustment', 'wastage', 'transfer_out', 'transfer_in'])
const OUTGOING: ReadonlySet<string> = new Set(['sale', 'wastage', 'transfer_out'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const REFERENCE_TYPE = /^[a-z][a-z_]{1,40}$/
/** Open layers read per item and round trip (most outgoing lines need one or two). */
const LAYER_PAGE = 16

/** One cost layer an incoming line opens. */
export interface StockLayerInput {
  quantity: string
  unitCostPaise: number
  batchId?: string | null
  /** The value it carries, when it must match a value elsewhere (a transfer's slice); else quantity × unit cost. */
  costPaise?: number
}

export interface StockLineInput {
  itemId: string
  /**
   * Decimal string, up to 3 places. Positive for every kind; for `adjustment`
   * the sign gives the direction (negative: stock goes down).
   */
  quantity: string
  /**
   * Incoming kinds (receipt, return, transfer_in, a positive adjustment): cost per unit in paise.
   * Required for receipts; returns and adjustments default to the item's cost.
   */
  unitCostPaise?: number
  batchId?: string | null
  /**
   * Incoming kinds only: the cost layers to open, oldest first, instead of one layer at
   * `unitCostPaise` (a transfer arrives with the layers it left with). Their quantities
   * add up to `quantity`.
   */
  layers?: StockLayerInput[]
}

export interface ApplyStockInput {
  storeId: string
  kind: MovementKind
  lines: StockLineInput[]
  /** Required for adjustment and wastage. */
  reason?: string | null
  /** What caused it, e.g. { type: 'invoice', id } or { type: 'transfer', id }. */
  reference: { type: string; id: string }
  /**
   * 'tenant' (default): when stock would go below zero, the tenant's setting
   * decides (refuse with E_STOCK_INSUFFICIENT, or allow and open a review item).
   * 'allow-with-review': never refuse (an offline sale that already happened
   * stands); a review item is opened for the shortfall.
   */
  negativePolicy?: 'tenant' | 'allow-with-review'
}

/** A piece of a movement's cost: the layer (or provisional cost) it came from or opened. */
export interface CostSlice {
  unitCostPaise: number
  quantity: string
  costPaise: number
  batchId: string | null
  /** Outgoing only: no layer covered it; costed at the item's cost until a receipt trues it up. */
  provisional: boolean
}

export interface AppliedMovement {
  movementId: string
  itemId: string
  kind: MovementKind
  /** Signed: negative for stock going out. */
  quantity: string
  /** On-hand after this movement. */
  onHand: string
  /** Outgoing: FIFO cost of the goods that left (COGS). Incoming: value received. Paise. */
  costPaise: number
  /** Outgoing: the layers consumed, oldest first (and any provisional shortfall last). Incoming: the layers opened. */
  slices: CostSlice[]
}

interface ParsedLine {
  itemId: string
  kind: MovementKind
  /** Signed thousandths. */
  delta: bigint
  unitCostPaise: bigint | null
  batchId: string | null
  layers: Array<{ quantity: bigint; unitCostPaise: bigint; batchId: string | null; costPaise: bigint | null }> | null
}

interface LayerState {
  id: string
  quantity: bigint
  remaining: bigint
  unitCostPaise: bigint
  batchId: string | null
  row: LayerRow | null
  dirty: boolean
}

interface ShortfallState {
  id: string
  movementId: string
  quantity: bigint
  open: bigint
  unitCostPaise: bigint
  row: ShortfallRow | null
  dirty: boolean
}

interface ItemState {
  onHand: bigint
  reorderLevel: bigint
  costPaise: bigint
  layers: LayerState[]
  shortfalls: ShortfallState[]
  negativeMovements: string[]
}

const isCost = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

function invalidLine(index: number, problem: string): never {
  throw inventoryErrors.quantityInvalid({ line: index, problem })
}

function batchOf(value: unknown, index: number): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || !UUID.test(value)) throw commonErrors.validation({ issues: [{ path: `lines.${index}.batchId`, message: 'not a UUID' }] })
  return value.toLowerCase()
}

/** Checks the input without the database; nothing is read or written before it passes. */
function parse(input: ApplyStockInput): ParsedLine[] {
  if (!KINDS.has(input.kind)) throw commonErrors.validation({ issues: [{ path: 'kind', message: `unknown movement kind ${input.kind}` }] })
  if (!Array.isArray(input.lines) || input.lines.length === 0) throw inventoryErrors.quantityInvalid({ problem: 'no lines' })
  const reference = input.reference
  if (!reference || !REFERENCE_TYPE.test(reference.type) || typeof reference.id !== 'string' || reference.id.length < 1 || reference.id.length > 100) {
    throw commonErrors.validation({ issues: [{ path: 'reference', message: 'a reference { type, id } is required' }] })
  }
  if ((input.kind === 'adjustment' || input.kind === 'wastage') && (input.reason ?? '').trim() === '') throw inventoryErrors.reasonRequired()
  if (input.reason && input.reason.length > 500) throw commonErrors.validation({ issues: [{ path: 'reason', message: 'at most 500 characters' }] })

  return input.lines.map((line, index) => {
    if (typeof line.itemId !== 'string' || !UUID.test(line.itemId)) throw inventoryErrors.itemNotFound({ itemIds: [String(line.itemId)] })
    const quantity = toThousandths(line.quantity)
    if (quantity === undefined || quantity === 0n) invalidLine(index, 'a non-zero decimal with at most 3 places')
    if (input.kind !== 'adjustment' && quantity < 0n) invalidLine(index, `${input.kind} quantities are above zero`)
    const delta = OUTGOING.has(input.kind) ? -quantity : quantity
    if (line.unitCostPaise !== undefined && line.unitCostPaise !== null && !isCost(line.unitCostPaise)) {
      throw commonErrors.validation({ issues: [{ path: `lines.${index}.unitCostPaise`, message: 'whole paise, not negative' }] })
    }
    let layers: ParsedLine['layers'] = null
    if (line.layers !== undefined) {
      if (delta < 0n || !Array.isArray(line.layers) || line.layers.length === 0) invalidLine(index, 'layers belong to incoming lines')
      layers = line.layers.map((layer) => {
        const layerQuantity = toThousandths(layer.quantity)
        if (layerQuantity === undefined || layerQuantity <= 0n) invalidLine(index, 'each layer has a quantity above zero')
        if (!isCost(layer.unitCostPaise)) invalidLine(index, 'each layer has a cost per unit in whole paise')
        if (layer.costPaise !== undefined && !isCost(layer.costPaise)) invalidLine(index, 'a layer value is whole paise')
        return {
          quantity: layerQuantity,
          unitCostPaise: BigInt(layer.unitCostPaise),
          batchId: batchOf(layer.batchId, index),
          costPaise: layer.costPaise === undefined ? null : BigInt(layer.costPaise),
        }
      })
      if (layers.reduce((sum, layer) => sum + layer.quantity, 0n) !== delta) invalidLine(index, 'layer quantities add up to the line quantity')
    } else if (input.kind === 'receipt' && !isCost(line.unitCostPaise)) {
      throw inventoryErrors.unitCostRequired({ line: index })
    } else if (input.kind === 'transfer_in' && !isCost(line.unitCostPaise)) {
      throw inventoryErrors.unitCostRequired({ line: index })
    }
    return {
      itemId: line.itemId.toLowerCase(),
      kind: input.kind,
      delta,
      unitCostPaise: isCost(line.unitCostPaise) ? BigInt(line.unitCostPaise) : null,
      batchId: batchOf(line.batchId, index),
      layers,
    }
  })
}

/**
 * Applies stock movements for one store inside the caller's durable step:
 * locks the items' stock_levels rows (in item id order, so concurrent steps
 * never deadlock), appends the immutable movements, keeps on-hand equal to the
 * ledger, opens or consumes FIFO cost layers, opens review items where policy
 * allows negative stock, and emits `stock.changed` (and `stock.low` when an
 * item falls to or below its reorder level) through `step.emitFact`, pushed
 * after commit. Throws AppError E_STOCK_INSUFFICIENT (nothing written) when
 * the policy refuses.
 *
 * Costing rule (FIFO): an outgoing line takes the oldest open layers of its
 * item first, each piece at its layer's unit cost. What the layers do not
 * cover (stock goes negative, or the layers ran out) is a shortfall, costed
 * provisionally at the item's current cost_paise and recorded (cost_shortfalls,
 * and a 'shortfall' consumption). The next incoming movements of the item first
 * settle open shortfalls, oldest first: that part of the new layer is consumed
 * at once, and the difference between its actual cost and the provisional cost
 * is recorded as a 'true_up' consumption of the original outgoing movement, so
 * that movement's COGS (the sum of its consumptions) becomes its actual cost.
 * Pieces of a lot are costed as round(to × unit) − round(from × unit), so they
 * add up exactly to the lot's value however it is split.
 *
 * Facts join the event sequence of the step's store: call it for that store.
 */
export async function applyStockMovements(step: StepContext, input: ApplyStockInput): Promise<{ movements: AppliedMovement[]; reviewItemIds: string[] }> {
  const lines = parse(input)
  const { trx } = step
  const tenantId = step.ref.tenantId
  const storeId = input.storeId
  if (typeof storeId !== 'string' || !UUID.test(storeId)) throw tenancyErrors.storeNotFound()

  const itemIds = [...new Set(lines.map((line) => line.itemId))].sort()
  await stockRepository.ensureLevels(trx, tenantId, storeId, itemIds)
  const locked = await stockRepository.lockLevels(trx, tenantId, storeId, itemIds)
  if (locked.length !== itemIds.length) {
    // Only a store of the tenant gets level rows: without any, say which id was wrong.
    if (locked.length === 0 && !(await stockRepository.storeExists(trx, storeId))) throw tenancyErrors.storeNotFound()
    const found = new Set(locked.map((row) => row.item_id))
    throw inventoryErrors.itemNotFound({ itemIds: itemIds.filter((id) => !found.has(id)) })
  }
  const items = new Map<string, ItemState>(
    locked.map((row) => [
      row.item_id,
      {
        onHand: fromNumeric(row.on_hand),
        reorderLevel: fromNumeric(row.reorder_level),
        costPaise: BigInt(row.cost_paise),
        layers: [],
        shortfalls: [],
        negativeMovements: [],
      },
    ])
  )

  // The policy is read only when some line would take stock below zero.
  const simulated = new Map([...items].map(([id, item]) => [id, item.onHand]))
  const shortLines: Array<{ itemId: string; requested: string; onHand: string }> = []
  for (const line of lines) {
    const before = simulated.get(line.itemId)!
    if (line.delta < 0n && before + line.delta < 0n) shortLines.push({ itemId: line.itemId, requested: formatQuantity(-line.delta), onHand: formatQuantity(before) })
    simulated.set(line.itemId, before + line.delta)
  }
  if (shortLines.length > 0 && input.negativePolicy !== 'allow-with-review') {
    const policy = await stockRepository.negativeStockPolicy(trx, tenantId)
    if (policy !== 'allow-with-review') throw inventoryErrors.insufficient({ storeId, lines: shortLines })
  }

  // Open layers and open shortfalls never coexist for an item (an outgoing line makes a
  // shortfall only once the layers are used up; an incoming one settles shortfalls before
  // it leaves anything on the shelf), so Σ remaining − Σ open shortfall = on-hand: an item
  // at or below zero has no open layers, and one at or above zero no open shortfalls.
  const outgoingNeed = new Map<string, bigint>()
  const incomingItems = new Set<string>()
  for (const line of lines) {
    const onHand = items.get(line.itemId)!.onHand
    if (line.delta < 0n) {
      if (onHand > 0n) outgoingNeed.set(line.itemId, (outgoingNeed.get(line.itemId) ?? 0n) - line.delta)
    } else if (onHand < 0n) incomingItems.add(line.itemId)
  }
  // The oldest open layers, a page per item, until they cover what goes out (or run out).
  let short = [...outgoingNeed.keys()]
  for (let skip = 0; short.length > 0; skip += LAYER_PAGE) {
    const page = await stockRepository.openLayers(trx, tenantId, storeId, short, LAYER_PAGE, skip)
    const counts = new Map<string, number>()
    for (const layer of page) {
      const item = items.get(layer.item_id)!
      const remaining = fromNumeric(layer.remaining)
      item.layers.push({
        id: layer.id,
        quantity: fromNumeric(layer.quantity),
        remaining,
        unitCostPaise: BigInt(layer.unit_cost_paise),
        batchId: layer.batch_id,
        row: null,
        dirty: false,
      })
      outgoingNeed.set(layer.item_id, outgoingNeed.get(layer.item_id)! - remaining)
      counts.set(layer.item_id, (counts.get(layer.item_id) ?? 0) + 1)
    }
    short = short.filter((itemId) => outgoingNeed.get(itemId)! > 0n && counts.get(itemId) === LAYER_PAGE)
  }
  for (const shortfall of await stockRepository.openShortfalls(trx, tenantId, storeId, [...incomingItems])) {
    items.get(shortfall.item_id)!.shortfalls.push({
      id: shortfall.id,
      movementId: shortfall.movement_id,
      quantity: fromNumeric(shortfall.quantity),
      open: fromNumeric(shortfall.open_quantity),
      unitCostPaise: BigInt(shortfall.provisional_unit_cost_paise),
      row: null,
      dirty: false,
    })
  }

  const sender = step.request.sender
  const commandId = UUID.test(step.request.commandId) ? step.request.commandId : null
  const movements: MovementRow[] = []
  const consumptions: ConsumptionRow[] = []
  const applied: AppliedMovement[] = []
  const facts: Array<[string, unknown]> = []
  const base = (itemId: string) => ({ tenant_id: tenantId, store_id: storeId, item_id: itemId })

  for (const line of lines) {
    const item = items.get(line.itemId)!
    const movementId = uuidv7()
    const before = item.onHand
    const after = before + line.delta
    const slices: CostSlice[] = []
    let cost = 0n
    let unitCost: bigint | null = null

    if (line.delta < 0n) {
      let need = -line.delta
      for (const layer of item.layers) {
        if (need === 0n) break
        if (layer.remaining === 0n) continue
        const take = minBig(layer.remaining, need)
        const used = layer.quantity - layer.remaining
        const piece = costBetween(used, used + take, layer.unitCostPaise)
        layer.remaining -= take
        layer.dirty = true
        need -= take
        cost += piece
        consumptions.push({
          ...base(line.itemId),
          id: uuidv7(),
          movement_id: movementId,
          kind: 'layer',
          layer_id: layer.id,
          shortfall_id: null,
          settled_by_movement_id: null,
          quantity: formatQuantity(take),
          unit_cost_paise: paise(layer.unitCostPaise),
          cost_paise: paise(piece),
          at: step.at,
        })
        slices.push({ unitCostPaise: paise(layer.unitCostPaise), quantity: formatQuantity(take), costPaise: paise(piece), batchId: layer.batchId, provisional: false })
      }
      if (need > 0n) {
        const shortfall: ShortfallState = {
          id: uuidv7(),
          movementId,
          quantity: need,
          open: need,
          unitCostPaise: item.costPaise,
          dirty: false,
          row: { ...base(line.itemId), id: '', movement_id: movementId, quantity: '', open_quantity: '', provisional_unit_cost_paise: paise(item.costPaise), at: step.at },
        }
        item.shortfalls.push(shortfall)
        const piece = costBetween(0n, need, item.costPaise)
        cost += piece
        consumptions.push({
          ...base(line.itemId),
          id: uuidv7(),
          movement_id: movementId,
          kind: 'shortfall',
          layer_id: null,
          shortfall_id: shortfall.id,
          settled_by_movement_id: null,
          quantity: formatQuantity(need),
          unit_cost_paise: paise(item.costPaise),
          cost_paise: paise(piece),
          at: step.at,
        })
        slices.push({ unitCostPaise: paise(item.costPaise), quantity: formatQuantity(need), costPaise: paise(piece), batchId: null, provisional: true })
      }
    } else {
      const specs = line.layers ?? [{ quantity: line.delta, unitCostPaise: line.unitCostPaise ?? item.costPaise, batchId: line.batchId, costPaise: null }]
      for (const spec of specs) {
        const value = spec.costPaise ?? costBetween(0n, spec.quantity, spec.unitCostPaise)
        const layer: LayerState = {
          id: uuidv7(),
          quantity: spec.quantity,
          remaining: spec.quantity,
          unitCostPaise: spec.unitCostPaise,
          batchId: spec.batchId,
          dirty: false,
          row: {
            ...base(line.itemId),
            id: '',
            movement_id: movementId,
            batch_id: spec.batchId,
            unit_cost_paise: paise(spec.unitCostPaise),
            quantity: '',
            remaining: '',
            opened_at: step.at,
          },
        }
        // Goods already sold before they arrived: this layer covers those shortfalls first.
        for (const shortfall of item.shortfalls) {
          if (layer.remaining === 0n) break
          if (shortfall.open === 0n) continue
          const take = minBig(shortfall.open, layer.remaining)
          const settled = shortfall.quantity - shortfall.open
          const provisional = costBetween(settled, settled + take, shortfall.unitCostPaise)
          const used = layer.quantity - layer.remaining
          const actual = costBetween(used, used + take, layer.unitCostPaise)
          consumptions.push({
            ...base(line.itemId),
            id: uuidv7(),
            movement_id: shortfall.movementId,
            kind: 'true_up',
            layer_id: layer.id,
            shortfall_id: shortfall.id,
            settled_by_movement_id: movementId,
            quantity: formatQuantity(take),
            unit_cost_paise: paise(layer.unitCostPaise),
            cost_paise: paise(actual - provisional),
            at: step.at,
          })
          shortfall.open -= take
          shortfall.dirty = true
          layer.remaining -= take
        }
        item.layers.push(layer)
        cost += value
        slices.push({ unitCostPaise: paise(spec.unitCostPaise), quantity: formatQuantity(spec.quantity), costPaise: paise(value), batchId: spec.batchId, provisional: false })
      }
      unitCost = specs.every((spec) => spec.unitCostPaise === specs[0]!.unitCostPaise) ? specs[0]!.unitCostPaise : null
    }

    item.onHand = after
    if (after < 0n) item.negativeMovements.push(movementId)
    movements.push({
      ...base(line.itemId),
      id: movementId,
      kind: line.kind,
      quantity: formatQuantity(line.delta),
      on_hand_after: formatQuantity(after),
      unit_cost_paise: unitCost === null ? null : paise(unitCost),
      total_cost_paise: paise(cost),
      reason: input.reason?.trim() || null,
      reference_type: input.reference.type,
      reference_id: input.reference.id,
      batch_id: line.batchId ?? (line.layers?.length === 1 ? line.layers[0]!.batchId : null),
      command_id: commandId,
      created_by_user_id: sender.userId,
      created_by_device_id: sender.deviceId,
      at: step.at,
    })
    applied.push({
      movementId,
      itemId: line.itemId,
      kind: line.kind,
      quantity: formatQuantity(line.delta),
      onHand: formatQuantity(after),
      costPaise: paise(cost),
      slices,
    })
    facts.push(['stock.changed', { itemId: line.itemId, onHand: formatQuantity(after), delta: formatQuantity(line.delta), kind: line.kind, movementId }])
    if (before > item.reorderLevel && after <= item.reorderLevel) {
      facts.push(['stock.low', { itemId: line.itemId, onHand: formatQuantity(after), reorderLevel: formatQuantity(item.reorderLevel) }])
    }
  }

  // One statement writes it all (see stockRepository.write).
  const newLayers: LayerRow[] = []
  const layerUpdates: Array<[string, string]> = []
  const newShortfalls: ShortfallRow[] = []
  const shortfallUpdates: Array<[string, string]> = []
  for (const item of items.values()) {
    for (const layer of item.layers) {
      if (layer.row) newLayers.push({ ...layer.row, id: layer.id, quantity: formatQuantity(layer.quantity), remaining: formatQuantity(layer.remaining) })
      else if (layer.dirty) layerUpdates.push([layer.id, formatQuantity(layer.remaining)])
    }
    for (const shortfall of item.shortfalls) {
      if (shortfall.row) {
        newShortfalls.push({ ...shortfall.row, id: shortfall.id, quantity: formatQuantity(shortfall.quantity), open_quantity: formatQuantity(shortfall.open) })
      } else if (shortfall.dirty) shortfallUpdates.push([shortfall.id, formatQuantity(shortfall.open)])
    }
  }
  await stockRepository.write(trx, tenantId, storeId, {
    movements,
    layers: newLayers,
    shortfalls: newShortfalls,
    consumptions,
    layerRemaining: layerUpdates,
    shortfallOpen: shortfallUpdates,
    onHand: [...items].map(([itemId, item]) => [itemId, formatQuantity(item.onHand)]),
  })

  const reviewItemIds: string[] = []
  for (const [itemId, item] of items) {
    if (item.negativeMovements.length === 0) continue
    reviewItemIds.push(await openNegativeStockReview(step, storeId, itemId, item, input.reference))
  }

  for (const [type, data] of facts) await step.emitFact(type, data)
  return { movements: applied, reviewItemIds }
}

/**
 * One open review item per store and item while its stock is negative: the
 * first movement below zero opens it, later ones are added to it (the item's
 * level lock is held, so two steps cannot both open one).
 */
async function openNegativeStockReview(step: StepContext, storeId: string, itemId: string, item: ItemState, reference: { type: string; id: string }) {
  const open = await stockRepository.openNegativeStockReview(step.trx, storeId, itemId)
  if (open) {
    const data = open.data ?? {}
    await stockRepository.updateReviewData(step.trx, open.id, {
      ...data,
      onHand: formatQuantity(item.onHand),
      movementIds: [...(Array.isArray(data.movementIds) ? data.movementIds : []), ...item.negativeMovements],
      references: [...(Array.isArray(data.references) ? data.references : []), reference],
      lastAt: step.at,
    })
    return open.id
  }
  const id = uuidv7()
  await stockRepository.insertReview(step.trx, {
    id,
    tenantId: step.ref.tenantId,
    storeId,
    itemId,
    data: { itemId, onHand: formatQuantity(item.onHand), movementIds: item.negativeMovements, references: [reference], firstAt: step.at, lastAt: step.at },
  })
  return id
}
