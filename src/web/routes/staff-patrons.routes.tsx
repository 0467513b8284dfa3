import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config/config.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { problemFor } from '../../http/error-handler.js'
import { getLibraryStructure } from '../../library/library.service.js'
import {
  findPatrons,
  getPatron,
  registerPatron,
  updatePatron,
} from '../../patrons/patron.service.js'
import type { PatronView } from '../../patrons/patron-views.js'
import { requirePermission } from '../../staff/roles.js'
import { signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { formats } from '../format.js'
import { bodyOf, fieldErrors, formProblem, queryOf, type Form } from '../forms.js'
import { recalledSearch, searchOptions } from '../patron-search.js'
import { seeOther, sendPage } from '../render.js'
import { sessionString, setFlash } from '../sessions.js'
import { PatronSearchPage } from '../views/staff/patron-search.js'
import { RegistrationPage } from '../views/staff/registration.js'
import { currentVersion } from '../../policy/policy-versions.js'
import { patronPath } from './staff-desk.routes.js'

const TEXT_FIELDS = [
  'givenName',
  'familyName',
  'line1',
  'line2',
  'city',
  'region',
  'postcode',
  'phone',
  'email',
  'licenceNumber',
  'birthDate',
  'sex',
  'category',
  'homeBranch',
  'expiresOn',
  'barcode',
] as const
const OPTIONAL = ['phone', 'licenceNumber', 'birthDate', 'sex'] as const

/**
 * A registration from the form. Switched-off fields are never read, fields the role may not see
 * are never sent, and an emptied optional field is removed (null) when editing.
 */
export function registrationInput(
  form: Form,
  config: Config,
  mode: 'new' | 'edit',
  restricted: string[],
): Record<string, unknown> {
  const empty = mode === 'new' ? undefined : null
  const input: Record<string, unknown> = {
    givenName: form.text('givenName') ?? '',
    familyName: form.text('familyName') ?? '',
    address: {
      line1: form.text('line1') ?? '',
      ...(form.text('line2') !== undefined && { line2: form.text('line2') }),
      city: form.text('city') ?? '',
      ...(form.text('region') !== undefined && { region: form.text('region') }),
      postcode: form.text('postcode') ?? '',
    },
    email: form.text('email') ?? empty,
    category: form.text('category') ?? '',
    homeBranch: form.text('homeBranch') ?? '',
    expiresOn: form.text('expiresOn'),
    notify: {
      notices: form.checked('notices'),
      newsletter: form.checked('newsletter'),
      policyChanges: form.checked('policyChanges'),
    },
  }
  for (const field of OPTIONAL)
    if (config.patrons.fields[field]) input[field] = form.text(field) ?? empty
  for (const field of restricted) delete input[field]
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
}

/** Refusals about one field that do not name it: the summary links them to that field. */
const CODE_FIELDS: Record<string, string> = {
  UNKNOWN_CATEGORY: 'category',
  UNKNOWN_BRANCH: 'homeBranch',
  INVALID_BIRTH_DATE: 'birthDate',
  INVALID_EXPIRY: 'expiresOn',
  INVALID_BARCODE: 'barcode',
  BARCODE_TAKEN: 'barcode',
  WEAK_PIN: 'pin',
}

/** What is wrong with each field, for the error summary and the fields themselves. */
export function errorsByField(error: AppError): Record<string, string> {
  const errors = fieldErrors(error)
  const field = CODE_FIELDS[error.code]
  if (field !== undefined && Object.keys(errors).length === 0) errors[field] = error.message
  return errors
}

function valuesOf(view: PatronView): Record<string, string> {
  const a = view.address ?? undefined
  const v: Record<string, string | null | undefined> = {
    givenName: view.givenName,
    familyName: view.familyName,
    line1: a?.line1,
    line2: a?.line2,
    city: a?.city,
    region: a?.region,
    postcode: a?.postcode,
    phone: view.phone,
    email: view.email,
    licenceNumber: view.licenceNumber,
    birthDate: view.birthDate,
    sex: view.sex,
    category: view.category,
    homeBranch: view.homeBranch,
    expiresOn: view.expiresOn,
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x ?? '']))
}

export function staffPatronRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    p: {
      mode: 'new' | 'edit'
      action: string
      restricted: string[]
      values: Record<string, string>
      checked: Record<string, boolean>
      error?: unknown
    },
  ) => {
    const s = await getLibraryStructure(ctx.db)
    const chrome = staffChrome(
      ctx,
      request,
      reply,
      p.mode === 'new' ? 'Register a patron' : 'Edit registration',
    )
    const error = p.error instanceof AppError ? p.error : undefined
    return sendPage(
      reply,
      <RegistrationPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        mode={p.mode}
        action={p.action}
        fields={ctx.config.patrons.fields}
        restricted={p.restricted}
        values={p.values}
        checked={p.checked}
        categories={s.patronCategories.map((c) => ({ value: c.code, label: c.name }))}
        branches={s.branches.map((b) => ({ value: b.code, label: b.name }))}
        problem={error && { message: formProblem(error), errors: errorsByField(error) }}
        policyVersion={p.mode === 'new' ? (await currentVersion(ctx))?.number : undefined}
      />,
      error === undefined ? 200 : problemFor(error).status,
    )
  }
  const posted = (form: Form) => ({
    values: Object.fromEntries(TEXT_FIELDS.map((f) => [f, form.text(f) ?? ''])),
    checked: {
      notices: form.checked('notices'),
      newsletter: form.checked('newsletter'),
      policyChanges: form.checked('policyChanges'),
    },
  })
  /** Refusals the form can explain are shown on it; a refused role gets the error page. */
  const explainable = (err: unknown): err is AppError =>
    err instanceof AppError && err.kind !== 'forbidden'

  // The desk posts a search (staff-desk.routes.tsx) and is sent here with a token: the words stay
  // in the session, so the address names no one and Back, Forward and reload all work.
  app.get('/staff/patrons/search', async (request, reply) => {
    const actor = signedInActor(request)
    requirePermission(actor, 'patron.read')
    const token = queryOf(request).text('r')
    const query = recalledSearch(request, token)
    const s = await getLibraryStructure(ctx.db)
    const page = (
      title: string,
      more: Partial<Parameters<typeof PatronSearchPage>[0]>,
      status = 200,
    ) => {
      const chrome = staffChrome(ctx, request, reply, title)
      return sendPage(
        reply,
        <PatronSearchPage
          chrome={chrome}
          csrf={chrome.user?.csrf ?? ''}
          fmt={fmt}
          searchBy={searchOptions(ctx.config)}
          categories={Object.fromEntries(s.patronCategories.map((c) => [c.code, c.name]))}
          {...more}
        />,
        status,
      )
    }
    if (query === undefined)
      return page('Find a patron', {
        ...(token !== undefined && {
          notice:
            'That search is no longer held (searches last while you stay signed in, for your last few). Search again.',
        }),
      })
    try {
      const patrons = await findPatrons(ctx, actor, { [query.by]: query.value })
      return page('Patrons found', { query, patrons })
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'validation') throw err
      return page(
        'Find a patron',
        {
          query,
          error:
            err.code === 'INVALID_INPUT'
              ? 'Give at least two letters of a surname, or a whole email address, phone or card number.'
              : err.message,
        },
        400,
      )
    }
  })

  app.get('/staff/patrons/new', async (request, reply) => {
    const actor = signedInActor(request)
    requirePermission(actor, 'patron.register')
    const branch = sessionString(request, 'branch') ?? ''
    return render(request, reply, {
      mode: 'new',
      action: '/staff/patrons',
      restricted: [],
      values: { category: ctx.config.library.patronCategories[0] ?? '', homeBranch: branch },
      checked: {},
    })
  })

  app.post('/staff/patrons', async (request, reply) => {
    const form = bodyOf(request)
    const input = registrationInput(form, ctx.config, 'new', [])
    const pin = form.secret('pin')
    const barcode = form.text('barcode')
    try {
      const view = await registerPatron(ctx, signedInActor(request), {
        ...input,
        card: { ...(barcode !== undefined && { barcode }), ...(pin !== '' && { pin }) },
      })
      setFlash(request, {
        kind: 'ok',
        text: `Registered. Card ${view.cards[0]?.barcode ?? ''} is ready to use.`,
      })
      return seeOther(reply, patronPath(view.id))
    } catch (err) {
      if (!explainable(err)) throw err
      return render(request, reply, {
        mode: 'new',
        action: '/staff/patrons',
        restricted: [],
        ...posted(form),
        error: err,
      })
    }
  })

  app.get<{ Params: { id: string } }>('/staff/patrons/:id/edit', async (request, reply) => {
    const view = await getPatron(ctx, signedInActor(request), request.params.id)
    return render(request, reply, {
      mode: 'edit',
      action: patronPath(view.id, '/edit'),
      restricted: view.restricted,
      values: valuesOf(view),
      checked: view.notify,
    })
  })

  app.post<{ Params: { id: string } }>('/staff/patrons/:id/edit', async (request, reply) => {
    const actor = signedInActor(request)
    const form = bodyOf(request)
    const current = await getPatron(ctx, actor, request.params.id)
    try {
      await updatePatron(
        ctx,
        actor,
        current.id,
        registrationInput(form, ctx.config, 'edit', current.restricted),
      )
      setFlash(request, { kind: 'ok', text: 'Registration saved.' })
      return seeOther(reply, patronPath(current.id))
    } catch (err) {
      if (!explainable(err)) throw err
      return render(request, reply, {
        mode: 'edit',
        action: patronPath(current.id, '/edit'),
        restricted: current.restricted,
        ...posted(form),
        error: err,
      })
    }
  })
}
