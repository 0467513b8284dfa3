import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../../context.js'
import { validation } from '../../errors.js'
import { localDate } from '../../library/calendar.js'
import {
  checkReportQuery,
  librarySection,
  libraryReport,
  SECTIONS,
  type ReportQuery,
} from '../../reports/library-report.js'
import { addDays } from '../../reports/periods.js'
import { requirePermission } from '../../staff/roles.js'
import { signedInActor } from '../actions.js'
import { staffChrome } from '../chrome.js'
import { queryOf } from '../forms.js'
import { loadCharts } from '../charts.js'
import { librarySectionCsv } from '../library-statistics-csv.js'
import { sendPage } from '../render.js'
import {
  LIBRARY_STATISTICS_PATH,
  LibraryStatisticsPage,
} from '../views/staff/library-statistics.js'

/**
 * Library statistics (`statistics.read`): the anonymous counts over a range of days, every table
 * small-cell suppressed, as a page that needs no script and as CSV per section.
 */
export function staffLibraryStatisticsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const threshold = ctx.config.statistics.smallCells

  /** The form's values; with none given, the last 30 days day by day. */
  const queryFrom = (request: Parameters<typeof queryOf>[0]): ReportQuery => {
    const form = queryOf(request)
    const raw = {
      from: form.text('from'),
      to: form.text('to'),
      grouping: form.text('grouping'),
      breakdown: form.text('breakdown'),
    }
    if (Object.values(raw).every((v) => v === undefined)) {
      const today = localDate(ctx.clock.now(), ctx.config.library.timezone)
      return checkReportQuery({ from: addDays(today, -29), to: today, grouping: 'day' })
    }
    return checkReportQuery(raw)
  }

  app.get(LIBRARY_STATISTICS_PATH, async (request, reply) => {
    requirePermission(signedInActor(request), 'statistics.read')
    const q = queryFrom(request)
    const sections = await libraryReport(ctx.db, q, threshold)
    await loadCharts()
    const chrome = staffChrome(ctx, request, reply, 'Library statistics')
    return sendPage(
      reply,
      <LibraryStatisticsPage chrome={chrome} q={q} threshold={threshold} sections={sections} />,
    )
  })

  app.get(`${LIBRARY_STATISTICS_PATH}.csv`, async (request, reply) => {
    requirePermission(signedInActor(request), 'statistics.read')
    const section = SECTIONS.find((s) => s === queryOf(request).text('section'))
    if (section === undefined)
      throw validation('REPORT_BAD_SECTION', `Choose a section: ${SECTIONS.join(', ')}.`, {
        fields: ['section'],
      })
    const q = queryFrom(request)
    const csv = librarySectionCsv(await librarySection(ctx.db, section, q, threshold), threshold)
    return reply
      .type('text/csv; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="library-${section}-${q.from}-to-${q.to}.csv"`,
      )
      .send(csv)
  })
}
