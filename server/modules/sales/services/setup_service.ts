import type { Tx } from '#core/db/tenancy'
import { withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import type { StepContext } from '#core/actors/types'
import { documentNumber, financialYearOf, indianDate, type SaleContext, type SaleLimits } from '@pos/state-machines'
import type { TerminalSalesSetup } from '@pos/protocols'
import { assertStoreAccess } from '#modules/tenancy/index'
import { salesErrors } from '../errors.js'
import { salesRepository } from '../repositories/sales_repository.js'

type LimitRole = 'owner' | 'manager' | 'cashier'

/**
 * The limits of each selling role when the tenant sets none (`tenants.settings.sales.limits.<role>`
 * overrides them): a cashier gives up to 5 % off a line or the bill and cannot change prices.
 */
export const DEFAULT_LIMITS: Record<LimitRole, SaleLimits> = {
  owner: { maxLineDiscountPercent: '100', maxBillDiscountPercent: '100', priceOverride: true },
  manager: { maxLineDiscountPercent: '100', maxBillDiscountPercent: '100', priceOverride: true },
  cashier: { maxLineDiscountPercent: '5', maxBillDiscountPercent: '5', priceOverride: false },
}

/** The tenant's limits per selling role. */
export async function roleLimits(trx: Tx, tenantId: string): Promise<Record<LimitRole, SaleLimits>> {
  const settings = await salesRepository.tenantSettings(trx, tenantId)
  const configured = (settings.sales?.limits ?? {}) as Partial<Record<LimitRole, Partial<SaleLimits>>>
  const merged = {} as Record<LimitRole, SaleLimits>
  for (const role of ['owner', 'manager', 'cashier'] as const) merged[role] = { ...DEFAULT_LIMITS[role], ...configured[role] }
  return merged
}

/** The role a user sells with in a store (station and no membership: none). */
export async function sellingRole(trx: Tx, userId: string, storeId: string): Promise<LimitRole | null> {
  const role = await salesRepository.roleInStore(trx, userId, storeId)
  return role === 'owner' || role === 'manager' || role === 'cashier' ? role : null
}

/** The cashier the terminal actor has signed in, or null. */
export async function signedInCashier(trx: Tx, terminalId: string): Promise<string | null> {
  const context = await salesRepository.actorContext(trx, 'terminal', terminalId)
  return (context?.cashierId as string | null | undefined) ?? null
}

/**
 * The sale actor's `checkStart` effect: what the terminal stated in `sale.start` must be the
 * server's own records: the terminal in the store, the store's state, composition and price mode,
 * a cashier who sells in the store (signed in on the terminal, unless the sale is an offline
 * replay) and exactly that role's limits. Anything else refuses the start (nothing is written).
 */
export async function checkSaleStart(step: StepContext) {
  const context = step.context as SaleContext
  const offline = (step.request.event as { offline?: unknown }).offline === true
  const { trx } = step
  const terminal = await salesRepository.terminal(trx, context.terminalId)
  if (!terminal || terminal.store_id !== context.storeId) throw salesErrors.terminalNotFound()
  const store = await salesRepository.store(trx, context.storeId)
  const pricesIncludeTax = await salesRepository.pricesIncludeTax(trx)
  const expected = { supplierStateCode: store?.state_code, composition: store?.composition, pricesIncludeTax }
  const stated = { supplierStateCode: context.supplierStateCode, composition: context.composition, pricesIncludeTax: context.pricesIncludeTax }
  if (JSON.stringify(expected) !== JSON.stringify(stated)) throw salesErrors.setupMismatch({ expected })

  const role = await sellingRole(trx, context.cashierId, context.storeId)
  if (role === null) throw salesErrors.cashierInvalid()
  if (!offline && (await signedInCashier(trx, context.terminalId)) !== context.cashierId) throw salesErrors.cashierNotSignedIn()
  const limits = (await roleLimits(trx, step.ref.tenantId))[role]
  const same =
    limits.maxLineDiscountPercent === context.limits.maxLineDiscountPercent &&
    limits.maxBillDiscountPercent === context.limits.maxBillDiscountPercent &&
    limits.priceOverride === context.limits.priceOverride
  if (!same) throw salesErrors.limitsMismatch({ expected: limits, role })
}

/**
 * What a terminal states when it starts a sale, and its series' next numbers: the `sales.setup`
 * socket query (a device gets its own terminal; a user gets the store part only).
 */
export async function salesSetup(principal: Principal, storeId: string, now = new Date()): Promise<TerminalSalesSetup> {
  assertStoreAccess(principal, storeId)
  return withTenant(principal.tenantId, async (trx) => {
    const store = await salesRepository.store(trx, storeId)
    if (!store) throw salesErrors.terminalNotFound()
    const limits = await roleLimits(trx, principal.tenantId)
    let terminal: TerminalSalesSetup['terminal'] = null
    if (principal.kind === 'device') {
      const row = await salesRepository.terminal(trx, principal.terminalId)
      if (row) {
        const fyLabel = financialYearOf(indianDate(now.toISOString())).label
        const next = await salesRepository.peekSeries(trx, row.id, fyLabel)
        const number = (series: 'tax_invoice' | 'bill_of_supply' | 'credit_note') => documentNumber(series, row.invoice_prefix, fyLabel, next[series] ?? 1)
        terminal = {
          terminalId: row.id as TerminalSalesSetup['storeId'] as never,
          invoicePrefix: row.invoice_prefix,
          cashierId: (await signedInCashier(trx, row.id)) as never,
          openShiftId: await salesRepository.openShiftId(trx, row.id),
          nextNumbers: { fyLabel, taxInvoice: number('tax_invoice'), billOfSupply: number('bill_of_supply'), creditNote: number('credit_note') },
        }
      }
    }
    return {
      storeId: storeId as never,
      supplierStateCode: store.state_code,
      composition: store.composition,
      pricesIncludeTax: await salesRepository.pricesIncludeTax(trx),
      limits,
      terminal,
    }
  })
}
