import type { VNode } from 'preact'
import type { PolicyVersion } from '../../../policy/policy-versions.js'
import type { Formats } from '../../format.js'
import { TextArea } from '../form-fields.js'
import { Page, type Chrome } from '../layout.js'
import { Checkbox, Csrf, Empty, ErrorSummary, Field } from '../ui.js'

export const policyHref = (id: string, rest = ''): string =>
  `/staff/policy/${encodeURIComponent(id)}${rest}`

/** The reminder on the staff home and the policy list once the review date has passed. */
export function PolicyReviewReminder(p: { version: PolicyVersion; fmt: Formats }): VNode {
  return (
    <div class="notice measure" data-reminder="policy-review">
      <p>
        <strong>The privacy policy is due for review.</strong> Version {p.version.number} was to be
        reviewed by {p.fmt.date(p.version.reviewOn)}.{' '}
        <a href="/staff/policy">Review the policy or publish a new version</a>
      </p>
    </div>
  )
}

export function PolicyListPage(p: {
  chrome: Chrome
  fmt: Formats
  versions: PolicyVersion[]
  reminder: PolicyVersion | undefined
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Privacy policy</h1>
      {p.reminder !== undefined && <PolicyReviewReminder version={p.reminder} fmt={p.fmt} />}
      <p class="measure">
        Write the library’s policy as a draft, preview it as the public will see it, then publish
        it. Publishing gives the next version number and cannot be undone: a published version is
        never changed, and every version stays on the public site with what it changed. See{' '}
        <a href="/policy">the public policy page</a>.
      </p>
      <p>
        <a class="button" href="/staff/policy/new">
          Write a new version
        </a>
      </p>
      {p.versions.length === 0 ? (
        <Empty>No versions yet.</Empty>
      ) : (
        <table>
          <caption class="small">Drafts first, then published versions, newest first.</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">What changed</th>
              <th scope="col">In effect from</th>
              <th scope="col">Next review</th>
              <th scope="col">Material</th>
              <th scope="col">Published</th>
            </tr>
          </thead>
          <tbody>
            {p.versions.map((v) => (
              <tr key={v.id} data-status={v.status}>
                <td data-label="Version">
                  <a href={policyHref(v.id)}>
                    {v.number === null
                      ? `Draft of ${p.fmt.date(v.updatedOn)}`
                      : `Version ${v.number}`}
                  </a>
                </td>
                <td data-label="What changed">{v.changes}</td>
                <td data-label="In effect from">{p.fmt.date(v.effectiveOn)}</td>
                <td data-label="Next review">{p.fmt.date(v.reviewOn)}</td>
                <td data-label="Material">{v.material ? 'Yes' : 'No'}</td>
                <td data-label="Published">{p.fmt.date(v.publishedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

export interface PolicyValues {
  body?: string | undefined
  bodyEs?: string | undefined
  changes?: string | undefined
  changesEs?: string | undefined
  adoptedOn?: string | undefined
  effectiveOn?: string | undefined
  reviewOn?: string | undefined
  material?: boolean | undefined
}

const LABELS = {
  body: 'Policy text (Markdown)',
  bodyEs: 'Spanish policy text (Markdown)',
  changes: 'What changed',
  changesEs: 'What changed, in Spanish',
  adoptedOn: 'Adopted on',
  effectiveOn: 'In effect from',
  reviewOn: 'Next review',
} as const satisfies Record<string, string>

/** Writing a new version, or changing a draft; saving can lead straight to the preview. */
export function PolicyFormPage(p: {
  chrome: Chrome
  csrf: string
  versionId?: string
  values: PolicyValues
  problem?: string | undefined
  errors?: Record<string, string>
}): VNode {
  const errors = p.errors ?? {}
  const action = p.versionId === undefined ? '/staff/policy' : policyHref(p.versionId)
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href="/staff/policy">Back to the policy</a>
      </p>
      <h1>{p.versionId === undefined ? 'New policy version' : 'Policy draft'}</h1>
      {p.problem !== undefined && (
        <ErrorSummary message={p.problem} errors={errors} labels={LABELS} />
      )}
      <div class="notice measure">
        <p>
          Write in Markdown: <code>## Heading</code>, <code>**bold**</code>, lists and links. Raw
          HTML and images are removed. The public page adds, after your text, the list of what the
          system keeps, generated from its own records: you need not copy it.
        </p>
      </div>
      <form method="post" action={action}>
        <Csrf token={p.csrf} />
        <fieldset>
          <legend>Dates</legend>
          {(['adoptedOn', 'effectiveOn', 'reviewOn'] as const).map((name) => (
            <Field
              key={name}
              name={name}
              type="date"
              label={LABELS[name]}
              value={p.values[name]}
              error={errors[name]}
              required
              maxLength={10}
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>English</legend>
          <TextArea
            name="changes"
            label={LABELS.changes}
            value={p.values.changes}
            error={errors.changes}
            hint="A sentence or two shown with the version, such as “Registrations are now kept one year.”"
            rows={3}
            maxLength={1000}
            required
          />
          <TextArea
            name="body"
            label={LABELS.body}
            value={p.values.body}
            error={errors.body}
            rows={18}
            maxLength={100_000}
            required
          />
        </fieldset>
        <fieldset>
          <legend>Spanish (optional)</legend>
          <p class="hint">
            Without a Spanish text, Spanish pages show the English text with a note.
          </p>
          <TextArea
            name="changesEs"
            label={LABELS.changesEs}
            value={p.values.changesEs}
            error={errors.changesEs}
            rows={3}
            maxLength={1000}
          />
          <TextArea
            name="bodyEs"
            label={LABELS.bodyEs}
            value={p.values.bodyEs}
            error={errors.bodyEs}
            rows={18}
            maxLength={100_000}
          />
        </fieldset>
        <Checkbox
          name="material"
          label="This is a material change: email the patrons who asked to hear about policy changes"
          checked={p.values.material === true}
          hint="The notice goes out when the version is published."
        />
        <div class="actions">
          <button type="submit" name="then" value="preview">
            Save and preview
          </button>
          <button type="submit" name="then" value="edit" class="button secondary">
            Save draft
          </button>
        </div>
      </form>
      {p.versionId !== undefined && (
        <p>
          <a class="button danger" href={policyHref(p.versionId, '/delete')}>
            Delete this draft…
          </a>
        </p>
      )}
    </Page>
  )
}
