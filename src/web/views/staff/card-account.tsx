import type { VNode } from 'preact'
import type { AccountNote } from '../../../patrons/notes.service.js'
import type { CardView } from '../../../patrons/patron-views.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, PostButton } from '../ui.js'
import { cardStatusWords } from './desk-words.js'

interface Common {
  chrome: Chrome
  fmt: Formats
  csrf: string
  patronId: string
  name: string
}

const back = (id: string) => (
  <p>
    <a href={`/staff/patrons/${id}`}>Back to the patron</a>
  </p>
)

export function CardsPage(p: Common & { cards: CardView[] }): VNode {
  const base = `/staff/patrons/${p.patronId}/cards`
  const active = p.cards.find((c) => c.status === 'active')
  return (
    <Page chrome={p.chrome}>
      <h1>{`Cards and PIN: ${p.name}`}</h1>
      {back(p.patronId)}
      <table>
        <thead>
          <tr>
            <th scope="col">Card number</th>
            <th scope="col">Status</th>
            <th scope="col">Issued</th>
            <th scope="col">PIN set</th>
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {p.cards.map((c) => (
            <tr key={c.barcode}>
              <td data-label="Card number">{c.barcode}</td>
              <td data-label="Status">{cardStatusWords(c.status)}</td>
              <td data-label="Issued">{p.fmt.date(c.issuedAt)}</td>
              <td data-label="PIN set">{c.hasPin ? 'Yes' : 'No'}</td>
              <td class="actions">
                {c.status === 'active' && (
                  <PostButton
                    action={`${base}/status`}
                    csrf={p.csrf}
                    label="Report lost"
                    accessibleLabel={`Report card ${c.barcode} lost`}
                    fields={{ barcode: c.barcode, status: 'lost' }}
                    variant="danger"
                  />
                )}
                {(c.status === 'lost' || c.status === 'expired') && (
                  <PostButton
                    action={`${base}/status`}
                    csrf={p.csrf}
                    label="Make active again"
                    accessibleLabel={`Make card ${c.barcode} active again`}
                    fields={{ barcode: c.barcode, status: 'active' }}
                  />
                )}
                {c.status !== 'replaced' && (
                  <PostButton
                    action={`${base}/replace`}
                    csrf={p.csrf}
                    label="Replace"
                    accessibleLabel={`Replace card ${c.barcode} with a new number`}
                    fields={{ barcode: c.barcode }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {active === undefined ? (
        <form method="post" action={`${base}/issue`} class="card">
          <Csrf token={p.csrf} />
          <h2>Issue a card</h2>
          <Field
            name="barcode"
            label="New card number"
            hint="Scan the new card, or leave empty to have a number made."
            autocomplete="off"
            maxLength={32}
          />
          <Field
            name="pin"
            label="PIN (optional)"
            type="password"
            autocomplete="new-password"
            inputMode="numeric"
            maxLength={32}
          />
          <button type="submit">Issue card</button>
        </form>
      ) : (
        <form method="post" action={`${base}/pin`} class="card">
          <Csrf token={p.csrf} />
          <h2>Set a new PIN</h2>
          <input type="hidden" name="barcode" value={active.barcode} />
          <Field
            name="pin"
            label={`New PIN for card ${active.barcode}`}
            hint="Let the patron type it. PINs are never shown to anyone."
            type="password"
            autocomplete="new-password"
            inputMode="numeric"
            required
            maxLength={32}
          />
          <button type="submit">Set PIN</button>
        </form>
      )}
    </Page>
  )
}

export function NotesPage(p: Common & { notes: AccountNote[] }): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>{`Account notes: ${p.name}`}</h1>
      {back(p.patronId)}
      <p class="measure small">
        Notes are for card-account matters only, are stored encrypted, and the patron can read them
        in their own copy of their data.
      </p>
      {p.notes.length === 0 ? (
        <Empty>No notes.</Empty>
      ) : (
        <ul class="results">
          {p.notes.map((n) => (
            <li key={n.id}>
              <p>{n.body}</p>
              <p class="small">{p.fmt.dateTime(n.createdAt)}</p>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/staff/patrons/${p.patronId}/notes`} class="card">
        <Csrf token={p.csrf} />
        <div class="field">
          <label for="f-body">New note</label>
          <textarea id="f-body" name="body" required maxLength={2000} />
        </div>
        <button type="submit">Add note</button>
      </form>
    </Page>
  )
}
