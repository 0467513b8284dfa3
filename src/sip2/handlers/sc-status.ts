import { reply, screen, yn } from './reply.js'
import type { BaseContext, OpenHandler } from './types.js'

const allows = (hc: BaseContext, code: string) =>
  hc.account === undefined || (hc.account.allowedMessages as readonly string[]).includes(code)

function acsStatus(hc: BaseContext, note?: string) {
  const bx = hc.session.supportedMessages(hc.account)
  return reply(
    '98',
    {
      onlineStatus: 'Y',
      checkinOk: yn(allows(hc, '09')),
      checkoutOk: yn(allows(hc, '11')),
      renewalPolicy: yn(allows(hc, '29')),
      statusUpdateOk: bx.charAt(3) === 'Y' ? 'Y' : 'N',
      // No-block (store-and-forward) checkouts are accepted wherever checkouts are.
      offlineOk: yn(allows(hc, '11')),
      timeoutPeriod: '100',
      retriesAllowed: '003',
      dateTimeSync: hc.date,
      protocolVersion: '2.00',
    },
    ['AO', hc.account?.institutionId ?? ''],
    ['AM', hc.ctx.config.library.name],
    // A 1.00 terminal does not know BX.
    hc.session.protocol.startsWith('1') ? undefined : ['BX', bx],
    hc.account !== undefined && ['AN', hc.account.location],
    screen(note),
  )
}

/** 99 → 98: answered at any time, before login too; the flags and BX follow the account. */
export const scStatusHandler: OpenHandler<'99'> = {
  open: true,
  response: '98',
  bx: 4,
  handle(req, hc) {
    hc.session.setProtocol(req.fixed.protocolVersion)
    return Promise.resolve(acsStatus(hc))
  },
  fail: (_req, hc, failure) => acsStatus(hc, failure.screen),
}
