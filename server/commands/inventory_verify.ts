import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * `node ace inventory:verify [--repair] [--tenant=<id>[,<id>]] [--json]`
 *
 * Checks the ledger invariant of every stock level (on-hand equals the sum of the
 * item's movements in the store), per tenant, each in its own tenant context.
 * With --repair each mismatch is reset to the ledger sum under the row's lock,
 * with an audit entry. Exits 1 while mismatches remain unrepaired.
 */
export default class InventoryVerify extends BaseCommand {
  static override commandName = 'inventory:verify'
  static override description = 'Compare every stock on-hand with the sum of its movements; --repair resets mismatches to the ledger (audited)'
  static override options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Reset each mismatching on-hand to the sum of its movements (one audit entry per row)' })
  declare repair: boolean

  @flags.array({ description: 'Only these tenants (repeat the flag or separate ids with commas); default: every tenant with stock levels' })
  declare tenant: string[] | undefined

  @flags.boolean({ description: 'Print the result as JSON on stdout' })
  declare json: boolean

  override async run() {
    const { ledgerService } = await import('#modules/inventory/index')
    const named = (this.tenant ?? []).flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
    const invalid = named.filter((value) => !UUID.test(value))
    if (invalid.length > 0) {
      this.logger.error(`not tenant ids: ${invalid.join(', ')}`)
      this.exitCode = 2
      return
    }
    const tenants = named.length > 0 ? named : await ledgerService.tenantsWithStock()

    const results = []
    for (const tenantId of tenants) {
      const result = await ledgerService.verify({ tenantId, repair: this.repair === true, source: 'ace' })
      results.push({ tenantId, ...result })
      if (!this.json) {
        const state = result.mismatches.length === 0 ? 'ok' : `${result.mismatches.length} mismatch(es), ${result.repaired} repaired`
        this.logger.info(`tenant ${tenantId}: ${result.checked} stock level(s) checked, ${state}`)
        for (const row of result.mismatches) {
          this.logger.warning(`  store ${row.storeId} item ${row.itemId}: on-hand ${row.onHand}, movements add up to ${row.ledger}`)
        }
      }
    }
    const unrepaired = results.reduce((sum, result) => sum + result.mismatches.length - result.repaired, 0)
    if (this.json) this.logger.log(JSON.stringify({ tenants: results, unrepaired }))
    else this.logger.info(`${results.length} tenant(s) checked; ${unrepaired} mismatch(es) left`)
    this.exitCode = unrepaired > 0 ? 1 : 0
  }
}
