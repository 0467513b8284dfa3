import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { listUndelivered, readUndelivered } from '../../comms/undelivered.service.js'
import { signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { formats } from '../format.js'
import { sendPage } from '../render.js'
import { MaildropMessagePage, UndeliveredPage } from '../views/staff/mail.js'

/** "Mail not sent": the maildrop and the notices that failed (permission to run jobs). */
export function staffMailRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/staff/mail', async (request, reply) => {
    const data = await listUndelivered(ctx, signedInActor(request))
    const chrome = staffChrome(ctx, request, reply, 'Mail not sent')
    return sendPage(reply, <UndeliveredPage chrome={chrome} fmt={fmt} data={data} />)
  })

  app.get<{ Params: { name: string } }>('/staff/mail/:name', async (request, reply) => {
    const message = await readUndelivered(ctx, signedInActor(request), request.params.name)
    const chrome = staffChrome(ctx, request, reply, message.subject || 'Message')
    return sendPage(reply, <MaildropMessagePage chrome={chrome} fmt={fmt} message={message} />)
  })
}
