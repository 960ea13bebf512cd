/**
 * Price- and weight-embedded EAN-13 labels printed by shop scales, read with per-tenant rules.
 *
 * A rule such as `{ prefix: '21', kind: 'weight', itemCodeDigits: 5, valueDigits: 5, valueScale: 3 }`
 * reads `21 IIIII WWWWW C`: item code `IIIII`, weight `WWWWW / 10^3` kg, EAN-13 check digit `C`.
 * Labels with an extra price check digit inside the value field are not supported.
 *
 * @module
 */
import { DECIMAL_PLACES, formatDecimal } from '../tax/decimal.ts'
import { GTIN_LENGTHS, isValidGtin } from './gtin.ts'

/** Rupees have two decimal places: paise. */
const PAISE_PLACES = 2

/** How a tenant's scale labels embed an item code and a weight or a price in an EAN-13. */
export interface EmbeddedBarcodeRule {
  /** The leading digits that mark such a label, usually from the in-store range 20–29: `"21"`. */
  readonly prefix: string
  /** `weight`: the value is a quantity; `price`: the value is the line price. */
  readonly kind: 'weight' | 'price'
  /** Digits of the item code that follow the prefix. */
  readonly itemCodeDigits: number
  /** Digits of the value that follow the item code. `prefix + item + value` = 12 digits. */
  readonly valueDigits: number
  /**
   * Decimals in the value. Weight: 0–3 (3 means grams → kg, the 3-decimal quantity limit).
   * Price: 0–2 (2 means paise, 0 whole rupees).
   */
  readonly valueScale: number
}

/** What a scanned code is. */
export type BarcodeReading =
  | { readonly kind: 'plain'; readonly code: string }
  | { readonly kind: 'weight'; readonly code: string; readonly prefix: string; readonly itemCode: string; readonly quantity: string }
  | { readonly kind: 'price'; readonly code: string; readonly prefix: string; readonly itemCode: string; readonly pricePaise: number }
  | { readonly kind: 'invalid'; readonly code: string; readonly reason: BarcodeInvalidReason }

/** Why a scanned code was refused. */
export type BarcodeInvalidReason = 'E_BARCODE_EMPTY' | 'E_BARCODE_CHECK_DIGIT' | 'E_BARCODE_ZERO_VALUE'

/** Why a rule was refused. */
export type BarcodeRuleInvalidReason =
  | 'E_BARCODE_RULE_PREFIX'
  | 'E_BARCODE_RULE_KIND'
  | 'E_BARCODE_RULE_DIGITS'
  | 'E_BARCODE_RULE_SCALE'

/** Thrown by {@link parseBarcode} when a configured rule is invalid (a configuration error). */
export class BarcodeRuleError extends Error {
  override readonly name = 'BarcodeRuleError'
  /** Always `E_BARCODE_RULE_INVALID`. */
  readonly code = 'E_BARCODE_RULE_INVALID'
  /** What is wrong with the rule. */
  readonly reason: BarcodeRuleInvalidReason

  /**
   * @param reason - what is wrong
   * @param prefix - the rule's prefix, for the message
   */
  constructor(reason: BarcodeRuleInvalidReason, prefix: unknown) {
    super(`Invalid embedded-barcode rule for prefix ${String(prefix)}: ${reason}`)
    this.reason = reason
  }
}

/**
 * Checks a rule, for example before a tenant's settings are saved: a prefix of 1 to 11 digits,
 * a known kind, at least one item-code and one value digit, `prefix + item + value` = 12 digits,
 * and a scale the quantity or paise can hold exactly.
 */
export function validateBarcodeRule(
  rule: EmbeddedBarcodeRule,
): { readonly ok: true } | { readonly ok: false; readonly reason: BarcodeRuleInvalidReason } {
  const { prefix, kind, itemCodeDigits, valueDigits, valueScale } = rule
  if (typeof prefix !== 'string' || !/^\d{1,11}$/.test(prefix)) return { ok: false, reason: 'E_BARCODE_RULE_PREFIX' }
  if (kind !== 'weight' && kind !== 'price') return { ok: false, reason: 'E_BARCODE_RULE_KIND' }
  const digitsOk =
    Number.isInteger(itemCodeDigits) &&
    Number.isInteger(valueDigits) &&
    itemCodeDigits >= 1 &&
    valueDigits >= 1 &&
    prefix.length + itemCodeDigits + valueDigits === 12
  if (!digitsOk) return { ok: false, reason: 'E_BARCODE_RULE_DIGITS' }
  const maxScale = kind === 'weight' ? DECIMAL_PLACES : PAISE_PLACES
  if (!Number.isInteger(valueScale) || valueScale < 0 || valueScale > maxScale) {
    return { ok: false, reason: 'E_BARCODE_RULE_SCALE' }
  }
  return { ok: true }
}

/**
 * Reads a scanned code. Surrounding whitespace (a scanner's line ending) is ignored.
 *
 * - An all-digit code of a GTIN length (8, 12, 13, 14) must carry a correct check digit.
 * - A valid EAN-13 that starts with a rule's prefix is a weight or price label; when several
 *   prefixes match, the longest wins, then the earlier rule. A weight or price of zero is refused.
 * - Anything else (another EAN, an internal alphanumeric code) is `plain`.
 *
 * @param code - the scanned text
 * @param rules - the tenant's embedded-barcode rules
 * @returns the reading; `quantity` is a decimal string in the rule's unit (kg for
 *   `valueScale: 3`), `pricePaise` an integer
 * @throws BarcodeRuleError when a rule is invalid (see {@link validateBarcodeRule})
 */
export function parseBarcode(code: string, rules: readonly EmbeddedBarcodeRule[] = []): BarcodeReading {
  for (const rule of rules) {
    const check = validateBarcodeRule(rule)
    if (!check.ok) throw new BarcodeRuleError(check.reason, rule.prefix)
  }
  const text = typeof code === 'string' ? code.trim() : ''
  if (text === '') return { kind: 'invalid', code: text, reason: 'E_BARCODE_EMPTY' }
  const isGtin = /^\d+$/.test(text) && GTIN_LENGTHS.includes(text.length)
  if (isGtin && !isValidGtin(text)) return { kind: 'invalid', code: text, reason: 'E_BARCODE_CHECK_DIGIT' }

  const rule = text.length === 13 && isGtin ? longestPrefixMatch(text, rules) : undefined
  if (rule === undefined) return { kind: 'plain', code: text }

  const itemStart = rule.prefix.length
  const valueStart = itemStart + rule.itemCodeDigits
  const itemCode = text.slice(itemStart, valueStart)
  const value = BigInt(text.slice(valueStart, valueStart + rule.valueDigits))
  if (value === 0n) return { kind: 'invalid', code: text, reason: 'E_BARCODE_ZERO_VALUE' }
  const { prefix } = rule
  if (rule.kind === 'weight') {
    const thousandths = value * 10n ** BigInt(DECIMAL_PLACES - rule.valueScale)
    return { kind: 'weight', code: text, prefix, itemCode, quantity: formatDecimal(thousandths) }
  }
  const paise = value * 10n ** BigInt(PAISE_PLACES - rule.valueScale)
  return { kind: 'price', code: text, prefix, itemCode, pricePaise: Number(paise) }
}

function longestPrefixMatch(code: string, rules: readonly EmbeddedBarcodeRule[]): EmbeddedBarcodeRule | undefined {
  let best: EmbeddedBarcodeRule | undefined
  for (const rule of rules) {
    if (code.startsWith(rule.prefix) && (best === undefined || rule.prefix.length > best.prefix.length)) best = rule
  }
  return best
}
