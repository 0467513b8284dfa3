import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  checkUnsubscribeToken,
  confirmSubscription,
  subscribeByEmail,
  unsubscribeByToken,
} from '../../comms/newsletter.service.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import type { Catalog } from '../../i18n/catalog.js'
import { problemFor, retryAfterSeconds } from '../../http/error-handler.js'
import { originOf } from '../../http/origin.js'
import { reserveAddressAttempt } from '../../privacy/throttle.js'
import { publicChrome } from '../chrome.js'
import { bodyOf } from '../forms.js'
import type { I18n } from '../locale.js'
import { seeOther, sendPage } from '../render.js'
import { checkFormToken, formToken } from '../security.js'
import {
  NewsletterCheckEmailPage,
  NewsletterConfirmPage,
  NewsletterSignUpPage,
  NewsletterUnsubscribedPage,
  NewsletterUnsubscribePage,
} from '../views/public/newsletter.js'

const FORM = 'newsletter-sign-up'

type Title = keyof Catalog['newsletter']['titles']

/**
 * The newsletter's public pages: sign-up, confirmation and leaving. Like every public page they
 * set no cookie and load no script (P7); the language is the address's (`/es/newsletter`).
 */
export function newsletterRoutes(app: FastifyInstance, ctx: AppContext, formKey: Buffer): void {
  const confirmDays = (): number => ctx.config.newsletter.confirmDays

  /** A public page's chrome, its title from the catalog in the page's language. */
  const chromeOf = (request: FastifyRequest, title: Title) => {
    const chrome = publicChrome(ctx, request, '')
    return { ...chrome, title: chrome.i18n.t(`newsletter.titles.${title}`) }
  }

  // RFC 8058 lets a mail program send its one-click post as multipart/form-data. The token in
  // the address is the authority, so the body is read (within a small limit) and not used.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'string', bodyLimit: 8 * 1024 },
    (_request, _body, done) => done(null, {}),
  )

  const form = (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { email?: string | undefined; problem?: (i18n: I18n) => string; status?: number } = {},
  ) => {
    const chrome = chromeOf(request, 'signUp')
    return sendPage(
      reply,
      <NewsletterSignUpPage
        chrome={chrome}
        token={formToken(formKey, FORM, ctx.clock.now().getTime())}
        confirmDays={confirmDays()}
        email={extra.email}
        problem={extra.problem?.(chrome.i18n)}
      />,
      extra.status ?? 200,
    )
  }

  app.get('/newsletter', async (request, reply) => form(request, reply))

  app.post('/newsletter', async (request, reply) => {
    const body = bodyOf(request)
    const email = body.text('email')
    if (!checkFormToken(formKey, FORM, body.text('_form'), ctx.clock.now().getTime()))
      return form(request, reply, {
        email,
        problem: ({ t }) => t('newsletter.signUp.formExpired'),
        status: 403,
      })
    const { locale, link } = publicChrome(ctx, request, '').i18n
    try {
      // Each sign-up counts against the network address, so the form cannot flood an inbox.
      await reserveAddressAttempt(ctx, originOf(request), 'newsletter-signup')
      await subscribeByEmail(ctx, { email: email ?? '', language: locale })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      if (err.kind === 'throttled') {
        void reply.header('retry-after', String(retryAfterSeconds(err)))
        return form(request, reply, {
          email,
          problem: ({ t }) =>
            t('newsletter.signUp.throttled', {
              count: Math.max(1, Math.ceil(retryAfterSeconds(err) / 60)),
            }),
          status: 429,
        })
      }
      if (err.kind !== 'validation') throw err
      return form(request, reply, {
        email,
        problem: ({ t }) => t('newsletter.signUp.invalidEmail'),
        status: problemFor(err).status,
      })
    }
    // The same answer for a new, a waiting and a subscribed address (post, redirect, get).
    return seeOther(reply, link('/newsletter/check-email'))
  })

  app.get('/newsletter/check-email', async (request, reply) =>
    sendPage(
      reply,
      <NewsletterCheckEmailPage
        chrome={chromeOf(request, 'checkEmail')}
        confirmDays={confirmDays()}
      />,
    ),
  )

  app.get<{ Params: { token: string } }>('/newsletter/confirm/:token', async (request, reply) => {
    const outcome = await confirmSubscription(ctx, request.params.token)
    const chrome = chromeOf(request, outcome === 'confirmed' ? 'confirmed' : 'confirmInvalid')
    return sendPage(
      reply,
      <NewsletterConfirmPage chrome={chrome} outcome={outcome} />,
      outcome === 'confirmed' ? 200 : 404,
    )
  })

  // A GET never erases: mail scanners and link previews fetch every address in a message.
  app.get<{ Params: { token: string } }>(
    '/newsletter/unsubscribe/:token',
    async (request, reply) => {
      const state = await checkUnsubscribeToken(ctx, request.params.token)
      if (state === 'invalid')
        return sendPage(
          reply,
          <NewsletterUnsubscribedPage
            chrome={chromeOf(request, 'notSubscribed')}
            outcome="invalid"
          />,
        )
      const chrome = chromeOf(request, 'unsubscribe')
      return sendPage(
        reply,
        <NewsletterUnsubscribePage
          chrome={chrome}
          action={chrome.i18n.link(
            `/newsletter/unsubscribe/${encodeURIComponent(request.params.token)}`,
          )}
        />,
      )
    },
  )

  /**
   * Erases the subscription. The page's button posts here, and so does a mail program's RFC 8058
   * one-click post (`List-Unsubscribe=One-Click`, no cookie, no form token): the token in the
   * address is the authority. Either way the answer is 200 and sets no cookie.
   */
  app.post<{ Params: { token: string } }>(
    '/newsletter/unsubscribe/:token',
    async (request, reply) => {
      const outcome = await unsubscribeByToken(ctx, request.params.token)
      return sendPage(
        reply,
        <NewsletterUnsubscribedPage
          chrome={chromeOf(request, outcome === 'erased' ? 'unsubscribed' : 'notSubscribed')}
          outcome={outcome}
        />,
      )
    },
  )
}
