import type { FastifyInstance } from 'fastify'
import {
  accountSubscription,
  subscribeAccount,
  unsubscribeAccount,
} from '../../comms/newsletter.service.js'
import type { AppContext } from '../../context.js'
import { signedInActor } from '../actions.js'
import { accountChrome, pageI18n } from '../chrome.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import { StopNewsletterPage } from '../views/account/newsletter.js'
import { accountAction } from './account.routes.js'

/**
 * The newsletter from the account: signing up uses the address on the patron's record (still
 * confirmed by email), in the language the page is in; stopping erases the subscription.
 */
export function accountNewsletterRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/account/newsletter', async (request, reply) => {
    const { t, locale, link } = pageI18n(ctx, request, 'account')
    const outcome = await subscribeAccount(ctx, signedInActor(request).id, locale)
    setFlash(
      request,
      outcome === 'no_email'
        ? { kind: 'error', text: t('newsletter.account.done.noEmail') }
        : {
            kind: 'ok',
            text:
              outcome === 'active'
                ? t('newsletter.account.done.active')
                : t('newsletter.account.done.pending'),
          },
    )
    return seeOther(reply, link('/account/choices'))
  })

  // Erasing the subscription cannot be undone, so it is asked for on a page of its own first.
  app.get('/account/newsletter/stop', async (request, reply) => {
    const current = await accountSubscription(ctx, signedInActor(request).id)
    if (current === null)
      return seeOther(reply, pageI18n(ctx, request, 'account').link('/account/choices'))
    const chrome = accountChrome(
      ctx,
      request,
      reply,
      pageI18n(ctx, request, 'account').t('newsletter.titles.accountUnsubscribe'),
    )
    return sendPage(reply, <StopNewsletterPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} />)
  })

  app.post('/account/newsletter/stop', async (request, reply) =>
    accountAction(ctx, request, reply, '/account/choices', async ({ t }) =>
      (await unsubscribeAccount(ctx, signedInActor(request).id))
        ? t('newsletter.account.done.erased')
        : t('newsletter.account.done.none'),
    ),
  )
}
