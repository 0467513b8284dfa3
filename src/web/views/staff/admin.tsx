import type { VNode } from 'preact'
import { AUDIT_ACTIONS, type NamedAuditEntry } from '../../../privacy/audit.service.js'
import type { StaffView } from '../../../staff/staff.service.js'
import { STAFF_ROLES } from '../../../staff/staff.tables.js'
import { humanise, type Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Checkbox, Csrf, Empty, Field, PostButton, SelectField, type Option } from '../ui.js'
import { actionLabel, actorLabel, detailLines, patronLabel } from './audit-labels.js'

const ROLE_OPTIONS: Option[] = STAFF_ROLES.map((r) => ({ value: r, label: humanise(r) }))

/** The filter form's values, as typed (the card number only ever arrives in a posted form). */
export interface AuditFilterValues {
  staff?: string | undefined
  card?: string | undefined
  action?: string | undefined
  from?: string | undefined
  to?: string | undefined
}

/** The form's field a refusal is about. */
export type AuditFilterField = keyof AuditFilterValues

const ACTION_OPTIONS: Option[] = [
  { value: '', label: 'Any action' },
  ...AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(a) })).sort((a, b) =>
    a.label.localeCompare(b.label, 'en'),
  ),
]

function EntriesTable(p: { fmt: Formats; entries: NamedAuditEntry[] }): VNode {
  return (
    <table>
      <caption class="small">Newest first. Times are the library’s local time.</caption>
      <thead>
        <tr>
          <th scope="col" class="num">
            Entry
          </th>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Patron</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {p.entries.map((e) => (
          <tr key={e.seq}>
            <td data-label="Entry" class="num">
              {e.seq}
            </td>
            <td data-label="When">{p.fmt.dateTime(e.at)}</td>
            <td data-label="Who">
              {e.actor.staffId === null ? (
                actorLabel(e.actor)
              ) : (
                <a href={`/staff/audit?staff=${encodeURIComponent(e.actor.staffId)}`}>
                  {actorLabel(e.actor)}
                </a>
              )}
            </td>
            <td data-label="What">{actionLabel(e.action)}</td>
            <td data-label="Patron">{e.patron === null ? '—' : patronLabel(e.patron)}</td>
            <td data-label="Details">
              {detailLines(e).map((line) => (
                <span key={line} class="small">
                  {line}
                  <br />
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function AuditPage(p: {
  chrome: Chrome
  fmt: Formats
  csrf: string
  timeZone: string
  staffChoices: Option[]
  values: AuditFilterValues
  /** Which patron the list is narrowed to, in words. */
  patronNote?: string | undefined
  /** A refused filter: the message, and the field it is about. */
  problem?: { message: string; field?: AuditFilterField | undefined } | undefined
  /** Something to say that is not a refusal (an expired filter, a page link that did not fit). */
  notice?: string | undefined
  /** Undefined when nothing is listed (a refused or expired filter). */
  entries: NamedAuditEntry[] | undefined
  /** Whether the page asked for was a later one (so an empty list means "past the end"). */
  paged: boolean
  olderHref?: string | undefined
  newerHref?: string | undefined
  newestHref: string
  csvHref?: string | undefined
}): VNode {
  const err = (field: AuditFilterField) =>
    p.problem?.field === field ? p.problem.message : undefined
  return (
    <Page chrome={p.chrome}>
      <h1>Audit log</h1>
      <p class="measure">
        Every staff read, search hit, change and export of a patron record, newest first. Each entry
        is chained by its hash to the one before it in its chain (the log is written as several
        chains side by side), so a change or deletion shows up when the chains are checked. Reading
        this page, or downloading it, is itself recorded.
      </p>
      {p.problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>
            {p.problem.field === undefined ? (
              p.problem.message
            ) : (
              <a href={`#f-${p.problem.field}`}>{p.problem.message}</a>
            )}
          </p>
        </div>
      )}
      {p.notice !== undefined && (
        <div class="flash flash-error" role="status">
          <p>{p.notice}</p>
        </div>
      )}
      <div class="grid-2">
        <form method="post" action="/staff/audit/filter" class="card">
          <Csrf token={p.csrf} />
          <h2>Show only</h2>
          <SelectField
            name="staff"
            label="Entries by this staff member"
            options={[{ value: '', label: 'Anyone' }, ...p.staffChoices]}
            value={p.values.staff ?? ''}
            error={err('staff')}
          />
          <Field
            name="card"
            label="Entries about the patron with this card number"
            hint="Any of their cards, current or old. The number is sent with the form, never in the page address."
            value={p.values.card}
            error={err('card')}
            autocomplete="off"
            inputMode="numeric"
            maxLength={32}
          />
          <SelectField
            name="action"
            label="Action"
            options={ACTION_OPTIONS}
            value={p.values.action ?? ''}
            error={err('action')}
          />
          <div class="grid-2">
            <Field
              name="from"
              label="First day"
              type="date"
              value={p.values.from}
              error={err('from')}
            />
            <Field name="to" label="Last day" type="date" value={p.values.to} error={err('to')} />
          </div>
          <p class="hint">{`Days run midnight to midnight, library time (${p.timeZone}).`}</p>
          <button type="submit" class="button secondary">
            Show entries
          </button>{' '}
          <a href="/staff/audit">Clear the filters</a>
        </form>
        <div class="card">
          <h2>Check the chains</h2>
          <PostButton
            action="/staff/audit/verify"
            csrf={p.csrf}
            label="Verify the whole log"
            variant="primary"
          />
          {p.csvHref !== undefined && (
            <>
              <h2>Download</h2>
              <p>
                <a href={p.csvHref} download>
                  Download every entry shown by these filters (CSV)
                </a>
              </p>
            </>
          )}
        </div>
      </div>
      {p.patronNote !== undefined && <p class="lead">{p.patronNote}</p>}
      {p.entries === undefined ? null : p.entries.length === 0 ? (
        <Empty>
          {p.paged ? 'There are no entries on this page.' : 'No entries match these filters.'}
        </Empty>
      ) : (
        <EntriesTable fmt={p.fmt} entries={p.entries} />
      )}
      {p.entries !== undefined && (
        <nav aria-label="Pages of the audit log">
          <p class="actions">
            {p.newerHref !== undefined && <a href={p.newerHref}>Newer entries</a>}{' '}
            {p.olderHref !== undefined && <a href={p.olderHref}>Older entries</a>}{' '}
            {p.paged && <a href={p.newestHref}>Newest entries</a>}
          </p>
        </nav>
      )}
    </Page>
  )
}

export function StaffAccountsPage(p: {
  chrome: Chrome
  fmt: Formats
  csrf: string
  staff: StaffView[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Staff accounts</h1>
      <p class="measure">
        One account per person: never a shared login. Changing a role or password, or switching an
        account off, signs that person out everywhere.
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {p.staff.map((s) => (
            <tr key={s.id}>
              <td data-label="Name">
                <a href={`/staff/accounts/${s.id}`}>{s.displayName}</a>
              </td>
              <td data-label="Username">{s.username}</td>
              <td data-label="Role">{humanise(s.role)}</td>
              <td data-label="Status">{s.active ? 'Active' : 'Switched off'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action="/staff/accounts" class="card">
        <Csrf token={p.csrf} />
        <h2>Add a staff member</h2>
        <div class="grid-2">
          <Field name="displayName" label="Name" required autocomplete="off" maxLength={100} />
          <Field
            name="username"
            label="Username"
            hint="Lower-case letters, digits, dots or dashes."
            required
            autocomplete="off"
            maxLength={40}
          />
          <SelectField name="role" label="Role" options={ROLE_OPTIONS} value="circulation" />
          <Field
            name="password"
            label="First password"
            hint="At least 12 characters; they should change it."
            type="password"
            autocomplete="new-password"
            required
            maxLength={200}
          />
        </div>
        <button type="submit">Add staff member</button>
      </form>
    </Page>
  )
}

export function StaffAccountPage(p: { chrome: Chrome; csrf: string; staff: StaffView }): VNode {
  const s = p.staff
  return (
    <Page chrome={p.chrome}>
      <h1>{s.displayName}</h1>
      <p>
        <a href="/staff/accounts">All staff accounts</a>
      </p>
      <form method="post" action={`/staff/accounts/${s.id}`} class="card measure">
        <Csrf token={p.csrf} />
        <Field name="displayName" label="Name" value={s.displayName} required maxLength={100} />
        <SelectField name="role" label="Role" options={ROLE_OPTIONS} value={s.role} />
        <Checkbox
          name="active"
          label="Account is active"
          checked={s.active}
          hint="Switching it off signs them out at once."
        />
        <Field
          name="password"
          label="New password (optional)"
          hint="Leave empty to keep the current one."
          type="password"
          autocomplete="new-password"
          maxLength={200}
        />
        <button type="submit">Save</button>
      </form>
    </Page>
  )
}
