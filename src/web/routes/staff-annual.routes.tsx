import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { localDate } from '../../library/calendar.js'
import { annualCsv } from '../../reports/annual-csv.js'
import {
  fiscalYearOf,
  FIRST_YEAR,
  resolvePeriod,
  type ReportPeriod,
} from '../../reports/annual-period.js'
import { annualReport, type AnnualReport } from '../../reports/annual-report.js'
import { requirePermission } from '../../staff/roles.js'
import { signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { formats } from '../format.js'
import { queryOf } from '../forms.js'
import { staffI18n } from '../locale.js'
import { sendPage } from '../render.js'
import { AnnualReportPage } from '../views/staff/annual-report.js'

const PAGE = '/staff/statistics/annual'
/** Fiscal years offered in the picker: the one under way and the nine before it. */
const YEARS_OFFERED = 10

/**
 * The annual report (`statistics.read`): the IPLAR / IMLS Public Libraries Survey fields for a
 * fiscal year (`?year=`) or two days (`?from=&to=`), as a page that prints cleanly and as CSV.
 * The numbers are whole-library totals of anonymous counts, so reading them is not audited.
 */
export function staffAnnualRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { t } = staffI18n(ctx.config.library.timezone)
  const fmt = formats(ctx.config.library.timezone)
  const startMonth = ctx.config.statistics.fiscalYearStartMonth
  const monthName = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' }).format(
    Date.UTC(2000, startMonth - 1, 1),
  )

  const today = () => localDate(ctx.clock.now(), ctx.config.library.timezone)
  const periodOf = (request: FastifyRequest): ReportPeriod => {
    const q = queryOf(request)
    return resolvePeriod(
      { year: q.text('year'), from: q.text('from'), to: q.text('to') },
      startMonth,
      today(),
    )
  }
  const queryFor = (p: ReportPeriod) =>
    p.fiscalYear === null
      ? new URLSearchParams({ from: p.from, to: p.to }).toString()
      : new URLSearchParams({ year: String(p.fiscalYear) }).toString()
  const yearsOffered = () => {
    const current = fiscalYearOf(today(), startMonth)
    return Array.from({ length: YEARS_OFFERED }, (_, i) => current - i).filter(
      (y) => y >= FIRST_YEAR,
    )
  }

  app.get(PAGE, async (request, reply) => {
    const actor = signedInActor(request)
    requirePermission(actor, 'statistics.read')
    // The parts of the page that differ between a refused query and a report.
    const page = (
      title: string,
      shown: { year: string; csvQuery: string; error?: string; report?: AnnualReport },
      status?: number,
    ) =>
      sendPage(
        reply,
        <AnnualReportPage
          chrome={staffChrome(ctx, request, reply, title)}
          t={t}
          years={yearsOffered()}
          startMonth={monthName}
          date={(day) => fmt.date(day)}
          {...shown}
        />,
        status,
      )
    let period: ReportPeriod
    try {
      period = periodOf(request)
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'validation') throw err
      const year = queryOf(request).text('year') ?? ''
      return page(t('staffAnnual.title'), { year, csvQuery: '', error: err.message }, 400)
    }
    const report = await annualReport(ctx, period, t)
    const title =
      period.fiscalYear === null
        ? t('staffAnnual.titlePeriod', { from: fmt.date(period.from), to: fmt.date(period.to) })
        : t('staffAnnual.titleYear', { year: period.fiscalYear })
    const year = period.fiscalYear === null ? '' : String(period.fiscalYear)
    return page(title, { year, csvQuery: queryFor(period), report })
  })

  app.get(`${PAGE}.csv`, async (request, reply) => {
    const actor = signedInActor(request)
    requirePermission(actor, 'statistics.read')
    const period = periodOf(request)
    const report = await annualReport(ctx, period, t)
    const name =
      period.fiscalYear === null
        ? `annual-report-${period.from}-to-${period.to}.csv`
        : `annual-report-fy${period.fiscalYear}.csv`
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(annualCsv(report))
  })
}
