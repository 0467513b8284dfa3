import type { VNode } from 'preact'
import type { DeskEntry } from '../../../computers/queue-views.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, Field, SelectField, type Option } from '../ui.js'

export const queueHref = (branch: string): string =>
  `/staff/computers/queue?branch=${encodeURIComponent(branch)}`

const removeHref = (id: string, branch: string): string =>
  `/staff/computers/queue/${encodeURIComponent(id)}/remove?branch=${encodeURIComponent(branch)}`

/** Choosing a branch is a plain GET form: it works without script and changes nothing. */
function BranchPicker(p: { branches: Option[]; branch: string }): VNode {
  return (
    <form method="get" action="/staff/computers/queue">
      <SelectField name="branch" label="Branch" options={p.branches} value={p.branch} />
      <button type="submit" class="button secondary">
        Show
      </button>
    </form>
  )
}

/**
 * The desk's waiting list: position, ticket and a first-name initial at most, never a card
 * number or a name. Adding someone, calling the next person and taking a place off the list
 * are each a form; taking a place off asks first.
 */
export function DeskQueuePage(p: {
  chrome: Chrome
  csrf: string
  branch: string
  branches: Option[]
  entries: DeskEntry[]
  groups: Option[]
  freeComputers: Option[]
  time: (iso: string) => string
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Computer waiting list</h1>
      <BranchPicker branches={p.branches} branch={p.branch} />
      <p>
        <a href={`/computers/queue/display/${encodeURIComponent(p.branch)}?screen=1`}>
          The screen for the library’s wall
        </a>{' '}
        · <a href="/staff/computers/guest-passes">Guest passes</a>
      </p>
      <section aria-labelledby="queue-list">
        <h2 id="queue-list">Today’s list</h2>
        {p.entries.length === 0 ? (
          <Empty>Nobody is waiting at this branch.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Computers</th>
                <th scope="col">Position</th>
                <th scope="col">Ticket</th>
                <th scope="col">Initial</th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {p.entries.map((e) => (
                <tr key={e.id}>
                  <td data-label="Computers">{e.groupName}</td>
                  <td data-label="Position">{e.status === 'waiting' ? e.position : '—'}</td>
                  <td data-label="Ticket">{e.ticket}</td>
                  <td data-label="Initial">{e.initial ?? 'Anonymous'}</td>
                  <td data-label="Status">
                    {e.status === 'waiting'
                      ? 'Waiting'
                      : `Called to ${e.computerName ?? '?'} until ${p.time(e.until ?? '')}`}
                  </td>
                  <td data-label="Action">
                    <a href={removeHref(e.id, p.branch)} aria-label={`Remove ticket ${e.ticket}`}>
                      Remove
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="queue-add" class="measure">
        <h2 id="queue-add">Add someone</h2>
        {p.groups.length === 0 ? (
          <Empty>This branch has no groups of computers.</Empty>
        ) : (
          <form method="post" action="/staff/computers/queue/add">
            <Csrf token={p.csrf} />
            <input type="hidden" name="branch" value={p.branch} />
            <SelectField name="groupId" label="Computers" options={p.groups} />
            <Field
              name="barcode"
              label="Library card (scan it)"
              hint="Leave empty for an anonymous ticket."
              autocomplete="off"
              maxLength={32}
            />
            <button type="submit">Add to the list</button>
          </form>
        )}
      </section>
      <section aria-labelledby="queue-call" class="measure">
        <h2 id="queue-call">Call the next person</h2>
        {p.freeComputers.length === 0 ? (
          <Empty>No computer at this branch is free to call someone to.</Empty>
        ) : (
          <form method="post" action="/staff/computers/queue/call">
            <Csrf token={p.csrf} />
            <input type="hidden" name="branch" value={p.branch} />
            <SelectField name="computerId" label="Free computer" options={p.freeComputers} />
            <button type="submit">Call the next person</button>
          </form>
        )}
      </section>
    </Page>
  )
}

/** Taking a place off the list cannot be undone: the person would have to join again at the end. */
export function RemoveEntryPage(p: {
  chrome: Chrome
  csrf: string
  branch: string
  entry: DeskEntry
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Take ticket {p.entry.ticket} off the list?</h1>
      <p class="measure">
        The place is deleted at once. If the person comes back, they join again at the end of the
        list{p.entry.status === 'called' ? ', and the computer held for them goes to the next' : ''}
        .
      </p>
      <div class="actions">
        <form
          method="post"
          action={`/staff/computers/queue/${encodeURIComponent(p.entry.id)}/remove`}
          class="inline"
        >
          <Csrf token={p.csrf} />
          <input type="hidden" name="branch" value={p.branch} />
          <button type="submit" class="button danger">
            Yes, take it off
          </button>
        </form>
        <a class="button secondary" href={queueHref(p.branch)}>
          No, keep it
        </a>
      </div>
    </Page>
  )
}
