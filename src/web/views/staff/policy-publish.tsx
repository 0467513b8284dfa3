import type { VNode } from 'preact'
import type { DiffPart } from '../../../policy/policy-diff.js'
import type { PolicyVersion } from '../../../policy/policy-versions.js'
import type { Formats } from '../../format.js'
import { I18nContext, i18nFor } from '../../locale.js'
import { Page, type Chrome } from '../layout.js'
import { PolicyDiff, PolicyText, textFor } from '../public/policy-text.js'
import { Csrf, Summary } from '../ui.js'
import { policyHref } from './policy.js'

function Dates(p: { version: PolicyVersion; fmt: Formats }): VNode {
  const v = p.version
  return (
    <Summary
      items={[
        ['Adopted on', p.fmt.date(v.adoptedOn)],
        ['In effect from', p.fmt.date(v.effectiveOn)],
        ['Next review', p.fmt.date(v.reviewOn)],
        ['Material change', v.material ? 'Yes: patrons who asked are emailed on publishing' : 'No'],
        ...(v.publishedOn === null
          ? []
          : ([
              ['Published', p.fmt.date(v.publishedOn)],
              ['Notices queued', String(v.noticesQueued ?? 0)],
            ] as [string, string][])),
      ]}
    />
  )
}

/**
 * The version as each language's readers will see it, with what changed from the newest
 * published version, drawn by the same components as the public pages (in that language).
 */
export function PolicyPreviewPage(p: {
  chrome: Chrome
  fmt: Formats
  version: PolicyVersion
  against: { number: number; en: DiffPart[] } | undefined
}): VNode {
  const v = p.version
  const draft = v.status === 'draft'
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href={policyHref(v.id)}>{draft ? 'Back to the draft' : 'Back to the version'}</a>
      </p>
      <h1>Preview: {v.number === null ? 'policy draft' : `version ${v.number}`}</h1>
      <Dates version={v} fmt={p.fmt} />
      {draft && (
        <div class="actions">
          <a class="button" href={policyHref(v.id, '/publish')}>
            Publish this version…
          </a>
          <a class="button secondary" href={policyHref(v.id)}>
            Change the draft
          </a>
        </div>
      )}
      <h2>What changed (English)</h2>
      <p class="measure">{v.changes}</p>
      {p.against === undefined ? (
        <p>No version is published yet: this will be version 1.</p>
      ) : (
        <section aria-labelledby="preview-diff">
          <h2 id="preview-diff">Differences from version {p.against.number} (English text)</h2>
          <PolicyDiff parts={p.against.en} lang="en" />
        </section>
      )}
      {(['en', 'es'] as const).map((locale) => (
        <PreviewIn key={locale} locale={locale} version={v} />
      ))}
    </Page>
  )
}

function PreviewIn(p: { locale: 'en' | 'es'; version: PolicyVersion }): VNode {
  const text = textFor(p.version, p.locale)
  const id = `preview-${p.locale}`
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {p.locale === 'en' ? 'The English page shows' : 'The Spanish page (/es/policy) shows'}
      </h2>
      <I18nContext.Provider value={i18nFor(p.locale, 'address', 'UTC')}>
        <div class="card">
          <PolicyText body={text.body} lang={text.lang} fallback={text.fallback} />
        </div>
      </I18nContext.Provider>
    </section>
  )
}

/** Publishing cannot be undone, so it is asked for on a page of its own (no script needed). */
export function PublishPolicyPage(p: {
  chrome: Chrome
  csrf: string
  fmt: Formats
  version: PolicyVersion
  nextNumber: number
  audience: number
}): VNode {
  const v = p.version
  return (
    <Page chrome={p.chrome}>
      <h1>Publish version {p.nextNumber}?</h1>
      <div class="measure">
        <p>
          <strong>This cannot be undone.</strong> The draft becomes version {p.nextNumber} of the
          privacy policy, on the public site from now on, in effect from {p.fmt.date(v.effectiveOn)}
          . After this it can never be changed or deleted: a correction is a new version.
        </p>
        {v.material ? (
          <p data-publish="material">
            It is marked as a <strong>material change</strong>: the policy-change notice will be
            emailed to <strong>{p.audience === 1 ? '1 patron' : `${p.audience} patrons`}</strong>,
            those who asked to hear about policy changes and have an email address.
          </p>
        ) : (
          <p data-publish="not-material">
            It is <strong>not</strong> marked as a material change: no patron is emailed.{' '}
            {p.audience === 1 ? '1 patron' : `${p.audience} patrons`} would be if it were; change
            the draft to mark it.
          </p>
        )}
        <p>
          Look at the <a href={policyHref(v.id, '/preview')}>preview</a> first if you have not.
        </p>
      </div>
      <div class="actions">
        <form method="post" action={policyHref(v.id, '/publish')} class="inline">
          <Csrf token={p.csrf} />
          <button type="submit" class="button danger">
            Yes, publish version {p.nextNumber}
          </button>
        </form>
        <a class="button secondary" href={policyHref(v.id)}>
          No, go back
        </a>
      </div>
    </Page>
  )
}

export function DeletePolicyDraftPage(p: {
  chrome: Chrome
  csrf: string
  version: PolicyVersion
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Delete this policy draft?</h1>
      <p class="measure">The draft is deleted for good. Published versions are not affected.</p>
      <div class="actions">
        <form method="post" action={policyHref(p.version.id, '/delete')} class="inline">
          <Csrf token={p.csrf} />
          <button type="submit" class="button danger">
            Yes, delete the draft
          </button>
        </form>
        <a class="button secondary" href={policyHref(p.version.id)}>
          No, go back
        </a>
      </div>
    </Page>
  )
}

/** A published version, for staff: what it says and where the public reads it. */
export function PublishedPolicyPage(p: {
  chrome: Chrome
  fmt: Formats
  version: PolicyVersion
}): VNode {
  const v = p.version
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href="/staff/policy">Back to the policy</a>
      </p>
      <h1>Version {v.number}</h1>
      <p class="measure">
        Published versions cannot change. The public reads it at{' '}
        <a href={`/policy/versions/${v.number ?? ''}`}>/policy/versions/{v.number}</a>.
      </p>
      <Dates version={v} fmt={p.fmt} />
      <h2>What changed</h2>
      <p class="measure">{v.changes}</p>
      <p>
        <a href={policyHref(v.id, '/preview')}>See it as the public does, in both languages</a>
      </p>
    </Page>
  )
}
