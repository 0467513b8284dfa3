import type { VNode } from 'preact'
import type { IssueDetail, IssueSummary } from '../../../comms/newsletter.service.js'
import type { Formats } from '../../format.js'
import { TextArea } from '../form-fields.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, ErrorSummary, Field, Summary } from '../ui.js'

const STATUS_WORDS: Record<IssueSummary['status'], string> = {
  draft: 'Draft',
  sending: 'Sending',
  sent: 'Sent',
}

export const issueHref = (id: string, rest = ''): string =>
  `/staff/newsletter/${encodeURIComponent(id)}${rest}`

export function NewsletterListPage(p: {
  chrome: Chrome
  fmt: Formats
  issues: IssueSummary[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Newsletter</h1>
      <p class="measure">
        Issues go to every confirmed subscriber, in English or Spanish as each chose. Once an issue
        is sent only its counts remain: Carrel keeps no list of who got it, and nothing records who
        opened it or followed its links.
      </p>
      <p>
        <a class="button" href="/staff/newsletter/new">
          Write a new issue
        </a>
      </p>
      {p.issues.length === 0 ? (
        <Empty>No issues yet.</Empty>
      ) : (
        <table>
          <caption class="small">Newest first.</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Written</th>
              <th scope="col">Sent</th>
              <th scope="col">Recipients</th>
              <th scope="col">Delivered</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {p.issues.map((i) => (
              <tr key={i.id}>
                <td data-label="Subject">
                  <a href={issueHref(i.id)}>{i.subject}</a>
                </td>
                <td data-label="Status">{STATUS_WORDS[i.status]}</td>
                <td data-label="Written">{p.fmt.date(i.createdOn)}</td>
                <td data-label="Sent">{p.fmt.date(i.sentOn)}</td>
                <td data-label="Recipients" class="num">
                  {i.status === 'draft' ? '—' : i.recipients}
                </td>
                <td data-label="Delivered" class="num">
                  {i.status === 'draft' ? '—' : i.sent}
                </td>
                <td data-label="Failed" class="num">
                  {i.status === 'draft' ? '—' : i.failed}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

export interface DraftValues {
  subject?: string | undefined
  body?: string | undefined
  subjectEs?: string | undefined
  bodyEs?: string | undefined
}

const LABELS: Record<keyof DraftValues, string> = {
  subject: 'Subject',
  body: 'Text (Markdown)',
  subjectEs: 'Spanish subject',
  bodyEs: 'Spanish text (Markdown)',
}

/** Writing a new issue, or changing a draft; saving can lead straight to the preview. */
export function IssueFormPage(p: {
  chrome: Chrome
  csrf: string
  /** Absent for a new issue. */
  issueId?: string
  values: DraftValues
  problem?: string | undefined
  errors?: Record<string, string>
}): VNode {
  const errors = p.errors ?? {}
  const action = p.issueId === undefined ? '/staff/newsletter' : issueHref(p.issueId)
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href="/staff/newsletter">Back to the newsletter</a>
      </p>
      <h1>{p.issueId === undefined ? 'New newsletter issue' : 'Newsletter draft'}</h1>
      {p.problem !== undefined && (
        <ErrorSummary message={p.problem} errors={errors} labels={LABELS} />
      )}
      <div class="notice measure">
        <p>
          Write in Markdown: <code>## Heading</code>, <code>**bold**</code>, <code>*italic*</code>,
          lists, quotes and links (<code>[words](https://…)</code>; plain addresses become links
          too). <strong>Images and raw HTML are removed</strong>, and only http, https and mailto
          links are kept. Links go straight to their targets: nothing tracks who opens or follows
          them.
        </p>
      </div>
      <form method="post" action={action}>
        <Csrf token={p.csrf} />
        <fieldset>
          <legend>English (sent to everyone without a Spanish version)</legend>
          <Field
            name="subject"
            label={LABELS.subject}
            value={p.values.subject}
            error={errors.subject}
            required
            maxLength={200}
          />
          <TextArea
            name="body"
            label={LABELS.body}
            value={p.values.body}
            error={errors.body}
            rows={14}
            maxLength={100_000}
            required
          />
        </fieldset>
        <fieldset>
          <legend>Spanish (optional)</legend>
          <p class="hint">
            Subscribers who chose Spanish get this version when both fields are filled in, and the
            English one otherwise.
          </p>
          <Field
            name="subjectEs"
            label={LABELS.subjectEs}
            value={p.values.subjectEs}
            error={errors.subjectEs}
            maxLength={200}
          />
          <TextArea
            name="bodyEs"
            label={LABELS.bodyEs}
            value={p.values.bodyEs}
            error={errors.bodyEs}
            rows={14}
            maxLength={100_000}
          />
        </fieldset>
        <div class="actions">
          <button type="submit" name="then" value="preview">
            Save and preview
          </button>
          <button type="submit" name="then" value="edit" class="button secondary">
            Save draft
          </button>
        </div>
      </form>
      {p.issueId !== undefined && (
        <p>
          <a class="button danger" href={issueHref(p.issueId, '/delete')}>
            Delete this draft…
          </a>
        </p>
      )}
    </Page>
  )
}

export interface RenderedIssue {
  subject: string
  html: string
  text: string
}

/**
 * The message's HTML part as it can sit inside this page: the inside of its body, without the
 * message's own inline styles (the page's strict security policy refuses them, and its own
 * stylesheet stands in) and with its <main> as a plain block, so the page keeps one main region.
 * The HTML is renderIssue's, already sanitized: the markup is escaped text everywhere but in
 * real tags, so a `style="` or `<main` here can only be a tag's own.
 */
export function previewHtml(message: string): string {
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/i.exec(message)?.[1] ?? message
  return body
    .replace(/\s+style="[^"]*"/gi, '')
    .replace(/<main\b/gi, '<div')
    .replace(/<\/main>/gi, '</div>')
}

function Rendered(p: { heading: string; id: string; lang: string; issue: RenderedIssue }): VNode {
  return (
    <section aria-labelledby={p.id}>
      <h2 id={p.id}>{p.heading}</h2>
      <Summary items={[['Subject', <span lang={p.lang}>{p.issue.subject}</span>]]} />
      <h3>HTML part</h3>
      {/* renderIssue's HTML is already sanitized (an allow-list with no script, style or image),
          so it is shown as it is, under the page's own strict security policy. */}
      <div
        class="card newsletter-preview"
        lang={p.lang}
        dangerouslySetInnerHTML={{ __html: previewHtml(p.issue.html) }}
      />
      <h3>Plain-text part</h3>
      <pre class="mail-text" lang={p.lang}>
        {p.issue.text}
      </pre>
    </section>
  )
}

/** Exactly what an English and a Spanish subscriber would receive. */
export function IssuePreviewPage(p: {
  chrome: Chrome
  issue: IssueDetail
  en: RenderedIssue
  es: RenderedIssue
}): VNode {
  const draft = p.issue.status === 'draft'
  const hasSpanish = p.issue.subjectEs !== null && p.issue.bodyEs !== null
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href={issueHref(p.issue.id)}>{draft ? 'Back to the draft' : 'Back to the issue'}</a>
      </p>
      <h1>Preview: {p.issue.subject}</h1>
      <p class="measure">
        Each subscriber’s message ends with their own link to leave the list; here it is an example
        link. Mail programs also show a button to leave, from the message’s headers.
      </p>
      {draft && (
        <div class="actions">
          <a class="button" href={issueHref(p.issue.id, '/send')}>
            Send this issue…
          </a>
          <a class="button secondary" href={issueHref(p.issue.id)}>
            Change the draft
          </a>
        </div>
      )}
      <Rendered heading="English subscribers receive" id="preview-en" lang="en" issue={p.en} />
      <Rendered
        heading={
          hasSpanish
            ? 'Spanish subscribers receive'
            : 'Spanish subscribers receive (there is no Spanish version, so the English text)'
        }
        id="preview-es"
        lang="es"
        issue={p.es}
      />
    </Page>
  )
}

/** Sending cannot be undone, so it is asked for on a page of its own (no script needed). */
export function SendIssuePage(p: {
  chrome: Chrome
  csrf: string
  issue: IssueDetail
  /** Confirmed subscribers now: those it would go to if sent at this moment. */
  subscribers: number
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Send “{p.issue.subject}”?</h1>
      <div class="measure">
        <p>
          <strong>This cannot be undone.</strong> The issue goes to every subscriber whose
          subscription is confirmed when you press the button:{' '}
          <strong>{p.subscribers === 1 ? '1 subscriber' : `${p.subscribers} subscribers`}</strong>{' '}
          right now. It goes out in batches over the next minutes; once it starts it cannot be
          stopped or changed.
        </p>
        <p>
          Look at the <a href={issueHref(p.issue.id, '/preview')}>preview</a> first if you have not.
        </p>
      </div>
      <div class="actions">
        <form method="post" action={issueHref(p.issue.id, '/send')} class="inline">
          <Csrf token={p.csrf} />
          <button type="submit" class="button danger">
            Yes, send it now
          </button>
        </form>
        <a class="button secondary" href={issueHref(p.issue.id)}>
          No, go back
        </a>
      </div>
    </Page>
  )
}

export function DeleteDraftPage(p: { chrome: Chrome; csrf: string; issue: IssueDetail }): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Delete the draft “{p.issue.subject}”?</h1>
      <p class="measure">The draft and its text are deleted for good.</p>
      <div class="actions">
        <form method="post" action={issueHref(p.issue.id, '/delete')} class="inline">
          <Csrf token={p.csrf} />
          <button type="submit" class="button danger">
            Yes, delete the draft
          </button>
        </form>
        <a class="button secondary" href={issueHref(p.issue.id)}>
          No, keep it
        </a>
      </div>
    </Page>
  )
}

/**
 * Queued, sent and failed of the recipients. While the issue is sending, htmx fetches this block
 * again every two seconds and swaps it in; without script, the link (or a reload) does the same.
 * A finished issue's block carries no trigger, so the polling stops by itself.
 */
export function IssueProgress(p: { issue: IssueSummary; fmt: Formats }): VNode {
  const i = p.issue
  const sending = i.status === 'sending'
  const done = i.sent + i.failed
  const poll = sending
    ? {
        'hx-get': issueHref(i.id, '/progress'),
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
      }
    : {}
  return (
    <section id="progress" class="card" aria-labelledby="progress-heading" {...poll}>
      <h2 id="progress-heading">{sending ? 'Sending' : 'Sent'}</h2>
      <p aria-live="polite">
        {sending
          ? `${done} of ${i.recipients} handled so far.`
          : `Finished ${p.fmt.date(i.sentOn)}: ${i.sent} of ${i.recipients} delivered.`}
      </p>
      {i.recipients > 0 && (
        <progress
          value={done}
          max={i.recipients}
          aria-label={`${done} of ${i.recipients} recipients handled`}
        />
      )}
      <Summary
        items={[
          ['Recipients', i.recipients],
          ['Queued', i.queued],
          ['Sent', i.sent],
          ['Failed', i.failed],
        ]}
      />
      {sending && (
        <p class="small">
          This block updates itself. <a href={issueHref(i.id)}>Check again</a>
        </p>
      )}
      {i.failed > 0 && (
        <p class="small">
          A message counts as failed only when the mail server refused it for good or it ran out of
          attempts.
        </p>
      )}
    </section>
  )
}

/** An issue that is sending or sent: its counts, never who got it. */
export function IssueStatusPage(p: { chrome: Chrome; fmt: Formats; issue: IssueDetail }): VNode {
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href="/staff/newsletter">Back to the newsletter</a>
      </p>
      <h1>{p.issue.subject}</h1>
      <Summary
        items={[
          ['Status', STATUS_WORDS[p.issue.status]],
          ['Written', p.fmt.date(p.issue.createdOn)],
          ['Spanish version', p.issue.subjectEs !== null ? 'Yes' : 'No'],
        ]}
      />
      <IssueProgress issue={p.issue} fmt={p.fmt} />
      <p>
        <a href={issueHref(p.issue.id, '/preview')}>What subscribers received</a>
      </p>
    </Page>
  )
}
