/**
 * GST state codes (the first two digits of a GSTIN and the place-of-supply code), as in
 * india-compliance `STATE_NUMBERS` (domain doc §8.2).
 *
 * @module
 */

/** Current GST state and Union Territory codes and their names. */
export const GST_STATES: Readonly<Record<string, string>> = Object.freeze({
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '96': 'Other Countries',
  '97': 'Other Territory',
})

/**
 * Codes no longer issued, for reading historical documents only: 25 Daman and Diu (merged into
 * 26 in 2020) and 28 Andhra Pradesh before the 2014 split (replaced by 37).
 */
export const RETIRED_GST_STATES: Readonly<Record<string, string>> = Object.freeze({
  '25': 'Daman and Diu',
  '28': 'Andhra Pradesh (before 2014)',
})

/**
 * Union Territories without a legislature: an intra-state supply there carries CGST + UTGST
 * instead of CGST + SGST (domain doc §2.1). 97 "Other Territory" is included because the UTGST
 * Act's definition of "Union territory" (s.2(8)) includes "other territory".
 */
const UT_WITHOUT_LEGISLATURE: ReadonlySet<string> = new Set(['04', '26', '31', '35', '38', '97'])

/**
 * The name of a GST state code, for printing the place of supply (Rule 46(n)).
 *
 * @param code - a two-digit code such as `"29"`
 * @param options - `includeRetired` also names retired codes 25 and 28 (historical documents)
 * @returns the name, or `undefined` for an unknown code
 */
export function stateName(code: string, options: { includeRetired?: boolean } = {}): string | undefined {
  if (Object.hasOwn(GST_STATES, code)) return GST_STATES[code]
  if (options.includeRetired === true && Object.hasOwn(RETIRED_GST_STATES, code)) return RETIRED_GST_STATES[code]
  return undefined
}

/**
 * Whether a state code is a Union Territory without a legislature (04 Chandigarh, 26 Dadra and
 * Nagar Haveli and Daman and Diu, 31 Lakshadweep, 35 Andaman and Nicobar Islands, 38 Ladakh,
 * 97 Other Territory). Delhi (07), Puducherry (34) and Jammu and Kashmir (01) have legislatures
 * and charge SGST.
 */
export function isUnionTerritoryWithoutLegislature(code: string): boolean {
  return UT_WITHOUT_LEGISLATURE.has(code)
}

/**
 * The label to print for the state half of an intra-state tax at the given place of supply:
 * `"UTGST"` in a Union Territory without a legislature, `"SGST"` elsewhere. Only the label
 * changes; the amount stays in the SGST field (`samt` / `SgstAmt`) of every return and e-invoice.
 */
export function stateTaxLabel(code: string): 'SGST' | 'UTGST' {
  return isUnionTerritoryWithoutLegislature(code) ? 'UTGST' : 'SGST'
}
