import type { VNode } from 'preact'
import { Page, type Chrome } from '../layout.js'

/** The statistics reports staff may open, each with what it counts. */
export const STATISTICS_REPORTS = [
  { href: '/staff/statistics/website', name: 'website', about: 'websiteAbout' },
  { href: '/staff/statistics/library', name: 'library', about: 'libraryAbout' },
  { href: '/staff/statistics/annual', name: 'annual', about: 'annualAbout' },
] as const

/** The statistics landing page: one link per report. */
export function StatisticsLandingPage({ chrome }: { chrome: Chrome }): VNode {
  const { t } = chrome.i18n
  return (
    <Page chrome={chrome}>
      <h1>{t('staffStatistics.titles.landing')}</h1>
      <p class="measure">{t('staffStatistics.landing.intro')}</p>
      <ul class="report-list">
        {STATISTICS_REPORTS.map((r) => (
          <li key={r.href}>
            <a href={r.href}>{t(`staffStatistics.landing.${r.name}`)}</a>
            <p class="hint">{t(`staffStatistics.landing.${r.about}`)}</p>
          </li>
        ))}
      </ul>
    </Page>
  )
}
