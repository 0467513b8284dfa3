import type { VNode } from 'preact'
import { FORMATS, MESSAGE_MAX } from '../../../records/records.schemas.js'
import { Page, type Chrome } from '../layout.js'
import { Field } from '../ui.js'
import {
  ContactField,
  ProblemBox,
  PublicFormGuard,
  TextArea,
  type FormProblem,
} from './records-form-parts.js'

export type RequestValues = Partial<
  Record<'name' | 'email' | 'phone' | 'address' | 'description' | 'format', string>
>

/**
 * The public form for a records request under Illinois FOIA: the clock the library answers by,
 * and, before anything is asked, that patron records are confidential and not released here.
 */
export function RecordsRequestFormPage(p: {
  chrome: Chrome
  token: string
  values?: RequestValues
  problem?: FormProblem | undefined
}): VNode {
  const { t, link } = p.chrome.i18n
  const v = p.values ?? {}
  const err = (f: string) => p.problem?.fields[f]
  const format = v.format ?? 'electronic'
  return (
    <Page chrome={p.chrome}>
      <h1>{t('records.requests.heading')}</h1>
      <div class="measure">
        <p class="lead">{t('records.requests.intro')}</p>
        <p>{t('records.requests.clock')}</p>
      </div>
      <section class="measure notice-box" aria-labelledby="patron-records">
        <h2 id="patron-records">{t('records.requests.confidentialHeading')}</h2>
        <p>{t('records.requests.confidentialBody')}</p>
      </section>
      <p class="measure">
        <a href={link('/transparency')}>{t('records.requests.transparency')}</a>
      </p>
      <ProblemBox problem={p.problem} heading={t('records.problems.heading')} />
      <form method="post" action={link('/records-requests')} class="measure">
        <PublicFormGuard token={p.token} label={t('common.forms.honeypot')} />
        <TextArea
          name="description"
          label={t('records.requests.description')}
          hint={t('records.requests.descriptionHint', { max: MESSAGE_MAX })}
          error={err('description')}
          value={v.description}
          maxLength={MESSAGE_MAX}
          rows={8}
          required
        />
        <fieldset id="f-format" aria-describedby={err('format') ? 'f-format-error' : undefined}>
          <legend>{t('records.requests.format')}</legend>
          {err('format') && (
            <p class="error-text" id="f-format-error">
              {err('format')}
            </p>
          )}
          {FORMATS.map((f) => (
            <div class="check" key={f}>
              <input
                type="radio"
                id={`f-format-${f}`}
                name="format"
                value={f}
                checked={format === f}
              />
              <label for={`f-format-${f}`}>{t(`records.requests.formats.${f}`)}</label>
            </div>
          ))}
        </fieldset>
        <Field
          name="name"
          label={t('records.requests.name')}
          hint={t('records.requests.nameHint')}
          value={v.name}
          error={err('name')}
          autocomplete="name"
          maxLength={120}
        />
        <fieldset id="f-contact">
          <legend>{t('records.requests.contactHeading')}</legend>
          <p class="hint">{t('records.requests.contactHint')}</p>
          {err('contact') && <p class="error-text">{err('contact')}</p>}
          <ContactField kind="email" t={t} value={v.email} error={err('email')} />
          <ContactField kind="address" t={t} value={v.address} error={err('address')} />
          <ContactField kind="phone" t={t} value={v.phone} error={err('phone')} />
        </fieldset>
        <button type="submit">{t('records.requests.submit')}</button>
      </form>
    </Page>
  )
}

export function RecordsRequestSentPage({
  chrome,
  dueOn,
}: {
  chrome: Chrome
  dueOn: string | undefined
}): VNode {
  const { t, fmt, link } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('records.requests.sentHeading')}</h1>
      <div class="measure" role="status">
        <p class="lead">{t('records.requests.sentBody')}</p>
        {dueOn !== undefined && <p>{t('records.requests.sentDue', { date: fmt.date(dueOn) })}</p>}
        <p>{t('records.requests.sentNext')}</p>
      </div>
      <p>
        <a href={link('/transparency')}>{t('records.requests.transparency')}</a>
      </p>
    </Page>
  )
}
