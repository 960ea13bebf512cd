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
