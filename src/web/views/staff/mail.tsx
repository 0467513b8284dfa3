import type { VNode } from 'preact'
import type { MaildropMessage, Undelivered } from '../../../comms/undelivered.service.js'
import type { NoticeStatus } from '../../../comms/outbox.tables.js'
import { humanise, type Formats } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Empty, Summary } from '../ui.js'
import { PRINT_PATH } from './print-letters.js'

const STATUS_WORDS: Record<NoticeStatus, string> = {
  queued: 'Waiting to be sent',
  sending: 'Being sent',
  sent: 'Sent',
  maildrop: 'Kept in the maildrop',
  failed: 'Failed',
  skipped: 'Not needed',
  print: 'Waiting for a printed letter',
  printed: 'Printed as a letter',
}

const mailHref = (name: string) => `/staff/mail/${encodeURIComponent(name)}`

export function UndeliveredPage(p: { chrome: Chrome; fmt: Formats; data: Undelivered }): VNode {
  const counts = Object.entries(p.data.counts) as [NoticeStatus, number][]
  return (
    <Page chrome={p.chrome}>
      <h1>Mail not sent</h1>
      {p.data.mode === 'maildrop' ? (
        <p class="measure">
          No mail server is set up (<code>CARREL_SMTP_URL</code>), so nothing is emailed: each
          message a patron would get is kept here instead, in the data directory’s <code>mail</code>{' '}
          folder, until the retention schedule deletes it.
        </p>
      ) : (
        <p class="measure">
          Messages go out through the library’s mail server. Below are the notices it refused for
          good or that ran out of attempts: reach those patrons another way.
        </p>
      )}
      {counts.length > 0 && (
        <Summary
          items={counts.map(([status, n]) => [STATUS_WORDS[status] ?? humanise(status), n])}
        />
      )}
      <h2>Letters to print</h2>
      <p>
        {(p.data.counts.print ?? 0) === 0
          ? 'No letter is waiting for a patron without email. '
          : `${p.data.counts.print} ${p.data.counts.print === 1 ? 'letter is' : 'letters are'} waiting for patrons without email. `}
        <a href={PRINT_PATH}>Letters to print</a>
      </p>
      <h2>Notices that failed</h2>
      {p.data.failed.length === 0 ? (
        <Empty>No notice has failed.</Empty>
      ) : (
        <table>
          <caption class="small">
            Newest first. What the notice said is gone once it fails; the kind and the day remain.
          </caption>
          <thead>
            <tr>
              <th scope="col">Queued</th>
              <th scope="col">Notice</th>
              <th scope="col">Patron’s card</th>
              <th scope="col">Tries</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {p.data.failed.map((f) => (
              <tr key={f.id}>
                <td data-label="Queued">{p.fmt.date(f.day)}</td>
                <td data-label="Notice">{humanise(f.kind)}</td>
                <td data-label="Patron’s card">{f.card ?? 'No active card'}</td>
                <td data-label="Tries" class="num">
                  {f.attempts}
                </td>
                <td data-label="Why">{f.failure ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>In the maildrop</h2>
      {p.data.maildrop.length === 0 ? (
        <Empty>The maildrop is empty.</Empty>
      ) : (
        <table>
          <caption class="small">
            Newest first{p.data.maildropMore ? '; only the newest 200 are listed' : ''}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Written</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
            </tr>
          </thead>
          <tbody>
            {p.data.maildrop.map((m) => (
              <tr key={m.name}>
                <td data-label="Written">{p.fmt.date(m.day)}</td>
                <td data-label="To">{m.to}</td>
                <td data-label="Subject">
                  <a href={mailHref(m.name)}>{m.subject === '' ? '(no subject)' : m.subject}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}

export function MaildropMessagePage(p: {
  chrome: Chrome
  fmt: Formats
  message: MaildropMessage
}): VNode {
  const m = p.message
  return (
    <Page chrome={p.chrome}>
      <p>
        <a href="/staff/mail">Back to mail not sent</a>
      </p>
      <h1>{m.subject === '' ? '(no subject)' : m.subject}</h1>
      <Summary
        items={[
          ['To', m.to],
          ['From', m.from],
          ['Written', p.fmt.date(m.day)],
          ['Language', m.language === '' ? '—' : m.language],
        ]}
      />
      <h2>Plain-text part</h2>
      <pre class="mail-text" lang={m.language === '' ? undefined : m.language}>
        {m.text}
      </pre>
    </Page>
  )
}
