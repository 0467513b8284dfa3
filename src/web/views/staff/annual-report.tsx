import type { VNode } from 'preact'
import type { T } from '../../../i18n/i18n.js'
import type { AnnualReport } from '../../../reports/annual-report.js'
import { Page, type Chrome } from '../layout.js'
import { SelectField, type Option } from '../ui.js'

export interface AnnualPageProps {
  chrome: Chrome
  t: T
  /** The fiscal years offered in the picker, newest first. */
  years: number[]
  /** The year shown (or asked for), as text. */
  year: string
  /** The month the fiscal year starts in, in words. */
  startMonth: string
  /** The query string that gives the same period to the CSV export. */
  csvQuery: string
  report?: AnnualReport
  /** Why the period asked for cannot be reported. */
  error?: string
  date: (day: string) => string
}

/**
 * The annual report: a year picker that works without script (a GET form), the survey fields
 * with their values and how each was counted, and a print layout (the stylesheet's print rules
 * leave out the header, navigation and forms).
 */
export function AnnualReportPage(p: AnnualPageProps): VNode {
  const { t } = p
  const number = new Intl.NumberFormat('en-US')
  const period = p.report?.period
  const options: Option[] = p.years.map((y) => ({ value: String(y), label: String(y) }))
  return (
    <Page chrome={p.chrome}>
      <p class="no-print">
        <a href="/staff/statistics">{t('staffAnnual.back')}</a>
      </p>
      <h1>{p.chrome.title}</h1>
      {period !== undefined && (
        <p>{t('staffAnnual.period', { from: p.date(period.from), to: p.date(period.to) })}</p>
      )}
      <p class="measure no-print">{t('staffAnnual.intro')}</p>
      <form method="get" action="/staff/statistics/annual" class="measure">
        <SelectField
          name="year"
          label={t('staffAnnual.fiscalYear')}
          hint={t('staffAnnual.fiscalYearHint', { month: p.startMonth })}
          options={options}
          value={p.year}
          error={p.error}
        />
        <button type="submit" class="button secondary">
          {t('staffAnnual.show')}
        </button>
      </form>
      {p.report !== undefined && period !== undefined && (
        <>
          <p class="no-print">
            <a class="button secondary" href={`/staff/statistics/annual.csv?${p.csvQuery}`}>
              {t('staffAnnual.csv')}
            </a>{' '}
            <button type="button" class="button secondary" data-print hidden>
              {t('staffAnnual.print')}
            </button>
          </p>
          <table class="annual-report">
            <caption>
              {t('staffAnnual.caption', { from: p.date(period.from), to: p.date(period.to) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staffAnnual.columns.field')}</th>
                <th scope="col">{t('staffAnnual.columns.label')}</th>
                <th scope="col" class="num">
                  {t('staffAnnual.columns.value')}
                </th>
                <th scope="col">{t('staffAnnual.columns.method')}</th>
              </tr>
            </thead>
            <tbody>
              {p.report.rows.map((r) => (
                <tr key={r.field} id={`field-${r.field}`}>
                  <th scope="row">{r.field}</th>
                  <td data-label={t('staffAnnual.columns.label')}>{r.label}</td>
                  <td data-label={t('staffAnnual.columns.value')} class="num">
                    {r.value === null ? t('staffAnnual.notCounted') : number.format(r.value)}
                  </td>
                  <td data-label={t('staffAnnual.columns.method')}>
                    {r.method}
                    {r.source !== 'none' && <span class="small"> ({r.sourceLabel})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="measure small">{t('staffAnnual.footnote')}</p>
        </>
      )}
    </Page>
  )
}
