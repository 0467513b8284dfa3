import type { VNode } from 'preact'
import type { OpenedRequest, RequestQueueEntry } from '../../../circulation/request-desk.js'
import type { RequestStatus } from '../../../circulation/requests.service.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Empty, PostButton, Summary } from '../ui.js'

export const requestHref = (id: string, rest = ''): string =>
  `/staff/requests/${encodeURIComponent(id)}${rest}`

const KIND_WORDS: Record<string, string> = {
  purchase: 'Purchase suggestion',
  interlibrary_loan: 'Interlibrary loan',
}

export const STATUS_WORDS: Record<RequestStatus, string> = {
  submitted: 'New',
  ordered: 'Ordered',
  requested: 'Asked of another library',
  received: 'Received, waiting for the patron',
  fulfilled: 'Given to the patron',
  declined: 'Declined',
  cancelled: 'Cancelled',
}

/** The button that moves a request to a status, in words that make sense on their own. */
const MOVE_WORDS: Record<RequestStatus, string> = {
  submitted: 'Mark new',
  ordered: 'Mark ordered',
  requested: 'Mark asked of another library',
  received: 'Mark received',
  fulfilled: 'Mark given to the patron…',
  declined: 'Decline…',
  cancelled: 'Cancel the request…',
}

/** Statuses a request never leaves: moving to one is asked about first. */
export const FINAL: readonly RequestStatus[] = ['fulfilled', 'declined', 'cancelled']

/** The queue: no titles or names, so that listing reads nobody's record. */
export function RequestQueuePage(p: {
  chrome: Chrome
  fmt: Formats
  which: 'open' | 'done'
  entries: RequestQueueEntry[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>{p.which === 'open' ? 'Requests being worked on' : 'Finished requests'}</h1>
      <nav aria-label="Which requests" class="actions">
        {(['open', 'done'] as const).map((w) => (
          <a
            key={w}
            href={`/staff/requests?show=${w}`}
            class={w === p.which ? 'button' : 'button secondary'}
            aria-current={w === p.which ? 'page' : undefined}
          >
            {w === 'open' ? 'Being worked on' : 'Finished'}
          </a>
        ))}
      </nav>
      <p class="measure">
        Purchase suggestions and interlibrary-loan requests sent from patrons’ accounts. The list
        shows no titles or names; opening one is recorded in the audit log as a reading of a
        borrower record, and the patron sees each change of status in their account.
      </p>
      {p.entries.length === 0 ? (
        <Empty>{p.which === 'open' ? 'Nothing is waiting.' : 'No finished requests.'}</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Sent</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {p.entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <a href={requestHref(e.id)}>{p.fmt.dateTime(e.createdAt)}</a>
                </td>
                <td>{KIND_WORDS[e.kind] ?? e.kind}</td>
                <td>{STATUS_WORDS[e.status]}</td>
                <td>{p.fmt.dateTime(e.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

/** One request, opened (an audited reading): what was asked for, by whom, and where it can go. */
export function RequestPage(p: {
  chrome: Chrome
  csrf: string
  fmt: Formats
  request: OpenedRequest
}): VNode {
  const r = p.request
  return (
    <Page chrome={p.chrome}>
      <h1>{KIND_WORDS[r.kind] ?? r.kind}</h1>
      <Summary
        items={[
          ['Title', r.title],
          ['Author', r.author ?? 'Not given'],
          ['Note from the patron', r.note ?? 'None'],
          [
            'Patron',
            <a key="patron" href={`/staff/patrons/${encodeURIComponent(r.patronId)}`}>
              {r.patronName}
            </a>,
          ],
          ['Sent', p.fmt.dateTime(r.createdAt)],
          ['Status', STATUS_WORDS[r.status as RequestStatus]],
          ['Last change', p.fmt.dateTime(r.updatedAt)],
        ]}
      />
      {r.next.length === 0 ? (
        <p class="measure">This request is finished; its status no longer changes.</p>
      ) : (
        <section aria-labelledby="move" class="measure">
          <h2 id="move">Change the status</h2>
          <div class="actions">
            {r.next.map((s) => (
              <PostButton
                key={s}
                action={requestHref(r.id, '/status')}
                csrf={p.csrf}
                label={MOVE_WORDS[s]}
                fields={{ status: s }}
                variant={FINAL.includes(s) && s !== 'fulfilled' ? 'danger' : 'secondary'}
              />
            ))}
          </div>
        </section>
      )}
      <p>
        <a href="/staff/requests">Back to the requests</a>
      </p>
    </Page>
  )
}

/** Asked before a request is finished for good. */
export function ConfirmStatusPage(p: {
  chrome: Chrome
  csrf: string
  id: string
  status: RequestStatus
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>{`${STATUS_WORDS[p.status]}: finish this request?`}</h1>
      <p class="measure">
        <strong>This cannot be undone.</strong> A finished request keeps this status for good, and
        the patron sees it in their account.
      </p>
      <div class="actions">
        <PostButton
          action={requestHref(p.id, '/status')}
          csrf={p.csrf}
          label="Yes, finish it"
          fields={{ status: p.status, confirm: 'yes' }}
          variant="danger"
        />
        <a class="button secondary" href={requestHref(p.id)}>
          No, go back
        </a>
      </div>
    </Page>
  )
}
