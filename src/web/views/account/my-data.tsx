import type { VNode } from 'preact'
import type { HeldSection } from '../../../patrons/self-service.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Empty } from '../ui.js'

/** "givenName" and "checked_out_at" both read as words. */
export function fieldLabel(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .replaceAll('.', ': ')
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return [[prefix, '—']]
  if (typeof value === 'string') return [[prefix, value]]
  if (typeof value === 'number' || typeof value === 'boolean') return [[prefix, String(value)]]
  if (typeof value !== 'object') return [[prefix, '']]
  return Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function Section({
  section,
  fmt,
  index,
}: {
  section: HeldSection
  fmt: Formats
  index: number
}): VNode {
  const until = DATE.test(section.keptUntil)
    ? `Until ${fmt.date(section.keptUntil)}.`
    : section.keptUntil
  return (
    <section aria-labelledby={`held-${index}`} class="card">
      <h2 id={`held-${index}`}>{section.what}</h2>
      <dl class="kept">
        <div>
          <dt>Why we keep it</dt>
          <dd>{section.why}</dd>
        </div>
        <div>
          <dt>For how long</dt>
          <dd>{until}</dd>
        </div>
      </dl>
      {section.records.length === 0 ? (
        <Empty>Nothing held.</Empty>
      ) : (
        section.records.map((record, i) => (
          <table key={i} class="record">
            <caption>{section.records.length > 1 ? `Record ${i + 1}` : 'What we hold'}</caption>
            <tbody>
              {flatten(record).map(([field, value]) => (
                <tr key={field}>
                  <th scope="row">{fieldLabel(field)}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
    </section>
  )
}

export function MyDataPage(p: {
  chrome: Chrome
  fmt: Formats
  generatedAt: string
  sections: HeldSection[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>My data</h1>
      <p class="lead measure">
        Everything the library holds about you, why we hold it, and until when. This is the same
        record the library's own staff work from.
      </p>
      <p class="actions">
        <a class="button" href="/account/my-data.json" download>
          Download as JSON
        </a>
        <a class="button secondary" href="/account/my-data.csv" download>
          Download as CSV (spreadsheet)
        </a>
      </p>
      <p class="small">{`Prepared ${p.fmt.dateTime(p.generatedAt)}.`}</p>
      {p.sections.map((s, i) => (
        <Section key={s.what} section={s} fmt={p.fmt} index={i} />
      ))}
      <h2>What is not here</h2>
      <p class="measure">
        When you return an item and owe nothing on it, when a hold ends, and when a fine is paid or
        waived, the library deletes the record. What stays is a count with no name in it — how many
        items were lent that day at that branch, say — so nothing kept can be traced back to you.
        The <a href="/privacy">privacy notice</a> lists those counts.
      </p>
    </Page>
  )
}
