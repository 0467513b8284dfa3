import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError, validation } from '../../errors.js'
import {
  getBranchDetails,
  listBranchDetails,
  MAX_SPANS_PER_DAY,
  saveBranchDetails,
} from '../../library/branch-details.service.js'
import { requirePermission } from '../../staff/roles.js'
import { signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, fieldErrors } from '../forms.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import {
  BranchEditPage,
  BranchesAdminPage,
  dayName,
  formOf,
  WEEK_ORDER,
  type BranchForm,
} from '../views/staff/branches.js'

const FIELDS = ['address', 'phone', 'email']

/** What a refused field means in the form's words (the schema's wording is for programmers). */
const FIELD_HINTS: Record<string, string> = {
  opens:
    'An opening time is not a time of day: write it as HH:MM on the 24-hour clock (09:30, 17:00).',
  closes:
    'A closing time is not a time of day: write it as HH:MM on the 24-hour clock (09:30, 17:00).',
  email: 'The email address is not in the expected form.',
  phone:
    'A phone number has at most 40 characters: digits, letters, spaces and + ( ) . , / # - only.',
  address: 'The address has at most 300 characters.',
}

function problemOf(err: AppError): string {
  if (err.code !== 'INVALID_INPUT') return err.message
  const fields = Object.keys(fieldErrors(err))
  const hints = fields.map((f) => FIELD_HINTS[f] ?? `Check the ${f}.`)
  return ['Some details need correcting.', ...new Set(hints)].join(' ')
}

/** The week typed in the form as the service takes it; a span with only one of its times is refused. */
function hoursOf(form: BranchForm): { weekday: number; opens: string; closes: string }[] {
  return WEEK_ORDER.flatMap((weekday) =>
    Array.from({ length: MAX_SPANS_PER_DAY }, (_, span) => {
      const opens = form[`open-${weekday}-${span}`] ?? ''
      const closes = form[`close-${weekday}-${span}`] ?? ''
      if (opens === '' && closes === '') return []
      if (opens === '' || closes === '')
        throw validation(
          'HOURS_INCOMPLETE',
          `${dayName(weekday)}: give both the opening and the closing time.`,
        )
      return [{ weekday, opens, closes }]
    }).flat(),
  )
}

/** The administrator's branch pages: address, phone, email and the regular week (library.manage). */
export function staffBranchRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/staff/branches', async (request, reply) => {
    requirePermission(signedInActor(request), 'library.manage')
    const chrome = staffChrome(ctx, request, reply, 'Branches')
    return sendPage(
      reply,
      <BranchesAdminPage chrome={chrome} branches={await listBranchDetails(ctx.db)} />,
    )
  })

  app.get<{ Params: { code: string } }>('/staff/branches/:code', async (request, reply) => {
    requirePermission(signedInActor(request), 'library.manage')
    const branch = await getBranchDetails(ctx.db, request.params.code)
    const chrome = staffChrome(ctx, request, reply, branch.name)
    return sendPage(reply, <BranchEditPage chrome={chrome} branch={branch} form={formOf(branch)} />)
  })

  app.post<{ Params: { code: string } }>('/staff/branches/:code', async (request, reply) => {
    const actor = signedInActor(request)
    requirePermission(actor, 'library.manage')
    const branch = await getBranchDetails(ctx.db, request.params.code)
    const body = bodyOf(request)
    const form: BranchForm = {}
    for (const name of [
      ...FIELDS,
      ...WEEK_ORDER.flatMap((d) => [0, 1].flatMap((s) => [`open-${d}-${s}`, `close-${d}-${s}`])),
    ])
      form[name] = (body.text(name) ?? '').slice(0, 400)
    try {
      await saveBranchDetails(ctx, actor, branch.code, {
        address: form.address,
        phone: form.phone,
        email: form.email === '' ? null : form.email,
        hours: hoursOf(form),
      })
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'validation') throw err
      const chrome = staffChrome(ctx, request, reply, branch.name)
      return sendPage(
        reply,
        <BranchEditPage chrome={chrome} branch={branch} form={form} problem={problemOf(err)} />,
        400,
      )
    }
    setFlash(request, { kind: 'ok', text: `Saved the address and hours of ${branch.name}.` })
    return seeOther(reply, '/staff/branches')
  })
}
