import type { VNode } from 'preact'
import type { LoanView } from '../../../circulation/loans.service.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Checkbox, Csrf, Empty, Field } from '../ui.js'

export function HistoryPage(p: {
  chrome: Chrome
  fmt: Formats
  csrf: string
  history: LoanView[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Reading history</h1>
      <div class="measure">
        <p>
          The library forgets what you borrowed once you return it and nothing is owed on it. If you
          would like a list of what you have read, you can ask us to keep one. It is off unless you
          turn it on, and only you and desk staff helping you can see it.
        </p>
        <p>
          <strong>Turning it off erases it:</strong> every returned item is removed from your record
          at once, and cannot be brought back.
        </p>
      </div>
      <div class="actions">
        <form method="post" action="/account/history" class="inline">
          <Csrf token={p.csrf} />
          <input type="hidden" name="keep" value="on" />
          <button type="submit">Keep my reading history</button>
        </form>
        <form method="post" action="/account/history" class="inline">
          <Csrf token={p.csrf} />
          <input type="hidden" name="keep" value="off" />
          <button type="submit" class="button danger">
            Turn it off and erase it
          </button>
        </form>
      </div>
      <h2>Items you have returned</h2>
      {p.history.length === 0 ? (
        <Empty>Nothing is listed: the library keeps no record of what you have returned.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Borrowed</th>
              <th scope="col">Returned</th>
            </tr>
          </thead>
          <tbody>
            {p.history.map((l, i) => (
              <tr key={`${l.itemBarcode}-${i}`}>
                <td data-label="Title">{l.title}</td>
                <td data-label="Borrowed">{p.fmt.date(l.checkedOutAt)}</td>
                <td data-label="Returned">{p.fmt.date(l.returnedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

export function ChoicesPage(p: {
  chrome: Chrome
  csrf: string
  notify: { notices: boolean; newsletter: boolean; policyChanges: boolean }
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Messages from the library</h1>
      <p class="measure">
        Each of these is off unless you choose it. You can change them at any time.
      </p>
      <form method="post" action="/account/choices" class="measure">
        <Csrf token={p.csrf} />
        <fieldset>
          <legend>Send me</legend>
          <Checkbox
            name="notices"
            label="Notices about my account"
            hint="Holds ready to collect, items coming due or overdue."
            checked={p.notify.notices}
          />
          <Checkbox
            name="newsletter"
            label="The library newsletter"
            hint="Events and news, about once a month."
            checked={p.notify.newsletter}
          />
          <Checkbox
            name="policyChanges"
            label="Changes to the privacy policy"
            hint="An email whenever the library changes how it treats your data."
            checked={p.notify.policyChanges}
          />
        </fieldset>
        <button type="submit">Save my choices</button>
      </form>
    </Page>
  )
}

export function PinPage({ chrome, csrf }: { chrome: Chrome; csrf: string }): VNode {
  return (
    <Page chrome={chrome}>
      <h1>Change your PIN</h1>
      <form method="post" action="/account/pin" class="measure">
        <Csrf token={csrf} />
        <Field
          name="currentPin"
          label="Current PIN"
          type="password"
          autocomplete="current-password"
          inputMode="numeric"
          required
          maxLength={32}
        />
        <Field
          name="newPin"
          label="New PIN"
          hint="Digits only. Avoid runs such as 1234, repeated digits, your birth year or the end of your phone number."
          type="password"
          autocomplete="new-password"
          inputMode="numeric"
          required
          maxLength={32}
        />
        <Field
          name="repeatPin"
          label="New PIN again"
          type="password"
          autocomplete="new-password"
          inputMode="numeric"
          required
          maxLength={32}
        />
        <button type="submit">Change PIN</button>
      </form>
    </Page>
  )
}

const ACTIONS: Record<string, string> = {
  'patron.read': 'Opened your record',
  'patron.search_hit': 'Found your record in a search',
  'patron.update': 'Changed your record',
  'patron.create': 'Registered you',
  'patron.export': 'Exported your record',
  'loans.read': 'Looked at your checkouts',
  'note.read': 'Read the notes on your account',
  'note.create': 'Added a note to your account',
  'circ.checkout': 'Checked an item out to you',
  'circ.checkin': 'Checked in an item you returned',
  'circ.renew': 'Renewed an item for you',
  'hold.place': 'Placed a hold for you',
  'hold.cancel': 'Cancelled a hold',
  'fee.payment': 'Took a payment',
  'fee.waiver': 'Waived a fine',
  'card.issue': 'Issued a card',
  'card.replace': 'Replaced your card',
  'card.pin_set': 'Set a new PIN',
  'card.status': 'Changed your card status',
  'ledger.entry': 'Changed your card balance',
  'audit.read': 'Read the access log for your record',
}

const ROLES: Record<string, string> = {
  admin: 'Administrator',
  privacy_officer: 'Privacy officer',
  librarian: 'Librarian',
  circulation: 'Circulation desk',
}

export function AccessesPage(p: {
  chrome: Chrome
  fmt: Formats
  accesses: { at: string; role: string; action: string }[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Who looked at my record</h1>
      <p class="measure">
        Every time library staff open, find or change your record, it is written down. Here you can
        see the most recent of those: when, and the kind of staff member. Names of staff are not
        shown.
      </p>
      {p.accesses.length === 0 ? (
        <Empty>No staff member has looked at your record.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {p.accesses.map((a, i) => (
              <tr key={`${a.at}-${i}`}>
                <td data-label="When">{p.fmt.dateTime(a.at)}</td>
                <td data-label="Who">{ROLES[a.role] ?? a.role}</td>
                <td data-label="What">{ACTIONS[a.action] ?? a.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}
