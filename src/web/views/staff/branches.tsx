import type { VNode } from 'preact'
import type { BranchDetails } from '../../../library/branch-details.service.js'
import { timeOfDay, weekdayName } from '../../../i18n/time-of-day.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Field } from '../ui.js'

/** The week as librarians write it: Monday first. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0]
export const dayName = (weekday: number): string => weekdayName('en', weekday)

/** A branch's form as typed: address, phone, email, and `open-<day>-<span>` / `close-<day>-<span>`. */
export type BranchForm = Record<string, string>

export function formOf(b: BranchDetails): BranchForm {
  const form: BranchForm = { address: b.address, phone: b.phone, email: b.email ?? '' }
  b.hours.forEach((day, weekday) =>
    day.forEach((s, span) => {
      form[`open-${weekday}-${span}`] = s.opens
      form[`close-${weekday}-${span}`] = s.closes
    }),
  )
  return form
}

const hoursText = (b: BranchDetails, weekday: number) =>
  (b.hours[weekday] ?? [])
    .map((s) => `${timeOfDay('en', s.opens)}–${timeOfDay('en', s.closes)}`)
    .join(', ') || 'Closed'

export function BranchesAdminPage({
  chrome,
  branches,
}: {
  chrome: Chrome
  branches: BranchDetails[]
}): VNode {
  return (
    <Page chrome={chrome}>
      <h1>Branches</h1>
      <p class="lead measure">
        Addresses, phone numbers and regular opening hours, as the public hours and locations pages
        show them. Closed days are kept apart, with the closed-days calendar.
      </p>
      <table>
        <caption>Branches and their regular hours</caption>
        <thead>
          <tr>
            <th scope="col">Branch</th>
            <th scope="col">Address</th>
            {WEEK_ORDER.map((d) => (
              <th scope="col" key={d}>
                {dayName(d).slice(0, 3)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {branches.map((b) => (
            <tr key={b.code}>
              <th scope="row">
                <a href={`/staff/branches/${encodeURIComponent(b.code)}`}>{b.name}</a>
              </th>
              <td>{b.address === '' ? 'Not entered' : b.address.replaceAll('\n', ', ')}</td>
              {WEEK_ORDER.map((d) => (
                <td key={d}>{hoursText(b, d)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  )
}

function TimeInput({ form, name, label }: { form: BranchForm; name: string; label: string }) {
  return (
    <input type="time" name={name} id={`f-${name}`} value={form[name] ?? ''} aria-label={label} />
  )
}

export function BranchEditPage({
  chrome,
  branch,
  form,
  problem,
}: {
  chrome: Chrome
  branch: { code: string; name: string }
  form: BranchForm
  problem?: string | undefined
}): VNode {
  return (
    <Page chrome={chrome}>
      <p class="small">
        <a href="/staff/branches">All branches</a>
      </p>
      <h1>{branch.name}</h1>
      {problem !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <form method="post" action={`/staff/branches/${encodeURIComponent(branch.code)}`}>
        <Csrf token={chrome.user?.csrf ?? ''} />
        <div class="field">
          <label for="f-address">Postal address</label>
          <p class="hint" id="f-address-hint">
            One line per line of the envelope, at most five.
          </p>
          <textarea
            id="f-address"
            name="address"
            rows={4}
            maxLength={300}
            aria-describedby="f-address-hint"
            value={form.address ?? ''}
          />
        </div>
        <Field name="phone" label="Phone" type="tel" value={form.phone} maxLength={40} />
        <Field
          name="email"
          label="Email (optional)"
          type="email"
          value={form.email}
          maxLength={200}
        />
        <table>
          <caption>
            Regular opening hours (library time; leave a day empty when it is closed)
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Opens</th>
              <th scope="col">Closes</th>
              <th scope="col">Opens again</th>
              <th scope="col">Closes again</th>
            </tr>
          </thead>
          <tbody>
            {WEEK_ORDER.map((d) => (
              <tr key={d}>
                <th scope="row">{dayName(d)}</th>
                <td>
                  <TimeInput form={form} name={`open-${d}-0`} label={`${dayName(d)} opens`} />
                </td>
                <td>
                  <TimeInput form={form} name={`close-${d}-0`} label={`${dayName(d)} closes`} />
                </td>
                <td>
                  <TimeInput form={form} name={`open-${d}-1`} label={`${dayName(d)} opens again`} />
                </td>
                <td>
                  <TimeInput
                    form={form}
                    name={`close-${d}-1`}
                    label={`${dayName(d)} closes again`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="actions">
          <button type="submit">Save address and hours</button>
        </p>
      </form>
    </Page>
  )
}
