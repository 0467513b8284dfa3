import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Actor } from '../../actor.js'
import type { AppContext } from '../../context.js'
import { AppError, notFound } from '../../errors.js'
import { localDate } from '../../library/calendar.js'
import {
  auditPatronByCard,
  auditPatronName,
  auditStaffChoices,
  exportAudit,
  searchAudit,
  verifyAudit,
} from '../../privacy/audit.service.js'
import { requirePermission } from '../../staff/roles.js'
import { createStaff, listStaff, updateStaff } from '../../staff/staff.service.js'
import { act, signedInActor } from '../actions.js'
import { auditCsv } from '../audit-csv.js'
import {
  auditHref,
  auditQueryOf,
  cursorOf,
  formField,
  serviceFilter,
  type AuditQuery,
} from '../audit-query.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { seeOther, sendPage } from '../render.js'
import { keepRef, recallRef } from '../session-refs.js'
import { setFlash } from '../sessions.js'
import { AuditPage, StaffAccountPage, StaffAccountsPage } from '../views/staff/admin.js'
import { ROLE_LABELS } from '../views/staff/audit-labels.js'
import type { Option } from '../views/ui.js'

const PAGE = 50

/** The privacy officer's audit log and the administrator's staff accounts. */
export function staffAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)
  const timeZone = ctx.config.library.timezone

  const staffOptions = async (actor: Actor): Promise<Option[]> => {
    const staff = await auditStaffChoices(ctx, actor)
    const names = staff.map((s) => s.name)
    return staff.map((s) => ({
      value: s.id,
      label: `${s.name}${names.indexOf(s.name) !== names.lastIndexOf(s.name) ? ` [${s.username}]` : ''} (${ROLE_LABELS[s.role]}${s.active ? '' : ', switched off'})`,
    }))
  }

  /** The filtered log's page: every outcome is a page, never an error page, for input that does not fit. */
  const auditPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    p: {
      q: AuditQuery
      card?: string | undefined
      cursor?: { before?: number; after?: number } | undefined
      problem?: AppError | undefined
      notice?: string | undefined
    },
  ) => {
    const actor = signedInActor(request)
    const staffChoices = await staffOptions(actor)
    const chrome = staffChrome(ctx, request, reply, 'Audit log')
    const cursor = p.cursor ?? {}
    const paged = cursor.before !== undefined || cursor.after !== undefined
    const patronId =
      p.q.patron === undefined
        ? undefined
        : recallRef(request, 'auditPatrons', p.q.patron)?.patronId
    const expired = p.q.patron !== undefined && patronId === undefined
    const named = patronId === undefined ? undefined : await auditPatronName(ctx, actor, patronId)
    const page = (status: number, more: Partial<Parameters<typeof AuditPage>[0]>) =>
      sendPage(
        reply,
        <AuditPage
          chrome={chrome}
          fmt={fmt}
          csrf={chrome.user?.csrf ?? ''}
          timeZone={timeZone}
          staffChoices={staffChoices}
          values={{
            staff: p.q.staff,
            action: p.q.action,
            from: p.q.from,
            to: p.q.to,
            card: p.card ?? (named?.kind === 'card' ? named.card : undefined),
          }}
          patronNote={
            named === undefined
              ? undefined
              : named.kind === 'card'
                ? `Only entries about the patron with card ${named.card}.`
                : named.kind === 'erased'
                  ? 'Only entries about one patron, whose record has since been erased.'
                  : 'Only entries about one patron, who has no card now.'
          }
          notice={p.notice}
          entries={undefined}
          paged={paged}
          newestHref={auditHref('/staff/audit', p.q)}
          {...more}
        />,
        status,
      )
    if (p.problem !== undefined)
      return page(p.problem.kind === 'not_found' ? 404 : 400, {
        problem: { message: p.problem.message, field: formField(p.problem) },
      })
    if (expired)
      return page(200, {
        notice:
          'The patron filter is no longer held (it lasts while you stay signed in, for your last few filters). Enter the card number again.',
      })
    try {
      const found = await searchAudit(ctx, actor, {
        ...serviceFilter(p.q, patronId),
        ...cursor,
        limit: PAGE,
      })
      return page(200, {
        entries: found.entries,
        olderHref:
          found.older === undefined
            ? undefined
            : auditHref('/staff/audit', p.q, { before: found.older }),
        newerHref:
          found.newer === undefined
            ? undefined
            : auditHref('/staff/audit', p.q, { after: found.newer }),
        csvHref: auditHref('/staff/audit.csv', p.q),
      })
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'validation') throw err
      return page(400, { problem: { message: err.message, field: formField(err) } })
    }
  }

  app.get('/staff/audit', async (request, reply) => {
    const form = queryOf(request)
    const cursor = cursorOf(form)
    return auditPage(request, reply, {
      q: auditQueryOf(form),
      ...(cursor === 'bad'
        ? { notice: 'That page link does not fit this log, so the newest entries are shown.' }
        : { cursor }),
    })
  })

  // Posted: a card number must not sit in an address or a log. The patron it names is kept in
  // the session under a random token, and the browser is sent to an address carrying only that.
  app.post('/staff/audit/filter', async (request, reply) => {
    const body = bodyOf(request)
    const q: AuditQuery = {
      staff: body.text('staff'),
      action: body.text('action'),
      from: body.text('from'),
      to: body.text('to'),
    }
    const card = body.text('card')
    if (card === undefined) {
      requirePermission(signedInActor(request), 'audit.read')
      return seeOther(reply, auditHref('/staff/audit', q))
    }
    try {
      const patronId = await auditPatronByCard(ctx, signedInActor(request), card)
      const patron = keepRef(request, 'auditPatrons', { patronId })
      return seeOther(reply, auditHref('/staff/audit', { ...q, patron }))
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'forbidden') throw err
      return auditPage(request, reply, { q, card, problem: err })
    }
  })

  app.get('/staff/audit.csv', async (request, reply) => {
    const actor = signedInActor(request)
    requirePermission(actor, 'audit.read')
    const q = auditQueryOf(queryOf(request))
    const back = auditHref('/staff/audit', q)
    const patronId =
      q.patron === undefined ? undefined : recallRef(request, 'auditPatrons', q.patron)?.patronId
    // An expired patron filter or a refused one: the page says what is wrong.
    if (q.patron !== undefined && patronId === undefined) return seeOther(reply, back)
    try {
      const entries = await exportAudit(ctx, actor, serviceFilter(q, patronId))
      const today = localDate(ctx.clock.now(), timeZone)
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="audit-log-${q.from ?? 'start'}-to-${q.to ?? today}.csv"`,
        )
        .send(auditCsv(entries, fmt))
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'validation') throw err
      if (err.code === 'AUDIT_EXPORT_TOO_LARGE')
        setFlash(request, { kind: 'error', text: err.message })
      return seeOther(reply, back)
    }
  })

  app.post('/staff/audit/verify', async (request, reply) =>
    act(request, reply, '/staff/audit', async () => {
      const result = await verifyAudit(ctx, signedInActor(request))
      return result.ok
        ? `The chains are intact: ${result.entries} entries checked.`
        : { kind: 'error', text: `The log is broken at entry ${result.seq}: ${result.message}` }
    }),
  )

  app.get('/staff/accounts', async (request, reply) => {
    const staff = await listStaff(ctx, signedInActor(request))
    const chrome = staffChrome(ctx, request, reply, 'Staff accounts')
    return sendPage(
      reply,
      <StaffAccountsPage chrome={chrome} fmt={fmt} csrf={chrome.user?.csrf ?? ''} staff={staff} />,
    )
  })

  app.post('/staff/accounts', async (request, reply) => {
    const body = bodyOf(request)
    return act(request, reply, '/staff/accounts', async () => {
      const created = await createStaff(ctx, signedInActor(request), {
        username: body.text('username') ?? '',
        displayName: body.text('displayName') ?? '',
        password: body.secret('password'),
        role: body.text('role') ?? '',
      })
      return `Account ${created.username} created.`
    })
  })

  app.get<{ Params: { id: string } }>('/staff/accounts/:id', async (request, reply) => {
    const staff = (await listStaff(ctx, signedInActor(request))).find(
      (s) => s.id === request.params.id,
    )
    if (staff === undefined) throw notFound('STAFF_NOT_FOUND', 'No such staff account.')
    const chrome = staffChrome(ctx, request, reply, staff.displayName)
    return sendPage(
      reply,
      <StaffAccountPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} staff={staff} />,
    )
  })

  app.post<{ Params: { id: string } }>('/staff/accounts/:id', async (request, reply) => {
    const body = bodyOf(request)
    const id = request.params.id
    return act(request, reply, `/staff/accounts/${encodeURIComponent(id)}`, async () => {
      const password = body.secret('password')
      await updateStaff(ctx, signedInActor(request), id, {
        displayName: body.text('displayName') ?? '',
        role: body.text('role') ?? '',
        active: body.checked('active'),
        ...(password !== '' && { password }),
      })
      return 'Account saved.'
    })
  })
}
