import type { VNode } from 'preact'
import type { LostPreview } from '../../../circulation/lost-undo.service.js'
import { money } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, PostButton, Summary } from '../ui.js'

/**
 * The step before a loss is charged (no script needed): the copy, and what will be billed, by
 * the same rules the charge uses. Only the button on this page charges anything.
 */
export function LostConfirmPage(p: {
  chrome: Chrome
  csrf: string
  patronId: string
  patronName: string
  preview: LostPreview
  /** The amount moved since the last time this page was shown (a day passed, a rule changed). */
  changedFrom?: number | undefined
  /** Undo will be offered after (nothing to undo when no replacement price is charged). */
  undoable: boolean
}): VNode {
  const base = `/staff/patrons/${p.patronId}`
  const q = p.preview
  return (
    <Page chrome={p.chrome}>
      <h1>Declare this item lost?</h1>
      {p.changedFrom !== undefined && (
        <div class="flash flash-error" role="alert">
          <p>
            {`The amount has changed from ${money(p.changedFrom)} to ${money(q.totalCents)} since the page was shown. Nothing was charged: check the new amount and confirm again.`}
          </p>
        </div>
      )}
      <p>{`Borrowed by ${p.patronName}. Nothing has been charged yet.`}</p>
      <Summary
        items={[
          ['Title', q.title],
          ['Item barcode', q.itemBarcode],
          ['Call number', q.callNumber ?? 'None'],
          ['Replacement price', money(q.replacementCents)],
          ['Overdue fine so far', money(q.fineCents)],
          ['Total to be billed', money(q.totalCents)],
        ]}
      />
      <p class="measure">
        Declaring it lost ends the loan, stops the overdue fine at the amount above and adds the
        replacement price to the patron’s account.
        {p.undoable
          ? ' Until you sign out, you can undo it from the patron’s page, as long as nothing has been paid toward it.'
          : ' This copy has no replacement price, so there will be nothing to undo.'}
      </p>
      <form method="post" action={`${base}/lost/confirm`} class="actions">
        <Csrf token={p.csrf} />
        <input type="hidden" name="itemBarcode" value={q.itemBarcode} />
        <input type="hidden" name="totalCents" value={String(q.totalCents)} />
        <button type="submit" class="button danger">
          {`Declare lost and bill ${money(q.totalCents)}`}
        </button>
        <a href={base}>Cancel: keep it on loan</a>
      </form>
    </Page>
  )
}

export interface LostUndoItem {
  itemBarcode: string
  title: string
}

/** Losses declared in this session for this patron, each with its way back. */
export function LostUndoList(p: { items: LostUndoItem[]; patronId: string; csrf: string }): VNode {
  if (p.items.length === 0) return <></>
  return (
    <section class="card" aria-labelledby="undo-heading">
      <h2 id="undo-heading">Declared lost in this session</h2>
      <p class="small">
        Undo takes the charge off and puts the loan back as it was. It is offered until you sign
        out, and only while nothing has been paid or waived since.
      </p>
      <ul>
        {p.items.map((i) => (
          <li key={i.itemBarcode}>
            {`“${i.title}” (${i.itemBarcode}) `}
            <PostButton
              action={`/staff/patrons/${p.patronId}/lost/undo`}
              csrf={p.csrf}
              label="Undo"
              accessibleLabel={`Undo declaring ${i.title} (${i.itemBarcode}) lost`}
              fields={{ itemBarcode: i.itemBarcode }}
            />
          </li>
        ))}
      </ul>
    </section>
  )
}

/**
 * The step before a hold is canceled: a queued patron loses their place, and a copy waiting on
 * the shelf goes to the next person. Only the button on this page cancels.
 */
export function HoldCancelConfirmPage(p: {
  chrome: Chrome
  csrf: string
  patronId: string
  hold: { id: string; title: string; status: string; position: number | null; branch: string }
}): VNode {
  const base = `/staff/patrons/${p.patronId}`
  const h = p.hold
  const loses =
    h.status === 'ready'
      ? 'The copy waiting on the hold shelf goes to the next person in line, or back to the shelves.'
      : h.status === 'queued' && h.position !== null
        ? `The patron gives up place number ${h.position} in line; placing the hold again starts at the back.`
        : 'Placing the hold again starts at the back of the line.'
  return (
    <Page chrome={p.chrome}>
      <h1>Cancel this hold?</h1>
      <Summary
        items={[
          ['Title', h.title],
          ['Pick up at', h.branch],
        ]}
      />
      <p class="measure">{`${loses} This cannot be undone.`}</p>
      <form method="post" action={`${base}/holds/${h.id}/cancel`} class="actions">
        <Csrf token={p.csrf} />
        <input type="hidden" name="confirmed" value="yes" />
        <button type="submit" class="button danger">
          Yes, cancel the hold
        </button>
        <a href={base}>No, keep the hold</a>
      </form>
    </Page>
  )
}
