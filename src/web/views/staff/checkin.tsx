import type { VNode } from 'preact'
import type { ItemLabel } from '../../../catalog/item-labels.js'
import type { ShelfEntry } from '../../../circulation/holds.service.js'
import type { DeskReturn } from '../../desk-session.js'
import { money, type Formats } from '../../format.js'
import type { LibraryNames } from '../../library-names.js'
import type { Slip } from '../../sessions.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, PostButton, SelectField, type Option } from '../ui.js'
import { ScanField, SHORTCUT_KEYS, ShortcutLegend } from './desk.js'
import { destination, SlipDetails, slipPath } from './slips.js'

/** P10: a slip names a pickup code, a title and a branch, never a patron. */
export function SlipCard({
  slip,
  fmt,
  branches,
  item,
}: {
  slip: Slip
  fmt: Formats
  branches: Record<string, string>
  /** The copy and its journey, from this session's list of returns. */
  item?: { entry: DeskReturn; label: ItemLabel | undefined; names: LibraryNames } | undefined
}): VNode {
  const branch = branches[slip.branch] ?? slip.branch
  return (
    <section class="slip" aria-labelledby="slip-heading">
      {slip.action === 'hold_shelf' && (
        <>
          <h2 id="slip-heading">Put on the hold shelf</h2>
          <p class="small">Pickup code</p>
          <p class="code">{slip.pickupCode}</p>
          <p>
            <strong>{slip.title}</strong>
          </p>
          <p>{`Pickup at: ${branch}`}</p>
          <p>{`Keep until: ${fmt.date(slip.keepUntil)}`}</p>
        </>
      )}
      {slip.action === 'transit' && (
        <>
          <h2 id="slip-heading">{`Send to ${branch}`}</h2>
          <p>
            <strong>{slip.title}</strong>
          </p>
          <p>
            {slip.forHold ? 'For a hold waiting at that branch.' : 'Returning to its home branch.'}
          </p>
        </>
      )}
      {slip.action === 'shelve' && (
        <>
          <h2 id="slip-heading">Return to the shelf</h2>
          <p>
            <strong>{slip.title}</strong>
          </p>
          <p>{`At ${branch}.`}</p>
        </>
      )}
      {item !== undefined && <SlipDetails {...item} fmt={fmt} />}
      <button type="button" class="button secondary no-print" data-print hidden>
        Print slip
      </button>
      {item !== undefined && item.entry.route !== 'shelf' && (
        <p class="no-print">
          <a href={slipPath(item.entry.barcode)}>Open the printable slip</a>
        </p>
      )}
    </section>
  )
}

/** This session's returns, newest first: the cookie holds them, the database never does. */
function ReturnsList(p: {
  returns: DeskReturn[]
  labels: Map<string, ItemLabel>
  names: LibraryNames
}): VNode {
  return (
    <section aria-labelledby="returns-heading" class="no-print">
      <h2 id="returns-heading">{`Returned in this session (${p.returns.length})`}</h2>
      <p class="small">
        Newest first. The list is kept only until you sign out; the library keeps no list of
        returns.
      </p>
      {p.returns.length === 0 ? (
        <Empty>Nothing checked in yet in this session.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Title</th>
              <th scope="col">Call number</th>
              <th scope="col">Goes next to</th>
              <th scope="col">Slip</th>
            </tr>
          </thead>
          <tbody>
            {p.returns.map((r, i) => {
              const label = p.labels.get(r.barcode)
              return (
                <tr key={`${r.barcode}-${i}`}>
                  <td data-label="Item">{r.barcode}</td>
                  <td data-label="Title">{label?.title ?? 'No longer in the catalog'}</td>
                  <td data-label="Call number">{label?.callNumber ?? '—'}</td>
                  <td data-label="Goes next to">{destination(r, p.names)}</td>
                  <td data-label="Slip">
                    {r.route === 'shelf' ? (
                      'None needed'
                    ) : (
                      <a
                        href={slipPath(r.barcode)}
                        aria-label={`Printable slip for ${label?.title ?? r.barcode} (${r.barcode})`}
                      >
                        Printable slip
                      </a>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function CheckinPage(p: {
  chrome: Chrome
  fmt: Formats
  csrf: string
  slip?: Slip | undefined
  branches: Record<string, string>
  names: LibraryNames
  returns: DeskReturn[]
  labels: Map<string, ItemLabel>
}): VNode {
  // The slip in the flash is the newest return's: the post that made it put both there.
  const newest = p.returns[0]
  return (
    <Page chrome={p.chrome}>
      <h1 class="no-print">Check in</h1>
      <p class="actions no-print">
        <a href="/staff" accessKey={SHORTCUT_KEYS.checkout}>
          Check out at the desk
        </a>
        <a href="/staff?find=1" accessKey={SHORTCUT_KEYS.search}>
          Find a patron
        </a>
      </p>
      <ShortcutLegend keys={['checkout', 'checkin', 'search']} />
      <form method="post" action="/staff/checkin" class="scan">
        <Csrf token={p.csrf} />
        <ScanField
          name="itemBarcode"
          label="Scan or type an item barcode"
          autofocus
          maxLength={32}
          shortcut="checkin"
        />
        <button type="submit">Check in</button>
      </form>
      {p.slip !== undefined && (
        <>
          <SlipCard
            slip={p.slip}
            fmt={p.fmt}
            branches={p.branches}
            item={
              newest === undefined
                ? undefined
                : { entry: newest, label: p.labels.get(newest.barcode), names: p.names }
            }
          />
          <div class="no-print">
            {p.slip.fineCents > 0 && (
              <p>{`An overdue fine of ${money(p.slip.fineCents)} was added to the borrower's account.`}</p>
            )}
            {p.slip.forgotten && <p class="small">The loan no longer names the borrower.</p>}
          </div>
        </>
      )}
      <ReturnsList returns={p.returns} labels={p.labels} names={p.names} />
    </Page>
  )
}

function ShelfTable({
  entries,
  fmt,
  caption,
}: {
  entries: ShelfEntry[]
  fmt: Formats
  caption: string
}): VNode {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Pickup code</th>
          <th scope="col">Title</th>
          <th scope="col">Item</th>
          <th scope="col">On the shelf since</th>
          <th scope="col">Keep until</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.itemBarcode}>
            <td data-label="Pickup code">
              <strong>{e.pickupCode}</strong>
            </td>
            <td data-label="Title">{e.title}</td>
            <td data-label="Item">{e.itemBarcode}</td>
            <td data-label="On the shelf since">{fmt.date(e.readyAt)}</td>
            <td data-label="Keep until">{fmt.date(e.expiresOn)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function HoldShelfPage(p: {
  chrome: Chrome
  fmt: Formats
  csrf: string
  branch: string
  branches: Option[]
  ready: ShelfEntry[]
  expired: ShelfEntry[]
}): VNode {
  const name = p.branches.find((b) => b.value === p.branch)?.label ?? p.branch
  return (
    <Page chrome={p.chrome}>
      <h1>{`Hold shelf: ${name}`}</h1>
      <form method="get" action="/staff/holds" class="actions">
        <SelectField
          name="branch"
          label="Show the shelf at"
          options={p.branches}
          value={p.branch}
        />
        <button type="submit" class="button secondary">
          Show
        </button>
      </form>
      <p class="small">Holds are shelved by pickup code. No names appear on the shelf.</p>
      <h2>Waiting to be collected</h2>
      {p.ready.length === 0 ? (
        <Empty>Nothing is waiting on this shelf.</Empty>
      ) : (
        <ShelfTable entries={p.ready} fmt={p.fmt} caption="Ready holds by pickup code" />
      )}
      <h2>Past their date: pull these and check them in</h2>
      {p.expired.length === 0 ? (
        <Empty>No expired holds are on this shelf.</Empty>
      ) : (
        <ShelfTable entries={p.expired} fmt={p.fmt} caption="Expired holds still on the shelf" />
      )}
      <PostButton
        action="/staff/holds/expire"
        csrf={p.csrf}
        label="Expire holds past their date now"
        fields={{ branch: p.branch }}
      />
    </Page>
  )
}
