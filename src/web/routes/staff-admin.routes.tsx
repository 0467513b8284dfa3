import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { notFound } from '../../errors.js'
import { listAudit, verifyAudit } from '../../privacy/audit.service.js'
import { createStaff, listStaff, updateStaff } from '../../staff/staff.service.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, queryOf } from '../forms.js'
import { formats } from '../format.js'
import { sendPage } from '../render.js'
import { AuditPage, StaffAccountPage, StaffAccountsPage } from '../views/staff/admin.js'

const PAGE = 100

/** The privacy officer's audit log and the administrator's staff accounts. */
export function staffAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  app.get('/staff/audit', async (request, reply) => {
    const q = queryOf(request)
    const patronId = q.text('patron')
    const before = q.integer('before')
    const entries = await listAudit(ctx, signedInActor(request), {
      ...(patronId !== undefined && { patronId }),
      ...(before !== undefined && before > 0 && { before }),
      limit: PAGE,
    })
    const last = entries.at(-1)
    const older =
      entries.length === PAGE && last !== undefined
        ? `/staff/audit?${new URLSearchParams({ ...(patronId !== undefined && { patron: patronId }), before: String(last.seq) }).toString()}`
        : undefined
    const chrome = staffChrome(ctx, request, reply, 'Audit log')
    return sendPage(
      reply,
      <AuditPage
        chrome={chrome}
        fmt={fmt}
        csrf={chrome.user?.csrf ?? ''}
        patronId={patronId}
        entries={entries}
        olderHref={older}
      />,
    )
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
