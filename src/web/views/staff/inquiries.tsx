import type { VNode } from 'preact'
import { REPLY_MAX } from '../../../comms/inquiry-answers.js'
import type { InquiryView, QueueEntry } from '../../../comms/inquiry-desk.js'
import type { InquiryKind } from '../../../comms/inquiries.tables.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, PostButton, Summary } from '../ui.js'
import { TextArea } from '../form-fields.js'

export const inquiryHref = (id: string, rest = ''): string =>
  `/staff/inquiries/${encodeURIComponent(id)}${rest}`

const KIND_WORDS: Record<InquiryKind, string> = {
  question: 'Questions (ask a librarian)',
  address: 'Changes of address',
}
const STATUS_WORDS = { open: 'Waiting', answered: 'Answered', closed: 'Closed' }
const LANGUAGE_WORDS: Record<string, string> = { en: 'English', es: 'Spanish' }

/** The queue: oldest first, no content shown, so that listing reads nobody's record. */
export function InquiryQueuePage(p: {
  chrome: Chrome
  fmt: Formats
  kind: InquiryKind
  kinds: InquiryKind[]
  entries: QueueEntry[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>{KIND_WORDS[p.kind]}</h1>
      {p.kinds.length > 1 && (
        <nav aria-label="Kinds" class="actions">
          {p.kinds.map((k) => (
            <a
              key={k}
              href={`/staff/inquiries?kind=${k}`}
              class={k === p.kind ? 'button' : 'button secondary'}
              aria-current={k === p.kind ? 'page' : undefined}
            >
              {KIND_WORDS[k]}
            </a>
          ))}
        </nav>
      )}
      <p class="measure">
        Oldest first. The list shows no names or questions; opening one is recorded in the audit log
        as a reading of a borrower record.
      </p>
      {p.entries.length === 0 ? (
        <Empty>Nothing is waiting.</Empty>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Sent</th>
              <th scope="col">From</th>
              <th scope="col">Status</th>
              <th scope="col">Answer</th>
              <th scope="col">Language</th>
              <th scope="col">Assigned to</th>
            </tr>
          </thead>
          <tbody>
            {p.entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <a href={inquiryHref(e.id)}>{p.fmt.dateTime(e.createdAt)}</a>
                </td>
                <td>{e.fromPatron ? 'A card holder' : 'The public form'}</td>
                <td>{STATUS_WORDS[e.status]}</td>
                <td>{e.replyBy === 'email' ? 'By email' : 'At the desk or by phone'}</td>
                <td>{LANGUAGE_WORDS[e.language] ?? e.language}</td>
                <td>{e.assignedTo ?? 'Nobody yet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

/** One item, opened (an audited reading): who sent it, what, the replies, and what to do. */
export function InquiryPage(p: {
  chrome: Chrome
  csrf: string
  fmt: Formats
  me: string
  inquiry: InquiryView
  staff: { id: string; name: string }[]
}): VNode {
  const q = p.inquiry
  const open = q.status !== 'closed'
  const canReply = open && q.kind === 'question' && q.replyBy === 'email'
  return (
    <Page chrome={p.chrome}>
      <h1>{q.kind === 'address' ? 'Change of address' : 'Question'}</h1>
      <Summary
        items={[
          ['Sent', p.fmt.dateTime(q.createdAt)],
          ['Status', STATUS_WORDS[q.status]],
          [
            'From',
            q.patron !== null ? `${q.patron.name} (card holder)` : (q.name ?? 'No name given'),
          ],
          [
            'Answer',
            q.replyBy === 'email'
              ? `By email${q.email !== null ? ` to ${q.email}` : ' to the address on the registration'}`
              : 'At the desk or by phone',
          ],
          ['Language', LANGUAGE_WORDS[q.language] ?? q.language],
          ['Assigned to', q.assignedTo ?? 'Nobody yet'],
        ]}
      />
      {q.kind === 'address' && (
        <section aria-labelledby="addresses" class="measure">
          <h2 id="addresses">Addresses</h2>
          <p>
            <strong>Now on the registration:</strong> {q.patron?.address ?? 'none'}
          </p>
          <p>
            <strong>New address sent:</strong> {q.text}
          </p>
          <p>
            Check it as you would at registration. Applying it changes the registration and erases
            this request.
          </p>
          {open && (
            <PostButton
              action={inquiryHref(q.id, '/apply')}
              csrf={p.csrf}
              label="Apply the new address"
              variant="primary"
            />
          )}
        </section>
      )}
      {q.kind === 'question' && (
        <section aria-labelledby="question" class="measure">
          <h2 id="question">The question</h2>
          <p class="mail-text">{q.text}</p>
        </section>
      )}
      {q.replies.length > 0 && (
        <section aria-labelledby="replies" class="measure">
          <h2 id="replies">Replies</h2>
          {q.replies.map((r, i) => (
            <div key={i} class="card">
              <p class="small">
                {p.fmt.date(r.createdOn)} · {r.status}
              </p>
              <p class="mail-text">{r.body}</p>
            </div>
          ))}
        </section>
      )}
      {open && (
        <section aria-labelledby="assign" class="measure">
          <h2 id="assign">Assign</h2>
          <form method="post" action={inquiryHref(q.id, '/assign')}>
            <Csrf token={p.csrf} />
            <div class="field">
              <label for="f-staffId">Staff member</label>
              <select id="f-staffId" name="staffId">
                <option value="">Nobody</option>
                {p.staff.map((s) => (
                  <option key={s.id} value={s.id} selected={s.id === q.assignedId}>
                    {s.id === p.me ? `${s.name} (me)` : s.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="button secondary">
              Assign
            </button>
          </form>
        </section>
      )}
      {canReply && (
        <section aria-labelledby="reply" class="measure">
          <h2 id="reply">Reply by email</h2>
          <form method="post" action={inquiryHref(q.id, '/reply/check')}>
            <Csrf token={p.csrf} />
            <TextArea
              name="body"
              label={`Your reply, in ${LANGUAGE_WORDS[q.language] ?? q.language}`}
              hint="You see it once more before it is sent."
              required
              maxLength={REPLY_MAX}
            />
            <button type="submit">Check the reply</button>
          </form>
        </section>
      )}
      {open && (
        <section aria-labelledby="close" class="measure">
          <h2 id="close">Close</h2>
          <p>
            Close it when nothing more is to be done (for example, answered at the desk). It is
            erased on the retention schedule.
          </p>
          <PostButton action={inquiryHref(q.id, '/close')} csrf={p.csrf} label="Close" />
        </section>
      )}
      <p>
        <a href={`/staff/inquiries?kind=${q.kind}`}>Back to the list</a>
      </p>
    </Page>
  )
}

/** The step before a reply is sent: sending cannot be undone. */
export function ConfirmReplyPage(p: {
  chrome: Chrome
  csrf: string
  id: string
  body: string
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Send this reply?</h1>
      <p class="measure">
        <strong>This cannot be undone.</strong> The reply goes by email, in the language the
        question was asked in, with the question quoted below it.
      </p>
      <div class="card measure">
        <p class="mail-text">{p.body}</p>
      </div>
      <div class="actions">
        <form method="post" action={inquiryHref(p.id, '/reply')} class="inline">
          <Csrf token={p.csrf} />
          <input type="hidden" name="body" value={p.body} />
          <button type="submit" class="button danger">
            Yes, send it
          </button>
        </form>
        <a class="button secondary" href={inquiryHref(p.id)}>
          No, go back
        </a>
      </div>
    </Page>
  )
}
