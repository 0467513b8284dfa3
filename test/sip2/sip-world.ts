import { randomBytes } from 'node:crypto'
import { SYSTEM_ACTOR } from '../../src/actor.js'
import type { AppContext } from '../../src/context.js'
import { registerPatron } from '../../src/patrons/patron.service.js'
import type { NewSipAccount } from '../../src/selfcheck/sip-account.schemas.js'
import { createSipAccount } from '../../src/selfcheck/sip-account.service.js'
import { startSip2Server, type Sip2Server, type Sip2ServerOptions } from '../../src/sip2/server.js'
import { patronInput } from '../harness/factories.js'
import { setUpLibrary } from '../harness/library.js'
import { sealed, SipClient } from './sip-client.js'

export const PIN = '4826'
export const SIP_PASSWORD = 'kiosk password 1'
/** The test clock's start (2026-01-15T10:00:00Z) in the library's zone, as SIP2 writes it. */
export const NOW = '20260115    040000'
export const BLANK_DATE = ' '.repeat(18)

let accounts = 0

/** A library with a branch, a loan rule, a SIP account and a server on a free port. */
export async function sipWorld(ctx: AppContext, options: Sip2ServerOptions = {}) {
  const lib = await setUpLibrary(ctx)
  const server: Sip2Server = await startSip2Server(ctx, { port: 0, ...options })
  const clients: SipClient[] = []
  const world = {
    ctx,
    lib,
    server,
    async account(input: Partial<NewSipAccount> = {}) {
      accounts += 1
      return createSipAccount(ctx, SYSTEM_ACTOR, {
        login: `kiosk${accounts}-${randomBytes(2).toString('hex')}`,
        password: SIP_PASSWORD,
        institutionId: 'CARREL',
        location: 'main',
        ...input,
      })
    },
    async client(localAddress?: string): Promise<SipClient> {
      const c = await SipClient.connect(server.port, localAddress)
      clients.push(c)
      return c
    },
    /** A connected client logged in as a fresh account (error detection on, AY0). */
    async loggedIn(input: Partial<NewSipAccount> = {}) {
      const account = await world.account(input)
      const c = await world.client()
      const answer = await c.send(`9300CN${account.login}|CO${SIP_PASSWORD}|CPmain|`, '0')
      if (answer !== sealed('941', '0')) throw new Error(`login failed: ${answer}`)
      return { c, account }
    },
    /** A patron whose card has a PIN; `name` is what AE should carry. */
    async patron(overrides: Parameters<typeof patronInput>[0] = {}) {
      const input = patronInput(overrides)
      const p = await registerPatron(ctx, SYSTEM_ACTOR, { ...input, card: { pin: PIN } })
      return {
        id: p.id,
        barcode: p.cards[0]?.barcode ?? '',
        input,
        name: `${input.givenName} ${input.familyName}`,
      }
    },
    async close() {
      for (const c of clients) c.close()
      await server.close()
    },
  }
  return world
}

export type SipWorld = Awaited<ReturnType<typeof sipWorld>>
