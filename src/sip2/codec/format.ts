import type { SipCharset } from '../../selfcheck/sip-account.tables.js'
import { encodeText } from './charset.js'
import { sipChecksum } from './checksum.js'
import { MAX_FIELD_LENGTH, MESSAGE_SPECS, type MessageCode, type SipMessage } from './spec.js'

export interface FormatOptions {
  charset: SipCharset
  errorDetection: boolean
  /** The request's AY, echoed; 96 never carries one. */
  seq?: string
}

const CR = Buffer.from('\r', 'latin1')

// Delimiter, terminator, NUL and other controls can never travel inside a value.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f|]/g

export function cleanValue(value: string, max = MAX_FIELD_LENGTH): string {
  const chars = [...value.replace(UNSAFE, ' ')]
  return chars.length > max ? chars.slice(0, max).join('') : chars.join('')
}

/** Fixed fields always go out at their exact width, so every position a client reads is right. */
function fixedPart(code: MessageCode, fixed: Record<string, string>): string {
  return (MESSAGE_SPECS[code] as readonly (readonly [string, number])[])
    .map(([name, width]) => cleanValue(fixed[name] ?? '', width).padEnd(width, ' '))
    .join('')
}

/** One message on the wire: fixed part, id'd fields each closed by "|", AY/AZ when on, then CR. */
export function formatMessage(message: SipMessage, options: FormatOptions): Buffer {
  let text =
    message.code +
    fixedPart(message.code, message.fixed) +
    message.fields.map(([id, value]) => `${id}${cleanValue(value)}|`).join('')
  if (!options.errorDetection) return Buffer.concat([encodeText(text, options.charset), CR])
  if (options.seq !== undefined) text += `AY${options.seq}`
  const bytes = encodeText(`${text}AZ`, options.charset)
  return Buffer.concat([bytes, Buffer.from(sipChecksum(bytes), 'latin1'), CR])
}
