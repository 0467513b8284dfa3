import type { VNode } from 'preact'
import type { LetterPart } from '../../../records/denial-letter.js'
import type { ExportedRecord } from '../../../records/records-request-items.js'
import type { Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { requestHref } from './records-requests.js'

/** The records to release, redacted, as a page to read over and print. */
export function ExportPage(p: {
  chrome: Chrome
  fmt: Formats
  id: string
  reference: string
  language: 'en' | 'es'
  records: ExportedRecord[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Records released for {p.reference}</h1>
      <p class="measure small">
        Read every record before releasing it: the redaction finds email addresses, phone numbers,
        street addresses and each sender’s own name, but not other people’s names.
      </p>
      {p.records.length === 0 ? (
        <p class="empty">No released records are listed.</p>
      ) : (
        <ol lang={p.language}>
          {p.records.map((r, i) => (
            <li key={i}>
              {r.receivedOn !== null && <p class="small">{p.fmt.date(r.receivedOn)}</p>}
              <blockquote>{r.text}</blockquote>
              {r.answer !== null && <blockquote>{r.answer}</blockquote>}
            </li>
          ))}
        </ol>
      )}
      <p class="actions">
        <a href={requestHref(p.id, '/export.csv')}>Download as CSV</a>
        <a href={requestHref(p.id)}>Back to the request</a>
      </p>
    </Page>
  )
}

/** The denial letter, printable, in the requester's language; its text version for an email below. */
export function LetterPage(p: {
  chrome: Chrome
  id: string
  language: 'en' | 'es'
  letter: { title: string; parts: LetterPart[] }
  text: string
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <article lang={p.language} class="measure letter">
        <h1>{p.letter.title}</h1>
        {p.letter.parts.map((part, i) => (
          <section key={i}>
            {part.heading !== undefined && <h2>{part.heading}</h2>}
            {part.lines.length > 1 && part.heading !== undefined ? (
              <ul>
                {part.lines.map((l, j) => (
                  <li key={j}>{l}</li>
                ))}
              </ul>
            ) : (
              part.lines.map((l, j) => <p key={j}>{l}</p>)
            )}
          </section>
        ))}
      </article>
      <section class="no-print measure">
        <h2>Text for an email</h2>
        <label for="letter-text">Copy this into a message to the requester</label>
        <textarea id="letter-text" rows={16} readOnly value={p.text} />
        <p>
          <a href={requestHref(p.id)}>Back to the request</a>
        </p>
      </section>
    </Page>
  )
}
