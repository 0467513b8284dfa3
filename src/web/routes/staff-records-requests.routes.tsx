import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError, notFound, ruleViolation } from '../../errors.js'
import { denialLetter, extensionLetter, letterText } from '../../records/denial-letter.js'
import { isExtensionReason } from '../../records/exemptions.js'
import {
  decideRecordsRequest,
  extendRecordsRequest,
  saveRequestNotes,
} from '../../records/records-request-decisions.js'
import {
  addOtherRecord,
  addSuggestionsToRequest,
  exemptionsCited,
  exportRequestRecords,
  listRequestItems,
  removeRequestItem,
} from '../../records/records-request-items.js'
import {
  getRecordsRequest,
  intakeRecordsRequest,
  listRecordsRequests,
} from '../../records/records-requests.service.js'
import { listSuggestions } from '../../records/suggestions.service.js'
import { todayOf } from '../../records/records-support.js'
import { requirePermission } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { csvCell } from '../audit-csv.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, fieldErrors, formProblem, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { problemFor } from '../../http/error-handler.js'
import { seeOther, sendPage } from '../render.js'
import { sessionString } from '../sessions.js'
import { RecordsRequestPage, DecidePage } from '../views/staff/records-request-detail.js'
import { ExportPage, LetterPage } from '../views/staff/records-export.js'
import {
  IntakePage,
  RecordsRequestListPage,
  requestHref,
  type IntakeValues,
} from '../views/staff/records-requests.js'

type WithId = { Params: { id: string } }
const DECISIONS = ['fulfilled', 'partially_denied', 'denied', 'withdrawn'] as const
const INTAKE_FIELDS = [
  'name',
  'email',
  'phone',
  'address',
  'description',
  'format',
  'receivedVia',
  'receivedOn',
  'language',
] as const

/** The records officer's tracker (`records.manage`): intake, the clock, records found, export, letters. */
export function staffRecordsRequestsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/staff/records-requests', async (request, reply) => {
    const list = await listRecordsRequests(ctx, signedInActor(request))
    const chrome = staffChrome(ctx, request, reply, 'Records requests')
    return sendPage(reply, <RecordsRequestListPage chrome={chrome} fmt={fmt} list={list} />)
  })

  const intakeForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: IntakeValues,
    err?: AppError,
  ) => {
    const chrome = staffChrome(ctx, request, reply, 'Enter a records request')
    return sendPage(
      reply,
      <IntakePage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        values={values}
        {...(err !== undefined && { problem: formProblem(err), errors: fieldErrors(err) })}
      />,
      err === undefined ? 200 : problemFor(err).status,
    )
  }

  app.get('/staff/records-requests/new', async (request, reply) => {
    requirePermission(signedInActor(request), 'records.manage')
    return intakeForm(request, reply, { receivedOn: todayOf(ctx) })
  })

  app.post('/staff/records-requests', async (request, reply) => {
    const body = bodyOf(request)
    const values = Object.fromEntries(
      INTAKE_FIELDS.flatMap((k) => (body.text(k) === undefined ? [] : [[k, body.text(k)]])),
    ) as IntakeValues
    try {
      const { id } = await intakeRecordsRequest(ctx, signedInActor(request), {
        request: { ...values, language: values.language ?? 'en' },
        receivedVia: values.receivedVia,
        receivedOn: values.receivedOn,
      })
      return seeOther(reply, requestHref(id))
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'validation') throw err
      return intakeForm(request, reply, values, err)
    }
  })

  app.get<WithId>('/staff/records-requests/:id', async (request, reply) => {
    const actor = signedInActor(request)
    const r = await getRecordsRequest(ctx, actor, request.params.id)
    const items = await listRequestItems(ctx, actor, r.id)
    const suggestions = r.open ? await listSuggestions(ctx, actor) : []
    const chrome = staffChrome(ctx, request, reply, `Records request ${r.reference}`)
    return sendPage(
      reply,
      <RecordsRequestPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        fmt={fmt}
        r={r}
        items={items}
        suggestions={suggestions}
      />,
    )
  })

  const back = (request: FastifyRequest<WithId>) => requestHref(request.params.id)

  app.post<WithId>('/staff/records-requests/:id/suggestions', async (request, reply) =>
    act(request, reply, back(request), async () => {
      const body = bodyOf(request)
      const n = await addSuggestionsToRequest(
        ctx,
        signedInActor(request),
        request.params.id,
        body.all('suggestion'),
        body.text('withheldUnder'),
      )
      return n === 1 ? '1 suggestion added.' : `${n} suggestions added.`
    }),
  )

  app.post<WithId>('/staff/records-requests/:id/records', async (request, reply) =>
    act(request, reply, back(request), async () => {
      const body = bodyOf(request)
      await addOtherRecord(ctx, signedInActor(request), request.params.id, {
        description: body.text('description'),
        withheldUnder: body.text('withheldUnder'),
      })
      return 'Record added.'
    }),
  )

  app.post<{ Params: { id: string; item: string } }>(
    '/staff/records-requests/:id/items/:item/remove',
    async (request, reply) =>
      act(request, reply, requestHref(request.params.id), async () => {
        await removeRequestItem(ctx, signedInActor(request), request.params.id, request.params.item)
        return 'Record removed from the list.'
      }),
  )

  app.post<WithId>('/staff/records-requests/:id/extend', async (request, reply) =>
    act(request, reply, back(request), async () => {
      const body = bodyOf(request)
      const due = await extendRecordsRequest(ctx, signedInActor(request), request.params.id, {
        reason: body.text('reason'),
        notifiedOn: body.text('notifiedOn'),
      })
      return `Extended: now due ${fmt.date(due)}.`
    }),
  )

  app.get<WithId>('/staff/records-requests/:id/decide', async (request, reply) => {
    const status = DECISIONS.find((s) => s === queryOf(request).text('status'))
    if (status === undefined)
      throw notFound('NO_SUCH_DECISION', 'There is no such way to close a request.')
    const r = await getRecordsRequest(ctx, signedInActor(request), request.params.id)
    if (!r.open) return seeOther(reply, requestHref(r.id))
    const chrome = staffChrome(ctx, request, reply, `Close ${r.reference}`)
    return sendPage(
      reply,
      <DecidePage chrome={chrome} csrf={chrome.user?.csrf ?? ''} r={r} status={status} />,
    )
  })

  app.post<WithId>('/staff/records-requests/:id/decide', async (request, reply) =>
    act(request, reply, back(request), async () => {
      const body = bodyOf(request)
      await decideRecordsRequest(ctx, signedInActor(request), request.params.id, {
        status: body.text('status'),
        basis: body.text('basis'),
      })
      return 'The request is closed.'
    }),
  )

  app.post<WithId>('/staff/records-requests/:id/notes', async (request, reply) =>
    act(request, reply, back(request), async () => {
      await saveRequestNotes(
        ctx,
        signedInActor(request),
        request.params.id,
        bodyOf(request).text('notes') ?? '',
      )
      return 'Notes saved.'
    }),
  )

  app.get<WithId>('/staff/records-requests/:id/export', async (request, reply) => {
    const out = await exportRequestRecords(ctx, signedInActor(request), request.params.id)
    const chrome = staffChrome(ctx, request, reply, `Records released for ${out.reference}`)
    return sendPage(reply, <ExportPage chrome={chrome} fmt={fmt} id={request.params.id} {...out} />)
  })

  app.get<WithId>('/staff/records-requests/:id/export.csv', async (request, reply) => {
    const out = await exportRequestRecords(ctx, signedInActor(request), request.params.id)
    const lines = [
      ['kind', 'received_on', 'text', 'answer'].map(csvCell).join(','),
      ...out.records.map((r) =>
        [r.kind, r.receivedOn ?? '', r.text, r.answer ?? ''].map(csvCell).join(','),
      ),
    ]
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${out.reference}-records.csv"`)
      .send(`${lines.join('\r\n')}\r\n`)
  })

  app.get<WithId>('/staff/records-requests/:id/extension-letter', async (request, reply) => {
    const r = await getRecordsRequest(ctx, signedInActor(request), request.params.id)
    if (
      r.extendedDueOn === null ||
      r.extensionNotifiedOn === null ||
      !isExtensionReason(r.extensionReason)
    )
      throw ruleViolation('NOT_EXTENDED', 'This request has not been extended.')
    const letter = extensionLetter({
      language: r.language,
      timeZone: ctx.config.library.timezone,
      reference: r.reference,
      receivedOn: r.receivedOn,
      dueOn: r.originalDueOn,
      extendedDueOn: r.extendedDueOn,
      notifiedOn: r.extensionNotifiedOn,
      reason: r.extensionReason,
      requester: { name: r.name, address: r.address, email: r.email },
    })
    const chrome = staffChrome(ctx, request, reply, letter.title)
    return sendPage(
      reply,
      <LetterPage
        chrome={chrome}
        id={r.id}
        language={r.language}
        letter={letter}
        text={letterText(letter)}
      />,
    )
  })

  app.get<WithId>('/staff/records-requests/:id/letter', async (request, reply) => {
    const actor = signedInActor(request)
    const r = await getRecordsRequest(ctx, actor, request.params.id)
    if ((r.status !== 'denied' && r.status !== 'partially_denied') || r.decidedOn === null)
      throw ruleViolation(
        'NOT_DENIED',
        'Only a denied or partly denied request has a denial letter.',
      )
    const items = await listRequestItems(ctx, actor, r.id)
    const letter = denialLetter({
      language: r.language,
      timeZone: ctx.config.library.timezone,
      reference: r.reference,
      receivedOn: r.receivedOn,
      decidedOn: r.decidedOn,
      status: r.status,
      description: r.description,
      requester: { name: r.name, address: r.address, email: r.email },
      withheld: items.flatMap((i) =>
        i.withheldUnder === null ? [] : [{ label: i.label, exemption: i.withheldUnder }],
      ),
      cited: exemptionsCited(items),
      basis: r.denialBasis ?? '',
      redactionsMade: items.some((i) => i.withheldUnder === null && i.suggestionId !== null),
      officer: sessionString(request, 'name') ?? 'Freedom of Information officer',
    })
    const chrome = staffChrome(ctx, request, reply, letter.title)
    return sendPage(
      reply,
      <LetterPage
        chrome={chrome}
        id={r.id}
        language={r.language}
        letter={letter}
        text={letterText(letter)}
      />,
    )
  })
}
