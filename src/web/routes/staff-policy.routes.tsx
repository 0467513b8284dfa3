import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { problemFor } from '../../http/error-handler.js'
import {
  createPolicyDraft,
  deletePolicyDraft,
  getPolicyVersion,
  listPolicyVersions,
  publishOutlook,
  publishPolicyVersion,
  updatePolicyDraft,
} from '../../policy/policy-admin.service.js'
import { policyDiff } from '../../policy/policy-diff.js'
import { previousVersion, reviewOverdue, type PolicyVersion } from '../../policy/policy-versions.js'
import { requirePermission } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { bodyOf, fieldErrors, type Form } from '../forms.js'
import { formats } from '../format.js'
import { seeOther, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import {
  DeletePolicyDraftPage,
  PolicyPreviewPage,
  PublishedPolicyPage,
  PublishPolicyPage,
} from '../views/staff/policy-publish.js'
import {
  PolicyFormPage,
  PolicyListPage,
  policyHref,
  type PolicyValues,
} from '../views/staff/policy.js'

type WithId = { Params: { id: string } }

/** The draft as posted; the service checks it (and caps every field) again. */
function draftOf(form: Form) {
  return {
    body: form.text('body') ?? '',
    bodyEs: form.text('bodyEs') ?? null,
    changes: form.text('changes') ?? '',
    changesEs: form.text('changesEs') ?? null,
    adoptedOn: form.text('adoptedOn') ?? '',
    effectiveOn: form.text('effectiveOn') ?? '',
    reviewOn: form.text('reviewOn') ?? '',
    material: form.checked('material'),
  }
}

const valuesOf = (d: ReturnType<typeof draftOf> | PolicyVersion): PolicyValues => ({
  body: d.body,
  bodyEs: d.bodyEs ?? undefined,
  changes: d.changes,
  changesEs: d.changesEs ?? undefined,
  adoptedOn: d.adoptedOn,
  effectiveOn: d.effectiveOn,
  reviewOn: d.reviewOn,
  material: d.material,
})

/**
 * The policy for staff with `policy.manage` (admin, privacy officer): drafts, a preview as the
 * public will see it in both languages, and publishing after a confirmation step.
 */
export function staffPolicyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  const refusedForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    err: unknown,
    draft: ReturnType<typeof draftOf>,
    versionId?: string,
  ) => {
    if (!(err instanceof AppError) || err.kind !== 'validation') throw err
    const chrome = staffChrome(ctx, request, reply, 'Policy draft')
    return sendPage(
      reply,
      <PolicyFormPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        {...(versionId !== undefined && { versionId })}
        values={valuesOf(draft)}
        problem={err.message}
        errors={fieldErrors(err)}
      />,
      problemFor(err).status,
    )
  }

  const afterSave = (request: FastifyRequest, id: string) =>
    bodyOf(request).text('then') === 'preview' ? policyHref(id, '/preview') : policyHref(id)

  app.get('/staff/policy', async (request, reply) => {
    const versions = await listPolicyVersions(ctx, signedInActor(request))
    const chrome = staffChrome(ctx, request, reply, 'Privacy policy')
    return sendPage(
      reply,
      <PolicyListPage
        chrome={chrome}
        fmt={fmt}
        versions={versions}
        reminder={await reviewOverdue(ctx)}
      />,
    )
  })

  app.get('/staff/policy/new', async (request, reply) => {
    requirePermission(signedInActor(request), 'policy.manage')
    const chrome = staffChrome(ctx, request, reply, 'New policy version')
    return sendPage(
      reply,
      <PolicyFormPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} values={{}} />,
    )
  })

  app.post('/staff/policy', async (request, reply) => {
    const draft = draftOf(bodyOf(request))
    let version: PolicyVersion
    try {
      version = await createPolicyDraft(ctx, signedInActor(request), draft)
    } catch (err) {
      return refusedForm(request, reply, err, draft)
    }
    return seeOther(reply, afterSave(request, version.id))
  })

  app.get<WithId>('/staff/policy/:id', async (request, reply) => {
    const version = await getPolicyVersion(ctx, signedInActor(request), request.params.id)
    if (version.status !== 'draft') {
      const chrome = staffChrome(ctx, request, reply, `Policy version ${version.number ?? ''}`)
      return sendPage(reply, <PublishedPolicyPage chrome={chrome} fmt={fmt} version={version} />)
    }
    const chrome = staffChrome(ctx, request, reply, 'Policy draft')
    return sendPage(
      reply,
      <PolicyFormPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        versionId={version.id}
        values={valuesOf(version)}
      />,
    )
  })

  app.post<WithId>('/staff/policy/:id', async (request, reply) => {
    const draft = draftOf(bodyOf(request))
    try {
      await updatePolicyDraft(ctx, signedInActor(request), request.params.id, draft)
    } catch (err) {
      return refusedForm(request, reply, err, draft, request.params.id)
    }
    return seeOther(reply, afterSave(request, request.params.id))
  })

  app.get<WithId>('/staff/policy/:id/preview', async (request, reply) => {
    const outlook = await publishOutlook(ctx, signedInActor(request), request.params.id)
    const { version, latest } = outlook
    // A draft is compared with the newest published version; a published one with its own predecessor.
    const against =
      version.status === 'draft' || version.number === null
        ? latest
        : await previousVersion(ctx.db, { ...version, number: version.number, status: 'published' })
    const chrome = staffChrome(ctx, request, reply, 'Policy preview')
    return sendPage(
      reply,
      <PolicyPreviewPage
        chrome={chrome}
        fmt={fmt}
        version={version}
        against={
          against === undefined
            ? undefined
            : { number: against.number, en: policyDiff(against.body, version.body) }
        }
      />,
    )
  })

  // Publishing cannot be undone: this page asks first, and only its form's post publishes.
  app.get<WithId>('/staff/policy/:id/publish', async (request, reply) => {
    const outlook = await publishOutlook(ctx, signedInActor(request), request.params.id)
    if (outlook.version.status !== 'draft') return seeOther(reply, policyHref(outlook.version.id))
    const chrome = staffChrome(ctx, request, reply, `Publish version ${outlook.nextNumber}`)
    return sendPage(
      reply,
      <PublishPolicyPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        fmt={fmt}
        version={outlook.version}
        nextNumber={outlook.nextNumber}
        audience={outlook.audience}
      />,
    )
  })

  app.post<WithId>('/staff/policy/:id/publish', async (request, reply) =>
    act(request, reply, policyHref(request.params.id), async () => {
      const v = await publishPolicyVersion(ctx, signedInActor(request), request.params.id)
      const notices = v.noticesQueued ?? 0
      return `Version ${v.number ?? ''} is published.${
        v.material ? ` ${notices === 1 ? '1 notice' : `${notices} notices`} queued.` : ''
      }`
    }),
  )

  app.get<WithId>('/staff/policy/:id/delete', async (request, reply) => {
    const version = await getPolicyVersion(ctx, signedInActor(request), request.params.id)
    if (version.status !== 'draft') return seeOther(reply, policyHref(version.id))
    const chrome = staffChrome(ctx, request, reply, 'Delete policy draft')
    return sendPage(
      reply,
      <DeletePolicyDraftPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} version={version} />,
    )
  })

  app.post<WithId>('/staff/policy/:id/delete', async (request, reply) => {
    try {
      await deletePolicyDraft(ctx, signedInActor(request), request.params.id)
    } catch (err) {
      if (!(err instanceof AppError) || err.kind === 'forbidden' || err.kind === 'not_found')
        throw err
      setFlash(request, { kind: 'error', text: err.message })
      return seeOther(reply, policyHref(request.params.id))
    }
    setFlash(request, { kind: 'ok', text: 'The draft is deleted.' })
    return seeOther(reply, '/staff/policy')
  })
}
