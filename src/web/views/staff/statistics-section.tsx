import type { VNode } from 'preact'
import type { T } from '../../../i18n/i18n.js'
import { chartSvg } from '../../charts.js'
import type { ColumnKey, ShownSection } from '../../website-report.js'

/** A count as published: a hidden one in words, never as a number. */
export function countText(value: number | null, t: T): string {
  return value === null ? t('staffStatistics.cells.hidden') : String(value)
}

/**
 * A chart drawn on the server (no script, no inline style) in a figure, for sighted readers; the
 * table beside it holds the same numbers and is what screen readers and the CSV use.
 */
export function Chart(p: {
  kind: 'line' | 'bar'
  label: string
  section: ShownSection
  t: T
}): VNode {
  const svg = chartSvg({
    kind: p.kind,
    label: p.label,
    labels: p.section.rows.map((r) => r.labels.join(' → ')),
    series: p.section.countColumns.map((c, i) => ({
      name: p.t(`staffStatistics.columns.${c}`),
      values: p.section.rows.map((r) => r.counts[i] ?? null),
    })),
  })
  return (
    <figure class="chart">
      <div dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption class="small">{p.label}</figcaption>
    </figure>
  )
}

/** A report section's numbers as a table, hidden counts in words, with its total row. */
export function SectionTable(p: {
  section: ShownSection
  caption: string
  threshold: number
  t: T
}): VNode {
  const { section, t } = p
  const heading = (c: ColumnKey | 'total'): string => t(`staffStatistics.columns.${c}`)
  return (
    <table>
      <caption class="visually-hidden">{p.caption}</caption>
      <thead>
        <tr>
          {section.labelColumns.map((c) => (
            <th key={c} scope="col">
              {heading(c)}
            </th>
          ))}
          {section.countColumns.map((c) => (
            <th key={c} scope="col" class="num">
              {heading(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {section.rows.map((r) => (
          <tr key={r.labels.join('\u0000')}>
            {r.labels.map((label, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {label}
                </th>
              ) : (
                <td key={i} data-label={heading(section.labelColumns[i] ?? 'total')}>
                  {label}
                </td>
              ),
            )}
            {r.counts.map((value, i) => (
              <td
                key={`c${i}`}
                class="num"
                data-label={heading(section.countColumns[i] ?? 'total')}
              >
                {countText(value, t)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {section.totals !== undefined && (
        <tfoot>
          <tr>
            <th scope="row" colSpan={section.labelColumns.length}>
              {heading('total')}
            </th>
            {section.totals.map((value, i) => (
              <td key={i} class="num" data-label={heading(section.countColumns[i] ?? 'total')}>
                {countText(value, t)}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  )
}
