import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  activeSubscriberCount,
  createIssue,
  deleteDraft,
  getIssue,
  issueProgress,
  listIssues,
  renderIssue,
  startSending,
  updateIssue,
  type IssueDetail,
  type IssueDraft,
} from '../../comms/newsletter.service.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { problemFor } from '../../http/error-handler.js'
import { requirePermission } from '../../staff/roles.js'
import { act, signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { fieldErrors, bodyOf, type Form } from '../forms.js'
import { formats } from '../format.js'
import { isHtmx, seeOther, sendFragment, sendPage } from '../render.js'
import { setFlash } from '../sessions.js'
import {
  DeleteDraftPage,
  issueHref,
  IssueFormPage,
  IssuePreviewPage,
  IssueProgress,
  IssueStatusPage,
  NewsletterListPage,
  SendIssuePage,
  type DraftValues,
} from '../views/staff/newsletter.js'

type WithId = { Params: { id: string } }

/** The draft as posted: the English parts as typed, the Spanish ones absent when left empty. */
function draftOf(form: Form): IssueDraft {
  return {
    subject: form.text('subject') ?? '',
    body: form.text('body') ?? '',
    subjectEs: form.text('subjectEs') ?? null,
    bodyEs: form.text('bodyEs') ?? null,
  }
}

const valuesOf = (d: IssueDraft | IssueDetail): DraftValues => ({
  subject: d.subject,
  body: d.body,
  subjectEs: d.subjectEs ?? undefined,
  bodyEs: d.bodyEs ?? undefined,
})

/**
 * The newsletter for staff with `newsletter.manage`: write an issue in Markdown, preview what
 * each language's subscribers get, send it (after a confirmation step) and watch it go out.
 */
export function staffNewsletterRoutes(app: FastifyInstance, ctx: AppContext): void {
  const fmt = formats(ctx.config.library.timezone)

  /** What a subscriber in each language receives; the footer's link is an example here. */
  const rendered = (issue: IssueDetail, locale: 'en' | 'es') =>
    renderIssue(issue, locale, {
      libraryName: ctx.config.library.name,
      unsubscribeUrl: `${ctx.config.http.publicUrl.replace(/\/+$/, '')}/newsletter/unsubscribe/example-link`,
    })

  /** A refused draft comes back as typed, with what to fix; anything but a validation is thrown. */
  const refusedForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    err: unknown,
    draft: IssueDraft,
    issueId?: string,
  ) => {
    if (!(err instanceof AppError) || err.kind !== 'validation') throw err
    const chrome = staffChrome(ctx, request, reply, 'Newsletter issue')
    return sendPage(
      reply,
      <IssueFormPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        {...(issueId !== undefined && { issueId })}
        values={valuesOf(draft)}
        problem={err.message}
        errors={fieldErrors(err)}
      />,
      problemFor(err).status,
    )
  }

  const afterSave = (request: FastifyRequest, id: string) =>
    bodyOf(request).text('then') === 'preview' ? issueHref(id, '/preview') : issueHref(id)

  app.get('/staff/newsletter', async (request, reply) => {
    const issues = await listIssues(ctx, signedInActor(request))
    const chrome = staffChrome(ctx, request, reply, 'Newsletter')
    return sendPage(reply, <NewsletterListPage chrome={chrome} fmt={fmt} issues={issues} />)
  })

  app.get('/staff/newsletter/new', async (request, reply) => {
    // Nothing is read yet, so the right is checked here (the services check it on every call).
    requirePermission(signedInActor(request), 'newsletter.manage')
    const chrome = staffChrome(ctx, request, reply, 'New newsletter issue')
    return sendPage(
      reply,
      <IssueFormPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} values={{}} />,
    )
  })

  app.post('/staff/newsletter', async (request, reply) => {
    const draft = draftOf(bodyOf(request))
    let issue: IssueDetail
    try {
      issue = await createIssue(ctx, signedInActor(request), draft)
    } catch (err) {
      return refusedForm(request, reply, err, draft)
    }
    return seeOther(reply, afterSave(request, issue.id))
  })

  app.get<WithId>('/staff/newsletter/:id', async (request, reply) => {
    const issue = await getIssue(ctx, signedInActor(request), request.params.id)
    const chrome = staffChrome(ctx, request, reply, issue.subject)
    if (issue.status !== 'draft')
      return sendPage(reply, <IssueStatusPage chrome={chrome} fmt={fmt} issue={issue} />)
    return sendPage(
      reply,
      <IssueFormPage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        issueId={issue.id}
        values={valuesOf(issue)}
      />,
    )
  })

  app.post<WithId>('/staff/newsletter/:id', async (request, reply) => {
    const draft = draftOf(bodyOf(request))
    try {
      await updateIssue(ctx, signedInActor(request), request.params.id, draft)
    } catch (err) {
      // A draft that has meanwhile been sent or deleted is a refusal for the whole page.
      if (err instanceof AppError && err.code === 'ISSUE_NOT_DRAFT') throw err
      return refusedForm(request, reply, err, draft, request.params.id)
    }
    return seeOther(reply, afterSave(request, request.params.id))
  })

  app.get<WithId>('/staff/newsletter/:id/preview', async (request, reply) => {
    const issue = await getIssue(ctx, signedInActor(request), request.params.id)
    const chrome = staffChrome(ctx, request, reply, `Preview: ${issue.subject}`)
    return sendPage(
      reply,
      <IssuePreviewPage
        chrome={chrome}
        issue={issue}
        en={rendered(issue, 'en')}
        es={rendered(issue, 'es')}
      />,
    )
  })

  // Sending cannot be undone: this page asks first, and only its form's post sends.
  app.get<WithId>('/staff/newsletter/:id/send', async (request, reply) => {
    const actor = signedInActor(request)
    const issue = await getIssue(ctx, actor, request.params.id)
    if (issue.status !== 'draft') return seeOther(reply, issueHref(issue.id))
    const subscribers = await activeSubscriberCount(ctx, actor)
    const chrome = staffChrome(ctx, request, reply, `Send ${issue.subject}`)
    return sendPage(
      reply,
      <SendIssuePage
        chrome={chrome}
        csrf={chrome.user?.csrf ?? ''}
        issue={issue}
        subscribers={subscribers}
      />,
    )
  })

  app.post<WithId>('/staff/newsletter/:id/send', async (request, reply) =>
    act(request, reply, issueHref(request.params.id), async () => {
      const started = await startSending(ctx, signedInActor(request), request.params.id)
      return started.recipients === 1
        ? 'Sending to 1 subscriber.'
        : `Sending to ${started.recipients} subscribers.`
    }),
  )

  app.get<WithId>('/staff/newsletter/:id/progress', async (request, reply) => {
    const issue = await issueProgress(ctx, signedInActor(request), request.params.id)
    // Without htmx (a plain visit to this address) the whole issue page is the answer.
    if (!isHtmx(request)) return seeOther(reply, issueHref(issue.id))
    return sendFragment(reply, <IssueProgress issue={issue} fmt={fmt} />)
  })

  app.get<WithId>('/staff/newsletter/:id/delete', async (request, reply) => {
    const issue = await getIssue(ctx, signedInActor(request), request.params.id)
    if (issue.status !== 'draft') return seeOther(reply, issueHref(issue.id))
    const chrome = staffChrome(ctx, request, reply, `Delete ${issue.subject}`)
    return sendPage(
      reply,
      <DeleteDraftPage chrome={chrome} csrf={chrome.user?.csrf ?? ''} issue={issue} />,
    )
  })

  app.post<WithId>('/staff/newsletter/:id/delete', async (request, reply) => {
    try {
      await deleteDraft(ctx, signedInActor(request), request.params.id)
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      setFlash(request, { kind: 'error', text: err.message })
      return seeOther(reply, issueHref(request.params.id))
    }
    setFlash(request, { kind: 'ok', text: 'The draft is deleted.' })
    return seeOther(reply, '/staff/newsletter')
  })
}
