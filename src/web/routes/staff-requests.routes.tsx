import type { FastifyInstance } from 'fastify'
import { openRequest, requestQueue } from '../../circulation/request-desk.js'
import { REQUEST_STATUSES, setRequestStatus } from '../../circulation/requests.service.js'
import type { AppContext } from '../../context.js'
import { validation } from '../../errors.js'
import { requirePermission } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { sendPage } from '../render.js'
import {
  ConfirmStatusPage,
  FINAL,
  requestHref,
  RequestPage,
  RequestQueuePage,
  STATUS_WORDS,
} from '../views/staff/requests.js'

type WithId = { Params: { id: string } }

/**
 * The desk's queue of purchase suggestions and interlibrary-loan requests (`requests.manage`):
 * list without content, open one (an audited reading), move it on; finishing one for good is
 * asked about first.
 */
export function staffRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/staff/requests', async (request, reply) => {
    const actor = signedInActor(request)
    const which = queryOf(request).text('show') === 'done' ? 'done' : 'open'
    const entries = await requestQueue(ctx, actor, which)
    const chrome = staffChrome(ctx, request, reply, 'Purchase and interlibrary-loan requests')
    return sendPage(
      reply,
      <RequestQueuePage chrome={chrome} fmt={fmt} which={which} entries={entries} />,
    )
  })

  app.get<WithId>('/staff/requests/:id', async (request, reply) => {
    const opened = await openRequest(ctx, signedInActor(request), request.params.id)
    const chrome = staffChrome(ctx, request, reply, 'Request')
    return sendPage(
      reply,
      <RequestPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} fmt={fmt} request={opened} />,
    )
  })

  app.post<WithId>('/staff/requests/:id/status', async (request, reply) => {
    const actor = signedInActor(request)
    requirePermission(actor, 'requests.manage')
    const form = bodyOf(request)
    const status = REQUEST_STATUSES.find((s) => s === form.text('status'))
    if (status === undefined)
      throw validation('INVALID_INPUT', 'Choose the status to move the request to.')
    if (FINAL.includes(status) && form.text('confirm') !== 'yes') {
      const chrome = staffChrome(ctx, request, reply, 'Finish this request?')
      return sendPage(
        reply,
        <ConfirmStatusPage
          chrome={chrome}
          csrf={chrome.user?.csrf ?? ''}
          id={request.params.id}
          status={status}
        />,
      )
    }
    return act(request, reply, requestHref(request.params.id), async () => {
      await setRequestStatus(ctx, actor, request.params.id, { status })
      return `Now: ${STATUS_WORDS[status].toLowerCase()}.`
    })
  })
}
