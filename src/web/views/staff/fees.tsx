import type { VNode } from 'preact'
import type { FeeView } from '../../../circulation/fees.service.js'
import type { Ledger } from '../../../patrons/ledger.service.js'
import { money, type Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, SelectField, Summary } from '../ui.js'
import { feeKindWords, feeStatusWords } from './desk-words.js'

export interface FeesPageProps {
  chrome: Chrome
  fmt: Formats
  csrf: string
  patronId: string
  name: string
  owedCents: number
  fees: FeeView[]
  ledger: Ledger | undefined
}

const METHODS = [
  { value: 'cash', label: 'Cash' },
  { value: 'cheque', label: 'Check' },
  { value: 'card_terminal', label: 'Card terminal' },
]

export function FeesPage(p: FeesPageProps): VNode {
  const base = `/staff/patrons/${p.patronId}`
  const open = p.fees.filter((f) => f.outstandingCents > 0)
  return (
    <Page chrome={p.chrome}>
      <h1>{`Fines and payments: ${p.name}`}</h1>
      <p>
        <a href={base}>Back to the patron</a>
      </p>
      <Summary
        items={[
          ['Fines owed', money(p.owedCents)],
          [
            'Card balance',
            p.ledger === undefined ? 'Not shown to your role' : money(p.ledger.balanceCents),
          ],
        ]}
      />
      {p.owedCents > 0 && (
        <form method="post" action={`${base}/payments`} class="card">
          <Csrf token={p.csrf} />
          <h2>Take a payment</h2>
          <div class="grid-2">
            <Field
              name="amount"
              label="Amount"
              hint={`Up to ${money(p.owedCents)}, for example 2.50`}
              inputMode="decimal"
              required
              maxLength={12}
            />
            <SelectField name="method" label="Paid by" options={METHODS} value="cash" />
            <Field
              name="reference"
              label="Receipt number (optional)"
              hint="Never a card number."
              maxLength={60}
            />
          </div>
          <button type="submit">Record payment</button>
        </form>
      )}
      <h2>Fines and fees</h2>
      {p.fees.length === 0 ? (
        <Empty>No fines or fees.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Kind</th>
              <th scope="col" class="num">
                Amount
              </th>
              <th scope="col" class="num">
                Owed
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {p.fees.map((f) => (
              <tr key={f.id}>
                <td data-label="Date">{p.fmt.date(f.createdAt)}</td>
                <td data-label="Kind">
                  {feeKindWords(f.kind)}
                  {f.itemTitle !== null && <span class="small">{` — ${f.itemTitle}`}</span>}
                </td>
                <td data-label="Amount" class="num">
                  {money(f.amountCents)}
                </td>
                <td data-label="Owed" class="num">
                  {money(f.outstandingCents)}
                </td>
                <td data-label="Status">
                  {feeStatusWords(f.status)}
                  {f.growth !== null && (
                    <span class="small">
                      {` (${money(f.growth.perDayCents)} a day${f.growth.capCents === null ? '' : `, at most ${money(f.growth.capCents)}`})`}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open.map((f, i) => (
        <form key={f.id} method="post" action={`/staff/fees/${f.id}/waive`} class="card">
          <Csrf token={p.csrf} />
          <input type="hidden" name="patron" value={p.patronId} />
          <h3>{`Waive: ${feeKindWords(f.kind)} of ${p.fmt.date(f.createdAt)} (${money(f.outstandingCents)} owed)`}</h3>
          <div class="grid-2">
            <Field
              id={`waive-amount-${i}`}
              name="amount"
              label="Amount to waive"
              hint="Leave empty to waive all of it."
              inputMode="decimal"
              maxLength={12}
            />
            <Field id={`waive-reason-${i}`} name="reason" label="Reason" required maxLength={200} />
          </div>
          <button type="submit" class="button secondary">
            Waive
          </button>
        </form>
      ))}
      {p.ledger !== undefined && (
        <>
          <h2>Card balance entries</h2>
          {p.ledger.entries.length === 0 ? (
            <Empty>No entries.</Empty>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Reason</th>
                  <th scope="col" class="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.ledger.entries.map((e) => (
                  <tr key={e.id}>
                    <td data-label="Date">{p.fmt.date(e.createdAt)}</td>
                    <td data-label="Reason">{e.reason}</td>
                    <td data-label="Amount" class="num">
                      {money(e.amountCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <form method="post" action={`${base}/ledger`} class="card">
            <Csrf token={p.csrf} />
            <h3>Add to or take from the card balance</h3>
            <div class="grid-2">
              <SelectField
                name="kind"
                label="Entry"
                options={[
                  { value: 'credit', label: 'Credit (money in)' },
                  { value: 'debit', label: 'Debit (money out)' },
                ]}
                value="credit"
              />
              <Field
                id="ledger-amount"
                name="amount"
                label="Amount"
                inputMode="decimal"
                required
                maxLength={12}
              />
              <Field id="ledger-reason" name="reason" label="Reason" required maxLength={200} />
            </div>
            <button type="submit" class="button secondary">
              Add entry
            </button>
          </form>
        </>
      )}
    </Page>
  )
}
