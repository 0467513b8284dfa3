import type { VNode } from 'preact'
import type { ItemLabel } from '../../../catalog/item-labels.js'
import type { DeskReturn } from '../../desk-session.js'
import type { Formats } from '../../format.js'
import type { LibraryNames } from '../../library-names.js'
import { Page, type Chrome } from '../layout.js'

/** Where a returned item goes next, in words, with the library's branch names. */
export function destination(r: DeskReturn, names: LibraryNames): string {
  switch (r.route) {
    case 'shelf':
      return `Shelf at ${names.branch(r.to)}`
    case 'hold_shelf':
      return `Hold shelf at ${names.branch(r.to)}`
    case 'hold_transit':
      return `Send to ${names.branch(r.to)}, for a hold`
    case 'transit':
      return `Send to ${names.branch(r.to)}, its home branch`
  }
}

export const slipPath = (barcode: string): string =>
  `/staff/checkin/slips/${encodeURIComponent(barcode)}`

/** The lines every slip carries: the copy, the date, and from where to where. */
export function SlipDetails(p: {
  entry: DeskReturn
  label: ItemLabel | undefined
  names: LibraryNames
  fmt: Formats
}): VNode {
  return (
    <dl class="kept">
      <div>
        <dt>Item barcode</dt>
        <dd>{p.entry.barcode}</dd>
      </div>
      <div>
        <dt>Call number</dt>
        <dd>{p.label?.callNumber ?? 'None'}</dd>
      </div>
      <div>
        <dt>Date</dt>
        <dd>{p.fmt.date(p.entry.day)}</dd>
      </div>
      <div>
        <dt>From</dt>
        <dd>{p.names.branch(p.entry.from)}</dd>
      </div>
      <div>
        <dt>To</dt>
        <dd>{p.names.branch(p.entry.to)}</dd>
      </div>
    </dl>
  )
}

/** A ready hold's shelf details, or 'gone' when the copy is no longer waiting for it. */
export type SlipHold = { pickupCode: string; expiresOn: string } | 'gone'

/**
 * A slip to print and put in the copy (P10: a pickup code, never a name or a card number). The
 * stylesheet's print rules leave only the slip on paper.
 */
export function PrintableSlipPage(p: {
  chrome: Chrome
  fmt: Formats
  entry: DeskReturn
  label: ItemLabel | undefined
  names: LibraryNames
  hold?: SlipHold | undefined
}): VNode {
  const to = p.names.branch(p.entry.to)
  const title = p.label?.title ?? 'Title not in the catalog'
  const heading =
    p.entry.route === 'hold_shelf'
      ? 'Hold slip'
      : p.entry.route === 'hold_transit'
        ? 'Transit slip: for a hold'
        : 'Transit slip'
  return (
    <Page chrome={p.chrome}>
      <section class="slip" aria-labelledby="slip-heading">
        <h1 id="slip-heading">{heading}</h1>
        {p.entry.route === 'hold_shelf' &&
          (p.hold === undefined || p.hold === 'gone' ? (
            <p class="flash flash-error">
              This copy is no longer waiting on the hold shelf (collected, canceled or past its
              date), so there is no hold slip to print. Check it in again to route it.
            </p>
          ) : (
            <>
              <p class="small">Pickup code</p>
              <p class="code">{p.hold.pickupCode}</p>
              <p>{`Pickup at: ${to}`}</p>
              <p>{`Collect by: ${p.fmt.date(p.hold.expiresOn)}`}</p>
            </>
          ))}
        {p.entry.route === 'hold_transit' && (
          <>
            <p class="code">{`To ${to}`}</p>
            <p>{`For a hold. ${to} gives it a pickup code when it arrives.`}</p>
          </>
        )}
        {p.entry.route === 'transit' && (
          <>
            <p class="code">{`To ${to}`}</p>
            <p>Returning to its home branch.</p>
          </>
        )}
        <p>
          <strong>{title}</strong>
        </p>
        <SlipDetails entry={p.entry} label={p.label} names={p.names} fmt={p.fmt} />
        <button type="button" class="button secondary no-print" data-print hidden>
          Print slip
        </button>
      </section>
      <p class="no-print">
        <a href="/staff/checkin">Back to check-in</a>
      </p>
    </Page>
  )
}
