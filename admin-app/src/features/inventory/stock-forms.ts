/** A command id as clients make them: UUID v7 (time-ordered), from the browser's crypto. */
export function newCommandId(now = Date.now(), random: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): string {
  const bytes = new Uint8Array(random)
  for (let i = 0; i < 6; i++) bytes[i] = Math.floor(now / 2 ** (8 * (5 - i))) & 0xff
  bytes[6] = (bytes[6]! & 0x0f) | 0x70
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** `"1,234.5"` rupees → 123450 paise, from the text (no float arithmetic); throws on anything else. */
export function rupeesToPaise(text: string): number {
  const match = /^([0-9]+)(?:\.([0-9]{1,2}))?$/.exec(text.replaceAll(',', '').trim())
  if (!match) throw new Error(`“${text}” is not an amount in rupees`)
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

/** `"1.25"` → 1250 thousandths (quantities have up to 3 places), or null if it is not a quantity. */
export function quantityThousandths(text: string): number | null {
  const match = /^([0-9]{1,11})(?:\.([0-9]{1,3}))?$/.exec(text.trim())
  if (!match) return null
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'))
}

/** The lines of a partial receipt: what arrived of each line (up to what is in transit); empty or 0 lines are left out. */
export function receiptLines(
  transfer: { lines: ReadonlyArray<{ itemId: string; quantityInTransit: string }> },
  arrived: Readonly<Record<string, string>>
): { ok: true; lines: Array<{ itemId: string; quantity: string }> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const lines: Array<{ itemId: string; quantity: string }> = []
  for (const line of transfer.lines) {
    const text = (arrived[line.itemId] ?? '').trim()
    if (text === '') continue
    const qty = quantityThousandths(text)
    const inTransit = quantityThousandths(line.quantityInTransit) ?? 0
    if (qty === null) errors[line.itemId] = 'a quantity with up to 3 decimals'
    else if (qty > inTransit) errors[line.itemId] = `only ${line.quantityInTransit} is in transit`
    else if (qty > 0) lines.push({ itemId: line.itemId, quantity: text })
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  if (lines.length === 0) return { ok: false, errors: { form: 'enter what arrived of at least one line' } }
  return { ok: true, lines }
}
