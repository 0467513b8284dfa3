import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import { countedSites } from '../../analytics/reports.js'
import { isoDate } from '../../clock.js'
import type { AppContext } from '../../context.js'
import { AppError, validation } from '../../errors.js'
import { requirePermission } from '../../staff/roles.js'
import { signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { queryOf } from '../forms.js'
import { staffI18n } from '../locale.js'
import { loadCharts } from '../charts.js'
import { sendPage } from '../render.js'
import { sectionCsv } from '../statistics-csv.js'
import { parseStatisticsQuery, typedQuery, type StatisticsQuery } from '../statistics-query.js'
import { StatisticsLandingPage } from '../views/staff/statistics.js'
import { WebsiteStatisticsPage } from '../views/staff/statistics-website.js'
import {
  CSV_ROWS,
  PAGE_ROWS,
  REPORT_SECTIONS,
  websiteReport,
  type ReportSection,
} from '../website-report.js'

/**
 * The statistics pages (`statistics.read`): a landing page linking the reports, and the website
 * report with its CSV sections. They read only the statistics store's daily counts, which name
 * no one, so reading them is not an access to a patron record and is not audited.
 */
export function staffStatisticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { t } = staffI18n(ctx.config.library.timezone)
  const threshold = ctx.config.statistics.smallCells
  const db = ctx.statistics.db

  const checkedQuery = async (request: FastifyRequest) => {
    requirePermission(signedInActor(request), 'statistics.read')
    const typed = typedQuery(queryOf(request))
    const sites = await countedSites(db)
    return {
      typed,
      sites,
      parse: () => parseStatisticsQuery(typed, isoDate(ctx.clock.now()), sites),
    }
  }

  app.get('/staff/statistics', async (request, reply) => {
    requirePermission(signedInActor(request), 'statistics.read')
    const chrome = staffChrome(ctx, request, reply, t('staffStatistics.titles.landing'))
    return sendPage(reply, <StatisticsLandingPage chrome={chrome} />)
  })

  app.get('/staff/statistics/website', async (request, reply) => {
    const { typed, sites, parse } = await checkedQuery(request)
    await loadCharts()
    const chrome = staffChrome(ctx, request, reply, t('staffStatistics.titles.website'))
    let query: StatisticsQuery
    try {
      query = parse()
    } catch (err) {
      return refused(reply, err, (problem) => (
        <WebsiteStatisticsPage chrome={chrome} typed={typed} sites={sites} problem={problem} />
      ))
    }
    const report = await websiteReport(db, query, threshold, PAGE_ROWS)
    // The form shows the range actually counted, defaults filled in.
    const shown = {
      from: query.from,
      to: query.to,
      grouping: query.grouping,
      site: query.site ?? '',
    }
    return sendPage(
      reply,
      <WebsiteStatisticsPage chrome={chrome} typed={shown} sites={sites} report={report} />,
    )
  })

  app.get('/staff/statistics/website.csv', async (request, reply) => {
    const { parse } = await checkedQuery(request)
    const section = REPORT_SECTIONS.find((s) => s === queryOf(request).text('section'))
    if (section === undefined)
      throw validation(
        'STATISTICS_SECTION_UNKNOWN',
        `Choose one section of the report: ${REPORT_SECTIONS.join(', ')}.`,
      )
    const query = parse()
    const report = await websiteReport(db, query, threshold, CSV_ROWS)
    const name = csvName(section, query)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(sectionCsv(report.sections[section], threshold, t))
  })
}

/** A file name from checked values only (dates, a known section), so no header can be forged. */
function csvName(section: ReportSection, q: StatisticsQuery): string {
  return `website-${section}-${q.from}-to-${q.to}-by-${q.grouping}.csv`
}

/** A query that cannot be counted: the page again, with the refusal, as a 400. */
function refused(
  reply: FastifyReply,
  err: unknown,
  page: (problem: { message: string; field: string }) => VNode,
): FastifyReply {
  if (!(err instanceof AppError) || err.kind !== 'validation') throw err
  const field = typeof err.details?.field === 'string' ? err.details.field : ''
  return sendPage(reply, page({ message: err.message, field }), 400)
}
