/** GSTIN validation and GST state codes. */
export { gstinCheckCharacter, validateGstin } from './gstin.ts'
export type { GstinInvalidReason, GstinValidation } from './gstin.ts'
export {
  GST_STATES,
  RETIRED_GST_STATES,
  isUnionTerritoryWithoutLegislature,
  stateName,
  stateTaxLabel,
} from './state-codes.ts'
