import type { SipCharset } from '../../selfcheck/sip-account.tables.js'
import { decodeText } from './charset.js'
import { checksumMatches } from './checksum.js'
import { MESSAGE_SPECS, fixedLength, isMessageCode, type Field, type SipMessage } from './spec.js'

/** Error detection as the request carried it: the response copies it (reference §3.4). */
export interface Detection {
  errorDetection: boolean
  /** The AY digit to echo, when the request had one. */
  seq?: string
  /** AY + AZ as received: a repeat of both is a retransmission (reference §3.3). */
  signature?: string
}

export type Frame =
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string; detection: Detection }
  | { kind: 'bad-checksum'; detection: Detection }
  | { kind: 'unknown'; code: string; detection: Detection }
  | { kind: 'message'; message: SipMessage; detection: Detection; malformed?: string }

const LF = 0x0a
const CR = 0x0d
const SEQ_TAIL = /AY([0-9])AZ([0-9A-Fa-f]{4})$/
const SUM_TAIL = /AZ([0-9A-Fa-f]{4})$/

/** Strips what CRLF senders leave behind: every LF, a stray CR, leading blanks and controls. */
function clean(raw: Uint8Array): Buffer {
  const bytes = Buffer.from(raw.filter((b) => b !== LF && b !== CR))
  let start = 0
  while (start < bytes.length && (bytes[start] ?? 0) <= 0x20) start++
  return bytes.subarray(start)
}

function detect(bytes: Buffer): { detection: Detection; body: Buffer; ok: boolean } {
  // latin1 maps byte for byte, so string offsets are byte offsets here.
  const text = bytes.toString('latin1')
  const seqTail = SEQ_TAIL.exec(text)
  const sumTail = seqTail ?? SUM_TAIL.exec(text)
  if (sumTail === null) return { detection: { errorDetection: false }, body: bytes, ok: true }
  const tailStart = sumTail.index
  const before = text.slice(0, tailStart)
  // Without AY, "AZ" and four hex digits make a checksum only where no value can end: after the fixed part or a "|".
  const code = before.slice(0, 2)
  const fixedEnd = isMessageCode(code) ? 2 + fixedLength(code) : -1
  if (seqTail === null && before.length !== fixedEnd && !before.endsWith('|'))
    return { detection: { errorDetection: false }, body: bytes, ok: true }
  const hex = sumTail[seqTail === null ? 1 : 2] ?? ''
  const seq = seqTail?.[1]
  const detection: Detection = {
    errorDetection: true,
    ...(seq !== undefined && { seq }),
    signature: text.slice(tailStart),
  }
  const ok = checksumMatches(bytes.subarray(0, text.length - 4), hex)
  return { detection, body: bytes.subarray(0, tailStart), ok }
}

/**
 * Reads one message (the bytes between two CRs). Never throws: anything that is not a message
 * comes back as a kind the session answers with 96 or ignores.
 */
export function parseFrame(raw: Uint8Array, charset: SipCharset): Frame {
  const bytes = clean(raw)
  if (bytes.length === 0) return { kind: 'empty' }
  const { detection, body, ok } = detect(bytes)
  if (bytes.includes(0)) return { kind: 'invalid', reason: 'NUL character', detection }
  if (!ok) return { kind: 'bad-checksum', detection }
  const text = decodeText(body, charset)
  const code = text.slice(0, 2)
  if (!isMessageCode(code)) return { kind: 'unknown', code, detection }
  let pos = 2
  let malformed: string | undefined
  const fixed: Record<string, string> = {}
  for (const [name, width] of MESSAGE_SPECS[code] as readonly (readonly [string, number])[]) {
    const value = text.slice(pos, pos + width)
    if (value.length < width) malformed ??= `the fixed field ${name} is cut short`
    fixed[name] = value
    pos += width
  }
  const fields: Field[] = []
  if (malformed === undefined) {
    for (const piece of text.slice(pos).split('|')) {
      // A piece too short to hold an id is a stray delimiter; ignore it, as unknown ids are.
      if (piece.length >= 2) fields.push([piece.slice(0, 2), piece.slice(2)])
    }
  }
  const message = { code, fixed, fields } as unknown as SipMessage
  return malformed === undefined
    ? { kind: 'message', message, detection }
    : { kind: 'message', message, detection, malformed }
}

/** The first value of a field, or undefined when the message does not carry it. */
export function fieldValue(message: SipMessage, id: string): string | undefined {
  return message.fields.find(([fid]) => fid === id)?.[1]
}
