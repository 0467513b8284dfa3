import type { FastifyInstance } from 'fastify'
import { applyAddressChange, REPLY_MAX, replyToInquiry } from '../../comms/inquiry-answers.js'
import {
  assignableStaff,
  assignInquiry,
  closeInquiry,
  inquiryQueue,
  openInquiry,
  RIGHT,
} from '../../comms/inquiry-desk.js'
import type { InquiryKind } from '../../comms/inquiries.tables.js'
import type { AppContext } from '../../context.js'
import { validation } from '../../errors.js'
import { can, requirePermission } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { sendPage } from '../render.js'
import {
  ConfirmReplyPage,
  inquiryHref,
  InquiryPage,
  InquiryQueuePage,
} from '../views/staff/inquiries.js'

type WithId = { Params: { id: string } }

/**
 * The staff queue of questions (`inquiries.manage`) and changes of address (`address.review`):
 * list by age, open one (an audited reading), assign, reply by email after a confirmation step,
 * close, and apply a checked address to the registration.
 */
export function staffInquiryRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/staff/inquiries', async (request, reply) => {
    const actor = signedInActor(request)
    const kinds = (['question', 'address'] as const).filter((k) => can(actor, RIGHT[k]))
    const asked = queryOf(request).text('kind')
    const kind: InquiryKind = kinds.find((k) => k === asked) ?? kinds[0] ?? 'question'
    const entries = await inquiryQueue(ctx, actor, kind)
    const chrome = staffChrome(ctx, request, reply, 'Questions and changes of address')
    return sendPage(
      reply,
      <InquiryQueuePage chrome={chrome} fmt={fmt} kind={kind} kinds={kinds} entries={entries} />,
    )
  })

  app.get<WithId>('/staff/inquiries/:id', async (request, reply) => {
    const actor = signedInActor(request)
    const inquiry = await openInquiry(ctx, actor, request.params.id)
    const staff = await assignableStaff(ctx, actor, inquiry.kind)
    const chrome = staffChrome(
      ctx,
      request,
      reply,
      inquiry.kind === 'address' ? 'Change of address' : 'Question',
    )
    return sendPage(
      reply,
      <InquiryPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        fmt={fmt}
        me={actor.id}
        inquiry={inquiry}
        staff={staff}
      />,
    )
  })

  app.post<WithId>('/staff/inquiries/:id/assign', async (request, reply) =>
    act(request, reply, inquiryHref(request.params.id), async () => {
      await assignInquiry(ctx, signedInActor(request), request.params.id, {
        staffId: bodyOf(request).text('staffId') ?? null,
      })
      return 'Assigned.'
    }),
  )

  app.post<WithId>('/staff/inquiries/:id/close', async (request, reply) =>
    act(request, reply, '/staff/inquiries', async () => {
      await closeInquiry(ctx, signedInActor(request), request.params.id)
      return 'Closed. It will be erased on the retention schedule.'
    }),
  )

  app.post<WithId>('/staff/inquiries/:id/apply', async (request, reply) =>
    act(request, reply, '/staff/inquiries?kind=address', async () => {
      await applyAddressChange(ctx, signedInActor(request), request.params.id)
      return 'The new address is on the registration; the request is erased.'
    }),
  )

  // Sending cannot be undone: the reply is shown once more, and only that page's form sends.
  app.post<WithId>('/staff/inquiries/:id/reply/check', async (request, reply) => {
    requirePermission(signedInActor(request), 'inquiries.manage')
    const body = bodyOf(request).text('body') ?? ''
    if (body === '' || body.length > REPLY_MAX)
      throw validation('INVALID_INPUT', `Write a reply of at most ${REPLY_MAX} characters.`)
    const chrome = staffChrome(ctx, request, reply, 'Send this reply?')
    return sendPage(
      reply,
      <ConfirmReplyPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        id={request.params.id}
        body={body}
      />,
    )
  })

  app.post<WithId>('/staff/inquiries/:id/reply', async (request, reply) =>
    act(request, reply, inquiryHref(request.params.id), async () => {
      await replyToInquiry(ctx, signedInActor(request), request.params.id, {
        body: bodyOf(request).text('body') ?? '',
      })
      return 'The reply is on its way.'
    }),
  )
}
