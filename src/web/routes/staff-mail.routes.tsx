import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { listPrintLetters, markLettersPrinted } from '../../comms/print-letters.service.js'
import { listUndelivered, readUndelivered } from '../../comms/undelivered.service.js'
import { AppError } from '../../errors.js'
import { requirePermission } from '../../staff/roles.js'
import { signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf } from '../forms.js'
import { formats } from '../format.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import { MaildropMessagePage, UndeliveredPage } from '../views/staff/mail.js'
import { ConfirmPrintedPage, PRINT_PATH, PrintLettersPage } from '../views/staff/print-letters.js'

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * "Mail not sent": the maildrop and the notices that failed (permission to read mail), and the
 * letters for patrons without email (permission to print them), marked printed in two steps.
 */
export function staffMailRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/staff/mail', async (request, reply) => {
    const data = await listUndelivered(ctx, signedInActor(request))
    const chrome = staffChrome(ctx, request, reply, 'Mail not sent')
    return sendPage(reply, <UndeliveredPage chrome={chrome} fmt={fmt} data={data} />)
  })

  app.get(PRINT_PATH, async (request, reply) => {
    const batch = await listPrintLetters(ctx, signedInActor(request))
    const chrome = staffChrome(ctx, request, reply, 'Letters to print')
    return sendPage(
      reply,
      <PrintLettersPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} batch={batch} />,
    )
  })

  // The first step only asks: nothing is marked until the confirming post.
  app.post(`${PRINT_PATH}/confirm`, async (request, reply) => {
    requirePermission(signedInActor(request), 'mail.print')
    const body = bodyOf(request)
    const printed = body.all('printed')
    const notNeeded = body.all('notNeeded')
    if (printed.length + notNeeded.length === 0) {
      setFlash(request, { kind: 'error', text: 'There are no letters to mark.' })
      return seeOther(reply, PRINT_PATH)
    }
    const chrome = staffChrome(ctx, request, reply, 'Mark letters printed')
    return sendPage(
      reply,
      <ConfirmPrintedPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        printed={printed}
        notNeeded={notNeeded}
      />,
    )
  })

  app.post(`${PRINT_PATH}/mark`, async (request, reply) => {
    const actor = signedInActor(request)
    const body = bodyOf(request)
    if (body.text('confirmed') !== 'yes') {
      setFlash(request, { kind: 'error', text: 'Nothing was marked: confirm to mark letters.' })
      return seeOther(reply, PRINT_PATH)
    }
    try {
      const done = await markLettersPrinted(ctx, actor, {
        printed: body.all('printed'),
        notNeeded: body.all('notNeeded'),
      })
      const parts = [
        `${count(done.printed, 'letter', 'letters')} marked printed`,
        ...(done.notNeeded > 0 ? [`${count(done.notNeeded, 'notice', 'notices')} set aside`] : []),
        ...(done.alreadyDone > 0
          ? [`${done.alreadyDone} had already been marked by someone else`]
          : []),
      ]
      setFlash(request, { kind: 'ok', text: `${parts.join('; ')}.` })
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'forbidden') throw err
      setFlash(request, { kind: 'error', text: err.message })
    }
    return seeOther(reply, PRINT_PATH)
  })

  app.get<{ Params: { name: string } }>('/staff/mail/:name', async (request, reply) => {
    const message = await readUndelivered(ctx, signedInActor(request), request.params.name)
    const chrome = staffChrome(ctx, request, reply, message.subject || 'Message')
    return sendPage(reply, <MaildropMessagePage chrome={chrome} fmt={fmt} message={message} />)
  })
}
