import { z } from 'zod'

/** Money as an integer number of paise (₹1 = 100 paise). Never a float. */
export const paiseSchema = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER)
export type Paise = z.infer<typeof paiseSchema>

/** A non-negative amount of paise (prices, tenders). */
export const nonNegativePaiseSchema = paiseSchema.min(0)
