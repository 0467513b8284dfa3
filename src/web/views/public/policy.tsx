import type { VNode } from 'preact'
import type { Config } from '../../../config/config.js'
import type { NoticeSection } from '../../../policy/privacy-notice.js'
import type { DiffPart } from '../../../policy/policy-diff.js'
import type { PublishedVersion } from '../../../policy/policy-versions.js'
import { Page, type Chrome } from '../layout.js'
import { PolicyDiff, PolicyText, textFor } from './policy-text.js'
import { NoticeSections } from './privacy.js'

const versionHref = (n: number) => `/policy/versions/${n}`

/**
 * /policy: the version in force, then the part generated from the data inventory, so what the
 * library promises and what the software keeps are read together. Before any version is
 * published, only the generated part.
 */
export function PolicyPage(p: {
  chrome: Chrome
  current: PublishedVersion | undefined
  coming: PublishedVersion | undefined
  notice: NoticeSection[]
  config: Config
}): VNode {
  const { t, fmt, link, locale } = p.chrome.i18n
  const text = p.current === undefined ? undefined : textFor(p.current, locale)
  return (
    <Page chrome={p.chrome}>
      <h1>{t('policy.current.heading')}</h1>
      {p.current === undefined || text === undefined ? (
        <p class="lead measure" data-policy="none">
          {t('policy.current.none')}
        </p>
      ) : (
        <>
          <p class="measure" data-policy-version={p.current.number}>
            {t('policy.current.version', {
              number: p.current.number,
              adopted: fmt.date(p.current.adoptedOn),
              effective: fmt.date(p.current.effectiveOn),
              review: fmt.date(p.current.reviewOn),
            })}
          </p>
          {p.coming !== undefined && (
            <p class="notice" data-policy-coming={p.coming.number}>
              {t('policy.current.coming', {
                number: p.coming.number,
                date: fmt.date(p.coming.effectiveOn),
              })}{' '}
              <a href={link(versionHref(p.coming.number))}>
                {t('policy.current.comingLink', { number: p.coming.number })}
              </a>
            </p>
          )}
          <PolicyText body={text.body} lang={text.lang} fallback={text.fallback} />
        </>
      )}
      <ul class="measure">
        <li>
          <a href={link('/policy/versions')}>{t('policy.current.versionsLink')}</a>
        </li>
        <li>
          <a href={link('/privacy')}>{t('policy.current.noticeLink')}</a>
        </li>
      </ul>
      <h2>{t('policy.current.generatedHeading')}</h2>
      <p class="measure">{t('policy.current.generatedIntro')}</p>
      <NoticeSections notice={p.notice} config={p.config} />
    </Page>
  )
}

type Standing = 'current' | 'coming' | 'replaced'

/** Whether a version is in force, still to come, or replaced, on a given day. */
export function standingOf(
  version: PublishedVersion,
  current: PublishedVersion | undefined,
): Standing {
  if (current !== undefined && version.number === current.number) return 'current'
  if (current === undefined || version.number > current.number) return 'coming'
  return 'replaced'
}

/** /policy/versions: every published version, newest first, with what each one changed. */
export function PolicyVersionsPage(p: {
  chrome: Chrome
  versions: PublishedVersion[]
  current: PublishedVersion | undefined
}): VNode {
  const { t, fmt, link, locale } = p.chrome.i18n
  return (
    <Page chrome={p.chrome}>
      <h1>{t('policy.versions.heading')}</h1>
      <p class="lead measure">{t('policy.versions.intro')}</p>
      {p.versions.length === 0 ? (
        <p data-policy="none">{t('policy.versions.none')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('policy.versions.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('policy.versions.number')}</th>
              <th scope="col">{t('policy.versions.adopted')}</th>
              <th scope="col">{t('policy.versions.effective')}</th>
              <th scope="col">{t('policy.versions.status')}</th>
              <th scope="col">{t('policy.versions.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {p.versions.map((v) => {
              const standing = standingOf(v, p.current)
              const text = textFor(v, locale)
              return (
                <tr key={v.number} data-version={v.number} data-standing={standing}>
                  <th scope="row">
                    <a href={link(versionHref(v.number))}>
                      {t('policy.versions.link', { number: v.number })}
                    </a>
                  </th>
                  <td data-label={t('policy.versions.adopted')}>{fmt.date(v.adoptedOn)}</td>
                  <td data-label={t('policy.versions.effective')}>{fmt.date(v.effectiveOn)}</td>
                  <td data-label={t('policy.versions.status')}>
                    {t(`policy.versions.${standing}`)}
                  </td>
                  <td data-label={t('policy.versions.changes')}>
                    <span lang={v.changesEs !== null && locale === 'es' ? 'es' : 'en'}>
                      {text.changes}
                    </span>
                    {v.material && <p class="small">{t('policy.versions.material')}</p>}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <p>
        <a href={link('/policy')}>{t('policy.version.currentLink')}</a>
      </p>
    </Page>
  )
}

/** One version: its dates, what changed (summary and word-by-word), then its whole text. */
export function PolicyVersionPage(p: {
  chrome: Chrome
  version: PublishedVersion
  previous: PublishedVersion | undefined
  current: PublishedVersion | undefined
  diff: DiffPart[] | undefined
}): VNode {
  const { t, fmt, link, locale } = p.chrome.i18n
  const v = p.version
  const text = textFor(v, locale)
  const standing = standingOf(v, p.current)
  // The comparison is of the same language's texts: Spanish only when both versions have one.
  return (
    <Page chrome={p.chrome}>
      <h1>{t('policy.version.heading', { number: v.number })}</h1>
      <p class="measure">
        {t('policy.version.dates', {
          adopted: fmt.date(v.adoptedOn),
          effective: fmt.date(v.effectiveOn),
          published: fmt.date(v.publishedOn),
          review: fmt.date(v.reviewOn),
        })}
      </p>
      <p class="measure" data-standing={standing}>
        {standing === 'coming'
          ? t('policy.version.coming', { date: fmt.date(v.effectiveOn) })
          : t(`policy.version.${standing}`)}
      </p>
      <nav aria-label={t('policy.version.allVersions')}>
        <ul>
          <li>
            <a href={link('/policy/versions')}>{t('policy.version.allVersions')}</a>
          </li>
          <li>
            <a href={link('/policy')}>{t('policy.version.currentLink')}</a>
          </li>
        </ul>
      </nav>

      <h2>{t('policy.version.changesHeading')}</h2>
      <p class="measure" lang={v.changesEs !== null && locale === 'es' ? 'es' : 'en'}>
        {text.changes}
      </p>
      {v.material && <p class="measure">{t('policy.version.material')}</p>}

      {p.previous === undefined || p.diff === undefined ? (
        <p class="measure" data-diff="first">
          {t('policy.version.first')}
        </p>
      ) : (
        <section aria-labelledby="policy-diff">
          <h2 id="policy-diff">{t('policy.version.diffHeading', { number: p.previous.number })}</h2>
          <p class="measure">{t('policy.version.diffIntro', { number: p.previous.number })}</p>
          {p.diff.some((d) => d.kind !== 'same') ? (
            <PolicyDiff parts={p.diff} lang={diffLang(p.version, p.previous, locale)} />
          ) : (
            <p data-diff="none">{t('policy.version.noChanges', { number: p.previous.number })}</p>
          )}
        </section>
      )}

      <section aria-labelledby="policy-text">
        <h2 id="policy-text">{t('policy.version.textHeading', { number: v.number })}</h2>
        <PolicyText body={text.body} lang={text.lang} fallback={text.fallback} />
      </section>
    </Page>
  )
}

/** The language of the texts compared: Spanish only when both versions have a Spanish text. */
export function diffLang(
  version: PublishedVersion,
  previous: PublishedVersion,
  locale: string,
): 'en' | 'es' {
  return locale === 'es' && version.bodyEs !== null && previous.bodyEs !== null ? 'es' : 'en'
}

/** The two texts to compare, in the language `diffLang` chose. */
export function diffSources(
  version: PublishedVersion,
  previous: PublishedVersion,
  locale: string,
): [string, string] {
  return diffLang(version, previous, locale) === 'es'
    ? [previous.bodyEs ?? '', version.bodyEs ?? '']
    : [previous.body, version.body]
}
