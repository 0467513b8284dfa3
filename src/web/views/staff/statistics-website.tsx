import type { VNode } from 'preact'
import { statisticsHref, type StatisticsQuery, type TypedQuery } from '../../statistics-query.js'
import type { ReportSection, WebsiteReport } from '../../website-report.js'
import { Page, type Chrome } from '../layout.js'
import { Empty, Field, SelectField } from '../ui.js'
import { Chart, countText, SectionTable } from './statistics-section.js'

const CSV_PATH = '/staff/statistics/website.csv'

/** The GET form choosing the days, grouping and site: it works without script. */
function QueryForm(p: {
  typed: TypedQuery
  sites: readonly string[]
  problem?: { message: string; field: string } | undefined
  chrome: Chrome
}): VNode {
  const { t } = p.chrome.i18n
  const error = (field: string) => (p.problem?.field === field ? p.problem.message : undefined)
  return (
    <form method="get" action="/staff/statistics/website" class="no-print">
      <fieldset>
        <legend>{t('staffStatistics.form.legend')}</legend>
        <div class="grid-2">
          <Field
            name="from"
            label={t('staffStatistics.form.from')}
            hint={t('staffStatistics.form.dayHint')}
            value={p.typed.from}
            error={error('from')}
            maxLength={10}
          />
          <Field
            name="to"
            label={t('staffStatistics.form.to')}
            hint={t('staffStatistics.form.dayHint')}
            value={p.typed.to}
            error={error('to')}
            maxLength={10}
          />
          <SelectField
            name="grouping"
            label={t('staffStatistics.form.grouping')}
            value={p.typed.grouping}
            error={error('grouping')}
            options={(['day', 'week', 'month'] as const).map((g) => ({
              value: g,
              label: t(`staffStatistics.form.${g}`),
            }))}
          />
          <SelectField
            name="site"
            label={t('staffStatistics.form.site')}
            value={p.typed.site}
            error={error('site')}
            options={[
              { value: '', label: t('staffStatistics.form.allSites') },
              ...p.sites.map((s) => ({ value: s, label: s })),
            ]}
          />
        </div>
        <button type="submit" class="button">
          {t('staffStatistics.form.show')}
        </button>
      </fieldset>
    </form>
  )
}

const CHARTS: Partial<Record<ReportSection, 'line' | 'bar'>> = {
  overTime: 'line',
  pages: 'bar',
  referrers: 'bar',
  entries: 'bar',
  exits: 'bar',
}

function Section(p: { id: ReportSection; report: WebsiteReport; chrome: Chrome }): VNode {
  const { t } = p.chrome.i18n
  const { query, threshold } = p.report
  const section = p.report.sections[p.id]
  const title = t(`staffStatistics.sections.${p.id}`)
  const kind = CHARTS[p.id]
  const chartLabel =
    p.id === 'overTime'
      ? t('staffStatistics.sections.overTimeChart', {
          grouping: t(`staffStatistics.per.${query.grouping}`),
          from: query.from,
          to: query.to,
        })
      : p.id === 'flows'
        ? title
        : t(`staffStatistics.sections.${p.id}Chart`)
  // The pages chart draws visits only; views are in the table.
  const charted =
    p.id === 'pages' ? { ...section, countColumns: section.countColumns.slice(0, 1) } : section
  return (
    <section aria-labelledby={`s-${p.id}`}>
      <h2 id={`s-${p.id}`}>{title}</h2>
      {p.id === 'flows' && <p class="measure hint">{t('staffStatistics.sections.flowsNote')}</p>}
      {section.rows.length === 0 ? (
        <Empty>{t('staffStatistics.website.none')}</Empty>
      ) : (
        <>
          {kind !== undefined && <Chart kind={kind} label={chartLabel} section={charted} t={t} />}
          <SectionTable section={section} caption={title} threshold={threshold} t={t} />
        </>
      )}
      <p class="no-print">
        <a href={statisticsHref(CSV_PATH, query, { section: p.id })} download>
          {t('staffStatistics.website.csv')}
          <span class="visually-hidden">{`: ${title}`}</span>
        </a>
      </p>
    </section>
  )
}

/** The website report: the form, then each section as chart and table; or the form and a refusal. */
export function WebsiteStatisticsPage(p: {
  chrome: Chrome
  typed: TypedQuery
  sites: readonly string[]
  report?: WebsiteReport
  problem?: { message: string; field: string }
}): VNode {
  const { t } = p.chrome.i18n
  const report = p.report
  const overall = report?.sections.overTime.totals ?? []
  const count = (v: number | null | undefined) => countText(v ?? null, t)
  const hidden = report !== undefined && Object.values(report.sections).some((s) => s.hidden > 0)
  return (
    <Page chrome={p.chrome}>
      <p class="no-print">
        <a href="/staff/statistics">{t('staffStatistics.titles.landing')}</a>
      </p>
      <h1>{t('staffStatistics.titles.website')}</h1>
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{`${t('staffStatistics.form.refused')} ${p.problem.message}`}</p>
        </div>
      )}
      <QueryForm typed={p.typed} sites={p.sites} problem={p.problem} chrome={p.chrome} />
      {report !== undefined && (
        <ReportBody
          report={report}
          chrome={p.chrome}
          hidden={hidden}
          count={count}
          overall={overall}
        />
      )}
    </Page>
  )
}

function ReportBody(p: {
  report: WebsiteReport
  chrome: Chrome
  hidden: boolean
  count: (v: number | null | undefined) => string
  overall: (number | null)[]
}): VNode {
  const { t } = p.chrome.i18n
  const q: StatisticsQuery = p.report.query
  return (
    <>
      <p class="measure">{t('staffStatistics.website.intro', { from: q.from, to: q.to })}</p>
      <p class="measure">
        <strong>
          {t('staffStatistics.website.totals', {
            views: p.count(p.overall[0]),
            visits: p.count(p.overall[1]),
            visitors: p.count(p.overall[2]),
          })}
        </strong>
      </p>
      <p class="measure hint">{t('staffStatistics.website.visitorsNote')}</p>
      {p.hidden && (
        <p class="measure" id="hidden-note">
          {t('staffStatistics.website.hiddenNote', {
            max: p.report.threshold - 1,
            n: p.report.threshold,
          })}
        </p>
      )}
      {(['overTime', 'pages', 'referrers', 'entries', 'exits', 'flows'] as const).map((id) => (
        <Section key={id} id={id} report={p.report} chrome={p.chrome} />
      ))}
    </>
  )
}
