import type { FastifyInstance } from 'fastify'
import { accountSubscription } from '../../comms/newsletter.service.js'
import { OPTIONAL_NOTICES } from '../../comms/notice-types.js'
import { readingHistory, setReadingHistory } from '../../circulation/loans.service.js'
import type { AppContext } from '../../context.js'
import { AppError, validation } from '../../errors.js'
import { originOf } from '../../http/origin.js'
import { isLocale } from '../../i18n/catalog.js'
import { negotiateLocale } from '../../i18n/negotiate.js'
import { getLibraryStructure } from '../../library/library.service.js'
import { changePin } from '../../patrons/card.service.js'
import {
  myData,
  myDataCsv,
  ownAccount,
  setOwnLanguage,
  updateOwnChoices,
} from '../../patrons/self-service.js'
import { accessesToOwnRecord } from '../../privacy/audit.service.js'
import { signedInActor } from '../actions.js'
import { accountChrome, pageI18n } from '../chrome.js'
import { bodyOf } from '../forms.js'
import { i18nFor, type I18n } from '../locale.js'
import { seeOther, sendPage } from '../render.js'
import { endSession, setFlash } from '../sessions.js'
import { MyDataPage } from '../views/account/my-data.js'
import {
  AccessesPage,
  ChoicesPage,
  EraseHistoryPage,
  HistoryPage,
  PinPage,
} from '../views/account/settings.js'
import { refusalText } from '../web-errors.js'
import { accountAction, titleOf } from './account.routes.js'

/** Refusals of a PIN change that would read wrongly in their general words (sign-in's). */
function pinRefusal(code: string, { t }: I18n): string | undefined {
  if (code === 'INVALID_CREDENTIALS') return t('account.pin.refused.wrongCurrent')
  if (code === 'CARD_LOCKED') return t('account.pin.refused.locked')
  if (code === 'RATE_LIMITED') return t('account.pin.refused.throttled')
  return undefined
}

/** Reading history, choices and language, the patron's own data and PIN (P2, P3). */
export function accountDataRoutes(app: FastifyInstance, ctx: AppContext): void {
  const zone = ctx.config.library.timezone

  app.get('/account/history', async (request, reply) => {
    const actor = signedInActor(request)
    const history = await readingHistory(ctx, actor, actor.id)
    const chrome = accountChrome(ctx, request, reply, titleOf(ctx, request, 'history'))
    return sendPage(
      reply,
      <HistoryPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        history={history}
        on={(await ownAccount(ctx, signedInActor(request))).keepHistory}
      />,
    )
  })

  // Erasing cannot be undone, so it is asked for on a page of its own first (no script needed).
  app.get('/account/history/erase', async (request, reply) => {
    const actor = signedInActor(request)
    const history = await readingHistory(ctx, actor, actor.id)
    const chrome = accountChrome(ctx, request, reply, titleOf(ctx, request, 'eraseHistory'))
    return sendPage(
      reply,
      <EraseHistoryPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} count={history.length} />,
    )
  })

  app.post('/account/history', async (request, reply) => {
    const keep = bodyOf(request).text('keep') === 'on'
    return accountAction(ctx, request, reply, '/account/history', async ({ t }) => {
      const actor = signedInActor(request)
      const done = await setReadingHistory(ctx, actor, actor.id, keep)
      if (done.keep) return t('account.history.done.on')
      return done.forgotten > 0
        ? t('account.history.done.erased', { count: done.forgotten })
        : t('account.history.done.off')
    })
  })

  app.get('/account/choices', async (request, reply) => {
    const actor = signedInActor(request)
    const [me, newsletter] = await Promise.all([
      ownAccount(ctx, actor),
      accountSubscription(ctx, actor.id),
    ])
    const chrome = accountChrome(ctx, request, reply, titleOf(ctx, request, 'choices'))
    return sendPage(
      reply,
      <ChoicesPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        notify={me.notify}
        noticeTitles={me.noticeTitles}
        noticesDeclined={me.noticesDeclined}
        language={isLocale(me.language) ? me.language : null}
        newsletter={newsletter}
      />,
    )
  })

  app.post('/account/choices', async (request, reply) => {
    const body = bodyOf(request)
    return accountAction(ctx, request, reply, '/account/choices', async ({ t }) => {
      await updateOwnChoices(ctx, signedInActor(request), {
        notices: body.checked('notices'),
        policyChanges: body.checked('policyChanges'),
        // The notice types and titles are read only from a form that showed them.
        ...(body.text('noticeTypesShown') === '1'
          ? {
              titles: body.checked('noticeTitles'),
              declined: OPTIONAL_NOTICES.filter((n) => !body.checked(`notice-${n}`)),
            }
          : {}),
      })
      return t('account.choices.saved')
    })
  })

  /**
   * The language of the account's pages, kept with the account. The answer is said in the
   * language just chosen, and the page it returns to has no `?lang=`, so the choice shows.
   */
  app.post('/account/language', async (request, reply) => {
    const asked = bodyOf(request).text('language')
    const language = asked === 'browser' ? null : (asked ?? '')
    try {
      await setOwnLanguage(ctx, signedInActor(request), { language })
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      const i18n = pageI18n(ctx, request, 'account')
      setFlash(request, { kind: 'error', text: refusalText(i18n, err.code, err.message) })
      return seeOther(reply, i18n.link('/account/choices'))
    }
    const now = isLocale(language)
      ? i18nFor(language, 'stored', zone)
      : i18nFor(negotiateLocale(request.headers['accept-language']), 'browser', zone)
    setFlash(request, {
      kind: 'ok',
      text: isLocale(language)
        ? now.t('account.choices.language.savedIn')
        : now.t('account.choices.language.savedBrowser'),
    })
    return seeOther(reply, now.link('/account/choices'))
  })

  app.get('/account/my-data', async (request, reply) => {
    const [data, structure] = await Promise.all([
      myData(ctx, signedInActor(request)),
      getLibraryStructure(ctx.db),
    ])
    return sendPage(
      reply,
      <MyDataPage
        chrome={accountChrome(ctx, request, reply, titleOf(ctx, request, 'myData'))}
        generatedAt={data.generatedAt}
        sections={data.sections}
        names={{
          branches: Object.fromEntries(structure.branches.map((b) => [b.code, b.name])),
          categories: Object.fromEntries(structure.patronCategories.map((c) => [c.code, c.name])),
        }}
      />,
    )
  })

  const fileName = (ext: string) =>
    `my-library-data-${ctx.clock.now().toISOString().slice(0, 10)}.${ext}`

  // The downloads are for programs: the service's own field names and codes, in full.
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
        chrome={accountChrome(ctx, request, reply, titleOf(ctx, request, 'accesses'))}
        accesses={accesses}
      />,
    )
  })

  app.get('/account/pin', async (request, reply) => {
    const chrome = accountChrome(ctx, request, reply, titleOf(ctx, request, 'pin'))
    return sendPage(reply, <PinPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} />)
  })

  app.post('/account/pin', async (request, reply) => {
    const body = bodyOf(request)
    const i18n = pageI18n(ctx, request, 'account')
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
      const text = pinRefusal(err.code, i18n) ?? refusalText(i18n, err.code, err.message)
      setFlash(request, { kind: 'error', text })
      return seeOther(reply, i18n.link('/account/pin'))
    }
    // The new PIN has ended every session of the account, this one too: sign in with it, in the
    // language of this page (the sign-in form cannot know the stored choice).
    endSession(request)
    const lang = i18n.source === 'browser' ? '' : `&lang=${i18n.locale}`
    return seeOther(reply, `/account/sign-in?changed=pin${lang}`)
  })
}
