import type { FastifyInstance } from 'fastify'
import { createRequest, listRequests } from '../../circulation/requests.service.js'
import { askAddressChange, ownInquiries, submitOwnInquiry } from '../../comms/inquiry-submit.js'
import type { AppContext } from '../../context.js'
import { ownAccount } from '../../patrons/self-service.js'
import { signedInActor } from '../actions.js'
import { accountChrome, pageI18n } from '../chrome.js'
import { bodyOf } from '../forms.js'
import { sendPage } from '../render.js'
import { AccountAskPage, AddressChangePage, RequestsPage } from '../views/account/inquiries.js'
import { accountAction } from './account.routes.js'

/**
 * The account's forms: ask a librarian, a change of address, and purchase or interlibrary-loan
 * requests. Each posts with the account's CSRF token (checked for the whole signed-in scope)
 * and comes back with the outcome in the page's language (post, redirect, get).
 */
export function accountInquiryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const title = (
    request: Parameters<typeof pageI18n>[1],
    key: 'account' | 'address' | 'requests',
  ) => pageI18n(ctx, request, 'account').t(`inquiries.titles.${key}`)

  app.get('/account/ask', async (request, reply) => {
    const sent = await ownInquiries(ctx, signedInActor(request))
    const chrome = accountChrome(ctx, request, reply, title(request, 'account'))
    return sendPage(
      reply,
      <AccountAskPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} sent={sent} />,
    )
  })

  app.post('/account/ask', async (request, reply) => {
    const body = bodyOf(request)
    return accountAction(ctx, request, reply, '/account/ask', async ({ t, locale }) => {
      await submitOwnInquiry(ctx, signedInActor(request), {
        question: body.text('question') ?? '',
        replyBy: body.text('replyBy') ?? 'email',
        language: locale,
      })
      return t('inquiries.account.sentFlash')
    })
  })

  app.get('/account/address', async (request, reply) => {
    const me = await ownAccount(ctx, signedInActor(request))
    const chrome = accountChrome(ctx, request, reply, title(request, 'address'))
    return sendPage(
      reply,
      <AddressChangePage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        current={me.address ?? null}
      />,
    )
  })

  app.post('/account/address', async (request, reply) => {
    const body = bodyOf(request)
    const field = (name: string) => body.text(name) ?? ''
    return accountAction(ctx, request, reply, '/account/ask', async ({ t, locale }) => {
      await askAddressChange(ctx, signedInActor(request), {
        address: {
          line1: field('line1'),
          ...(body.text('line2') !== undefined && { line2: field('line2') }),
          city: field('city'),
          ...(body.text('region') !== undefined && { region: field('region') }),
          postcode: field('postcode'),
        },
        language: locale,
      })
      return t('inquiries.address.sentFlash')
    })
  })

  app.get('/account/requests', async (request, reply) => {
    const actor = signedInActor(request)
    const requests = await listRequests(ctx, actor, { patronId: actor.id })
    const chrome = accountChrome(ctx, request, reply, title(request, 'requests'))
    return sendPage(
      reply,
      <RequestsPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} requests={requests.reverse()} />,
    )
  })

  app.post('/account/requests', async (request, reply) => {
    const body = bodyOf(request)
    return accountAction(ctx, request, reply, '/account/requests', async ({ t }) => {
      const actor = signedInActor(request)
      await createRequest(ctx, actor, {
        patronId: actor.id,
        kind: body.text('kind') ?? '',
        title: body.text('title') ?? '',
        ...(body.text('author') !== undefined && { author: body.text('author') }),
        ...(body.text('note') !== undefined && { note: body.text('note') }),
      })
      return t('inquiries.requests.sentFlash')
    })
  })
}
