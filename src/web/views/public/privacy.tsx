import type { VNode } from 'preact'
import type { Config } from '../../../config/config.js'
import {
  carrelVersion,
  categoryText,
  howLongText,
  purposeText,
  summaryFigures,
  type NoticeSection,
} from '../../../policy/privacy-notice.js'
import { useI18n, type I18n } from '../../locale.js'
import { Page, type Chrome } from '../layout.js'
import { BrowsingSection } from './privacy-browsing.js'

export interface PrivacyPageProps {
  chrome: Chrome
  notice: NoticeSection[]
  config: Config
  /** The Carrel version the notice describes: the one running, unless a test says otherwise. */
  version?: string
  /** When this copy of the notice was made (ISO 8601). */
  madeAt: string
}

/**
 * The privacy notice: a short plain summary first, then the detail generated from the data
 * inventory and the retention schedule (P2). Every sentence says only what Carrel does now.
 */
export function PrivacyPage(props: PrivacyPageProps): VNode {
  return (
    <Page chrome={props.chrome}>
      <PrivacyContent {...props} />
    </Page>
  )
}

function PrivacyContent({
  chrome,
  notice,
  config,
  version = carrelVersion(),
  madeAt,
}: PrivacyPageProps): VNode {
  const { t, fmt, link } = useI18n()
  const figures = summaryFigures(t, config)
  return (
    <>
      <h1>{t('notice.heading')}</h1>
      <p class="lead measure">{t('notice.lead')}</p>

      <section aria-labelledby="notice-summary" class="notice-summary measure">
        <h2 id="notice-summary">{t('notice.summary.heading')}</h2>

        <h3>{t('notice.summary.keep.heading')}</h3>
        <ul>
          <li>{t('notice.summary.keep.registration')}</li>
          <li>{t('notice.summary.keep.borrowing')}</li>
        </ul>
        <p>{t('notice.summary.keep.notKept')}</p>
        <p>{t('notice.summary.keep.counts')}</p>

        <h3>{t('notice.summary.why.heading')}</h3>
        <p>{t('notice.summary.why.text')}</p>

        <h3>{t('notice.summary.howLong.heading')}</h3>
        <ul>
          <li data-summary="registration">
            {t('notice.summary.howLong.registration', {
              validity: figures.cardValidity,
              after: figures.registrationAfter,
            })}
          </li>
          <li>{t('notice.summary.howLong.borrowing')}</li>
          <li data-summary="access-log">
            {t('notice.summary.howLong.accessLog', { period: figures.accessLog })}
          </li>
        </ul>
        {figures.awaitingApproval && (
          <p data-summary="awaiting-approval">{t('notice.summary.howLong.awaitingApproval')}</p>
        )}
        <p>{t('notice.summary.howLong.legalHold')}</p>

        <h3>{t('notice.summary.who.heading')}</h3>
        <p>{t('notice.summary.who.staff')}</p>
        <p>{t('notice.summary.who.law')}</p>
        <p>
          <a href={link('/transparency')}>{t('notice.summary.who.transparency')}</a>
        </p>

        <h3>{t('notice.summary.rights.heading')}</h3>
        <ul>
          <li>
            <a href={link('/account/my-data')}>{t('notice.summary.rights.myData')}</a>
          </li>
          {config.web.showAccessLog && (
            <li>
              <a href={link('/account/accesses')}>{t('notice.summary.rights.accesses')}</a>
            </li>
          )}
          <li>
            <a href={link('/account/history')}>{t('notice.summary.rights.history')}</a>
          </li>
          <li>{t('notice.summary.rights.correct')}</li>
          <li>{t('notice.summary.rights.erase')}</li>
        </ul>

        <h3>{t('notice.summary.contact.heading')}</h3>
        <PrivacyContact i18n={chrome.i18n} library={chrome.library} config={config} />
      </section>

      <h2>{t('notice.about.heading')}</h2>
      <p class="measure" data-notice-version={version}>
        {t('notice.about.text', { version, library: chrome.library })}{' '}
        {t('notice.about.made', { date: fmt.date(madeAt) })}
      </p>

      <h2>{t('notice.detail.heading')}</h2>
      <p class="measure">{t('notice.detail.intro')}</p>
      <NoticeSections notice={notice} config={config} />

      <h2>{t('notice.computers.heading')}</h2>
      <p class="measure">{t('notice.computers.sessions')}</p>
      <p class="measure">{t('notice.computerQueue.queue')}</p>
      <p class="measure">{t('notice.computerQueue.guestPasses')}</p>

      <BrowsingSection t={t} config={config} />

      <h2>{t('notice.elsewhere.heading')}</h2>
      <p class="measure">
        {t('notice.elsewhere.before')} <a href={link('/databases')}>{t('notice.elsewhere.link')}</a>
        {t('notice.elsewhere.after')}
      </p>

      <h2>{t('notice.wifi.heading')}</h2>
      <p class="measure">
        {t('notice.wifi.before')} <a href={link('/wifi')}>{t('notice.wifi.link')}</a>
        {t('notice.wifi.after')}
      </p>
    </>
  )
}

/**
 * The generated part of the notice: one table per part, each kind of record with why it is kept,
 * how long and whether it is encrypted. Also embedded in the published policy (/policy).
 */
export function NoticeSections({
  notice,
  config,
}: {
  notice: NoticeSection[]
  config: Config
}): VNode {
  const { t } = useI18n()
  return (
    <>
      {notice.map((section) => (
        <section key={section.id} aria-labelledby={`notice-${section.id}`} class="notice-section">
          <h3 id={`notice-${section.id}`}>{t(`notice.detail.sections.${section.id}`)}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('notice.detail.what')}</th>
                <th scope="col">{t('notice.detail.why')}</th>
                <th scope="col">{t('notice.detail.howLong')}</th>
                <th scope="col">{t('notice.detail.encrypted')}</th>
              </tr>
            </thead>
            <tbody>
              {section.items.map((item) => {
                const whys = [...new Set(item.columns.map((c) => purposeText(t, c)))]
                return (
                  <tr key={item.what} data-kept={item.what}>
                    <th scope="row">{categoryText(t, item.what)}</th>
                    <td data-label={t('notice.detail.why')}>
                      <ul>
                        {whys.map((w) => (
                          <li key={w}>{w}</li>
                        ))}
                      </ul>
                    </td>
                    <td data-label={t('notice.detail.howLong')}>
                      {item.rules.map((r) => howLongText(t, config, r)).join(' ')}
                    </td>
                    <td data-label={t('notice.detail.encrypted')}>
                      {item.encrypted ? t('notice.detail.yes') : t('notice.detail.no')}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </section>
      ))}
    </>
  )
}

/** Whom to ask: the contact the library configured, or any desk. */
function PrivacyContact({
  i18n: { t },
  library,
  config,
}: {
  i18n: I18n
  library: string
  config: Config
}): VNode {
  const contact = config.library.privacyContact
  if (contact === undefined)
    return <p data-summary="contact">{t('notice.summary.contact.text', { library })}</p>
  return (
    <div data-summary="contact">
      <p>{t('notice.summary.contact.named', { name: contact.name })}</p>
      <ul>
        {contact.email !== undefined && (
          <li>
            {t('notice.summary.contact.email')}{' '}
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </li>
        )}
        {contact.phone !== undefined && (
          <li>
            {t('notice.summary.contact.phone')}{' '}
            <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>{contact.phone}</a>
          </li>
        )}
        <li>{t('notice.summary.contact.desk', { library })}</li>
      </ul>
    </div>
  )
}
