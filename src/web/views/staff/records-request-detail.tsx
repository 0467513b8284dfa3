import type { VNode } from 'preact'
import { EXEMPTION_CODES, EXEMPTIONS, EXTENSION_REASONS } from '../../../records/exemptions.js'
import type { RequestItem } from '../../../records/records-request-items.js'
import type { RequestDetail } from '../../../records/records-requests.service.js'
import type { SuggestionSummary } from '../../../records/suggestions.service.js'
import { MESSAGE_MAX } from '../../../records/records.schemas.js'
import { translator } from '../../../i18n/i18n.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Field, PostButton, SelectField, Summary } from '../ui.js'
import {
  daysLeftText,
  FORMAT_WORDS,
  REQUEST_STATUS,
  requestHref,
  VIA_WORDS,
} from './records-requests.js'

const en = translator('en')
const exemptionOptions = [
  { value: '', label: 'Released (redacted on export)' },
  ...EXEMPTION_CODES.map((c) => ({ value: c, label: `Withheld: ${EXEMPTIONS[c]}` })),
]

/** One request: its clock, the requester, the records found, and what can be done next. */
export function RecordsRequestPage(p: {
  chrome: Chrome
  csrf: string
  fmt: Formats
  r: RequestDetail
  items: RequestItem[]
  suggestions: SuggestionSummary[]
}): VNode {
  const { r, fmt } = p
  const listed = new Set(p.items.map((i) => i.suggestionId))
  const candidates = p.suggestions.filter((s) => !listed.has(s.id))
  const canExtend = r.open && r.extendedDueOn === null && !r.overdue
  return (
    <Page chrome={p.chrome}>
      <h1>Records request {r.reference}</h1>
      <Summary
        items={[
          ['Status', REQUEST_STATUS[r.status]],
          ['Received', `${fmt.date(r.receivedOn)} (${VIA_WORDS[r.receivedVia]})`],
          [
            'Due',
            r.extendedDueOn === null
              ? fmt.date(r.originalDueOn)
              : `${fmt.date(r.extendedDueOn)} (extended from ${fmt.date(r.originalDueOn)})`,
          ],
          ['Days left', daysLeftText(r)],
          ...(r.extensionReason !== null
            ? ([
                [
                  'Extension',
                  `${en(`records.extensionReasons.${r.extensionReason as 'burden'}`)} Requester told on ${fmt.date(r.extensionNotifiedOn)}.`,
                ],
              ] as [string, string][])
            : []),
          ['Wanted as', FORMAT_WORDS[r.format]],
          ['Language', r.language === 'es' ? 'Spanish' : 'English'],
          ['Name', r.name ?? '—'],
          ['Email', r.email ?? '—'],
          ['Postal address', r.address ?? '—'],
          ['Phone', r.phone ?? '—'],
          ...(r.decidedOn !== null
            ? ([['Closed', fmt.date(r.decidedOn)]] as [string, string][])
            : []),
        ]}
      />
      <h2>Records asked for</h2>
      <blockquote class="measure">{r.description}</blockquote>

      <h2>Records found</h2>
      <p class="measure small">
        The export removes each suggestion sender’s name, email, phone and address, and replaces
        email addresses, phone numbers, street addresses and the sender’s own name inside the text
        with a marker naming the exemption. It cannot recognize other people’s names: read the
        export before releasing it.
      </p>
      {p.items.length === 0 ? (
        <p class="empty">None listed yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">Outcome</th>
              {r.open && <th scope="col">Remove</th>}
            </tr>
          </thead>
          <tbody>
            {p.items.map((i) => (
              <tr key={i.id}>
                <td data-label="Record">
                  {i.suggestionId !== null
                    ? `Suggestion of ${fmt.date(i.receivedOn)}: ${i.label}`
                    : i.label}
                </td>
                <td data-label="Outcome">
                  {i.withheldUnder === null
                    ? 'Released, redacted'
                    : `Withheld: ${EXEMPTIONS[i.withheldUnder]}`}
                </td>
                {r.open && (
                  <td data-label="Remove">
                    <PostButton
                      action={requestHref(r.id, `/items/${encodeURIComponent(i.id)}/remove`)}
                      csrf={p.csrf}
                      label="Remove"
                      accessibleLabel={`Remove ${i.label.slice(0, 40)}`}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="actions">
        <a href={requestHref(r.id, '/export')}>Printable export</a>
        <a href={requestHref(r.id, '/export.csv')}>Export as CSV</a>
        {r.extendedDueOn !== null && (
          <a href={requestHref(r.id, '/extension-letter')}>Extension notice</a>
        )}
        {(r.status === 'denied' || r.status === 'partially_denied') && (
          <a href={requestHref(r.id, '/letter')}>Denial letter</a>
        )}
      </p>

      {r.open && (
        <>
          <h2>Add suggestions</h2>
          {candidates.length === 0 ? (
            <p class="empty">No other suggestions to add.</p>
          ) : (
            <form method="post" action={requestHref(r.id, '/suggestions')}>
              <Csrf token={p.csrf} />
              <fieldset>
                <legend>Suggestions that match the request</legend>
                {candidates.slice(0, 200).map((s) => (
                  <div class="check" key={s.id}>
                    <input type="checkbox" id={`f-s-${s.id}`} name="suggestion" value={s.id} />
                    <label for={`f-s-${s.id}`}>{`${fmt.date(s.receivedOn)}: ${s.excerpt}`}</label>
                  </div>
                ))}
              </fieldset>
              <SelectField
                name="withheldUnder"
                id="f-withheld-suggestions"
                label="Outcome"
                options={exemptionOptions}
              />
              <button type="submit">Add the chosen suggestions</button>
            </form>
          )}

          <h2>Add another record</h2>
          <form method="post" action={requestHref(r.id, '/records')} class="measure">
            <Csrf token={p.csrf} />
            <Field
              name="description"
              label="Description of the record"
              hint="For example: Board minutes, March 2026."
              maxLength={500}
              required
            />
            <SelectField
              name="withheldUnder"
              id="f-withheld-other"
              label="Outcome"
              options={exemptionOptions}
            />
            <button type="submit">Add the record</button>
          </form>

          {canExtend && (
            <>
              <h2>Extend by five business days</h2>
              <p class="measure small">
                Allowed once, before the due day, for one of the reasons the law lists; tell the
                requester in writing first.
              </p>
              <form method="post" action={requestHref(r.id, '/extend')} class="measure">
                <Csrf token={p.csrf} />
                <SelectField
                  name="reason"
                  label="Reason (5 ILCS 140/3(e))"
                  options={EXTENSION_REASONS.map((x) => ({
                    value: x,
                    label: en(`records.extensionReasons.${x}`),
                  }))}
                />
                <Field
                  name="notifiedOn"
                  type="date"
                  label="Day the requester was told in writing"
                  required
                />
                <button type="submit">Extend</button>
              </form>
            </>
          )}

          <h2>Close the request</h2>
          <ul class="actions">
            {(['fulfilled', 'partially_denied', 'denied', 'withdrawn'] as const).map((s) => (
              <li key={s}>
                <a
                  href={requestHref(r.id, `/decide?status=${s}`)}
                >{`Close as ${REQUEST_STATUS[s].toLowerCase()}`}</a>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Notes</h2>
      <form method="post" action={requestHref(r.id, '/notes')} class="measure">
        <Csrf token={p.csrf} />
        <div class="field">
          <label for="f-notes">Notes on the search</label>
          <textarea
            id="f-notes"
            name="notes"
            rows={5}
            maxLength={MESSAGE_MAX}
            value={r.notes ?? ''}
          />
        </div>
        <button type="submit" class="button secondary">
          Save the notes
        </button>
      </form>
      <p>
        <a href="/staff/records-requests">Back to the records requests</a>
      </p>
    </Page>
  )
}

/** Closing a request cannot be undone: this page asks, and takes the facts a denial rests on. */
export function DecidePage(p: {
  chrome: Chrome
  csrf: string
  r: RequestDetail
  status: 'fulfilled' | 'partially_denied' | 'denied' | 'withdrawn'
}): VNode {
  const denial = p.status === 'denied' || p.status === 'partially_denied'
  return (
    <Page chrome={p.chrome}>
      <h1>{`Close ${p.r.reference} as ${REQUEST_STATUS[p.status].toLowerCase()}?`}</h1>
      <p class="measure">
        A closed request can no longer be changed.{' '}
        {denial
          ? 'The denial letter cites the exemption of every record listed as withheld; say here the facts the denial rests on.'
          : ''}
      </p>
      <form method="post" action={requestHref(p.r.id, '/decide')} class="measure">
        <Csrf token={p.csrf} />
        <input type="hidden" name="status" value={p.status} />
        {denial && (
          <div class="field">
            <label for="f-basis">The facts behind the denial</label>
            <textarea id="f-basis" name="basis" rows={6} required maxLength={MESSAGE_MAX} />
          </div>
        )}
        <div class="actions">
          <button type="submit">{`Close as ${REQUEST_STATUS[p.status].toLowerCase()}`}</button>
          <a href={requestHref(p.r.id)}>Go back</a>
        </div>
      </form>
    </Page>
  )
}
