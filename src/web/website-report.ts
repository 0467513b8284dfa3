import type { Kysely } from 'kysely'
import { sectionFlows } from '../analytics/report-flows.js'
import {
  edgePages,
  topPages,
  topReferrers,
  websiteSeries,
  type DayRange,
} from '../analytics/reports.js'
import type { StatisticsDb } from '../analytics/statistics.tables.js'
import { suppressTable } from '../reports/suppression.js'
import type { StatisticsQuery } from './statistics-query.js'

/** The parts of the website report; each is a table on the page and a CSV of its own. */
export const REPORT_SECTIONS = [
  'overTime',
  'pages',
  'referrers',
  'entries',
  'exits',
  'flows',
] as const
export type ReportSection = (typeof REPORT_SECTIONS)[number]

/** Column names are catalog keys under staffStatistics.columns. */
export type ColumnKey =
  'period' | 'views' | 'visits' | 'visitors' | 'page' | 'referrer' | 'from' | 'to' | 'moves'

/** A table as published: null is a count hidden by small-cell suppression. */
export interface ShownSection {
  id: ReportSection
  labelColumns: ColumnKey[]
  countColumns: ColumnKey[]
  rows: { labels: string[]; counts: (number | null)[] }[]
  /**
   * One per count column: the total of the rows shown (hidden when it would give one away);
   * absent where no total is published.
   */
  totals?: (number | null)[]
  hidden: number
}

export interface WebsiteReport {
  query: StatisticsQuery
  threshold: number
  sections: Record<ReportSection, ShownSection>
}

/** Rows a list section shows on the page; the CSV takes more. */
export const PAGE_ROWS = 20
export const CSV_ROWS = 1000

function shown(
  id: ReportSection,
  labelColumns: ColumnKey[],
  countColumns: ColumnKey[],
  rows: { labels: string[]; counts: number[] }[],
  threshold: number,
): ShownSection {
  const table = suppressTable(
    {
      rows: rows.map((r) => r.labels.join(' → ')),
      columns: countColumns,
      cells: rows.map((r) => r.counts),
    },
    threshold,
  )
  return {
    id,
    labelColumns,
    countColumns,
    rows: rows.map((r, i) => ({ labels: r.labels, counts: table.cells[i] ?? [] })),
    totals: table.columnTotals,
    hidden: table.hidden,
  }
}

/**
 * Every section of the website report for a query, small counts hidden. The suppression runs over
 * the rows as published, totals included, so no hidden count can be worked out from the page.
 */
export async function websiteReport(
  db: Kysely<StatisticsDb>,
  query: StatisticsQuery,
  threshold: number,
  limit: number,
): Promise<WebsiteReport> {
  const range: DayRange = {
    from: query.from,
    to: query.to,
    ...(query.site !== undefined && { site: query.site }),
  }
  const [series, pages, referrers, entries, exits, flows] = await Promise.all([
    websiteSeries(db, range, query.grouping),
    topPages(db, range, limit),
    topReferrers(db, range, limit),
    edgePages(db, range, 'entries', limit),
    edgePages(db, range, 'exits', limit),
    sectionFlows(db, range, limit),
  ])
  const pageSection = shown(
    'pages',
    ['page'],
    ['visits', 'views'],
    pages.map((p) => ({ labels: [p.path], counts: [p.visits, p.views] })),
    threshold,
  )
  // A page that only a few visits saw is not listed by any number, its views included. Hiding
  // those views is safe only while no total of the column is published, so none is.
  for (const row of pageSection.rows) if (row.counts[0] === null) row.counts[1] = null
  delete pageSection.totals
  pageSection.hidden = pageSection.rows.flatMap((r) => r.counts).filter((c) => c === null).length
  const list = (id: ReportSection, label: ColumnKey, items: { label: string; count: number }[]) =>
    shown(
      id,
      [label],
      ['visits'],
      items.map((i) => ({ labels: [i.label], counts: [i.count] })),
      threshold,
    )
  return {
    query,
    threshold,
    sections: {
      overTime: shown(
        'overTime',
        ['period'],
        ['views', 'visits', 'visitors'],
        series.map((s) => ({ labels: [s.period], counts: [s.views, s.visits, s.visitors] })),
        threshold,
      ),
      pages: pageSection,
      referrers: list('referrers', 'referrer', referrers),
      entries: list('entries', 'page', entries),
      exits: list('exits', 'page', exits),
      flows: shown(
        'flows',
        ['from', 'to'],
        ['moves'],
        flows.map((f) => ({ labels: [f.from, f.to], counts: [f.count] })),
        threshold,
      ),
    },
  }
}
