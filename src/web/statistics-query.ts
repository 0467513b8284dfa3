import {
  addDays,
  GROUPINGS,
  isDay,
  rangeLength,
  type Grouping,
} from '../analytics/report-periods.js'
import { validation } from '../errors.js'
import type { Form } from './forms.js'

/** What a website report counts: a range of UTC days, how to group them, and which site. */
export interface StatisticsQuery {
  from: string
  to: string
  grouping: Grouping
  /** Absent: every site summed. */
  site?: string
}

/** A range longer than this would make a chart nobody can read, and a slow page. */
export const MAX_RANGE_DAYS = 731
/** Without dates, the report shows the last 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30

/** The form as typed, to show it again beside a refusal. */
export interface TypedQuery {
  from: string
  to: string
  grouping: string
  site: string
}

export function typedQuery(form: Form): TypedQuery {
  return {
    from: form.text('from')?.slice(0, 20) ?? '',
    to: form.text('to')?.slice(0, 20) ?? '',
    grouping: form.text('grouping')?.slice(0, 20) ?? '',
    site: form.text('site')?.slice(0, 260) ?? '',
  }
}

/**
 * The query of a report address, checked. Every refusal names the field, so the page can point
 * at it; nothing here reaches the database until the whole query is valid.
 */
export function parseStatisticsQuery(
  typed: TypedQuery,
  today: string,
  sites: readonly string[],
): StatisticsQuery {
  const to = typed.to === '' ? today : typed.to
  if (!isDay(to))
    throw validation('STATISTICS_DAY_INVALID', 'The end date is not a date written YYYY-MM-DD.', {
      field: 'to',
    })
  const from = typed.from === '' ? addDays(to, -(DEFAULT_RANGE_DAYS - 1)) : typed.from
  if (!isDay(from))
    throw validation('STATISTICS_DAY_INVALID', 'The start date is not a date written YYYY-MM-DD.', {
      field: 'from',
    })
  if (from > to)
    throw validation('STATISTICS_RANGE_REVERSED', 'The start date is after the end date.', {
      field: 'from',
    })
  if (rangeLength(from, to) > MAX_RANGE_DAYS)
    throw validation(
      'STATISTICS_RANGE_TOO_LONG',
      `A report covers at most ${MAX_RANGE_DAYS} days (two years); choose a shorter range.`,
      { field: 'from' },
    )
  const grouping = typed.grouping === '' ? 'day' : GROUPINGS.find((g) => g === typed.grouping)
  if (grouping === undefined)
    throw validation('STATISTICS_GROUPING_UNKNOWN', 'Group the days by day, week or month.', {
      field: 'grouping',
    })
  if (typed.site !== '' && !sites.includes(typed.site))
    throw validation('STATISTICS_SITE_UNKNOWN', 'Nothing has been counted for that site.', {
      field: 'site',
    })
  return { from, to, grouping, ...(typed.site !== '' && { site: typed.site }) }
}

/** The address of a report for a query (the page, its CSV sections, the form's own links). */
export function statisticsHref(
  path: string,
  q: StatisticsQuery,
  extra: Record<string, string> = {},
): string {
  const params = new URLSearchParams({
    ...extra,
    from: q.from,
    to: q.to,
    grouping: q.grouping,
    ...(q.site !== undefined && { site: q.site }),
  })
  return `${path}?${params.toString()}`
}
