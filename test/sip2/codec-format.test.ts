import { describe, expect, it } from 'vitest'
import { formatMessage } from '../../src/sip2/codec/format.js'
import { parseFrame } from '../../src/sip2/codec/parse.js'
import type { SipMessage } from '../../src/sip2/codec/spec.js'

describe('SIP2 formatting of fixed fields', () => {
  it('sends a fixed field left out as blanks at its full width, so every later position stays where the terminal reads it', () => {
    // A 98 (ACS status) built without its timeout and retry counts, as a caller outside the
    // type system might: they go out as blanks, never as made-up text.
    const partial = {
      code: '98',
      fixed: {
        onlineStatus: 'Y',
        checkinOk: 'Y',
        checkoutOk: 'Y',
        renewalPolicy: 'Y',
        statusUpdateOk: 'N',
        offlineOk: 'N',
        dateTimeSync: '20260115    103010',
        protocolVersion: '2.00',
      },
      fields: [['AO', 'MAIN']],
    } as unknown as SipMessage
    const wire = formatMessage(partial, { charset: 'utf8', errorDetection: false })
    expect(wire.toString('latin1')).toBe('98YYYYNN      20260115    1030102.00AOMAIN|\r')
    const frame = parseFrame(wire, 'utf8')
    if (frame.kind !== 'message') throw new Error(`parsed as ${frame.kind}`)
    expect(frame.message.fixed).toMatchObject({
      timeoutPeriod: '   ',
      retriesAllowed: '   ',
      dateTimeSync: '20260115    103010',
      protocolVersion: '2.00',
    })
  })
})
