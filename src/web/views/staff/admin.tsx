import type { VNode } from 'preact'
import type { AuditEntryView } from '../../../privacy/audit.service.js'
import type { StaffView } from '../../../staff/staff.service.js'
import { STAFF_ROLES } from '../../../staff/staff.tables.js'
import { humanise, type Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Checkbox, Csrf, Empty, Field, PostButton, SelectField, type Option } from '../ui.js'

const ROLE_OPTIONS: Option[] = STAFF_ROLES.map((r) => ({ value: r, label: humanise(r) }))

export function AuditPage(p: {
  chrome: Chrome
  fmt: Formats
  csrf: string
  patronId: string | undefined
  entries: AuditEntryView[]
  olderHref: string | undefined
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Audit log</h1>
      <p class="measure">
        Every staff read, search hit, change and export of a patron record, newest first. Each entry
        is chained by its hash to the one before it in its chain (the log is written as several
        chains side by side), so a change or deletion shows up when the chains are checked. Reading
        this page is itself recorded.
      </p>
      <div class="grid-2">
        <form method="get" action="/staff/audit" class="card">
          <Field
            name="patron"
            label="Only entries about patron (record id)"
            value={p.patronId}
            autocomplete="off"
            maxLength={64}
          />
          <button type="submit" class="button secondary">
            Filter
          </button>
        </form>
        <div class="card">
          <h2>Check the chains</h2>
          <PostButton
            action="/staff/audit/verify"
            csrf={p.csrf}
            label="Verify the whole log"
            variant="primary"
          />
        </div>
      </div>
      {p.entries.length === 0 ? (
        <Empty>No entries.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col" class="num">
                #
              </th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Patron</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {p.entries.map((e) => (
              <tr key={e.seq}>
                <td data-label="#" class="num">
                  {e.seq}
                </td>
                <td data-label="When">{p.fmt.dateTime(e.at)}</td>
                <td data-label="Who">{`${e.actorType}${e.actorRole !== null ? ` (${humanise(e.actorRole)})` : ''} ${e.actorId}`}</td>
                <td data-label="Action">{e.action}</td>
                <td data-label="Patron">
                  {e.patronId === null ? (
                    '—'
                  ) : (
                    <a href={`/staff/audit?patron=${encodeURIComponent(e.patronId)}`}>
                      {e.patronId}
                    </a>
                  )}
                </td>
                <td data-label="Detail">
                  <code>{Object.keys(e.detail).length === 0 ? '' : JSON.stringify(e.detail)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.olderHref !== undefined && (
        <p>
          <a href={p.olderHref}>Older entries</a>
        </p>
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
