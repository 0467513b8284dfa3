import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { MESSAGE_SPECS } from '../../src/sip2/codec/spec.js'
import { HANDLERS } from '../../src/sip2/handlers/index.js'
import type { RequestCode } from '../../src/sip2/handlers/types.js'
import { SipSession } from '../../src/sip2/session.js'
import { describeEngines } from '../harness/engines.js'
import { SIP_PASSWORD, sipWorld, type SipWorld } from './sip-world.js'

// Bounded so the suite stays quick on two cores; raise numRuns locally to search harder.
const RUNS = 60
const UNEXPECTED = 'could not do this just now'

const IDS = [
  'AA',
  'AB',
  'AC',
  'AD',
  'AJ',
  'AO',
  'AP',
  'BK',
  'BO',
  'BP',
  'BQ',
  'BS',
  'BV',
  'CG',
  'CH',
  'CN',
  'CO',
]

describeEngines('SIP2 session fuzzing', (env) => {
  let w: SipWorld
  let patron: string
  let item: string
  beforeAll(async () => {
    w = await sipWorld(env().ctx)
    patron = (await w.patron()).barcode
    item = (await w.lib.title()).items[0]!.barcode
  })
  afterAll(() => w.close())

  async function session(loggedIn: boolean): Promise<SipSession> {
    const s = new SipSession(env().ctx, { requireLogin: true })
    if (loggedIn) {
      const account = await w.account()
      const ok = await s.handle(Buffer.from(`9300CN${account.login}|CO${SIP_PASSWORD}|`))
      expect(ok?.toString()).toBe('941\r')
    }
    return s
  }

  const wellFormedAnswer = (out: Buffer | undefined) => {
    if (out === undefined) return
    expect(out[out.length - 1]).toBe(0x0d)
    expect(out.subarray(0, -1).includes(0x0d)).toBe(false)
    expect(out.toString('latin1')).not.toContain(UNEXPECTED)
  }

  it('random bytes never throw out of the session, logged in or not', async () => {
    for (const loggedIn of [false, true]) {
      const s = await session(loggedIn)
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (raw) => {
          wellFormedAnswer(await s.handle(raw))
        }),
        { numRuns: RUNS },
      )
    }
  })

  it('known commands with arbitrary fields get their own response, never an internal error', async () => {
    const s = await session(true)
    const codes = Object.keys(HANDLERS).filter((c) => c !== '93') as RequestCode[]
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(patron, item, '', '0.01', '4826', 'main', '-1', '9'.repeat(300)),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...codes),
        fc.string({ unit: fc.constantFrom(...'0123456789 YN+-*Z'), maxLength: 45 }),
        fc.array(fc.tuple(fc.constantFrom(...IDS), value), { maxLength: 6 }),
        async (code, fixedText, fields) => {
          const width = (MESSAGE_SPECS[code] as readonly (readonly [string, number])[]).reduce(
            (n, [, w]) => n + w,
            0,
          )
          const fixed = fixedText.padEnd(width, ' ').slice(0, width)
          const text =
            code + fixed + fields.map(([id, v]) => `${id}${v.replace(/[|\r\n]/g, '')}|`).join('')
          const out = await s.handle(Buffer.from(text, 'utf8'))
          wellFormedAnswer(out)
          expect(out?.subarray(0, 2).toString()).toBe(HANDLERS[code].response)
        },
      ),
      { numRuns: RUNS * 2 },
    )
  })
})
