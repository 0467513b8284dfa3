import type { VNode } from 'preact'
import { isLocale, LOCALE_NAMES } from '../../../i18n/catalog.js'
import type { HeldSection } from '../../../patrons/self-service.js'
import type { I18n } from '../../locale.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty } from '../ui.js'

/** The signed-in patron's subscription, as `accountSubscription` gives it; null when none. */
export type AccountNewsletter = { status: 'pending' | 'active'; since: string } | null

/**
 * The newsletter on the account's messages page: its state, and the one step that makes sense
 * from it. Stopping erases the subscription, so it asks first on a page of its own.
 */
export function NewsletterSection(p: {
  chrome: Chrome
  csrf: string
  subscription: AccountNewsletter
}): VNode {
  const { t, fmt, link } = p.chrome.i18n
  const s = p.subscription
  const subscribeForm = (label: string) => (
    <form method="post" action={link('/account/newsletter')} class="inline">
      <Csrf token={p.csrf} />
      <button type="submit" class={s === null ? undefined : 'button secondary'}>
        {label}
      </button>
    </form>
  )
  return (
    <section aria-labelledby="newsletter" class="measure">
      <h2 id="newsletter">{t('newsletter.account.heading')}</h2>
      <p>{t('newsletter.account.intro')}</p>
      <p class="newsletter-state" role="status">
        <strong>
          {s === null
            ? t('newsletter.account.none')
            : s.status === 'pending'
              ? t('newsletter.account.pending', { date: fmt.date(s.since) })
              : t('newsletter.account.active', { date: fmt.date(s.since) })}
        </strong>
      </p>
      <div class="actions">
        {s === null && subscribeForm(t('newsletter.account.subscribe'))}
        {s?.status === 'pending' && subscribeForm(t('newsletter.account.resend'))}
        {s !== null && (
          <a class="button danger" href={link('/account/newsletter/stop')}>
            {s.status === 'pending'
              ? t('newsletter.account.cancel')
              : t('newsletter.account.unsubscribe')}
          </a>
        )}
      </div>
    </section>
  )
}

/** The step before erasing the subscription. */
export function StopNewsletterPage(p: { chrome: Chrome; csrf: string }): VNode {
  const { t, link } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('newsletter.account.confirm.heading')}</h1>
      <p class="measure">{t('newsletter.account.confirm.body')}</p>
      <div class="actions">
        <form method="post" action={link('/account/newsletter/stop')} class="inline">
          <Csrf token={p.csrf} />
          <button type="submit" class="button danger">
            {t('newsletter.account.confirm.yes')}
          </button>
        </form>
        <a class="button secondary" href={link('/account/choices')}>
          {t('newsletter.account.confirm.no')}
        </a>
      </div>
    </Page>
  )
}

/** The title `myData()` gives the subscription's section (its English, as in the downloads). */
export const NEWSLETTER_SECTION = 'Newsletter subscription'

/** My data's section on the newsletter subscription, in the page's language. */
export function NewsletterHeld(p: { section: HeldSection; index: number; i18n: I18n }): VNode {
  const { t, fmt } = p.i18n
  const text = (v: unknown): string => (typeof v === 'string' ? v : '')
  const rows = (r: Record<string, unknown>): [string, string][] => {
    const status = text(r.status)
    const language = text(r.language)
    return [
      [
        t('newsletter.myData.fields.status'),
        status === 'active' || status === 'pending' ? t(`newsletter.myData.status.${status}`) : '—',
      ],
      [t('newsletter.myData.fields.language'), isLocale(language) ? LOCALE_NAMES[language] : '—'],
      [t('newsletter.myData.fields.requestedOn'), fmt.date(text(r.requested_on))],
      [t('newsletter.myData.fields.confirmedOn'), fmt.date(text(r.confirmed_on))],
    ]
  }
  return (
    <section aria-labelledby={`held-${p.index}`} class="card">
      <h2 id={`held-${p.index}`}>{t('newsletter.myData.title')}</h2>
      <dl class="kept">
        <div>
          <dt>{t('account.myData.why')}</dt>
          <dd>{t('newsletter.myData.why')}</dd>
        </div>
        <div>
          <dt>{t('account.myData.howLong')}</dt>
          <dd>{t('newsletter.myData.kept')}</dd>
        </div>
      </dl>
      {p.section.records.length === 0 ? (
        <Empty>{t('account.myData.nothing')}</Empty>
      ) : (
        p.section.records.map((record, i) => (
          <table key={i} class="record">
            <caption>
              {p.section.records.length > 1
                ? t('account.myData.recordNumber', { number: i + 1 })
                : t('account.myData.whatWeHold')}
            </caption>
            <tbody>
              {rows(record).map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
    </section>
  )
}
