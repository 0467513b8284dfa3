import { echo, institution, reply, screen } from './reply.js'
import type { TxHandler } from './types.js'

/** 35 → 36. Carrel keeps no per-patron state on a connection, so there is nothing to release. */
export const endSessionHandler: TxHandler<'35'> = {
  response: '36',
  bx: 8,
  handle: (req, hc) =>
    Promise.resolve(
      reply(
        '36',
        { endSession: 'Y', transactionDate: hc.date },
        institution(req, hc),
        echo(req, 'AA'),
        screen('Thank you.'),
      ),
    ),
  fail: (req, hc, f) =>
    reply(
      '36',
      { endSession: 'N', transactionDate: hc.date },
      institution(req, hc),
      echo(req, 'AA'),
      screen(f.screen),
    ),
}
