import { authenticateSipAccount } from '../../selfcheck/sip-account.service.js'
import { fieldValue } from '../codec/parse.js'
import { reply } from './reply.js'
import type { OpenHandler } from './types.js'

/** 93 → 94. A failed login leaves the connection open for another try (the session limits how many). */
export const loginHandler: OpenHandler<'93'> = {
  open: true,
  response: '94',
  bx: 6,
  async handle(req, hc) {
    // Only plain-text credentials are defined by the protocol; anything else needs prior agreement.
    if (req.fixed.uidAlgorithm !== '0' || req.fixed.pwdAlgorithm !== '0') {
      hc.session.loginFailed()
      return reply('94', { ok: '0' })
    }
    const account = await authenticateSipAccount(
      hc.ctx,
      fieldValue(req, 'CN') ?? '',
      fieldValue(req, 'CO') ?? '',
      hc.session.origin,
    )
    if (account === undefined) {
      hc.session.loginFailed()
      return reply('94', { ok: '0' })
    }
    hc.session.login(account)
    return reply('94', { ok: '1' })
  },
  fail: () => reply('94', { ok: '0' }),
}
