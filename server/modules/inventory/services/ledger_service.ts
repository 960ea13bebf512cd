import type { StockVerifyResult } from '@pos/protocols'
import { inRlsTransaction, withTenant } from '#core/db/tenancy'
import type { Principal } from '#core/http/principal'
import { recordAudit } from '#modules/audit/index'
import { requireStore } from '#modules/tenancy/index'
import { ledgerRepository } from '../repositories/ledger_repository.js'
import { formatQuantity, fromNumeric } from './quantity.js'

export interface VerifyOptions {
  tenantId: string
  /** One store, or every store of the tenant. */
  storeId?: string | null
  /** Reset mismatching on-hands to the ledger sum (each with an audit entry). */
  repair?: boolean
  /** Recorded in the audit entries of repairs. */
  actorUserId?: string | null
  requestId?: string | null
  source: 'http' | 'ace'
}

/**
 * The ledger invariant: stock_levels.on_hand equals the sum of the item's
 * movements in the store. Verify lists the rows that differ; repair resets each
 * to the ledger sum under the row's lock (re-reading the sum there, so a step
 * committing meanwhile is not undone) and records an audit entry per row.
 */
export const ledgerService = {
  async verify(options: VerifyOptions): Promise<StockVerifyResult> {
    const storeId = options.storeId ?? null
    const { checked, mismatches } = await withTenant(options.tenantId, async (trx) => ({
      checked: await ledgerRepository.count(trx, options.tenantId, storeId),
      mismatches: await ledgerRepository.mismatches(trx, options.tenantId, storeId),
    }))
    let repaired = 0
    if (options.repair) {
      // One short transaction per row: a repair never holds many level locks sales are waiting for.
      for (const mismatch of mismatches) {
        const fixed = await withTenant(options.tenantId, async (trx) => {
          const current = await ledgerRepository.lockAndSum(trx, options.tenantId, mismatch.store_id, mismatch.item_id)
          if (!current || fromNumeric(current.on_hand) === fromNumeric(current.ledger)) return false
          await ledgerRepository.setOnHand(trx, options.tenantId, mismatch.store_id, mismatch.item_id, current.ledger)
          await recordAudit(trx, {
            tenantId: options.tenantId,
            action: 'inventory.on_hand_repaired',
            actorUserId: options.actorUserId ?? null,
            subjectType: 'stock_level',
            subjectId: `${mismatch.store_id}:${mismatch.item_id}`,
            data: {
              storeId: mismatch.store_id,
              itemId: mismatch.item_id,
              onHandBefore: formatQuantity(fromNumeric(current.on_hand)),
              ledger: formatQuantity(fromNumeric(current.ledger)),
              source: options.source,
            },
            requestId: options.requestId ?? null,
          })
          return true
        })
        if (fixed) repaired++
      }
    }
    return {
      checked,
      mismatches: mismatches.map((row) => ({
        storeId: row.store_id,
        itemId: row.item_id,
        onHand: formatQuantity(fromNumeric(row.on_hand)),
        ledger: formatQuantity(fromNumeric(row.ledger)),
      })),
      repaired,
    } as StockVerifyResult
  },

  /** A store's check from the manager's route (store scope checked). */
  async verifyStore(principal: Extract<Principal, { kind: 'user' }>, storeId: string, repair: boolean, requestId: string | null) {
    await withTenant(principal.tenantId, (trx) => requireStore(trx, principal, storeId))
    return this.verify({ tenantId: principal.tenantId, storeId, repair, actorUserId: principal.userId, requestId, source: 'http' })
  },

  /** Every tenant that has stock levels (for the operator's command without --tenant). */
  tenantsWithStock(): Promise<string[]> {
    return inRlsTransaction({ 'app.scan': 'inventory' }, (trx) => ledgerRepository.tenantsWithStock(trx))
  },
}
