import type { VNode } from 'preact'
import type { TransparencyRow } from '../../../privacy/legal/legal-requests.service.js'
import { Page, type Chrome } from '../layout.js'

const KINDS: Record<string, string> = {
  court_order: 'Court orders',
  emergency: 'Law-enforcement emergencies',
  other: 'Other requests',
}

/** P8: how often anyone asked for patron records, and how often the library released them — counts only. */
export function TransparencyPage({
  chrome,
  rows,
}: {
  chrome: Chrome
  rows: TransparencyRow[]
}): VNode {
  return (
    <Page chrome={chrome}>
      <h1>Requests for patron records</h1>
      <div class="measure">
        <p>
          The library releases records that identify a patron, or what a patron borrowed, only under
          a court order or in the narrow emergency that Illinois law allows (75 ILCS 70/1). Every
          request is recorded. This page counts them by year; it never says whose records were asked
          for.
        </p>
      </div>
      {rows.length === 0 ? (
        <p>No requests have been received.</p>
      ) : (
        <table>
          <caption>Requests received, released and refused, by year</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col">Kind of request</th>
              <th scope="col">Received</th>
              <th scope="col">Released</th>
              <th scope="col">Refused</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.year}/${r.kind}`}>
                <th scope="row">{r.year}</th>
                <td>{KINDS[r.kind] ?? r.kind}</td>
                <td>{r.received}</td>
                <td>{r.released}</td>
                <td>{r.refused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}
