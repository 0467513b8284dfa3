import { describe, expect, it } from 'vitest'
import { sipChecksum } from '../../src/sip2/codec/checksum.js'
import { parseFrame } from '../../src/sip2/codec/parse.js'

const bytes = (s: string) => Buffer.from(s, 'latin1')
const sealed = (s: string) => `${s}${sipChecksum(bytes(s))}`

describe('SIP2 parsing: where a checksum can be', () => {
  it('reads "AZ" and four hex digits at the end of a last value with no closing "|" as text, not a checksum', () => {
    const frame = parseFrame(bytes('9300CNkioskAZBEEF'), 'utf8')
    if (frame.kind !== 'message') throw new Error(`parsed as ${frame.kind}`)
    expect(frame.detection.errorDetection).toBe(false)
    expect(frame.message.fields).toEqual([['CN', 'kioskAZBEEF']])
  })

  it('reads a line of an unknown command ending in "AZ" and hex digits as an unknown command, not a bad checksum', () => {
    const frame = parseFrame(bytes('XAZ12AB'), 'utf8')
    expect(frame).toEqual({ kind: 'unknown', code: 'XA', detection: { errorDetection: false } })
  })

  it('keeps as the signature exactly the AY and AZ tail received, so only a true repeat counts as a retransmission', () => {
    const wire = sealed('9300CNkiosk1|COs3cret|CPMAIN|AY3AZ')
    const frame = parseFrame(bytes(wire), 'utf8')
    if (frame.kind !== 'message') throw new Error(`parsed as ${frame.kind}`)
    expect(frame.detection).toEqual({
      errorDetection: true,
      seq: '3',
      signature: `AY3AZ${wire.slice(-4)}`,
    })
  })

  it('reads a line of nothing but line ends and blanks as empty, to be ignored', () => {
    for (const blank of ['', '\n', ' ', '\r\n', ' \t\n '])
      expect(parseFrame(bytes(blank), 'utf8'), JSON.stringify(blank)).toEqual({ kind: 'empty' })
  })
})
