import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AppContext } from '../../context.js'
import {
  getBranchDetails,
  listBranchDetails,
  type BranchDetails,
} from '../../library/branch-details.service.js'
import { localDate } from '../../library/calendar.js'
import { listClosedDays } from '../../library/library.service.js'
import {
  dayPlans,
  openState,
  upcomingClosures,
  type ClosedDayRow,
} from '../../library/opening-hours.js'
import { notFound } from '../../errors.js'
import { publicChrome } from '../chrome.js'
import { sendPage } from '../render.js'
import { BranchesPage, BranchPage, type BranchView } from '../views/public/branches.js'

/** How far ahead the pages list closed days. */
export const CLOSURE_WINDOW_DAYS = 60
const WEEK = 7

/** A branch as the pages show it at this moment, on the library's clock and in its time zone. */
function viewOf(
  ctx: AppContext,
  details: BranchDetails,
  closed: readonly ClosedDayRow[],
  now: Date,
): BranchView {
  const zone = ctx.config.library.timezone
  const today = localDate(now, zone)
  return {
    details,
    state: openState(details.hours, closed, details.code, now, zone),
    week: dayPlans(details.hours, closed, details.code, today, WEEK),
    closures: upcomingClosures(closed, details.code, today, CLOSURE_WINDOW_DAYS),
    today,
    windowDays: CLOSURE_WINDOW_DAYS,
  }
}

/** Hours and locations: public, in both languages, with no cookie and no script (P7). */
export function branchRoutes(app: FastifyInstance, ctx: AppContext): void {
  const chromeOf = (request: FastifyRequest, title?: string) => {
    const chrome = publicChrome(ctx, request, '')
    return { ...chrome, title: title ?? chrome.i18n.t('branches.titles.list') }
  }

  app.get('/branches', async (request, reply) => {
    const now = ctx.clock.now()
    const [branches, closed] = await Promise.all([
      listBranchDetails(ctx.db),
      listClosedDays(ctx.db),
    ])
    return sendPage(
      reply,
      <BranchesPage
        chrome={chromeOf(request)}
        branches={branches.map((b) => viewOf(ctx, b, closed, now))}
      />,
    )
  })

  app.get<{ Params: { code: string } }>('/branches/:code', async (request, reply) => {
    const { code } = request.params
    if (code.length > 40) throw notFound('BRANCH_NOT_FOUND', 'No such branch.')
    const now = ctx.clock.now()
    const [details, closed] = await Promise.all([
      getBranchDetails(ctx.db, code),
      listClosedDays(ctx.db),
    ])
    return sendPage(
      reply,
      <BranchPage
        chrome={chromeOf(request, details.name)}
        view={viewOf(ctx, details, closed, now)}
      />,
    )
  })
}
