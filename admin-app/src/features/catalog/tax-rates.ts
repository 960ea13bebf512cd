/*
 * A tax rate change is data: a new dated rate of a class, from today or later in India. The
 * rate of every past date stays what it was; an upcoming rate may be cancelled before it starts.
 */
import { addTaxRateRequestSchema, type AddTaxRateRequest, type TaxClass } from '@pos/protocols'

/** Today's date in India (`YYYY-MM-DD`), the calendar the catalog's dates are in. */
export function todayInIndia(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

export interface RateDraft {
  effectiveFrom: string
  ratePercent: string
  cessPercent: string
}

export type RateErrors = Partial<Record<keyof RateDraft | 'form', string>>

/** The body of `POST /tax-classes/:id/rates`, or what is wrong with the draft. */
export function rateBody(draft: RateDraft, today: string, taxClass?: TaxClass): { ok: true; body: AddTaxRateRequest } | { ok: false; errors: RateErrors } {
  const errors: RateErrors = {}
  const parsed = addTaxRateRequestSchema.safeParse({
    effectiveFrom: draft.effectiveFrom,
    ratePercent: draft.ratePercent,
    cessPercent: draft.cessPercent.trim() === '' ? '0' : draft.cessPercent,
  })
  if (!parsed.success) for (const issue of parsed.error.issues) errors[(issue.path[0] as keyof RateDraft | undefined) ?? 'form'] ??= issue.message
  if (!errors.effectiveFrom && draft.effectiveFrom < today) errors.effectiveFrom = 'a past date would change the rate of past sales; pick today or later'
  if (!errors.effectiveFrom && taxClass?.rates.some((r) => r.effectiveFrom === draft.effectiveFrom))
    errors.effectiveFrom = `${taxClass.code} already has a rate from ${draft.effectiveFrom}`
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, body: parsed.data }
}

/** `"18"` (+ cess) → `"18 %"`, `"28 % + 12 % cess"`. */
export function rateText(rate: { ratePercent: string; cessPercent: string }): string {
  return Number(rate.cessPercent) > 0 ? `${rate.ratePercent} % + ${rate.cessPercent} % cess` : `${rate.ratePercent} %`
}
