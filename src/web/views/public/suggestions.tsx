import type { VNode } from 'preact'
import { MESSAGE_MAX } from '../../../records/records.schemas.js'
import { Page, type Chrome } from '../layout.js'
import { Field } from '../ui.js'
import {
  ContactField,
  ProblemBox,
  PublicFormGuard,
  TextArea,
  type FormProblem,
} from './records-form-parts.js'

export type SuggestionValues = Partial<Record<'message' | 'name' | 'email' | 'phone', string>>

/**
 * The suggestion form. Before the form it says plainly that what is sent may be released as a
 * public record (REQ-2.3), what is removed when it is, and where account questions belong.
 */
export function SuggestionFormPage(p: {
  chrome: Chrome
  token: string
  values?: SuggestionValues
  problem?: FormProblem | undefined
}): VNode {
  const { t, link } = p.chrome.i18n
  const v = p.values ?? {}
  const err = (f: string) => p.problem?.fields[f]
  return (
    <Page chrome={p.chrome}>
      <h1>{t('records.suggestions.heading')}</h1>
      <p class="lead measure">{t('records.suggestions.intro')}</p>
      <section class="measure notice-box" aria-labelledby="public-record">
        <h2 id="public-record">{t('records.suggestions.publicHeading')}</h2>
        <p>{t('records.suggestions.publicBody')}</p>
        <p>{t('records.suggestions.redactions')}</p>
        <p>
          {t('records.suggestions.notAccount')}{' '}
          <a href={link('/account')}>{t('records.suggestions.account')}</a>
          {' · '}
          <a href={link('/ask')}>{t('records.suggestions.ask')}</a>
        </p>
      </section>
      <ProblemBox problem={p.problem} heading={t('records.problems.heading')} />
      <form method="post" action={link('/suggestions')} class="measure">
        <PublicFormGuard token={p.token} label={t('common.forms.honeypot')} />
        <TextArea
          name="message"
          label={t('records.suggestions.message')}
          hint={t('records.suggestions.messageHint', { max: MESSAGE_MAX })}
          error={err('message')}
          value={v.message}
          maxLength={MESSAGE_MAX}
          rows={8}
          required
        />
        <fieldset>
          <legend>{t('records.suggestions.contactHeading')}</legend>
          <p class="hint">{t('records.suggestions.contactHint')}</p>
          <Field
            name="name"
            label={t('records.fields.name')}
            value={v.name}
            error={err('name')}
            autocomplete="name"
            maxLength={120}
          />
          <ContactField kind="email" t={t} value={v.email} error={err('email')} />
          <ContactField kind="phone" t={t} value={v.phone} error={err('phone')} />
        </fieldset>
        <button type="submit">{t('records.suggestions.submit')}</button>
      </form>
    </Page>
  )
}

export function SuggestionSentPage({ chrome }: { chrome: Chrome }): VNode {
  const { t, link } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('records.suggestions.sentHeading')}</h1>
      <div class="measure" role="status">
        <p class="lead">{t('records.suggestions.sentBody')}</p>
        <p>{t('records.suggestions.sentAnswer')}</p>
        <p>{t('records.suggestions.publicBody')}</p>
      </div>
      <p>
        <a href={link('/suggestions')}>{t('records.suggestions.another')}</a>
      </p>
    </Page>
  )
}
