import type { VNode } from 'preact'
import { Page, type Chrome } from '../layout.js'
import { Field } from '../ui.js'

/**
 * The sign-up form. It sets no cookie (its token is stateless, like the sign-in form's) and says
 * plainly what the newsletter does not do: no tracking images, no tracked links.
 */
export function NewsletterSignUpPage(p: {
  chrome: Chrome
  token: string
  confirmDays: number
  email?: string | undefined
  problem?: string | undefined
}): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('newsletter.signUp.heading')}</h1>
      <p class="lead measure">{t('newsletter.signUp.intro')}</p>
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>
            <a href="#f-email">{p.problem}</a>
          </p>
        </div>
      )}
      <form method="post" action={link('/newsletter')} class="measure">
        <input type="hidden" name="_form" value={p.token} />
        <Field
          name="email"
          type="email"
          label={t('newsletter.signUp.email')}
          hint={t('newsletter.signUp.emailHint')}
          error={p.problem}
          value={p.email}
          autocomplete="email"
          inputMode="email"
          required
          maxLength={254}
        />
        <button type="submit">{t('newsletter.signUp.submit')}</button>
      </form>
      <section class="measure" aria-labelledby="newsletter-promises">
        <h2 id="newsletter-promises">{t('newsletter.signUp.promisesHeading')}</h2>
        <ul>
          <li>{t('newsletter.signUp.noTracking')}</li>
          <li>{t('newsletter.signUp.oneClick')}</li>
          <li>{t('newsletter.signUp.kept', { count: p.confirmDays })}</li>
        </ul>
      </section>
      <p class="small measure">
        <a href={link('/account/choices')}>{t('newsletter.signUp.cardHolders')}</a>
      </p>
    </Page>
  )
}

/** The answer to every well-formed sign-up, whatever the address's state: nothing to learn here. */
export function NewsletterCheckEmailPage(p: { chrome: Chrome; confirmDays: number }): VNode {
  const { t } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('newsletter.checkEmail.heading')}</h1>
      <div class="measure" role="status">
        <p class="lead">{t('newsletter.checkEmail.body')}</p>
        <p>{t('newsletter.checkEmail.expires', { count: p.confirmDays })}</p>
        <p>{t('newsletter.checkEmail.nothing')}</p>
      </div>
    </Page>
  )
}

export function NewsletterConfirmPage(p: {
  chrome: Chrome
  outcome: 'confirmed' | 'invalid'
}): VNode {
  const { t, link } = p.chrome.i18n
  if (p.outcome === 'confirmed')
    return (
      <Page chrome={p.chrome}>
        <h1>{t('newsletter.confirm.doneHeading')}</h1>
        <div class="measure" role="status">
          <p class="lead">{t('newsletter.confirm.doneBody')}</p>
          <p>{t('newsletter.confirm.leaveHint')}</p>
        </div>
      </Page>
    )
  return (
    <Page chrome={p.chrome}>
      <h1>{t('newsletter.confirm.invalidHeading')}</h1>
      <p class="lead measure">{t('newsletter.confirm.invalidBody')}</p>
      <p>
        <a href={link('/newsletter')}>{t('newsletter.confirm.signUpAgain')}</a>
      </p>
    </Page>
  )
}

/**
 * The page an unsubscribe link opens. Looking changes nothing (mail scanners follow links); the
 * button posts to the same address, which is also where a mail program's one-click post goes.
 */
export function NewsletterUnsubscribePage(p: { chrome: Chrome; action: string }): VNode {
  const { t } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('newsletter.unsubscribe.heading')}</h1>
      <p class="measure">{t('newsletter.unsubscribe.body')}</p>
      <form method="post" action={p.action} class="actions">
        <button type="submit" class="button danger">
          {t('newsletter.unsubscribe.button')}
        </button>
      </form>
    </Page>
  )
}

/** After leaving, or when the link names nobody any more: either way nothing more will arrive. */
export function NewsletterUnsubscribedPage(p: {
  chrome: Chrome
  outcome: 'erased' | 'invalid'
}): VNode {
  const { t, link } = p.chrome.i18n
  const erased = p.outcome === 'erased'
  return (
    <Page chrome={p.chrome}>
      <h1>
        {erased ? t('newsletter.unsubscribe.doneHeading') : t('newsletter.unsubscribe.goneHeading')}
      </h1>
      <p class="lead measure" role="status">
        {erased ? t('newsletter.unsubscribe.doneBody') : t('newsletter.unsubscribe.goneBody')}
      </p>
      <p>
        <a href={link('/newsletter')}>{t('newsletter.unsubscribe.rejoin')}</a>
      </p>
    </Page>
  )
}
