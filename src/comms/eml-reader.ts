/**
 * Just enough of MIME to show staff a message Carrel itself wrote to the maildrop: the headers
 * (unfolded, RFC 2047 words decoded) and the plain-text part. It reads what nodemailer writes
 * (UTF-8; 7bit, quoted-printable or base64; a multipart/alternative of text and HTML), not
 * arbitrary mail.
 */
export interface ReadMessage {
  headers: Map<string, string>
  text: string
}

const CRLF = /\r?\n/

function splitHead(raw: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(raw)
  return m === null
    ? { head: raw, body: '' }
    : { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) }
}

function parseHeaders(head: string): Map<string, string> {
  const out = new Map<string, string>()
  let current: [string, string] | undefined
  const flush = () => {
    if (current !== undefined && !out.has(current[0])) out.set(current[0], decodeWords(current[1]))
  }
  for (const line of head.split(CRLF)) {
    if (/^[ \t]/.test(line) && current !== undefined) {
      current[1] += ` ${line.trim()}`
      continue
    }
    flush()
    const colon = line.indexOf(':')
    current =
      colon < 1
        ? undefined
        : [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
  }
  flush()
  return out
}

/** RFC 2047 encoded words (=?UTF-8?B?…?= and =?UTF-8?Q?…?=), adjacent ones joined. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_all, _charset: string, enc: string, text: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : qpBytes(text.replace(/_/g, ' ')).toString('utf8'),
    )
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    const hex = text.slice(i + 1, i + 3)
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else bytes.push(...Buffer.from(c ?? '', 'utf8'))
  }
  return Buffer.from(bytes)
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '7bit').toLowerCase()
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (enc === 'quoted-printable') return qpBytes(body.replace(/=\r?\n/g, '')).toString('utf8')
  return body
}

function boundaryOf(contentType: string): string | undefined {
  return /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
}

function textPart(headers: Map<string, string>, body: string): string | undefined {
  const type = headers.get('content-type') ?? 'text/plain'
  if (/^text\/plain/i.test(type)) return decodeBody(body, headers.get('content-transfer-encoding'))
  const boundary = boundaryOf(type)
  if (!/^multipart\//i.test(type) || boundary === undefined) return undefined
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break
    const { head, body: partBody } = splitHead(part.replace(/^\r?\n/, ''))
    const found = textPart(parseHeaders(head), partBody.replace(/\r?\n$/, ''))
    if (found !== undefined) return found
  }
  return undefined
}

export function readEml(raw: Buffer): ReadMessage {
  const { head, body } = splitHead(raw.toString('utf8'))
  const headers = parseHeaders(head)
  return { headers, text: (textPart(headers, body) ?? '').replace(/\r\n/g, '\n').trimEnd() }
}
