import type { VNode } from 'preact'
import type { FeeView } from '../../../circulation/fees.service.js'
import type { HoldView } from '../../../circulation/holds.service.js'
import type { LoanView } from '../../../circulation/loans.service.js'
import { humanise, money, type Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, PostButton, SelectField, Summary, type Option } from '../ui.js'

export interface OverviewProps {
  chrome: Chrome
  fmt: Formats
  csrf: string
  givenName: string | undefined
  expiresOn: string
  loans: LoanView[]
  holds: HoldView[]
  owedCents: number
  balanceCents: number
}

export function OverviewPage(p: OverviewProps): VNode {
  const ready = p.holds.filter((h) => h.status === 'ready').length
  return (
    <Page chrome={p.chrome}>
      <h1>Your account</h1>
      {p.givenName !== undefined && <p class="lead">{`Hello, ${p.givenName}.`}</p>}
      <Summary
        items={[
          ['Checked out', p.loans.length],
          ['Holds', ready > 0 ? `${p.holds.length} (${ready} ready)` : p.holds.length],
          ['Fines owed', money(p.owedCents)],
          ['Card balance', money(p.balanceCents)],
          ['Card valid until', p.fmt.date(p.expiresOn)],
        ]}
      />
      <h2>Checkouts</h2>
      {p.loans.length === 0 ? (
        <Empty>You have nothing checked out.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Due</th>
              <th scope="col">Renewed</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.loans.map((l) => (
              <tr key={l.itemBarcode}>
                <td data-label="Title">
                  <strong>{l.title}</strong>
                  {l.author !== null && <span class="small">{` — ${l.author}`}</span>}
                </td>
                <td data-label="Due">
                  {p.fmt.date(l.dueAt)} {l.overdue && <span class="tag bad">Overdue</span>}
                </td>
                <td data-label="Renewed">{l.renewals === 0 ? 'Not yet' : `${l.renewals}×`}</td>
                <td>
                  <PostButton
                    action="/account/renew"
                    csrf={p.csrf}
                    label="Renew"
                    accessibleLabel={`Renew ${l.title}`}
                    fields={{ item: l.itemBarcode }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

function holdStatus(h: HoldView, fmt: Formats, branches: Record<string, string>): string {
  const at = branches[h.pickupBranch] ?? h.pickupBranch
  switch (h.status) {
    case 'ready':
      return `Ready at ${at}: collect by ${fmt.date(h.expiresOn)}. Pickup code ${h.pickupCode ?? ''}.`
    case 'in_transit':
      return `On its way to ${at}.`
    case 'queued':
      if (h.suspendedUntil !== null)
        return h.suspendedUntil === '9999-12-31'
          ? 'Paused until you resume it.'
          : `Paused until ${fmt.date(h.suspendedUntil)}.`
      return `Waiting: number ${h.position ?? '?'} in line.`
    default:
      return humanise(h.status)
  }
}

export interface HoldsProps {
  chrome: Chrome
  fmt: Formats
  csrf: string
  holds: HoldView[]
  branches: Record<string, string>
}

export function HoldsPage(p: HoldsProps): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Holds</h1>
      <p class="measure">
        To place a new hold, <a href="/search">find the title in the catalogue</a> and choose “Place
        a hold”.
      </p>
      {p.holds.length === 0 ? (
        <Empty>You have no holds.</Empty>
      ) : (
        <ul class="results">
          {p.holds.map((h) => (
            <li key={h.id}>
              <h2>{h.title}</h2>
              <p>{holdStatus(h, p.fmt, p.branches)}</p>
              <p class="small">{`Placed ${p.fmt.date(h.placedAt)}; pick up at ${p.branches[h.pickupBranch] ?? h.pickupBranch}.`}</p>
              <div class="actions">
                <PostButton
                  action={`/account/holds/${h.id}/cancel`}
                  csrf={p.csrf}
                  label="Cancel hold"
                  accessibleLabel={`Cancel hold on ${h.title}`}
                  variant="danger"
                />
                {h.status === 'queued' && h.suspendedUntil !== null && (
                  <PostButton
                    action={`/account/holds/${h.id}/resume`}
                    csrf={p.csrf}
                    label="Resume"
                    accessibleLabel={`Resume hold on ${h.title}`}
                  />
                )}
              </div>
              {h.status === 'queued' && h.suspendedUntil === null && (
                <form method="post" action={`/account/holds/${h.id}/suspend`} class="card">
                  <Csrf token={p.csrf} />
                  <Field
                    id={`until-${h.id}`}
                    name="until"
                    type="date"
                    label={`Pause this hold until (optional) — ${h.title}`}
                    hint="You keep your place in line while it is paused. Leave the date empty to pause until you resume it."
                  />
                  <button type="submit" class="button secondary">
                    Pause hold
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </Page>
  )
}

export function NewHoldPage(p: {
  chrome: Chrome
  csrf: string
  recordId: string
  title: string
  branches: Option[]
  homeBranch: string
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Place a hold</h1>
      <p class="lead">{p.title}</p>
      <form method="post" action="/account/holds" class="measure">
        <Csrf token={p.csrf} />
        <input type="hidden" name="record" value={p.recordId} />
        <SelectField
          name="pickupBranch"
          label="Pick it up at"
          options={p.branches}
          value={p.homeBranch}
        />
        <button type="submit">Place hold</button>
      </form>
    </Page>
  )
}

export function FinesPage(p: {
  chrome: Chrome
  fmt: Formats
  owedCents: number
  balanceCents: number
  fees: FeeView[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Fines and card balance</h1>
      <Summary
        items={[
          ['Fines owed', money(p.owedCents)],
          ['Card balance', money(p.balanceCents)],
        ]}
      />
      <p class="measure small">
        Fines can be paid at any branch desk. The card balance is money held on your card for
        services such as printing.
      </p>
      <h2>Fines and fees</h2>
      {p.fees.length === 0 ? (
        <Empty>You have no fines or fees on record.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">What for</th>
              <th scope="col" class="num">
                Amount
              </th>
              <th scope="col" class="num">
                Still owed
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {p.fees.map((f) => (
              <tr key={f.id}>
                <td data-label="Date">{p.fmt.date(f.createdAt)}</td>
                <td data-label="What for">
                  {humanise(f.kind)}
                  {f.itemTitle !== null && <span class="small">{` — ${f.itemTitle}`}</span>}
                </td>
                <td data-label="Amount" class="num">
                  {money(f.amountCents)}
                </td>
                <td data-label="Still owed" class="num">
                  {money(f.outstandingCents)}
                </td>
                <td data-label="Status">{humanise(f.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}
