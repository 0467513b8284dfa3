import type { SipCharset } from '../../selfcheck/sip-account.tables.js'

/** Text to the bytes one account's terminals expect; what Latin-1 cannot hold becomes "?". */
export function encodeText(text: string, charset: SipCharset): Buffer {
  if (charset === 'utf8') return Buffer.from(text, 'utf8')
  const latin = [...text.normalize('NFC')]
    .map((ch) => ((ch.codePointAt(0) ?? 0) <= 0xff ? ch : fallback(ch)))
    .join('')
  return Buffer.from(latin, 'latin1')
}

// A character Latin-1 lacks becomes its unaccented letter where it has one (ő → o), else "?".
function fallback(ch: string): string {
  const base = ch.normalize('NFD').charAt(0)
  return (base.codePointAt(0) ?? 0x100) <= 0x7f ? base : '?'
}

/** Bytes to text; invalid UTF-8 becomes U+FFFD rather than an error. */
export function decodeText(bytes: Uint8Array, charset: SipCharset): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    charset === 'utf8' ? 'utf8' : 'latin1',
  )
}
