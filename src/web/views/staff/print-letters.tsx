import type { VNode } from 'preact'
import type { LetterBatch, PrintLetter } from '../../../comms/print-letters.service.js'
import { humanise } from '../../format.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Empty } from '../ui.js'

export const PRINT_PATH = '/staff/mail/print'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The ids of a batch, posted on to the next step so exactly these are marked. */
function BatchIds(p: { printed: readonly string[]; notNeeded: readonly string[] }): VNode {
  return (
    <>
      {p.printed.map((id) => (
        <input key={id} type="hidden" name="printed" value={id} />
      ))}
      {p.notNeeded.map((id) => (
        <input key={id} type="hidden" name="notNeeded" value={id} />
      ))}
    </>
  )
}

/** One letter, a page of its own on paper, in the patron's language. */
function Letter(p: { letter: PrintLetter; library: string }): VNode {
  const l = p.letter
  return (
    <article class="letter" lang={l.locale} aria-label={`Letter: ${l.subject}`}>
      <p class="letter-from">{p.library}</p>
      <address class="letter-to">
        {l.name !== null && <span>{l.name}</span>}
        {l.address.map((line, i) => (
          <span key={i}>{line}</span>
        ))}
      </address>
      {l.address.length === 0 && (
        <p class="no-print flash flash-error">
          No postal address is on file for this patron: hand the letter over at the desk.
        </p>
      )}
      <p class="letter-date">{l.dated}</p>
      <h2 class="letter-subject">{l.subject}</h2>
      {l.blocks.map((b, i) =>
        typeof b === 'string' ? (
          <p key={i}>{b}</p>
        ) : (
          <ul key={i}>
            {b.list.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ),
      )}
    </article>
  )
}

/**
 * Letters for patrons without email, as one printable batch: one letter per printed page, the
 * page's own headings and buttons left off the paper. Marking them printed is a second step.
 */
export function PrintLettersPage(p: { chrome: Chrome; csrf: string; batch: LetterBatch }): VNode {
  const { letters, notNeeded, more } = p.batch
  const count = letters.length
  return (
    <Page chrome={p.chrome}>
      <div class="no-print">
        <p>
          <a href="/staff/mail">Back to mail not sent</a>
        </p>
        <h1>Letters to print</h1>
        <p class="measure">
          Notices for patrons who have no email address wait here to go by post. Each letter says
          what the email would have said, in the patron’s language, and prints on a page of its own.
          Opening this page is recorded in each patron’s access log, because it shows their name and
          address.
        </p>
        {count === 0 && notNeeded.length === 0 ? (
          <Empty>No letters are waiting to be printed.</Empty>
        ) : (
          <>
            <p>
              {`${plural(count, 'letter', 'letters')} in this batch`}
              {more ? `; more are waiting and will be shown once these are marked printed` : ''}.
            </p>
            {count > 0 && (
              <button type="button" class="button secondary" data-print hidden>
                Print these letters
              </button>
            )}
            {notNeeded.length > 0 && (
              <>
                <h2>No longer needed</h2>
                <p class="measure">
                  These were waiting for a letter, but there is nothing left to tell. They are set
                  aside when this batch is marked printed.
                </p>
                <ul>
                  {notNeeded.map((n) => (
                    <li key={n.id}>{`${humanise(n.kind)}: ${n.reason}`}</li>
                  ))}
                </ul>
              </>
            )}
            <form method="post" action={`${PRINT_PATH}/confirm`} class="actions">
              <Csrf token={p.csrf} />
              <BatchIds printed={letters.map((l) => l.id)} notNeeded={notNeeded.map((n) => n.id)} />
              <button type="submit" class="button">
                {count > 0
                  ? `Mark these ${plural(count, 'letter', 'letters')} printed`
                  : 'Set these aside'}
              </button>
            </form>
          </>
        )}
      </div>
      <div class="letters">
        {letters.map((l) => (
          <Letter key={l.id} letter={l} library={p.chrome.library} />
        ))}
      </div>
    </Page>
  )
}

/** The step before letters are marked printed: once marked, what they said is gone for good. */
export function ConfirmPrintedPage(p: {
  chrome: Chrome
  csrf: string
  printed: readonly string[]
  notNeeded: readonly string[]
}): VNode {
  const count = p.printed.length
  return (
    <Page chrome={p.chrome}>
      <h1>{count > 0 ? `Mark ${plural(count, 'letter', 'letters')} printed?` : 'Set aside?'}</h1>
      <p class="measure">
        {count > 0
          ? `Check that every page came out of the printer. Once they are marked printed, what the letters said is deleted, as it is for a sent email, and they cannot be printed again. Letters that arrived after the batch was shown stay waiting.`
          : 'Nothing is printed; the notices that are no longer needed are closed.'}
        {count > 0 && p.notNeeded.length > 0
          ? ` ${plural(p.notNeeded.length, 'notice that is no longer needed is', 'notices that are no longer needed are')} set aside with them.`
          : ''}
      </p>
      <form method="post" action={`${PRINT_PATH}/mark`} class="actions">
        <Csrf token={p.csrf} />
        <input type="hidden" name="confirmed" value="yes" />
        <BatchIds printed={p.printed} notNeeded={p.notNeeded} />
        <button type="submit" class="button">
          {count > 0 ? `Yes, mark ${plural(count, 'letter', 'letters')} printed` : 'Yes, set aside'}
        </button>
        <a href={PRINT_PATH}>No, back to the letters</a>
      </form>
    </Page>
  )
}
