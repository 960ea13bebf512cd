/**
 * JSON shapes of the tax calculators. Money is always an integer number of paise; quantities and
 * percentages are exact decimal strings.
 *
 * @module
 */

/** `intra`: CGST + SGST/UTGST (supplier state = place of supply); `inter`: IGST. */
export type SupplyType = 'intra' | 'inter'

/** A regular taxpayer issues a tax invoice; a composition dealer a bill of supply (Rule 49). */
export type DocumentKind = 'tax_invoice' | 'bill_of_supply'

/** A line discount: a percentage of the line gross, or a fixed amount in paise. */
export type LineDiscount = { readonly percent: string } | { readonly amountPaise: number }

/** One line of a sale, as entered at the till. */
export interface InvoiceLineInput {
  /** Unique, non-empty line id (kept on the stored line and referenced by returns). */
  readonly id: string
  /** HSN or SAC code, used only to group the HSN summary. */
  readonly hsn: string
  /** Decimal string, greater than zero, at most 3 decimals: `"2"`, `"2.345"` (kg). */
  readonly quantity: string
  /** Integer paise per unit; tax-inclusive or exclusive according to `pricesIncludeTax`. */
  readonly unitPricePaise: number
  /** Total GST rate in percent as an exact decimal string: `"18"`, `"0.25"`, `"1.5"`. */
  readonly ratePercent: string
  /** Ad valorem compensation cess in percent (historical documents only); `"0"` when absent. */
  readonly cessPercent?: string
  /** Discount given on this line before or at the time of supply. */
  readonly discount?: LineDiscount
}

/** Everything {@link computeInvoice} needs. */
export interface InvoiceInput {
  /** The supplier's state code: the first two characters of its GSTIN, for example `"29"`. */
  readonly supplierStateCode: string
  /** The place-of-supply state code (domain doc §2.2); the store's state for a counter sale. */
  readonly placeOfSupplyStateCode: string
  /** `true` when unit prices include GST (MRP retail), `false` when tax is added on top. */
  readonly pricesIncludeTax: boolean
  /** `true` for a composition dealer (Section 10): bill of supply, no tax collected. */
  readonly composition?: boolean
  /** The lines, in display order (the order breaks allocation ties). */
  readonly lines: readonly InvoiceLineInput[]
  /** A bill-level discount in paise, spread across lines by the largest-remainder method. */
  readonly billDiscountPaise?: number
}

/** The taxable value, the tax components and their sum, in paise. */
export interface TaxFigures {
  /** Taxable value (assessable amount) after all discounts. */
  readonly taxablePaise: number
  /** Central tax; equal to `sgstPaise` on every intra-state line. */
  readonly cgstPaise: number
  /** State tax, or UTGST in a Union Territory without a legislature (same field). */
  readonly sgstPaise: number
  /** Integrated tax (inter-state). */
  readonly igstPaise: number
  /** Compensation cess. */
  readonly cessPaise: number
  /** `taxablePaise + cgstPaise + sgstPaise + igstPaise + cessPaise`. */
  readonly totalPaise: number
}

/** One computed invoice line: what the invoice prints and what the database stores. */
export interface InvoiceLine extends TaxFigures {
  /** The input line id. */
  readonly id: string
  /** The input HSN/SAC code. */
  readonly hsn: string
  /** The quantity in canonical form (no trailing zeros): `"2.345"`, `"3"`. */
  readonly quantity: string
  /** The rate the tax was computed at, canonical (`"18"`, `"0.25"`); `"0"` on a bill of supply. */
  readonly ratePercent: string
  /** The cess rate the cess was computed at, canonical; `"0"` when none. */
  readonly cessPercent: string
  /** `round(quantity × unit price)`. */
  readonly grossPaise: number
  /** The line's own discount. */
  readonly discountPaise: number
  /** This line's share of the bill discount. */
  readonly billDiscountPaise: number
}

/** The invoice totals: sums of the line values, then the rupee round-off. */
export interface InvoiceTotals extends TaxFigures {
  /** Σ line gross. */
  readonly grossPaise: number
  /** Σ line discounts plus the bill discount. */
  readonly discountPaise: number
  /** `grandTotalPaise − totalPaise`, between −49 and +50 for a non-negative total. */
  readonly roundOffPaise: number
  /** `totalPaise` rounded half-up to a whole rupee; what the customer pays. */
  readonly grandTotalPaise: number
}

/** Per-rate summary (GSTR-1 B2CS/B2B rate rows): the line figures of one rate, added up. */
export interface RateSummary extends Omit<TaxFigures, 'totalPaise'> {
  /** The canonical rate. */
  readonly ratePercent: string
}

/** Per-HSN-and-rate summary (GSTR-1 Table 12). */
export interface HsnSummary extends TaxFigures {
  /** The HSN/SAC code. */
  readonly hsn: string
  /** The canonical rate. */
  readonly ratePercent: string
  /** Σ quantity, canonical decimal string. */
  readonly quantity: string
}

/** The result of {@link computeInvoice}. */
export interface InvoiceComputation {
  /** Intra-state (CGST + SGST) or inter-state (IGST). */
  readonly supplyType: SupplyType
  /** A tax invoice, or a bill of supply for a composition dealer. */
  readonly documentKind: DocumentKind
  /** One per input line, in input order. */
  readonly lines: readonly InvoiceLine[]
  /** Sums of the lines, and the round-off. */
  readonly totals: InvoiceTotals
  /** Sorted by rate, ascending. */
  readonly byRate: readonly RateSummary[]
  /** Sorted by HSN (code-unit order), then rate ascending. */
  readonly byHsn: readonly HsnSummary[]
}

/**
 * An original invoice line as stored: the fields a credit note needs. An {@link InvoiceLine}
 * is one.
 */
export interface StoredInvoiceLine extends TaxFigures {
  /** The line id that returns refer to. */
  readonly id: string
  /** The HSN/SAC code. */
  readonly hsn: string
  /** The quantity sold. */
  readonly quantity: string
  /** The rate the tax was charged at. */
  readonly ratePercent: string
  /** The cess rate; `"0"` when absent. */
  readonly cessPercent?: string
}

/** The original invoice as stored. An {@link InvoiceComputation} is one. */
export interface StoredInvoice {
  /** The supply type the invoice was computed with. */
  readonly supplyType: SupplyType
  /** The stored lines. */
  readonly lines: readonly StoredInvoiceLine[]
}

/** Goods coming back on one original line. */
export interface LineReturn {
  /** The original line id. */
  readonly lineId: string
  /** Decimal string, greater than zero, at most 3 decimals. */
  readonly quantity: string
}

/**
 * What earlier credit notes already credited on one original line. A {@link CreditNoteLine} is
 * one; several entries for the same line are added up.
 */
export interface CreditedLine extends TaxFigures {
  /** The original line id. */
  readonly lineId: string
  /** The quantity credited. */
  readonly quantity: string
}

/** One credit note line. */
export interface CreditNoteLine extends TaxFigures {
  /** The original line id. */
  readonly lineId: string
  readonly hsn: string
  /** The returned quantity, canonical. */
  readonly quantity: string
  /** The original line's rate (a credit note reverses tax at the original rate). */
  readonly ratePercent: string
  /** The original line's cess rate. */
  readonly cessPercent: string
  /** `true` when this return brings the line's credited quantity up to the quantity sold. */
  readonly isFinalReturn: boolean
}

/** Credit note totals: sums of the line values, then the rupee round-off. */
export interface CreditNoteTotals extends TaxFigures {
  /** `grandTotalPaise − totalPaise`, between −49 and +50. */
  readonly roundOffPaise: number
  /** `totalPaise` rounded half-up to a whole rupee; what is refunded. */
  readonly grandTotalPaise: number
}

/** The result of {@link computeCreditNote}. */
export interface CreditNoteComputation {
  /** The original invoice's supply type. */
  readonly supplyType: SupplyType
  /** One per return, in input order. */
  readonly lines: readonly CreditNoteLine[]
  /** Sums of the lines, and the round-off. */
  readonly totals: CreditNoteTotals
  /** Sorted by rate, ascending. */
  readonly byRate: readonly RateSummary[]
  /** Sorted by HSN (code-unit order), then rate ascending. */
  readonly byHsn: readonly HsnSummary[]
}
