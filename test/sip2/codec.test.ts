import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeText } from '../../src/sip2/codec/charset.js'
import { checksumMatches, sipChecksum } from '../../src/sip2/codec/checksum.js'
import { cleanValue, formatMessage } from '../../src/sip2/codec/format.js'
import { LineFramer } from '../../src/sip2/codec/framer.js'
import { parseFrame } from '../../src/sip2/codec/parse.js'
import { MESSAGE_SPECS, type MessageCode, type SipMessage } from '../../src/sip2/codec/spec.js'
import { parseSipDate, sipDate } from '../../src/sip2/sip-dates.js'

const bytes = (s: string) => Buffer.from(s, 'latin1')

describe('SIP2 checksum', () => {
  it('matches the reference vectors (real traffic and constructed)', () => {
    const vectors = [
      '9300CNOV|COOV|CPWES|AY1AZF86B',
      '941AY1AZFDFC',
      '9900302.00AY2AZFCA4',
      '941AY0AZFDFD',
      '97AZFEF5',
      '96AZFEF6',
      '9900802.00AY1AZFCA0',
      '9300CNkiosk1|COs3cret|CPMAIN|AY0AZF4DA',
      '11YN20240105    103010                  AOMAIN|AA21234000012345|AB39999000001234|AC|AY3AZED62',
    ]
    for (const v of vectors) {
      expect(sipChecksum(bytes(v.slice(0, -4))), v).toBe(v.slice(-4))
      expect(checksumMatches(bytes(v.slice(0, -4)), v.slice(-4))).toBe(true)
      const frame = parseFrame(bytes(v), 'utf8')
      expect(frame.kind, v).not.toBe('bad-checksum')
    }
    // The string quoted with EC78 computes to EC7B (reference §3.2): trust the algorithm.
    const quoted = '9300CNLoginUserID|COLoginPassword|CPLocationCode|AY5AZ'
    expect(sipChecksum(bytes(quoted))).toBe('EC7B')
    expect(parseFrame(bytes(`${quoted}EC78`), 'utf8').kind).toBe('bad-checksum')
  })
})

// Fixed fields from an alphabet that cannot spell a checksum tail; values without the delimiter or controls.
const fixedChar = fc.constantFrom(...'0123456789 YNU')
const fieldId = fc
  .tuple(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  )
  .map(([a, b]) => a + b)
  .filter((id) => id !== 'AY' && id !== 'AZ')
// eslint-disable-next-line no-control-regex
const clean = (s: string) => !/[\u0000-\u001f\u007f|]/.test(s)
const utf8Value = fc.string({ unit: 'grapheme', maxLength: 60 }).filter(clean)
const latinValue = fc
  .string({
    unit: fc.integer({ min: 0x20, max: 0xff }).map((n) => String.fromCharCode(n)),
    maxLength: 60,
  })
  .filter(clean)

function messageArb(value: fc.Arbitrary<string>): fc.Arbitrary<SipMessage> {
  return fc.constantFrom(...(Object.keys(MESSAGE_SPECS) as MessageCode[])).chain((code) => {
    const specs = MESSAGE_SPECS[code] as readonly (readonly [string, number])[]
    return fc
      .record({
        fixed: fc.tuple(
          ...specs.map(([, width]) =>
            fc.string({ unit: fixedChar, minLength: width, maxLength: width }),
          ),
        ),
        fields: fc.array(fc.tuple(fieldId, value), { maxLength: 8 }),
      })
      .map(
        ({ fixed, fields }) =>
          ({
            code,
            fixed: Object.fromEntries(specs.map(([name], i) => [name, fixed[i] ?? ''])),
            fields,
          }) as unknown as SipMessage,
      )
  })
}

describe('SIP2 codec properties', () => {
  for (const [charset, value] of [
    ['utf8', utf8Value],
    ['latin1', latinValue],
  ] as const) {
    it(`format then parse returns the message (${charset}, with and without error detection)`, () => {
      fc.assert(
        fc.property(
          messageArb(value),
          fc.boolean(),
          fc.option(fc.constantFrom(...'0123456789'), { nil: undefined }),
          (message, errorDetection, seq) => {
            const wire = formatMessage(message, {
              charset,
              errorDetection,
              ...(seq !== undefined && { seq }),
            })
            expect(wire[wire.length - 1]).toBe(0x0d)
            const frame = parseFrame(wire, charset)
            if (frame.kind !== 'message') throw new Error(`parsed as ${frame.kind}`)
            expect(frame.malformed).toBeUndefined()
            expect({ ...frame.message, fields: [...frame.message.fields] }).toEqual(message)
            expect(frame.detection.errorDetection).toBe(errorDetection)
            expect(frame.detection.seq).toBe(errorDetection ? seq : undefined)
          },
        ),
        { numRuns: 300 },
      )
    })
  }

  it('parses any bytes without throwing', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom('utf8', 'latin1'),
        (raw, cs) => {
          const frame = parseFrame(raw, cs)
          expect(['empty', 'invalid', 'bad-checksum', 'unknown', 'message']).toContain(frame.kind)
        },
      ),
      { numRuns: 500 },
    )
  })

  it('frames any stream into the lines between CRs, dropping only what is too long', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 120 }), { maxLength: 12 }), (chunks) => {
        const framer = new LineFramer(64)
        const events = chunks.flatMap((c) => framer.push(Buffer.from(c)))
        const whole = Buffer.concat(chunks.map((c) => Buffer.from(c)))
        const lines = whole.toString('latin1').split('\r').slice(0, -1)
        const expected = lines.flatMap((l) =>
          l.length > 64 ? [] : [{ kind: 'line', bytes: Buffer.from(l, 'latin1') }],
        )
        const got = events.filter((e) => e.kind === 'line')
        expect(got).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })
})

describe('SIP2 error detection', () => {
  const sealedWith = (text: string) => `${text}${sipChecksum(bytes(text))}`
  // Wrong in the low digits, in the high digits, and in the top bit only.
  const wrongBy = (wire: string, delta: number) => {
    const sum = parseInt(wire.slice(-4), 16)
    return `${wire.slice(0, -4)}${((sum + delta) & 0xffff).toString(16).toUpperCase().padStart(4, '0')}`
  }

  it('refuses a frame whose checksum does not add up, with AY and with AZ alone', () => {
    const frames = [
      sealedWith('9300CNkiosk1|COs3cret|CPMAIN|AY0AZ'),
      sealedWith('9900302.00AY2AZ'),
      // AZ with no AY: after the fixed part, and after the last field.
      sealedWith('9900302.00AZ'),
      sealedWith('9300CNkiosk1|COs3cret|CPMAIN|AZ'),
      '97AZFEF5',
    ]
    for (const good of frames) {
      const frame = parseFrame(bytes(good), 'utf8')
      expect(frame.kind, good).toBe('message')
      expect(frame.kind !== 'empty' && frame.detection.errorDetection, good).toBe(true)
      for (const delta of [1, 0x100, 0x8000]) {
        const bad = wrongBy(good, delta)
        expect(parseFrame(bytes(bad), 'utf8').kind, bad).toBe('bad-checksum')
      }
    }
    // With AZ alone there is no sequence number to echo.
    const alone = parseFrame(bytes(sealedWith('9900302.00AZ')), 'utf8')
    expect(alone.kind !== 'empty' && alone.detection.seq).toBeUndefined()
    expect(parseFrame(bytes('97AZFEF4'), 'utf8').kind).toBe('bad-checksum')
  })

  it('refuses any message with its checksum or one byte of its body changed', () => {
    fc.assert(
      fc.property(
        messageArb(latinValue),
        fc.option(fc.constantFrom(...'0123456789'), { nil: undefined }),
        fc.integer({ min: 1, max: 0xffff }),
        fc.nat(),
        fc.integer({ min: 0x21, max: 0x7e }).filter((b) => b !== 0x7c),
        (message, seq, delta, at, byte) => {
          const wire = formatMessage(message, {
            charset: 'latin1',
            errorDetection: true,
            ...(seq !== undefined && { seq }),
          }).subarray(0, -1)
          const sum = parseInt(wire.subarray(-4).toString('latin1'), 16)
          const wrongSum = Buffer.concat([
            wire.subarray(0, -4),
            bytes(((sum + delta) & 0xffff).toString(16).toUpperCase().padStart(4, '0')),
          ])
          expect(parseFrame(wrongSum, 'latin1').kind).toBe('bad-checksum')
          // One byte of the body, leaving the command and the delimiter before the tail alone.
          const tailStart = wire.length - (seq === undefined ? 6 : 9)
          const last = tailStart - 2
          if (last < 2) return
          const i = 2 + (at % (last - 1))
          if (wire[i] === byte) return
          const changed = Buffer.from(wire)
          changed[i] = byte
          expect(parseFrame(changed, 'latin1').kind).toBe('bad-checksum')
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('SIP2 dates and character sets', () => {
  const tz = 'America/Chicago'
  it('writes local time with a blank zone, and reads it back across DST changes', () => {
    expect(sipDate(new Date('2026-01-15T10:00:00Z'), tz)).toBe('20260115    040000')
    for (const iso of [
      '2026-03-08T07:59:59Z',
      '2026-03-08T08:00:00Z',
      '2026-11-01T06:30:00Z',
      '2026-07-04T17:00:00Z',
    ]) {
      const d = new Date(iso)
      expect(parseSipDate(sipDate(d, tz), tz)?.toISOString()).toBe(d.toISOString())
    }
    expect(parseSipDate('20260115   Z100000', tz)?.toISOString()).toBe('2026-01-15T10:00:00.000Z')
    for (const bad of [
      ' '.repeat(18),
      '0'.repeat(18),
      '20261315    000000',
      '2026',
      '20260230    120000',
    ])
      expect(parseSipDate(bad, tz)).toBeUndefined()
  })

  it('sends Latin-1 to a Latin-1 terminal, folding what it cannot hold', () => {
    expect(encodeText('Zoë Dvořák €5', 'latin1')).toEqual(Buffer.from('Zoë Dvorák ?5', 'latin1'))
    expect(encodeText('Zoë', 'utf8')).toEqual(Buffer.from('Zoë', 'utf8'))
  })
})

describe('SIP2 codec edges', () => {
  const sealedWith = (text: string) => `${text}${sipChecksum(bytes(text))}`

  it('writes every checksum as four hex digits, leading zeros included', () => {
    // 257 bytes of 0xFF sum to 0xFFFF: the two's complement is 1.
    expect(sipChecksum(Buffer.alloc(257, 0xff))).toBe('0001')
    expect(sipChecksum(Buffer.alloc(0))).toBe('0000')
  })

  it('accepts exactly four hex digits as a checksum, nothing longer, shorter or else', () => {
    const body = bytes('97AZ')
    expect(checksumMatches(body, 'FEF5')).toBe(true)
    expect(checksumMatches(body, 'fef5')).toBe(true)
    for (const hex of ['0FEF5', 'FEF50', 'EF5', 'FEF', 'FEFG', ' FEF5', 'FEF5 '])
      expect(checksumMatches(body, hex), hex).toBe(false)
  })

  it('cuts a value at its limit, counting characters, and leaves one at the limit whole', () => {
    expect(cleanValue('x'.repeat(300), 255)).toBe('x'.repeat(255))
    expect(cleanValue('y'.repeat(255), 255)).toBe('y'.repeat(255))
    expect(cleanValue('abc', 255)).toBe('abc')
    // An astral character is one character, never half of one.
    expect(cleanValue('😀'.repeat(5), 3)).toBe('😀😀😀')
    expect(cleanValue('a|b\rc\u0000d', 255)).toBe('a b c d')
  })

  it('frames a line of exactly the limit, and drops the whole of a longer one', () => {
    const framer = new LineFramer(8)
    expect(framer.push(bytes('12345678\r'))).toEqual([{ kind: 'line', bytes: bytes('12345678') }])
    // Too long: reported once; the rest of that line, however it arrives, is not a line.
    expect(framer.push(bytes('123456789'))).toEqual([{ kind: 'oversized' }])
    expect(framer.push(bytes('more'))).toEqual([])
    // Still the same line, past the limit again: nothing more is said, and nothing is kept.
    expect(framer.push(bytes('123456789'))).toEqual([])
    expect(framer.push(bytes('tail\rOK\r'))).toEqual([{ kind: 'line', bytes: bytes('OK') }])
  })

  it('reads error detection only at the very end of a message', () => {
    // "AY1AZ" and four hex digits inside a value are text, not a checksum.
    const inner = '9300CNAY1AZABCD|COsecret|CPMAIN|'
    const frame = parseFrame(bytes(inner), 'utf8')
    expect(frame.kind).toBe('message')
    if (frame.kind !== 'message') return
    expect(frame.detection.errorDetection).toBe(false)
    expect(frame.message.fields[0]).toEqual(['CN', 'AY1AZABCD'])
    const alone = parseFrame(bytes('9300CNAZABCD|COsecret|CPMAIN|'), 'utf8')
    expect(alone.kind === 'message' && alone.detection.errorDetection).toBe(false)
  })

  it('ignores what CRLF senders leave before a message: line feeds, stray CRs and blanks', () => {
    const wire = sealedWith('9900302.00AY1AZ')
    for (const lead of ['\n', '\r', ' ', '\n \t', '\r\n']) {
      const frame = parseFrame(bytes(`${lead}${wire}`), 'utf8')
      expect(frame.kind, JSON.stringify(lead)).toBe('message')
      expect(frame.kind === 'message' && frame.detection.seq).toBe('1')
    }
    // A line feed inside is dropped too: the checksum is over what is left.
    const split = parseFrame(bytes(`9900302.00\nAY1AZ${wire.slice(-4)}`), 'utf8')
    expect(split.kind).toBe('message')
  })
})
