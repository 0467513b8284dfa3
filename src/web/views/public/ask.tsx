import type { VNode } from 'preact'
import { NAME_MAX, QUESTION_MAX } from '../../../comms/inquiry-submit.js'
import { Page, type Chrome } from '../layout.js'
import { Field } from '../ui.js'
import { RadioGroup, TextArea } from '../form-fields.js'
import { PublicFormGuard } from './form-guard.js'

export interface AskValues {
  question?: string | undefined
  name?: string | undefined
  email?: string | undefined
  replyBy?: string | undefined
}

/**
 * Ask a librarian, on the public site. Like every public page it sets no cookie (its token is
 * stateless) and loads no script; it says who can read the question and how long it is kept.
 */
export function AskPage(p: {
  chrome: Chrome
  token: string
  keepDays: number
  values?: AskValues
  /** A problem with the whole form (expired, throttled, the day's cap). */
  problem?: string | undefined
  /** The refusal's stable code, for programs reading the page. */
  code?: string | undefined
  errors?: Partial<Record<'question' | 'email' | 'name', string>>
}): VNode {
  const { t, link } = p.chrome.i18n
  const v = p.values ?? {}
  const errors = p.errors ?? {}
  const listed = Object.entries(errors)
  return (
    <Page chrome={p.chrome}>
      <h1>{t('inquiries.ask.heading')}</h1>
      <p class="lead measure">{t('inquiries.ask.intro')}</p>
      {(p.problem !== undefined || listed.length > 0) && (
        <div class="flash flash-error" role="alert" data-code={p.code}>
          <p>{p.problem ?? t('inquiries.problems.summary')}</p>
          {listed.length > 0 && (
            <ul>
              {listed.map(([field, text]) => (
                <li key={field}>
                  <a href={`#f-${field}`}>{text}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form method="post" action={link('/ask')} class="measure">
        <PublicFormGuard token={p.token} label={t('common.forms.honeypot')} />
        <TextArea
          name="question"
          label={t('inquiries.ask.question')}
          hint={t('inquiries.ask.questionHint', { count: QUESTION_MAX })}
          error={errors.question}
          value={v.question}
          required
          maxLength={QUESTION_MAX}
        />
        <Field
          name="name"
          label={t('inquiries.ask.name')}
          hint={t('inquiries.ask.nameHint')}
          error={errors.name}
          value={v.name}
          autocomplete="name"
          maxLength={NAME_MAX}
        />
        <RadioGroup
          name="replyBy"
          legend={t('inquiries.ask.replyBy')}
          value={v.replyBy === 'desk' ? 'desk' : 'email'}
          options={[
            { value: 'email', label: t('inquiries.ask.replyEmail') },
            { value: 'desk', label: t('inquiries.ask.replyDesk') },
          ]}
        />
        <Field
          name="email"
          type="email"
          label={t('inquiries.ask.email')}
          hint={t('inquiries.ask.emailHint')}
          error={errors.email}
          value={v.email}
          autocomplete="email"
          inputMode="email"
          maxLength={254}
        />
        <button type="submit">{t('inquiries.ask.submit')}</button>
      </form>
      <section class="measure" aria-labelledby="ask-privacy">
        <h2 id="ask-privacy">{t('inquiries.ask.privacyHeading')}</h2>
        <p>{t('inquiries.ask.private')}</p>
        <p>{t('inquiries.ask.kept', { count: p.keepDays })}</p>
      </section>
      <p class="small measure">
        <a href={link('/account/ask')}>{t('inquiries.ask.cardHolders')}</a>
      </p>
    </Page>
  )
}

/** The thank-you page after a question is sent (post, redirect, get): what happens next. */
export function AskSentPage(p: { chrome: Chrome; by: 'email' | 'desk'; keepDays: number }): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('inquiries.sent.heading')}</h1>
      <div class="measure" role="status">
        <p class="lead">
          {p.by === 'email' ? t('inquiries.sent.email') : t('inquiries.sent.desk')}
        </p>
        <p>{t('inquiries.sent.kept', { count: p.keepDays })}</p>
      </div>
      <p>
        <a href={link('/ask')}>{t('inquiries.sent.again')}</a>
      </p>
    </Page>
  )
}
