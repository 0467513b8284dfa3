import { echo, institution, reply, screen } from './reply.js'
import type { TxHandler } from './types.js'

/** 35 → 36. The only per-patron state a connection keeps is the remembered PIN: it goes. */
export const endSessionHandler: TxHandler<'35'> = {
  response: '36',
  bx: 8,
  handle: (req, hc) => {
    hc.session.pins.forget()
    return Promise.resolve(
      reply(
        '36',
        { endSession: 'Y', transactionDate: hc.date },
        institution(req, hc),
        echo(req, 'AA'),
        screen('Thank you.'),
      ),
    )
  },
  fail: (req, hc, f) =>
    reply(
      '36',
      { endSession: 'N', transactionDate: hc.date },
      institution(req, hc),
      echo(req, 'AA'),
      screen(f.screen),
    ),
}
