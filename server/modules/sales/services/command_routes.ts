import type { salesCommandSchemas } from '@pos/protocols'
import { requireTerminalDevice, requireUser, socketGuardErrors, type CommandRoutes, type RoutedCommand } from '#core/modules'
import type { Principal } from '#core/http/principal'

/** The socket commands of the sales module. */
export type SalesCommandName = keyof typeof salesCommandSchemas

const saleRef = (tenantId: string, saleId: string) => ({ tenantId, kind: 'sale', actorId: saleId })
const shiftRef = (tenantId: string, shiftId: string) => ({ tenantId, kind: 'shift', actorId: shiftId })

/**
 * A cart command from the paired terminal device: the sale actor's event, marked with the
 * device's store and terminal (the machine refuses it for a sale of another terminal). The
 * tenant, store and terminal always come from the device's key, never from the payload.
 */
function fromTerminal(principal: Principal, saleId: string, event: Record<string, unknown> & { type: string }): RoutedCommand {
  const device = requireTerminalDevice(principal)
  const marked = { ...event, origin: { storeId: device.storeId, terminalId: device.terminalId } }
  return { ref: saleRef(device.tenantId, saleId), event: marked, storeId: device.storeId }
}

/**
 * Where each sales command goes. Terminal commands come from the paired terminal device (with its
 * signed-in cashier, checked by the sale's `checkStart`); an approval comes from a manager's own
 * session, and so does a back-office shift close or override.
 */
export const salesCommandRoutes: CommandRoutes<SalesCommandName> = {
  'sale.start': (payload, principal) => {
    const device = requireTerminalDevice(principal)
    return {
      ref: saleRef(device.tenantId, payload.saleId),
      event: {
        type: 'sale.start',
        storeId: device.storeId,
        terminalId: device.terminalId,
        cashierId: payload.cashierId,
        supplierStateCode: payload.supplierStateCode,
        pricesIncludeTax: payload.pricesIncludeTax,
        composition: payload.composition,
        limits: payload.limits,
        offline: payload.offline === true,
      },
      storeId: device.storeId,
    }
  },
  'sale.addLine': (payload, principal) =>
    fromTerminal(principal, payload.saleId, { type: 'sale.addLine', line: payload.line, ...(payload.barcode ? { barcode: payload.barcode } : {}) }),
  'sale.removeLine': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.removeLine', lineId: payload.lineId }),
  'sale.changeQuantity': (payload, principal) =>
    fromTerminal(principal, payload.saleId, { type: 'sale.changeQuantity', lineId: payload.lineId, quantity: payload.quantity }),
  'sale.overridePrice': (payload, principal) =>
    fromTerminal(principal, payload.saleId, { type: 'sale.overridePrice', lineId: payload.lineId, unitPricePaise: payload.unitPricePaise }),
  'sale.discountLine': (payload, principal) =>
    fromTerminal(principal, payload.saleId, { type: 'sale.discountLine', lineId: payload.lineId, discount: payload.discount }),
  'sale.discountBill': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.discountBill', amountPaise: payload.amountPaise }),
  'sale.approve': (payload, principal) => {
    const manager = requireUser(principal, payload.storeId, 'manager')
    return {
      ref: saleRef(manager.tenantId, payload.saleId),
      event: { type: 'sale.approve', approverId: manager.userId, scope: payload.scope, origin: { storeId: payload.storeId } },
      storeId: payload.storeId,
    }
  },
  'sale.attachCustomer': (payload, principal) => {
    const { commandId: _c, clientSeq: _s, saleId, ...customer } = payload
    return fromTerminal(principal, saleId, { type: 'sale.attachCustomer', ...customer })
  },
  'sale.park': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.park' }),
  'sale.resume': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.resume' }),
  'sale.startTender': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.startTender' }),
  'sale.backToCart': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.backToCart' }),
  'sale.addTender': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.addTender', tender: payload.tender }),
  'sale.removeTender': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.removeTender', tenderId: payload.tenderId }),
  'sale.complete': (payload, principal) =>
    fromTerminal(principal, payload.saleId, {
      type: 'sale.complete',
      invoiceNumber: payload.invoiceNumber,
      ...(payload.soldAt === undefined ? {} : { soldAt: new Date(payload.soldAt).toISOString() }),
    }),
  'sale.void': (payload, principal) => fromTerminal(principal, payload.saleId, { type: 'sale.void', reason: payload.reason }),
  'sale.return': (payload, principal) => {
    const device = requireTerminalDevice(principal)
    return {
      ref: saleRef(device.tenantId, payload.saleId),
      event: {
        type: 'sale.return',
        returnId: payload.returnId,
        // The returning terminal (its drawer and shift), any terminal of the sale's store.
        terminalId: device.terminalId,
        lines: payload.lines,
        refund: payload.refund,
        ...(payload.phone === undefined ? {} : { phone: payload.phone }),
        reason: payload.reason,
        origin: { storeId: device.storeId },
      },
      storeId: device.storeId,
    }
  },
  'shift.open': (payload, principal) => {
    const device = requireTerminalDevice(principal)
    return {
      ref: shiftRef(device.tenantId, payload.shiftId),
      event: { type: 'shift.open', storeId: device.storeId, terminalId: device.terminalId, openedBy: payload.cashierId, cashCount: payload.cashCount },
      storeId: device.storeId,
    }
  },
  'shift.moveCash': (payload, principal) => {
    const device = requireTerminalDevice(principal)
    return {
      ref: shiftRef(device.tenantId, payload.shiftId),
      event: {
        type: 'shift.moveCash',
        movementId: payload.movementId,
        direction: payload.direction,
        amountPaise: payload.amountPaise,
        reason: payload.reason,
        by: payload.cashierId,
        origin: { storeId: device.storeId, terminalId: device.terminalId },
      },
      storeId: device.storeId,
    }
  },
  'shift.close': (payload, principal) => {
    const close = { type: 'shift.close', cashCount: payload.cashCount, ...(payload.tenderCounts ? { tenderCounts: payload.tenderCounts } : {}) }
    if (principal.kind === 'device') {
      const device = requireTerminalDevice(principal)
      // The terminal closes for its cashier, reporting its own unsynced commands; only a manager overrides.
      if (payload.cashierId === undefined || payload.overrideReason !== undefined || payload.storeId !== undefined) throw socketGuardErrors.forbidden()
      return {
        ref: shiftRef(device.tenantId, payload.shiftId),
        event: { ...close, by: payload.cashierId, unsyncedCommands: payload.unsyncedCommands ?? 0, origin: { storeId: device.storeId, terminalId: device.terminalId } },
        storeId: device.storeId,
      }
    }
    if (payload.storeId === undefined) throw socketGuardErrors.forbidden()
    const manager = requireUser(principal, payload.storeId, 'manager')
    return {
      ref: shiftRef(manager.tenantId, payload.shiftId),
      event: {
        ...close,
        by: manager.userId,
        // The store actor's last known depth is checked by the close effect; the override stands for it.
        unsyncedCommands: 0,
        ...(payload.overrideReason === undefined ? {} : { override: { by: manager.userId, reason: payload.overrideReason } }),
        origin: { storeId: payload.storeId },
      },
      storeId: payload.storeId,
    }
  },
}
