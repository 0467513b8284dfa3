import type { SipMessage } from '../codec/spec.js'
import { fieldValue } from '../codec/parse.js'
import {
  checkPin,
  DENIED_STATUS,
  auditLookup,
  holderOf,
  readPatron,
  statusFlags,
  type SipPatron,
} from '../patron.js'
import { amount, CURRENCY, echo, field, institution, language, reply, screen, yn } from './reply.js'
import type { BaseContext, TxHandler } from './types.js'

export interface StatusAnswer {
  patron?: SipPatron
  validPatron?: boolean
  pinOk?: boolean
  screen?: string
}

/** 24 (and 26, which is 24 without the fee fields). */
export function statusReply(
  code: '24' | '26',
  req: SipMessage,
  hc: BaseContext,
  lang: string,
  a: StatusAnswer,
) {
  const p = a.patron
  return reply(
    code,
    {
      patronStatus: p === undefined ? DENIED_STATUS : statusFlags(p),
      language: language(lang),
      transactionDate: hc.date,
    },
    institution(req, hc),
    echo(req, 'AA'),
    ['AE', p?.released.name ?? ''],
    a.validPatron !== undefined && ['BL', yn(a.validPatron)],
    a.pinOk !== undefined && ['CQ', yn(a.pinOk)],
    code === '24' && p !== undefined && ['BH', CURRENCY],
    code === '24' && p !== undefined && ['BV', amount(p.owedCents)],
    // Class, internet profile and home library (extensions) go in 24 as in 64, where allowed.
    code === '24' && field('PC', p?.released.patronClass),
    code === '24' && field('PI', p?.released.internetProfile),
    code === '24' && field('AQ', p?.released.homeLibrary),
    screen(a.screen),
  )
}

/** 23 → 24. An unknown card gets BLN; a PIN that is not accepted gets CQN and nothing personal. */
export const patronStatusHandler: TxHandler<'23'> = {
  response: '24',
  bx: 0,
  async handle(req, hc) {
    const barcode = fieldValue(req, 'AA') ?? ''
    const pin = await checkPin(hc, barcode, fieldValue(req, 'AD'))
    const pinOk = pin.given ? pin.ok : undefined
    // Read next (audited), or the finding is audited on its own below.
    const id = await holderOf(hc, barcode)
    const lang = req.fixed.language
    if (id === undefined)
      return statusReply('24', req, hc, lang, {
        validPatron: false,
        pinOk,
        screen: 'Invalid patron: no card has that number.',
      })
    if (pin.given && !pin.ok) {
      await auditLookup(hc, id)
      return statusReply('24', req, hc, lang, { validPatron: true, pinOk, screen: pin.screen })
    }
    const patron = await readPatron(hc, id, barcode)
    return statusReply('24', req, hc, lang, { validPatron: true, pinOk, patron })
  },
  fail: (req, hc, f) =>
    statusReply('24', req, hc, req.fixed.language, {
      validPatron: f.validPatron,
      pinOk: f.pinOk,
      screen: f.screen,
    }),
}
