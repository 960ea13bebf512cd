/**
 * GSTIN validation: format and check character (domain doc §8.3).
 *
 * @module
 */
import { GST_STATES, RETIRED_GST_STATES } from './state-codes.ts'

/** Why a GSTIN was refused. */
export type GstinInvalidReason = 'E_GSTIN_LENGTH' | 'E_GSTIN_FORMAT' | 'E_GSTIN_STATE_CODE' | 'E_GSTIN_CHECKSUM'

/** The result of {@link validateGstin}. */
export type GstinValidation =
  | { readonly ok: true; readonly stateCode: string; readonly pan: string }
  | { readonly ok: false; readonly reason: GstinInvalidReason }

const CODE_POINTS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/**
 * The normal-taxpayer pattern from india-compliance: state code, PAN (5 letters, 4 digits,
 * 1 letter), entity number 1-9/A-Z, a default character (`Z` for normal taxpayers), check character.
 */
const NORMAL_TAXPAYER = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][Z1-9ABD-J][0-9A-Z]$/

/**
 * Computes the GSTIN check character over the first 14 characters: with the alphabet `0-9A-Z`
 * (mod 36) and factors alternating 1, 2, 1, 2, … from the left, each `d = factor × index(c)`
 * adds `⌊d / 36⌋ + d mod 36`; the check character is `alphabet[(36 − sum mod 36) mod 36]`.
 *
 * @param first14 - the first 14 characters of a GSTIN, upper case
 * @returns the check character, or `undefined` when the input is not 14 characters of `0-9A-Z`
 */
export function gstinCheckCharacter(first14: string): string | undefined {
  if (first14.length !== 14) return undefined
  let sum = 0
  for (let position = 0; position < 14; position += 1) {
    const index = CODE_POINTS.indexOf(first14.charAt(position))
    if (index < 0) return undefined
    const product = (position % 2 === 0 ? 1 : 2) * index
    sum += Math.floor(product / 36) + (product % 36)
  }
  return CODE_POINTS.charAt((36 - (sum % 36)) % 36)
}

/**
 * Validates a normal taxpayer's GSTIN: 15 characters, the india-compliance pattern, a known state
 * code, and the check character. The input must already be upper case and trimmed.
 *
 * Not accepted: UIN, OIDAR, NRI and TDS/TCS registrations with other patterns, and NIC sandbox
 * GSTINs, which do not pass the checksum (a sandbox host should skip this check).
 *
 * @param gstin - for example `"27AAPFU0939F1ZV"`
 * @param options - `acceptRetiredStateCodes` also accepts state codes 25 and 28 (historical data)
 * @returns `{ ok: true, stateCode, pan }` or `{ ok: false, reason }`
 */
export function validateGstin(gstin: string, options: { acceptRetiredStateCodes?: boolean } = {}): GstinValidation {
  if (typeof gstin !== 'string' || gstin.length !== 15) return { ok: false, reason: 'E_GSTIN_LENGTH' }
  if (!NORMAL_TAXPAYER.test(gstin)) return { ok: false, reason: 'E_GSTIN_FORMAT' }
  const stateCode = gstin.slice(0, 2)
  const knownState =
    Object.hasOwn(GST_STATES, stateCode) ||
    (options.acceptRetiredStateCodes === true && Object.hasOwn(RETIRED_GST_STATES, stateCode))
  if (!knownState) return { ok: false, reason: 'E_GSTIN_STATE_CODE' }
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin.charAt(14)) return { ok: false, reason: 'E_GSTIN_CHECKSUM' }
  return { ok: true, stateCode, pan: gstin.slice(2, 12) }
}
