import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A random secret with a readable prefix, e.g. `dk_<43 base64url chars>` (256 bits). */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`
}

/** SHA-256 in hex. Used for high-entropy secrets only (never for passwords). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

// Crockford base32 without I, L, O, U: easy to read aloud and type on a tablet.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A one-time code of `length` characters from an unambiguous alphabet (5 bits each). */
export function newHumanCode(length = 8): string {
  const bytes = randomBytes(length)
  let code = ''
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31]
  return code
}
