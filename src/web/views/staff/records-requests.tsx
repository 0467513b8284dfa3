import type { VNode } from 'preact'
import type { RequestSummary } from '../../../records/records-requests.service.js'
import { FORMATS, MESSAGE_MAX } from '../../../records/records.schemas.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, ErrorSummary, Field, SelectField } from '../ui.js'

export const REQUEST_STATUS: Record<RequestSummary['status'], string> = {
  received: 'Received',
  extended: 'Extended',
  fulfilled: 'Fulfilled',
  partially_denied: 'Partly denied',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
}

export const VIA_WORDS: Record<RequestSummary['receivedVia'], string> = {
  web: 'Website form',
  mail: 'Mail',
  email: 'Email',
  in_person: 'In person',
}

export const FORMAT_WORDS: Record<(typeof FORMATS)[number], string> = {
  electronic: 'Electronic copies',
  paper: 'Paper copies',
  inspect: 'Inspection at the library',
}

export const requestHref = (id: string, rest = ''): string =>
  `/staff/records-requests/${encodeURIComponent(id)}${rest}`

export function daysLeftText(r: Pick<RequestSummary, 'open' | 'overdue' | 'daysLeft'>): string {
  if (!r.open) return '—'
  if (r.overdue) return `Overdue by ${-r.daysLeft || 0} business day${r.daysLeft === -1 ? '' : 's'}`
  if (r.daysLeft === 0) return 'Due today'
  return `${r.daysLeft} business day${r.daysLeft === 1 ? '' : 's'}`
}

/** The tracker: the law's clock for every open request, soonest due first. */
export function RecordsRequestListPage(p: {
  chrome: Chrome
  fmt: Formats
  list: RequestSummary[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Records requests</h1>
      <p class="measure">
        Requests for public records under the Illinois Freedom of Information Act. Each is due five
        business days after the day it arrived (weekends and days the whole library is closed do not
        count; a closure of one branch does), and may be extended once by five more.
      </p>
      <p>
        <a class="button" href="/staff/records-requests/new">
          Enter a request received by mail, email or in person
        </a>
      </p>
      {p.list.length === 0 ? (
        <Empty>No records requests.</Empty>
      ) : (
        <table>
          <caption class="small">Open requests first, soonest due first.</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Received</th>
              <th scope="col">Due</th>
              <th scope="col">Days left</th>
              <th scope="col">Status</th>
              <th scope="col">Records asked for</th>
            </tr>
          </thead>
          <tbody>
            {p.list.map((r) => (
              <tr key={r.id}>
                <td data-label="Reference">
                  <a href={requestHref(r.id)}>{r.reference}</a>
                </td>
                <td data-label="Received">{p.fmt.date(r.receivedOn)}</td>
                <td data-label="Due">{p.fmt.date(r.dueOn)}</td>
                <td data-label="Days left">{daysLeftText(r)}</td>
                <td data-label="Status">{REQUEST_STATUS[r.status]}</td>
                <td data-label="Records asked for">
                  {r.description.length > 100 ? `${r.description.slice(0, 97)}…` : r.description}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

export type IntakeValues = Partial<
  Record<
    | 'name'
    | 'email'
    | 'phone'
    | 'address'
    | 'description'
    | 'format'
    | 'receivedVia'
    | 'receivedOn'
    | 'language',
    string
  >
>

const LABELS: Record<string, string> = {
  receivedOn: 'Day received',
  receivedVia: 'Received by',
  description: 'Records asked for',
  format: 'Wanted as',
  name: 'Requester’s name',
  email: 'Email address',
  address: 'Postal address',
  phone: 'Phone number',
  contact: 'Email address',
}

/** Staff intake of a request that did not come through the website. */
export function IntakePage(p: {
  chrome: Chrome
  csrf: string
  values: IntakeValues
  problem?: string
  errors?: Record<string, string>
}): VNode {
  const v = p.values
  const e = p.errors ?? {}
  return (
    <Page chrome={p.chrome}>
      <h1>Enter a records request</h1>
      {p.problem !== undefined && <ErrorSummary message={p.problem} errors={e} labels={LABELS} />}
      <form method="post" action="/staff/records-requests" class="measure">
        <Csrf token={p.csrf} />
        <Field
          name="receivedOn"
          type="date"
          label={LABELS.receivedOn ?? ''}
          hint="The clock starts the next day."
          value={v.receivedOn}
          error={e.receivedOn}
          required
        />
        <SelectField
          name="receivedVia"
          label={LABELS.receivedVia ?? ''}
          value={v.receivedVia}
          options={[
            { value: 'mail', label: 'Mail' },
            { value: 'email', label: 'Email' },
            { value: 'in_person', label: 'In person' },
          ]}
        />
        <div class={`field${e.description ? ' has-error' : ''}`}>
          <label for="f-description">{LABELS.description}</label>
          {e.description && (
            <p class="error-text" id="f-description-error">
              {e.description}
            </p>
          )}
          <textarea
            id="f-description"
            name="description"
            rows={6}
            required
            maxLength={MESSAGE_MAX}
            value={v.description ?? ''}
            aria-describedby={e.description ? 'f-description-error' : undefined}
          />
        </div>
        <SelectField
          name="format"
          label={LABELS.format ?? ''}
          value={v.format}
          options={FORMATS.map((f) => ({ value: f, label: FORMAT_WORDS[f] }))}
        />
        <SelectField
          name="language"
          label="Language of the letters"
          value={v.language}
          options={[
            { value: 'en', label: 'English' },
            { value: 'es', label: 'Spanish' },
          ]}
        />
        <Field
          name="name"
          label={LABELS.name ?? ''}
          hint="Optional: a requester need not give a name."
          value={v.name}
          error={e.name}
          maxLength={120}
        />
        <Field
          name="email"
          type="email"
          label={LABELS.email ?? ''}
          value={v.email}
          error={e.email ?? e.contact}
          maxLength={254}
        />
        <Field
          name="address"
          label={LABELS.address ?? ''}
          hint="An email address or a postal address is needed for the response."
          value={v.address}
          error={e.address}
          maxLength={300}
        />
        <Field
          name="phone"
          type="tel"
          label={LABELS.phone ?? ''}
          value={v.phone}
          error={e.phone}
          maxLength={25}
        />
        <button type="submit">Enter the request</button>
      </form>
    </Page>
  )
}
