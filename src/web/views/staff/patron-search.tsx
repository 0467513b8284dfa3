import type { VNode } from 'preact'
import type { PatronSummary } from '../../../patrons/patron.service.js'
import type { Formats } from '../../format.js'
import type { PatronSearchQuery } from '../../session-refs.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, SelectField, type Option } from '../ui.js'

/**
 * The patron search and its results. The page is reached by GET with only a token in its
 * address, so Back, Forward and reload show it again without sending the form again.
 */
export function PatronSearchPage(p: {
  chrome: Chrome
  csrf: string
  fmt: Formats
  searchBy: Option[]
  /** The search shown, from the session; undefined for an empty form. */
  query?: PatronSearchQuery | undefined
  /** Undefined when no search ran (an empty form, a refused search). */
  patrons?: PatronSummary[] | undefined
  /** Category codes to names. */
  categories: Record<string, string>
  notice?: string | undefined
  error?: string | undefined
}): VNode {
  const ran = p.patrons !== undefined
  return (
    <Page chrome={p.chrome}>
      <h1>{ran ? 'Patrons found' : 'Find a patron'}</h1>
      {p.notice !== undefined && (
        <div class="flash flash-error" role="status">
          <p>{p.notice}</p>
        </div>
      )}
      {p.error !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{p.error}</p>
        </div>
      )}
      <form method="post" action="/staff/patrons/search" class="card">
        <Csrf token={p.csrf} />
        <div class="grid-2">
          <SelectField
            name="by"
            label="Search by"
            options={p.searchBy}
            value={p.query?.by ?? 'surname'}
          />
          <Field
            name="value"
            label="Search for"
            value={p.query?.value}
            autocomplete="off"
            autofocus={!ran}
            required
            maxLength={254}
          />
        </div>
        <button type="submit">Find</button>
        <p class="small">Every patron a search finds is recorded in the audit log.</p>
      </form>
      {p.patrons !== undefined &&
        (p.patrons.length === 0 ? (
          <Empty>No patron matches. Check the spelling, or search another way.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Card</th>
                <th scope="col">Category</th>
                <th scope="col">Card valid until</th>
              </tr>
            </thead>
            <tbody>
              {p.patrons.map((r) => (
                <tr key={r.id}>
                  <td data-label="Name">
                    <a href={`/staff/patrons/${encodeURIComponent(r.id)}`}>
                      {[r.familyName, r.givenName].filter((v) => v !== null).join(', ') ||
                        'Name not shown'}
                    </a>
                    {r.status === 'erased' && <span class="tag bad">Record erased</span>}
                  </td>
                  <td data-label="Card">{r.barcode ?? 'No card in use'}</td>
                  <td data-label="Category">{p.categories[r.category] ?? r.category}</td>
                  <td data-label="Card valid until">{p.fmt.date(r.expiresOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <p>
        <a href="/staff">Back to the desk</a>
      </p>
    </Page>
  )
}
