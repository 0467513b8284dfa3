import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEngines } from '../harness/engines.js'
import { checksumOk, sealed } from './sip-client.js'
import { NOW, PIN, SIP_PASSWORD, sipWorld, type SipWorld } from './sip-world.js'

/** The 98's fixed part: 10 fields, 34 characters after the command. */
function fixed98(line: string) {
  return {
    online: line.slice(2, 3),
    flags: line.slice(3, 8),
    timeout: line.slice(8, 11),
    retries: line.slice(11, 14),
    date: line.slice(14, 32),
    version: line.slice(32, 36),
  }
}
const bxOf = (line: string) => /\|BX([YN]{16})\|/.exec(line)?.[1]

describeEngines('SIP2 login, status and resend', (env) => {
  let w: SipWorld
  beforeAll(async () => {
    w = await sipWorld(env().ctx)
  })
  afterAll(() => w.close())

  it('93/94: logs in; a failed login leaves the connection open for another try', async () => {
    const account = await w.account()
    const c = await w.client()
    const bad = await c.send(`9300CN${account.login}|COwrong password!|CPmain|`, '0')
    expect(bad).toBe('940AY0AZFDFE')
    expect(checksumOk(bad)).toBe(true)
    expect(await c.send(`9310CN${account.login}|CO${SIP_PASSWORD}|`, '1')).toBe(sealed('940', '1'))
    expect(await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|`, '2')).toBe(
      sealed('941', '2'),
    )
    // Without error detection the answer carries no AY/AZ.
    expect(await c.send('9300CNnobody|COwhatever|')).toBe('940')
  })

  it('99/98: fixed fields by position, and a truthful BX before and after login', async () => {
    const c = await w.client()
    const before = await c.send('9900302.00', '2')
    expect(checksumOk(before)).toBe(true)
    expect(before.slice(0, 2)).toBe('98')
    expect(fixed98(before)).toEqual({
      online: 'Y',
      // checkin, checkout, renewals, status update (SIP may not block cards), offline
      flags: 'YYYNY',
      timeout: '100',
      retries: '003',
      date: NOW,
      version: '2.00',
    })
    // 23 11 09 01 99 97 93 63 35 37 17 19 25 15 29 65
    expect(bxOf(before)).toBe('YYYNYYYYYYYNNYYY')

    const account = await w.account({ allowedMessages: ['23', '63', '35'] })
    await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|`, '3')
    const after = await c.send('9900302.00', '4')
    // Only 23, 63 and 35 (besides 99, 97, 93): no checkin, checkout, renewal or offline.
    expect(after).toBe(
      sealed(
        `98YNNNNN100003${NOW}2.00AOCARREL|AMCarrel Public Library|BXYNNNYYYYYNNNNNNN|ANmain|`,
        '4',
      ),
    )
  })

  it('99 from a 1.00 terminal: no BX', async () => {
    const c = await w.client()
    const line = await c.send('9900801.00')
    expect(line.slice(32, 36)).toBe('2.00')
    expect(line).not.toContain('BX')
    expect(line.endsWith('|')).toBe(true)
  })

  it('97/96: resends the last answer verbatim; 96 when there is none or a checksum is bad', async () => {
    const c = await w.client()
    expect(await c.send('97AZFEF5')).toBe('96AZFEF6')
    const status = await c.send('9900302.00', '5')
    expect(await c.send('97AZFEF5')).toBe(status)
    expect(await c.send('97')).toBe(status)
    // One digit changed after sealing: the checksum no longer matches.
    const bad = sealed('9900302.00', '6').replace('302', '303')
    c.write(`${bad}\r`)
    expect(await c.next()).toBe('96AZFEF6')
    expect(await c.send('97AZFEF5')).toBe('96AZFEF6')
    // The SC sends its request again, correctly this time.
    expect(fixed98(await c.send('9900302.00', '6')).online).toBe('Y')
  })

  it('accepts CR and CRLF (and lower-case checksums), and answers with CR alone', async () => {
    const c = await w.client()
    c.write('9900302.00\r\n9900302.00\r')
    const a = await c.nextBytes()
    const b = await c.nextBytes()
    expect(a.toString('latin1').startsWith('98')).toBe(true)
    expect(b.toString('latin1').startsWith('98')).toBe(true)
    expect(b.includes(0x0a)).toBe(false)
    const lower = sealed('9900302.00', '7').replace(
      /AZ(....)$/,
      (_, h: string) => `AZ${h.toLowerCase()}`,
    )
    c.write(`${lower}\r`)
    expect(checksumOk(await c.next())).toBe(true)
  })

  it('requires a login before anything but 99, and names what an account may not send', async () => {
    const c = await w.client()
    const early = await c.send(`2300020260115    040000AOCARREL|AA21234|AC|AD|`, '1')
    expect(early).toBe(
      sealed(`24YYYY          000${NOW}AOCARREL|AA21234|AE|AFLog in (93) first.|`, '1'),
    )
    const account = await w.account({ allowedMessages: ['23'] })
    await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|`, '2')
    const refused = await c.send(`17${NOW}AOCARREL|AB3999|`, '3')
    expect(refused).toBe(
      sealed(
        `18010101${NOW}AB3999|AJ|AFThis terminal may not send item information messages.|`,
        '3',
      ),
    )
  })

  it('speaks Latin-1 to a Latin-1 account and UTF-8 otherwise, checksummed over the bytes sent', async () => {
    const p = await w.patron({ givenName: 'Zoë' })
    const ask = `23000${NOW}AOCARREL|AA${p.barcode}|AC|AD${PIN}|`
    const expected = `24              000${NOW}AOCARREL|AA${p.barcode}|AEZoë ${p.input.familyName}|BLY|CQY|BHUSD|BV0.00|`
    const latin = (await w.loggedIn({ charset: 'latin1' })).c
    const bytes = await (latin.write(`${ask}\r`), latin.nextBytes())
    expect(bytes.toString('latin1')).toBe(expected)
    // A Latin-1 terminal's own bytes come back as it sent them.
    latin.write(
      Buffer.concat([Buffer.from(`35${NOW}AOCARREL|AA`), Buffer.from([0xe9]), Buffer.from('|\r')]),
    )
    expect((await latin.nextBytes()).includes(Buffer.from([0x41, 0x41, 0xe9, 0x7c]))).toBe(true)
    const utf8 = (await w.loggedIn()).c
    const line = await utf8.send(ask, '5')
    const text = Buffer.from(line, 'latin1').toString('utf8')
    expect(text.replace(/AZ[0-9A-F]{4}$/, '')).toBe(`${expected}AY5`)
    expect(checksumOk(line)).toBe(true)
  })
})
