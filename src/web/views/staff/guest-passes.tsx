import bwipjs from 'bwip-js'
import type { VNode } from 'preact'
import {
  MAX_PASSES_PER_BATCH,
  normaliseGuestCode,
} from '../../../computers/guest-passes.service.js'
import { Page, type Chrome } from '../layout.js'
import { Csrf, Field, SelectField, type Option } from '../ui.js'

/**
 * A pass's code as a Code 128 barcode, drawn on the server as SVG and put in the page (no script,
 * no image request). The code is also printed as text beside it, so the image is hidden from
 * screen readers.
 */
function Barcode({ code }: { code: string }): VNode {
  const svg = bwipjs.toSVG({
    bcid: 'code128',
    text: normaliseGuestCode(code),
    height: 10,
    scale: 2,
    includetext: false,
  })
  return <div class="barcode" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />
}

export function GuestPassFormPage(p: {
  chrome: Chrome
  csrf: string
  branches: Option[]
  branch: string
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>Guest passes</h1>
      <p class="measure">
        A guest pass lets someone without a library card use a public computer at one branch until
        it closes today. Passes are not linked to anyone: only a keyed digest of each code is
        stored, and the codes are shown once, on the sheet you print next.
      </p>
      <form method="post" action="/staff/computers/guest-passes/confirm" class="measure">
        <Csrf token={p.csrf} />
        <SelectField name="branch" label="Branch" options={p.branches} value={p.branch} />
        <Field
          name="count"
          type="number"
          label="How many passes"
          hint={`From 1 to ${MAX_PASSES_PER_BATCH}.`}
          value="10"
          inputMode="numeric"
          required
        />
        <button type="submit">Next</button>
      </form>
    </Page>
  )
}

/** The batch is made only from this page's button: codes are shown once and cannot be listed again. */
export function ConfirmGuestPassesPage(p: {
  chrome: Chrome
  csrf: string
  branch: string
  branchName: string
  count: number
  closes: string
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1>
        Make {p.count === 1 ? '1 guest pass' : `${p.count} guest passes`} for {p.branchName}?
      </h1>
      <p class="measure">
        They work at {p.branchName} until it closes today, at {p.closes}. The sheet with the codes
        is shown once, right after: print it then. Passes no one uses simply stop working at closing
        time.
      </p>
      <div class="actions">
        <form method="post" action="/staff/computers/guest-passes" class="inline">
          <Csrf token={p.csrf} />
          <input type="hidden" name="branch" value={p.branch} />
          <input type="hidden" name="count" value={String(p.count)} />
          <button type="submit" class="button">
            Yes, make them
          </button>
        </form>
        <a class="button secondary" href="/staff/computers/guest-passes">
          No, go back
        </a>
      </div>
    </Page>
  )
}

/** The printable sheet: each pass with its code as text and as a barcode, and when it stops working. */
export function GuestPassSheetPage(p: {
  chrome: Chrome
  branchName: string
  closes: string
  codes: string[]
}): VNode {
  return (
    <Page chrome={p.chrome}>
      <h1 class="no-print">Guest passes for {p.branchName}</h1>
      <p class="measure no-print">
        These codes are shown this once and are not stored: print the sheet now and cut it into
        passes.{' '}
        <button type="button" class="button secondary no-print" data-print hidden>
          Print
        </button>
      </p>
      <ul class="pass-sheet">
        {p.codes.map((code) => (
          <li key={code} class="pass">
            <p class="pass-title">Guest pass · {p.branchName}</p>
            <Barcode code={code} />
            <p class="code">{code}</p>
            <p class="small">Use it on a public computer here until {p.closes} today.</p>
          </li>
        ))}
      </ul>
    </Page>
  )
}
