import type { FastifyInstance } from 'fastify'
import { readingHistory, setReadingHistory } from '../../circulation/loans.service.js'
import type { AppContext } from '../../context.js'
import { AppError, validation } from '../../errors.js'
import { originOf } from '../../http/origin.js'
import { changePin } from '../../patrons/card.service.js'
import { myData, myDataCsv, ownAccount, updateOwnChoices } from '../../patrons/self-service.js'
import { accessesToOwnRecord } from '../../privacy/audit.service.js'
import { act, signedInActor } from '../actions.js'
import { accountChrome } from '../chrome.js'
import { bodyOf } from '../forms.js'
import { formats } from '../format.js'
import { seeOther, sendPage } from '../render.js'
import { endSession, setFlash } from '../sessions.js'
import { MyDataPage } from '../views/account/my-data.js'
import { AccessesPage, ChoicesPage, HistoryPage, PinPage } from '../views/account/settings.js'

/** Reading history, choices, the patron's own data and PIN (P2, P3). */
export function accountDataRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/account/history', async (request, reply) => {
    const actor = signedInActor(request)
    const history = await readingHistory(ctx, actor, actor.id)
    const chrome = accountChrome(ctx, request, reply, 'Reading history')
    return sendPage(
      reply,
      <HistoryPage chrome={chrome} fmt={fmt} csrf={chrome.user?.csrf ?? ''} history={history} />,
    )
  })

  app.post('/account/history', async (request, reply) => {
    const keep = bodyOf(request).text('keep') === 'on'
    return act(request, reply, '/account/history', async () => {
      const actor = signedInActor(request)
      const done = await setReadingHistory(ctx, actor, actor.id, keep)
      if (done.keep)
        return 'Your reading history is on. Items you return from now on will be listed here.'
      return done.forgotten > 0
        ? `Your reading history is off, and ${done.forgotten} returned ${done.forgotten === 1 ? 'item has' : 'items have'} been erased.`
        : 'Your reading history is off. Nothing you return is kept.'
    })
  })

  app.get('/account/choices', async (request, reply) => {
    const me = await ownAccount(ctx, signedInActor(request))
    const chrome = accountChrome(ctx, request, reply, 'Messages')
    return sendPage(
      reply,
      <ChoicesPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} notify={me.notify} />,
    )
  })

  app.post('/account/choices', async (request, reply) => {
    const body = bodyOf(request)
    return act(request, reply, '/account/choices', async () => {
      await updateOwnChoices(ctx, signedInActor(request), {
        notices: body.checked('notices'),
        newsletter: body.checked('newsletter'),
        policyChanges: body.checked('policyChanges'),
      })
      return 'Your choices are saved.'
    })
  })

  app.get('/account/my-data', async (request, reply) => {
    const data = await myData(ctx, signedInActor(request))
    return sendPage(
      reply,
      <MyDataPage
        chrome={accountChrome(ctx, request, reply, 'My data')}
        fmt={fmt}
        generatedAt={data.generatedAt}
        sections={data.sections}
      />,
    )
  })

  const fileName = (ext: string) =>
    `my-library-data-${ctx.clock.now().toISOString().slice(0, 10)}.${ext}`

  app.get('/account/my-data.json', async (request, reply) => {
    const data = await myData(ctx, signedInActor(request))
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName('json')}"`)
      .send(JSON.stringify(data, null, 2))
  })

  app.get('/account/my-data.csv', async (request, reply) => {
    const data = await myData(ctx, signedInActor(request))
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName('csv')}"`)
      .send(myDataCsv(data))
  })

  app.get('/account/accesses', async (request, reply) => {
    // Switched off by the library: the page is not there at all, rather than empty.
    if (!ctx.config.web.showAccessLog) return reply.callNotFound()
    const accesses = await accessesToOwnRecord(ctx, signedInActor(request), true)
    return sendPage(
      reply,
      <AccessesPage
        chrome={accountChrome(ctx, request, reply, 'Who looked at my record')}
        fmt={fmt}
        accesses={accesses}
      />,
    )
  })

  app.get('/account/pin', async (request, reply) => {
    const chrome = accountChrome(ctx, request, reply, 'Change PIN')
    return sendPage(reply, <PinPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} />)
  })

  app.post('/account/pin', async (request, reply) => {
    const body = bodyOf(request)
    try {
      const actor = signedInActor(request)
      if (body.secret('newPin') !== body.secret('repeatPin'))
        throw validation('PIN_MISMATCH', 'The two new PINs are not the same.')
      const me = await ownAccount(ctx, actor)
      const card =
        me.cards.find((c) => c.status === 'active') ?? me.cards.find((c) => c.status === 'expired')
      if (card === undefined)
        throw validation('NO_CARD', 'You have no card in use; ask at the desk.')
      await changePin(
        ctx,
        actor,
        card.barcode,
        body.secret('currentPin'),
        body.secret('newPin'),
        originOf(request),
      )
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      setFlash(request, { kind: 'error', text: err.message })
      return seeOther(reply, '/account/pin')
    }
    // The new PIN has ended every session of the account, this one too: sign in with it.
    endSession(request)
    return seeOther(reply, '/account/sign-in?changed=pin')
  })
}
