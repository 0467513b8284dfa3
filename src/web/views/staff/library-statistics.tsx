import type { VNode } from 'preact'
import { BREAKDOWNS } from '../../../reports/library-counts.js'
import type { ReportQuery, ReportSection, ReportTable } from '../../../reports/library-report.js'
import { GROUPINGS } from '../../../reports/periods.js'
import { chartSvg } from '../../charts.js'
import { money } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Field, SelectField } from '../ui.js'
import {
  BREAKDOWN_WORDS,
  columnWords,
  GROUPING_WORDS,
  rowHeading,
  SECTION_WORDS,
  TABLE_WORDS,
} from './library-statistics-words.js'

export const LIBRARY_STATISTICS_PATH = '/staff/statistics/library'

/** The same report's address, for one section's CSV. */
export function csvHref(q: ReportQuery, section: string): string {
  const params = new URLSearchParams({
    section,
    from: q.from,
    to: q.to,
    grouping: q.grouping,
    breakdown: q.breakdown,
  })
  return `${LIBRARY_STATISTICS_PATH}.csv?${params.toString()}`
}

const value = (t: ReportTable, n: number | null): string =>
  n === null ? 'hidden' : t.unit === 'cents' ? money(n) : n.toLocaleString('en-US')

function Chart({ table, grouping }: { table: ReportTable; grouping: string }): VNode {
  const svg = chartSvg({
    kind: table.rows === 'period' && grouping !== 'month' ? 'line' : 'bar',
    label: `${TABLE_WORDS[table.id] ?? table.id}: chart of the table below`,
    labels: table.shown.rows,
    series: table.shown.columns.map((c, j) => ({
      name: columnWords(table, c),
      values: table.shown.cells.map((row) => {
        const v = row[j] ?? null
        return v === null ? null : table.unit === 'cents' ? v / 100 : v
      }),
    })),
  })
  return <div class="chart" dangerouslySetInnerHTML={{ __html: svg }} />
}

function CountTableView(p: { table: ReportTable; q: ReportQuery }): VNode {
  const { table, q } = p
  const s = table.shown
  const title = TABLE_WORDS[table.id] ?? table.id
  const fell = table.rows === 'period' && q.breakdown !== 'none' && table.columns === 'none'
  return (
    <section aria-labelledby={`t-${table.id}`}>
      <h3 id={`t-${table.id}`}>{title}</h3>
      {fell && (
        <p class="hint">
          Not counted by {BREAKDOWN_WORDS[q.breakdown].toLowerCase()}: totals only.
        </p>
      )}
      {s.rows.length === 0 || s.columns.length === 0 ? (
        <p>Nothing counted.</p>
      ) : (
        <figure>
          <Chart table={table} grouping={q.grouping} />
          <figcaption>{title}: the numbers are in the table that follows.</figcaption>
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeading(table, q.grouping)}</th>
                {s.columns.map((c) => (
                  <th scope="col" key={c}>
                    {columnWords(table, c)}
                  </th>
                ))}
                {s.columns.length > 1 && <th scope="col">Total</th>}
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r, i) => (
                <tr key={r}>
                  <th scope="row">{r}</th>
                  {s.columns.map((c, j) => (
                    <td key={c}>{value(table, s.cells[i]![j]!)}</td>
                  ))}
                  {s.columns.length > 1 && <td>{value(table, s.rowTotals[i]!)}</td>}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                {s.columns.map((c, j) => (
                  <td key={c}>{value(table, s.columnTotals[j]!)}</td>
                ))}
                {s.columns.length > 1 && <td>{value(table, s.total)}</td>}
              </tr>
            </tfoot>
          </table>
        </figure>
      )}
      {s.hidden > 0 && (
        <p class="hint">
          Some numbers here are hidden; <a href="#hidden-counts">why</a>.
        </p>
      )}
    </section>
  )
}

export function LibraryStatisticsPage(p: {
  chrome: Chrome
  q: ReportQuery
  threshold: number
  sections: ReportSection[]
}): VNode {
  const { q, threshold } = p
  return (
    <Page chrome={p.chrome}>
      <h1>Library statistics</h1>
      <p class="measure">
        Counts kept when things happen (a loan, a hold, a fine, a computer session, a registration,
        a question), by day and kind, never by person. Fines and fees are counted by month.
      </p>
      <form method="get" action={LIBRARY_STATISTICS_PATH} class="filters">
        <Field name="from" label="First day" type="date" value={q.from} />
        <Field name="to" label="Last day" type="date" value={q.to} />
        <SelectField
          name="grouping"
          label="Group by"
          value={q.grouping}
          options={GROUPINGS.map((g) => ({ value: g, label: GROUPING_WORDS[g] }))}
        />
        <SelectField
          name="breakdown"
          label="Break down by"
          value={q.breakdown}
          options={BREAKDOWNS.map((b) => ({ value: b, label: BREAKDOWN_WORDS[b] }))}
        />
        <button type="submit">Show</button>
      </form>
      {p.sections.map((section) => (
        <section key={section.id} aria-labelledby={`s-${section.id}`}>
          <h2 id={`s-${section.id}`}>{SECTION_WORDS[section.id]}</h2>
          <p>
            <a href={csvHref(q, section.id)}>
              Download {SECTION_WORDS[section.id].toLowerCase()} as CSV
            </a>
          </p>
          {section.tables.map((t) => (
            <CountTableView key={t.id} table={t} q={q} />
          ))}
        </section>
      ))}
      <h2 id="hidden-counts">Hidden numbers</h2>
      {threshold > 1 ? (
        <p class="measure">
          A count from 1 to {threshold - 1} could point to a person, so it is shown as “hidden”, on
          the page and in the CSV files. So that it cannot be worked out by subtracting from a
          total, some other counts or totals beside it — possibly larger ones — are hidden too, and
          minutes and amounts are hidden wherever their count is. Zeros are shown. The threshold is
          the statistics.smallCells setting.
        </p>
      ) : (
        <p class="measure">
          Every count is shown: the statistics.smallCells setting is 1, which turns hiding off.
        </p>
      )}
    </Page>
  )
}
