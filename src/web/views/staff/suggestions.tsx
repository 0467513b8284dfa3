import type { VNode } from 'preact'
import type { SuggestionDetail, SuggestionSummary } from '../../../records/suggestions.service.js'
import { MESSAGE_MAX } from '../../../records/records.schemas.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty, PostButton, Summary } from '../ui.js'

export const STATUS_WORDS: Record<SuggestionSummary['status'], string> = {
  new: 'New',
  answered: 'Answered',
  closed: 'Closed',
}

export const suggestionHref = (id: string, rest = ''): string =>
  `/staff/suggestions/${encodeURIComponent(id)}${rest}`

export function SuggestionListPage(p: {
  chrome: Chrome
  fmt: Formats
  list: SuggestionSummary[]
  showing: 'open' | 'all'
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Suggestions</h1>
      <p class="measure">
        Suggestions and comments from the public form are public records, kept apart from borrower
        records. The sender’s name and contact, when given, are shown only on the suggestion’s own
        page, and each reading is recorded in the audit log.
      </p>
      <p>
        {p.showing === 'open' ? (
          <a href="/staff/suggestions?show=all">Show closed suggestions too</a>
        ) : (
          <a href="/staff/suggestions">Show open suggestions only</a>
        )}
      </p>
      {p.list.length === 0 ? (
        <Empty>No suggestions.</Empty>
      ) : (
        <table>
          <caption class="small">Newest first.</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Suggestion</th>
              <th scope="col">Status</th>
              <th scope="col">Can be answered</th>
            </tr>
          </thead>
          <tbody>
            {p.list.map((s) => (
              <tr key={s.id}>
                <td data-label="Received">{p.fmt.date(s.receivedOn)}</td>
                <td data-label="Suggestion">
                  <a href={suggestionHref(s.id)}>{s.excerpt}</a>
                </td>
                <td data-label="Status">{STATUS_WORDS[s.status]}</td>
                <td data-label="Can be answered">{s.answerable ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

export function SuggestionPage(p: {
  chrome: Chrome
  csrf: string
  fmt: Formats
  s: SuggestionDetail
}): VNode {
  const { s } = p
  return (
    <Page chrome={p.chrome}>
      <h1>Suggestion of {p.fmt.date(s.receivedOn)}</h1>
      <Summary
        items={[
          ['Status', STATUS_WORDS[s.status]],
          ['Language', s.language === 'es' ? 'Spanish' : 'English'],
          ['Name', s.name ?? '—'],
          ['Email', s.email ?? '—'],
          ['Phone', s.phone ?? '—'],
        ]}
      />
      <h2>Message</h2>
      <blockquote class="measure">{s.message}</blockquote>
      {s.answer !== null && (
        <>
          <h2>Answer of {p.fmt.date(s.answeredOn)}</h2>
          <blockquote class="measure">{s.answer}</blockquote>
        </>
      )}
      {s.status === 'new' && (
        <form method="post" action={suggestionHref(s.id, '/answer')} class="measure">
          <Csrf token={p.csrf} />
          <div class="field">
            <label for="f-answer">Answer</label>
            <p class="hint" id="f-answer-hint">
              {s.email !== undefined
                ? `Sent by email to the address given. The suggestion came in ${s.language === 'es' ? 'Spanish' : 'English'}: answer in that language. You will see it before it goes.`
                : s.phone !== undefined
                  ? 'No email address was given: phone the sender, then record what you said here.'
                  : 'No contact was given: record the library’s answer here for the record.'}
            </p>
            <textarea
              id="f-answer"
              name="answer"
              rows={8}
              required
              maxLength={MESSAGE_MAX}
              aria-describedby="f-answer-hint"
            />
          </div>
          <button type="submit">Review the answer</button>
        </form>
      )}
      {s.status !== 'closed' && (
        <PostButton
          action={suggestionHref(s.id, '/close')}
          csrf={p.csrf}
          label="Close this suggestion"
        />
      )}
      <p>
        <a href="/staff/suggestions">Back to the suggestions</a>
      </p>
    </Page>
  )
}

/** Sending an answer cannot be undone: this page shows it, and only its button sends it. */
export function ConfirmAnswerPage(p: {
  chrome: Chrome
  csrf: string
  s: SuggestionDetail
  answer: string
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Send this answer?</h1>
      <p class="measure">
        {p.s.email !== undefined
          ? `This answer goes by email to ${p.s.email}, with the suggestion quoted below it. It cannot be taken back.`
          : 'No email address was given, so nothing is sent: the answer is recorded with the suggestion.'}
      </p>
      <blockquote class="measure">{p.answer}</blockquote>
      <form method="post" action={suggestionHref(p.s.id, '/answer/send')} class="actions">
        <Csrf token={p.csrf} />
        <input type="hidden" name="answer" value={p.answer} />
        <button type="submit">
          {p.s.email !== undefined ? 'Send the answer' : 'Record the answer'}
        </button>
        <a href={suggestionHref(p.s.id)}>Go back without sending</a>
      </form>
    </Page>
  )
}
