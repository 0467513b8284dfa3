import type { VNode } from 'preact'
import type { HoldView } from '../../../circulation/holds.service.js'
import type { LoanView } from '../../../circulation/loans.service.js'
import type { PatronView } from '../../../patrons/patron-views.js'
import { codeLabel, money, type Formats } from '../../format.js'
import type { LibraryNames } from '../../library-names.js'
import type { Flash } from '../../sessions.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, FlashMessage, PostButton, Summary } from '../ui.js'
import { DeskAlerts, type DeskAlert } from './desk-alerts.js'
import { ScanField, SHORTCUT_KEYS, ShortcutLegend } from './desk.js'
import { holdStatusWords } from './desk-words.js'
import { LostUndoList, type LostUndoItem } from './lost.js'

export const patronName = (p: { givenName?: string | null; familyName?: string | null }): string =>
  [p.familyName, p.givenName].filter((v) => v !== null && v !== undefined).join(', ') ||
  'Name not shown'

export interface CircPanelProps {
  patronId: string
  /** The card items are lent on; undefined when the patron has none in use. */
  cardBarcode: string | undefined
  csrf: string
  fmt: Formats
  loans: LoanView[]
  flash?: Flash | undefined
}

/**
 * The checkout panel. With script, htmx posts the scan and swaps this panel in place; without,
 * the same form posts and the page comes back whole. Either way the scan field has the cursor.
 */
export function CircPanel(p: CircPanelProps): VNode {
  const action = `/staff/patrons/${p.patronId}/checkout`
  const swap = { 'hx-target': '#circ', 'hx-swap': 'outerHTML' }
  return (
    <section id="circ" aria-labelledby="circ-heading">
      <h2 id="circ-heading">Check out</h2>
      <div aria-live="polite">{p.flash !== undefined && <FlashMessage flash={p.flash} />}</div>
      {p.flash?.override !== undefined && (
        <form method="post" action={action} hx-post={action} {...swap} class="card">
          <Csrf token={p.csrf} />
          <input type="hidden" name="patronBarcode" value={p.cardBarcode ?? ''} />
          <input type="hidden" name="itemBarcode" value={p.flash.override.itemBarcode} />
          {p.flash.override.blocks.map((b) => (
            <input key={b} type="hidden" name="override" value={b} />
          ))}
          <p>{`Your role may lend it anyway (${p.flash.override.blocks.map(codeLabel).join(', ')}); the override is recorded.`}</p>
          <button type="submit" class="button danger">
            Lend anyway
          </button>
        </form>
      )}
      {p.cardBarcode === undefined ? (
        <p class="flash flash-error">
          This patron has no card in use: issue or reactivate one first.
        </p>
      ) : (
        <form method="post" action={action} hx-post={action} {...swap} class="scan">
          <Csrf token={p.csrf} />
          <input type="hidden" name="patronBarcode" value={p.cardBarcode} />
          <ScanField
            name="itemBarcode"
            label="Scan or type an item barcode"
            autofocus
            maxLength={32}
            shortcut="checkout"
          />
          <button type="submit">Check out</button>
        </form>
      )}
      <h3>{`On loan (${p.loans.length})`}</h3>
      {p.loans.length === 0 ? (
        <Empty>Nothing on loan.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Item</th>
              <th scope="col">Due</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.loans.map((l) => (
              <tr key={l.itemBarcode}>
                <td data-label="Title">{l.title}</td>
                <td data-label="Item">{l.itemBarcode}</td>
                <td data-label="Due">
                  {p.fmt.date(l.dueAt)} {l.overdue && <span class="tag bad">Overdue</span>}
                </td>
                <td class="actions">
                  <PostButton
                    action={`/staff/patrons/${p.patronId}/renew`}
                    csrf={p.csrf}
                    label="Renew"
                    accessibleLabel={`Renew ${l.title} (${l.itemBarcode})`}
                    fields={{ itemBarcode: l.itemBarcode }}
                  />
                  <PostButton
                    action={`/staff/patrons/${p.patronId}/lost`}
                    csrf={p.csrf}
                    label="Declare lost…"
                    accessibleLabel={`Declare ${l.title} (${l.itemBarcode}) lost: shows the charge first`}
                    fields={{ itemBarcode: l.itemBarcode }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export interface PatronPageProps {
  chrome: Chrome
  fmt: Formats
  today: string
  patron: PatronView
  owedCents: number
  names: LibraryNames
  /** What to check before lending, shown first. */
  alerts: DeskAlert[]
  /** Present for roles that work the desk. */
  desk?: { holds: HoldView[]; panel: CircPanelProps; undo: LostUndoItem[] }
}

export function PatronPage(p: PatronPageProps): VNode {
  const v = p.patron
  const card = v.cards.find((c) => c.status === 'active')?.barcode
  const base = `/staff/patrons/${v.id}`
  const desk = p.desk
  return (
    <Page chrome={p.chrome}>
      <h1>{patronName(v)}</h1>
      <DeskAlerts alerts={p.alerts} fmt={p.fmt} />
      <Summary
        items={[
          ['Card', card ?? 'None in use'],
          ['Category', p.names.category(v.category)],
          ['Home branch', p.names.branch(v.homeBranch)],
          ['Card valid until', p.fmt.date(v.expiresOn)],
          ['Fines owed', money(p.owedCents)],
          ['Card balance', money(v.balanceCents)],
        ]}
      />
      <p class="actions">
        <a href={`${base}/fees`}>Fines and payments</a>
        <a href={`${base}/notes`}>Account notes</a>
        <a href={`${base}/edit`}>Edit registration</a>
        <a href={`${base}/cards`}>Cards and PIN</a>
      </p>
      {desk === undefined ? (
        <p class="empty">Your role does not see this patron's loans and holds.</p>
      ) : (
        <>
          <p class="actions no-print">
            <a href="/staff/checkin" accessKey={SHORTCUT_KEYS.checkin}>
              Check items in
            </a>
            <a href="/staff?find=1" accessKey={SHORTCUT_KEYS.search}>
              Find another patron
            </a>
          </p>
          <ShortcutLegend
            keys={
              desk.panel.cardBarcode === undefined
                ? ['checkin', 'search']
                : ['checkout', 'checkin', 'search']
            }
          />
          <LostUndoList items={desk.undo} patronId={v.id} csrf={desk.panel.csrf} />
          <DeskSection {...desk} base={base} names={p.names} />
        </>
      )}
    </Page>
  )
}

function DeskSection(p: {
  holds: HoldView[]
  panel: CircPanelProps
  base: string
  names: LibraryNames
}): VNode {
  return (
    <>
      <CircPanel {...p.panel} />
      <h2>Holds</h2>
      {p.holds.length === 0 ? (
        <Empty>No holds.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Pickup</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {p.holds.map((h) => (
              <tr key={h.id}>
                <td data-label="Title">{h.title}</td>
                <td data-label="Status">
                  {h.status === 'queued'
                    ? `${holdStatusWords(h.status)}, number ${h.position ?? '?'}`
                    : holdStatusWords(h.status)}
                  {h.pickupCode !== null && ` · pickup code ${h.pickupCode}`}
                </td>
                <td data-label="Pickup">{p.names.branch(h.pickupBranch)}</td>
                <td>
                  <a
                    href={`${p.base}/holds/${h.id}/cancel`}
                    aria-label={`Cancel hold on ${h.title}`}
                  >
                    Cancel…
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
