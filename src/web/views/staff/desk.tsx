import type { VNode } from 'preact'
import type { PatronSummary } from '../../../patrons/patron.service.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, SelectField, type Option } from '../ui.js'

export const SEARCH_BY: Option[] = [
  { value: 'surname', label: 'Surname' },
  { value: 'surnamePrefix', label: 'Surname starts with' },
  { value: 'email', label: 'Email address' },
  { value: 'phone', label: 'Phone number' },
  { value: 'licenceNumber', label: "Driver's license number" },
]

/** Scanner-first: the card field has the cursor, and a scanner's Enter submits it. */
export function DeskPage(p: {
  chrome: Chrome
  csrf: string
  branches: Option[]
  branch: string
  searchBy: Option[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Circulation desk</h1>
      <form method="post" action="/staff/lookup" class="scan">
        <Csrf token={p.csrf} />
        <Field
          name="barcode"
          label="Scan or type a library card"
          autofocus
          autocomplete="off"
          inputMode="numeric"
          required
          maxLength={32}
        />
        <button type="submit">Open the patron</button>
      </form>
      <p class="actions">
        <a class="button secondary" href="/staff/checkin">
          Check items in
        </a>
        <a class="button secondary" href="/staff/holds">
          Hold shelf
        </a>
        <a class="button secondary" href="/staff/patrons/new">
          Register a patron
        </a>
      </p>
      <h2>Find a patron without their card</h2>
      <form method="post" action="/staff/patrons/search" class="card">
        <Csrf token={p.csrf} />
        <div class="grid-2">
          <SelectField name="by" label="Search by" options={p.searchBy} value="surname" />
          <Field name="value" label="Search for" autocomplete="off" required maxLength={254} />
        </div>
        <button type="submit">Find</button>
        <p class="small">Every patron a search finds is recorded in the audit log.</p>
      </form>
      <h2>Where you are working</h2>
      <form method="post" action="/staff/branch" class="card">
        <Csrf token={p.csrf} />
        <SelectField name="branch" label="Branch" options={p.branches} value={p.branch} />
        <button type="submit" class="button secondary">
          Change branch
        </button>
      </form>
    </Page>
  )
}

export function PatronResultsPage(p: {
  chrome: Chrome
  fmt: Formats
  patrons: PatronSummary[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Patrons found</h1>
      {p.patrons.length === 0 ? (
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
                  <a href={`/staff/patrons/${r.id}`}>
                    {[r.familyName, r.givenName].filter((v) => v !== null).join(', ') ||
                      'Name not shown'}
                  </a>
                  {r.status !== 'active' && <span class="tag bad">{r.status}</span>}
                </td>
                <td data-label="Card">{r.barcode ?? 'No card in use'}</td>
                <td data-label="Category">{r.category}</td>
                <td data-label="Card valid until">{p.fmt.date(r.expiresOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href="/staff">Back to the desk</a>
      </p>
    </Page>
  )
}
